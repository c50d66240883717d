"""The demo: synthetic agreements and cases consistent with the demo States, re-runnable."""

import pytest

from tcdesk.assets.demo import load_demo
from tcdesk.assets.models import ConfiscationCase, SharingAgreement, SharingDecision

pytestmark = pytest.mark.django_db


def test_the_demo_loads_agreements_and_cases_with_a_decided_un_share_and_reloads(instruments, focal_mli):
    summary = load_demo(seed=1, scale=1)
    assert summary["agreements"] >= 2 and summary["cases"] == 3
    decision = SharingDecision.objects.get()
    assert decision.un_share > 0 and decision.un_fund == "UNTOC-30"
    assert sum(s.amount for s in decision.shares.all()) == decision.pool
    assert {c.reference for c in ConfiscationCase.objects.for_user(focal_mli)} == {
        "DEMO-CC-2026-001",
        "DEMO-CC-2026-002",
    }
    load_demo(seed=1, scale=1)
    assert SharingAgreement.objects.count() == summary["agreements"] and ConfiscationCase.objects.count() == 3
