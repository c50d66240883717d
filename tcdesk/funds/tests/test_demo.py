"""The funds demo: realistic funds, donors and money, consistent with the requests demo, and safe to rerun."""

import pytest

from tcdesk.funds import demo
from tcdesk.funds.models import Allocation, Donor, Fund, LedgerTransaction
from tcdesk.funds.services import ledger_verify
from tcdesk.funds.tests import factories

pytestmark = pytest.mark.django_db


def test_the_demo_funds_accepted_requests_and_can_run_again(db):
    africa, asia = factories.accepted_request("MLI"), factories.accepted_request("AFG")
    summary = demo.load_demo(seed=1, scale=1, progress=None)
    assert summary["ledger_ok"] and summary["allocations"] == 2
    assert {"CPCJF", "UNICRI", "UNTOC-30", "UNCAC-62"} <= set(Fund.objects.values_list("code", flat=True))
    assert Donor.objects.filter(code__in=["NOR", "DEU"], kind="state").count() == 2
    assert (
        Allocation.objects.get(request=asia).earmark is None
        or Allocation.objects.get(request=asia).earmark.code != "NOR-AFR"
    )
    assert Allocation.objects.filter(request=africa).exists()
    posted = LedgerTransaction.objects.count()
    demo.load_demo(seed=1, scale=1, progress=None)
    assert LedgerTransaction.objects.count() == posted  # nothing posted twice
    assert ledger_verify().ok
