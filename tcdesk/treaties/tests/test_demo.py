"""The treaties demo data: populated, coherent, synthetic, repeatable."""

import pytest
from django.utils import timezone

from tcdesk.treaties import demo, selectors
from tcdesk.treaties.models import Instrument, ParticipationAction

pytestmark = pytest.mark.django_db


def test_demo_populates_key_instruments_and_leaves_ldc_gaps():
    summary = demo.load_demo(seed=1, scale=1)
    assert summary["synthetic"]["created"] > 500
    assert ParticipationAction.objects.filter(synthetic=False).count() == 26  # the imported sample file
    today = timezone.localdate()
    assert {"UNTOC", "UNCAC", "TIP_PROTOCOL"} <= selectors.instruments_party_as_of("UKR", today)
    assert "ICSANT" not in selectors.instruments_party_as_of("MLI", today)
    gaps = selectors.gap_list("ICSANT", "LDC", today)
    assert "MLI" in {c.iso3 for c in gaps}
    assert selectors.status_document(Instrument.objects.get(code="UNTOC"), today)["organisations"]["parties"] == ["EU"]
    # Every synthetic Protocol party is party to the Convention.
    untoc = set(selectors.status_for_instrument(Instrument.objects.get(code="UNTOC"), today).parties)
    tip = set(selectors.status_for_instrument(Instrument.objects.get(code="TIP_PROTOCOL"), today).parties)
    assert tip <= untoc
    again = demo.load_demo(seed=1, scale=1)
    assert again["synthetic"]["created"] == 0 and all(i["created"] == 0 for i in again["imports"])
