"""Sample objects for the role test (tests/test_permissions.py): a fund, a donor (Norway) with an
agreement, and the base's Mali request (accepted) for the allocation form."""

from __future__ import annotations

from decimal import Decimal

from tcdesk.funds.tests import factories


def samples(base: dict) -> dict:
    factories.rates()
    fund = factories.fund("CPCJF")
    agreement = factories.agreement()
    donor = agreement.donor
    ta_request = base["request"]
    return {
        "pages": {
            "funds:fund_detail": ({"code": fund.code}, fund),
            "funds:fund_statement_export": ({"code": fund.code, "fmt": "csv"}, fund),
            "funds:donor_statement": ({"code": donor.code}, donor),
            "funds:donor_statement_export": ({"code": donor.code, "fmt": "csv"}, donor),
            "funds:agreement_detail": ({"pk": agreement.pk}, agreement),
            "funds:allocate": ({"request_id": ta_request.pk}, ta_request),
        },
        "api_by_prefix": {
            ("/api/funds/funds", "code"): (fund.code, fund),
            ("/api/funds/agreements", "agreement_id"): (agreement.pk, agreement),
        },
        "bodies": {
            ("POST", "/api/funds/allocations"): {
                "fund": "CPCJF",
                "amount": str(Decimal("1")),
                "request": ta_request.pk,
                "idempotency_key": "permission-test",
            },
        },
        "uploads": {
            ("POST", "/api/funds/rates/import"): {"dry_run": "true"},
            ("POST", "/api/funds/contributions/import"): {"dry_run": "true"},
        },
    }
