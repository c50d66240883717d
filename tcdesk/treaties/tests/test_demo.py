"""The treaties demo data: the real status tables first, synthetic actions only where none is real."""

import datetime as dt

import pytest
from django.utils import timezone

from tcdesk.treaties import demo, selectors
from tcdesk.treaties.models import Instrument, ParticipationAction, StatusImport

pytestmark = pytest.mark.django_db

REAL_ROWS = 3089  # the data rows of the 14 files of treaties/data/status


def test_demo_loads_the_real_tables_and_invents_only_where_no_real_data_exists():
    summary = demo.load_demo(seed=1, scale=1)
    assert len(summary["real_status"]) == 14
    assert sum(entry["created"] for entry in summary["real_status"]) == REAL_ROWS
    assert ParticipationAction.objects.filter(synthetic=False).count() == REAL_ROWS
    real = set(ParticipationAction.objects.filter(synthetic=False).values_list("instrument_id", flat=True))
    invented = set(ParticipationAction.objects.filter(synthetic=True).values_list("instrument_id", flat=True))
    assert invented == set(summary["synthetic"]["instruments"]) and summary["synthetic"]["created"] > 100
    assert not invented & real
    assert {"UNTOC", "TIP_PROTOCOL", "UNCAC", "ICSANT"} <= real

    today = timezone.localdate()
    assert {"UNTOC", "UNCAC", "TIP_PROTOCOL"} <= selectors.instruments_party_as_of("UKR", today)
    # Real ICSANT data (UNTC, copy of January 2018): Mali ratified, Angola and Ethiopia had not.
    assert "ICSANT" in selectors.instruments_party_as_of("MLI", today)
    gaps = {c.iso3 for c in selectors.gap_list("ICSANT", "LDC", today)}
    assert {"AGO", "ETH"} <= gaps and "MLI" not in gaps
    untoc = Instrument.objects.get(code="UNTOC")
    document = selectors.status_document(untoc, today)
    assert document["organisations"]["parties"] == ["EU"]
    assert (document["data_as_of"], document["complete"]) == ("2014-07-10", False)
    # Where both copies are complete (UNTOC's data ends on 2014-07-10), Protocol parties are Convention parties.
    day = dt.date(2014, 7, 10)
    tip = Instrument.objects.get(code="TIP_PROTOCOL")
    assert set(selectors.status_for_instrument(tip, day).parties) <= set(
        selectors.status_for_instrument(untoc, day).parties
    )

    again = demo.load_demo(seed=1, scale=1)
    assert all(entry["already_loaded"] for entry in again["real_status"])
    assert again["synthetic"]["created"] == 0
    assert StatusImport.objects.filter(outcome="applied").count() == 14


def test_real_data_replaces_synthetic_actions_of_the_same_instrument():
    from tcdesk.treaties.tests.factories import ActionFactory

    ActionFactory(instrument_id="UNTOC", country_id="MLI", action="accession", date=dt.date(2010, 1, 1), synthetic=True)
    demo.load_demo(seed=1, scale=1)
    assert not ParticipationAction.objects.filter(instrument_id="UNTOC", synthetic=True).exists()
    mali = ParticipationAction.objects.get(instrument_id="UNTOC", country_id="MLI", action="ratification")
    assert mali.date == dt.date(2002, 4, 12) and mali.source_import.data_as_of == dt.date(2014, 7, 10)
    deleted = ParticipationAction.history.filter(history_type="-", country_id="MLI", instrument_id="UNTOC").get()
    assert deleted.history_change_reason == "synthetic demo data replaced by real data"
