"""Sample objects for the role test (tests/test_permissions.py): a fund, a donor (Norway) with an
agreement, an earmark and a receipt, an allocation to a request, and the base's Mali request
(accepted) for the allocation form; bodies that pass each write endpoint's schema."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tcdesk.funds import services
from tcdesk.funds.tests import factories


def samples(base: dict) -> dict:
    factories.rates()
    fund = factories.fund("CPCJF")
    agreement = factories.agreement()
    donor = agreement.donor
    ta_request = base["request"]
    earmark = services.earmark_create(actor=None, agreement=agreement.pk, code="NOR-ANY", label="Any use")
    receipt = services.receipt_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("10500"),
        currency="NOK",
        received_on=factories.DAY,
        agreement=agreement.pk,
        earmark=earmark.pk,
        reference="PERM-R1",
    )
    allocation = services.allocation_create(
        actor=None,
        fund="CPCJF",
        earmark=earmark.pk,
        amount=Decimal("100"),
        currency="USD",
        request=factories.accepted_request().pk,
        idempotency_key="perm-a1",
        on=factories.DAY,
    )
    day = dt.date(2026, 3, 20).isoformat()
    return {
        "pages": {
            "funds:fund_detail": ({"code": fund.code}, fund),
            "funds:fund_statement_export": ({"code": fund.code, "fmt": "csv"}, fund),
            "funds:donor_statement": ({"code": donor.code}, donor),
            "funds:donor_statement_export": ({"code": donor.code, "fmt": "csv"}, donor),
            "funds:agreement_detail": ({"pk": agreement.pk}, agreement),
            "funds:allocate": ({"request_id": ta_request.pk}, ta_request),
            "funds:fund_edit": ({"code": fund.code}, fund),
            "funds:donor_edit": ({"code": donor.code}, donor),
            "funds:agreement_edit": ({"pk": agreement.pk}, agreement),
            "funds:earmark_create": ({"pk": agreement.pk}, agreement),
            "funds:earmark_edit": ({"pk": earmark.pk}, earmark),
            "funds:receipt_reverse": ({"pk": receipt.pk}, receipt),
            "funds:expenditure_create": ({"pk": allocation.pk}, allocation),
        },
        "api_by_prefix": {
            ("/api/funds/funds", "code"): (fund.code, fund),
            ("/api/funds/agreements", "agreement_id"): (agreement.pk, agreement),
            ("/api/funds/donors", "code"): (donor.code, donor),
            ("/api/funds/earmarks", "earmark_id"): (earmark.pk, earmark),
            ("/api/funds/receipts", "receipt_id"): (receipt.pk, receipt),
            ("/api/funds/allocations", "allocation_id"): (allocation.pk, allocation),
        },
        "bodies": {
            ("POST", "/api/funds/allocations"): {
                "fund": "CPCJF",
                "amount": str(Decimal("1")),
                "request": ta_request.pk,
                "idempotency_key": "permission-test",
            },
            ("POST", "/api/funds/funds"): {"code": "PERM", "name_en": "Permission fund"},
            ("PUT", "/api/funds/funds/{code}"): {"name_en": "Renamed"},
            ("POST", "/api/funds/donors"): {"code": "FDN-X", "kind": "foundation", "name_en": "A foundation"},
            ("PUT", "/api/funds/donors/{code}"): {"name_en": "Renamed"},
            ("POST", "/api/funds/agreements"): {
                "reference": "PERM-AG",
                "donor": "NOR",
                "fund": "CPCJF",
                "amount": "1000",
                "currency": "NOK",
                "signed_on": day,
                "valid_from": day,
                "valid_to": day,
            },
            ("PUT", "/api/funds/agreements/{int:agreement_id}"): {
                "amount": "1000",
                "signed_on": "2026-01-15",
                "valid_from": "2026-01-01",
                "valid_to": "2027-12-31",
            },
            ("POST", "/api/funds/agreements/{int:agreement_id}/earmarks"): {"code": "PERM-E", "label": "Sahel"},
            ("PUT", "/api/funds/earmarks/{int:earmark_id}"): {"label": "Renamed"},
            ("POST", "/api/funds/receipts"): {
                "donor": "NOR",
                "fund": "CPCJF",
                "amount": "10",
                "currency": "USD",
                "received_on": day,
                "reference": "PERM-R2",
            },
            ("POST", "/api/funds/receipts/{int:receipt_id}/reversal"): {"reason": "Recorded twice."},
            ("POST", "/api/funds/refunds"): {
                "donor": "NOR",
                "fund": "CPCJF",
                "amount": "1",
                "currency": "USD",
                "refunded_on": day,
                "reference": "PERM-RF",
            },
            ("POST", "/api/funds/transfers"): {
                "source": "CPCJF",
                "target": "CPCJF",
                "amount": "1",
                "transferred_on": day,
                "reference": "PERM-T",
            },
            ("POST", "/api/funds/pledges/revaluation"): {"month": "2026-03"},
            ("POST", "/api/funds/allocations/{int:allocation_id}/expenditure"): {
                "amount": "10",
                "currency": "USD",
                "spent_on": day,
                "reference": "PERM-X",
            },
        },
        "uploads": {
            ("POST", "/api/funds/rates/import"): {"dry_run": "true"},
            ("POST", "/api/funds/contributions/import"): {"dry_run": "true"},
        },
    }
