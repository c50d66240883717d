"""Objects the role test (tests/test_permissions.py) needs for the asset-sharing URLs: an agreement
between Mali and Switzerland and a case in which Mali cooperates, with its sharing decided."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tcdesk.assets import services
from tcdesk.core.models import Country

AGREEMENT = {"reference": "SA-NEW", "title": "New", "state": "MLI", "legal_basis": "untoc_14_3_b", "rule": "equal"}


def samples(base: dict) -> dict:
    officer = base["officer"]
    country = Country.objects.get
    agreement = services.agreement_create(
        actor=officer,
        reference="SA-SAMPLE",
        title="Sample agreement",
        state=country(iso3="CHE"),
        counterpart_state=country(iso3="MLI"),
        legal_basis="untoc_14_3_b",
        rule="equal",
        currency="USD",
    )
    case = services.case_create(
        actor=officer,
        reference="CC-SAMPLE",
        title="Sample case",
        agreement=agreement,
        realised_amount=Decimal("100.00"),
        un_share_rate=Decimal("0.1"),
        un_fund="UNTOC-30",
    )
    services.case_party_add(actor=officer, case=case, state=country(iso3="CHE"), role="confiscating")
    services.case_party_add(actor=officer, case=case, state=country(iso3="MLI"), role="cooperating")
    other = services.case_create(actor=officer, reference="CC-SAMPLE-2", title="Other", agreement=agreement)
    page = {"pk": case.pk}
    return {
        "pages": {
            "assets:agreement_detail": ({"pk": agreement.pk}, agreement),
            "assets:agreement_edit": ({"pk": agreement.pk}, agreement),
            "assets:case_detail": (page, case),
            "assets:case_edit": (page, case),
            "assets:case_item_add": ({"pk": case.pk, "kind": "offence"}, case),
            "assets:decision_record": (page, case),
            "assets:transfer_add": (page, case),
            "assets:un_share_post": ({"pk": other.pk}, other),
        },
        "api": {"agreement_id": (agreement.pk, agreement), "case_id": (case.pk, case)},
        "bodies": {
            ("POST", "/api/assets/agreements"): AGREEMENT,
            ("PUT", "/api/assets/agreements/{int:agreement_id}"): AGREEMENT,
            ("POST", "/api/assets/cases"): {"reference": "CC-NEW", "title": "New"},
            ("PUT", "/api/assets/cases/{int:case_id}"): {"reference": "CC-SAMPLE", "title": "Sample case"},
            ("POST", "/api/assets/cases/{int:case_id}/parties"): {"state": "UKR", "role": "cooperating"},
            ("POST", "/api/assets/cases/{int:case_id}/assets"): {
                "description": "Car",
                "value": "1.00",
                "currency": "USD",
            },
            ("POST", "/api/assets/cases/{int:case_id}/returns"): {
                "recipient": "x",
                "kind": "victims",
                "amount": "1.00",
            },
            ("POST", "/api/assets/cases/{int:case_id}/expenses"): {
                "state": "MLI",
                "description": "x",
                "amount": "1.00",
            },
            ("POST", "/api/assets/cases/{int:case_id}/transfers"): {
                "kind": "share",
                "amount": "1.00",
                "transferred_on": "2026-01-02",
            },
            ("POST", "/api/assets/cases/{int:case_id}/decision"): {"decided_on": dt.date(2026, 1, 2).isoformat()},
            ("POST", "/api/assets/cases/{int:case_id}/un-share"): {"received_on": "2026-01-02"},
            ("POST", "/api/assets/cases/{int:case_id}/offences"): {"description": "Laundering"},
        },
    }
