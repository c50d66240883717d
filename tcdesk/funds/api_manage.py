"""Fund managers' writes through the API (mounted with the funds API at /api/funds), over the same
services as the pages: funds, donors, agreements and earmarks; receipts and their reversal, refunds
(returns of unspent balances), transfers between funds, expenditure under an allocation.

Bad input answers 422 with `{"detail": [{"loc": ["body", field], "msg": rule}]}`; a draw beyond the free
balance 409 with `{"detail"}`; a refused role 403; an object out of sight 404. A repeated reference
(receipts, refunds, transfers, expenditure) returns what it recorded the first time.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field

from tcdesk.core.access import load_for_user, requires
from tcdesk.core.api_errors import ErrorOut, whole_record

from . import selectors, services
from .api import router
from .choices import FundKind
from .errors import FundsError, OverdrawnError
from .models import Allocation, ContributionAgreement, Donor, Earmark, Receipt
from .permissions import ALLOCATE, MANAGE_FUNDS, RECORD_CONTRIBUTION

WRITE_ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _refused(exc: FundsError) -> tuple[int, dict]:
    if isinstance(exc, OverdrawnError):
        return 409, {"detail": exc.message}
    return 422, {"detail": [{"loc": ["body", exc.field], "msg": exc.message}]}


class FundIn(Schema):
    name_en: str
    name_fr: str = ""
    kind: str = Field(FundKind.GENERAL, description="general, special, institute or convention")
    currency: str = "USD"
    mandate_reference: str = ""


class FundCreateIn(FundIn):
    code: str


class FundUpdateIn(FundIn):
    active: bool = True


class FundWrittenOut(Schema):
    code: str
    name_en: str
    name_fr: str
    kind: str
    currency: str
    mandate_reference: str
    active: bool


class DonorIn(Schema):
    code: str = Field(description="A State's ISO3, an organisation's code, or a new code")
    kind: str = Field(description="state, organisation, foundation or private")
    name_en: str = ""
    name_fr: str = ""


class DonorUpdateIn(Schema):
    name_en: str
    name_fr: str = ""


class DonorOut(Schema):
    code: str
    kind: str
    name: str
    country: str | None = Field(alias="country_id")
    organisation: str | None = None

    @staticmethod
    def resolve_organisation(obj: Donor) -> str | None:
        return obj.organisation.code if obj.organisation_id else None


class AgreementTermsIn(Schema):
    amount: Decimal
    signed_on: dt.date
    valid_from: dt.date
    valid_to: dt.date
    psc_rate: Decimal = Field(Decimal("0.13"), description="Programme support cost rate, 0.13 for 13 %")
    reporting_obligations: str = ""


class AgreementCreateIn(AgreementTermsIn):
    reference: str
    donor: str = Field(description="Donor code, ISO3, organisation code or name")
    fund: str
    currency: str


class EarmarkIn(Schema):
    label: str
    themes: list[str] = []
    regions: list[str] = Field([], description="M49 codes")
    countries: list[str] = Field([], description="ISO3 codes")
    requests: list[int] = Field([], description="Assistance request ids")


class EarmarkCreateIn(EarmarkIn):
    code: str


class EarmarkOut(Schema):
    id: int
    code: str
    agreement: int = Field(alias="agreement_id")
    label: str
    themes: list[str]
    regions: list[str]
    countries: list[str]
    requests: list[int]

    @staticmethod
    def resolve_themes(obj: Earmark) -> list[str]:
        return sorted(obj.themes.values_list("code", flat=True))

    @staticmethod
    def resolve_regions(obj: Earmark) -> list[str]:
        return sorted(obj.regions.values_list("code", flat=True))

    @staticmethod
    def resolve_countries(obj: Earmark) -> list[str]:
        return sorted(obj.countries.values_list("iso3", flat=True))

    @staticmethod
    def resolve_requests(obj: Earmark) -> list[int]:
        return sorted(obj.requests.values_list("pk", flat=True))


class ReceiptIn(Schema):
    donor: str
    fund: str
    amount: Decimal
    currency: str
    received_on: dt.date
    reference: str = Field(description="Idempotency key: a repeated one returns the first receipt")
    agreement: int | None = None
    earmark: int | None = None


class ReversalIn(Schema):
    reason: str
    on: dt.date | None = None


class RefundIn(Schema):
    donor: str
    fund: str
    amount: Decimal
    currency: str
    refunded_on: dt.date
    reference: str
    earmark: int | None = Field(None, description="Return an earmark's unspent money; null: the fund's")


class RefundOut(Schema):
    id: int
    reference: str
    donor: str = Field(alias="donor.code")
    fund: str = Field(alias="fund.code")
    earmark: int | None = Field(alias="earmark_id")
    amount: Decimal
    currency: str
    usd_amount: Decimal
    refunded_on: dt.date


class FundTransferIn(Schema):
    source: str = Field(description="Fund code the money leaves")
    target: str = Field(description="Fund code it goes to")
    amount: Decimal = Field(description="In the source fund's currency")
    transferred_on: dt.date
    reference: str


class FundTransferOut(Schema):
    transaction: int = Field(alias="pk")
    reference: str
    occurred_on: dt.date
    memo: str

    @staticmethod
    def resolve_reference(obj) -> str:
        return obj.idempotency_key.removeprefix("transfer:")


class ExpenditureIn(Schema):
    amount: Decimal
    currency: str = "USD"
    spent_on: dt.date
    reference: str


class ExpenditureOut(Schema):
    id: int
    allocation: int = Field(alias="allocation_id")
    reference: str
    amount: Decimal
    currency: str
    fund_amount: Decimal
    support_costs: Decimal
    usd_amount: Decimal
    spent_on: dt.date


# ---------------------------------------------------------------------------------------------- records


@router.post("/funds", response={201: FundWrittenOut, **WRITE_ERRORS}, summary="Create a fund")
@requires(MANAGE_FUNDS)
def create_fund(request: HttpRequest, payload: FundCreateIn):
    return 201, services.fund_create(actor=request.user, **payload.dict())


@router.put("/funds/{code}", response={200: FundWrittenOut, **WRITE_ERRORS}, summary="Correct a fund")
@requires(MANAGE_FUNDS, per_object=True)
def update_fund(request: HttpRequest, code: str, payload: FundUpdateIn):
    """Every field is required: a PUT replaces the fund's terms (422 naming any left out)."""
    fund = selectors.get_fund_for_user(request.user, code, MANAGE_FUNDS)
    return services.fund_update(actor=request.user, code=fund.code, **whole_record(payload))


@router.post("/donors", response={201: DonorOut, **WRITE_ERRORS}, summary="Create a donor")
@requires(MANAGE_FUNDS)
def create_donor(request: HttpRequest, payload: DonorIn):
    return 201, services.donor_create(actor=request.user, **payload.dict())


@router.put("/donors/{code}", response={200: DonorOut, **WRITE_ERRORS}, summary="Rename a foundation or private donor")
@requires(MANAGE_FUNDS, per_object=True)
def update_donor(request: HttpRequest, code: str, payload: DonorUpdateIn):
    """Both names are required: a PUT replaces them (422 naming any left out)."""
    donor = selectors.get_donor_for_user(request.user, code, MANAGE_FUNDS)
    return services.donor_update(actor=request.user, code=donor.code, **whole_record(payload))


@router.post("/agreements", response={201: dict, **WRITE_ERRORS}, summary="Create a contribution agreement")
@requires(MANAGE_FUNDS)
def create_agreement(request: HttpRequest, payload: AgreementCreateIn):
    found = services.agreement_create(actor=request.user, **payload.dict())
    return 201, {"id": found.pk, "reference": found.reference}


@router.put("/agreements/{int:agreement_id}", response={200: dict, **WRITE_ERRORS}, summary="Amend an agreement")
@requires(MANAGE_FUNDS, per_object=True)
def update_agreement(request: HttpRequest, agreement_id: int, payload: AgreementTermsIn):
    """Every term is required, `psc_rate` and `reporting_obligations` included: a PUT replaces the
    terms, so one left out is a 422 naming it, never a reset to its default."""
    found = load_for_user(request.user, ContributionAgreement, MANAGE_FUNDS, pk=agreement_id)
    found = services.agreement_update(actor=request.user, agreement=found.pk, **whole_record(payload))
    return {"id": found.pk, "reference": found.reference, "amount": str(found.amount), "valid_to": found.valid_to}


@router.post(
    "/agreements/{int:agreement_id}/earmarks",
    response={201: EarmarkOut, **WRITE_ERRORS},
    summary="Create an earmark of an agreement",
)
@requires(MANAGE_FUNDS, per_object=True)
def create_earmark(request: HttpRequest, agreement_id: int, payload: EarmarkCreateIn):
    found = load_for_user(request.user, ContributionAgreement, MANAGE_FUNDS, pk=agreement_id)
    return 201, services.earmark_create(actor=request.user, agreement=found.pk, **payload.dict())


@router.put("/earmarks/{int:earmark_id}", response={200: EarmarkOut, **WRITE_ERRORS}, summary="Change an earmark")
@requires(MANAGE_FUNDS, per_object=True)
def update_earmark(request: HttpRequest, earmark_id: int, payload: EarmarkIn):
    """Every field is required (an empty list lifts that restriction): a PUT replaces the earmark."""
    found = load_for_user(request.user, Earmark, MANAGE_FUNDS, pk=earmark_id)
    return services.earmark_update(actor=request.user, earmark=found.pk, **whole_record(payload))


# ---------------------------------------------------------------------------------------------- money


@router.post("/receipts", response={201: dict, **WRITE_ERRORS}, summary="Record a receipt")
@requires(RECORD_CONTRIBUTION)
def create_receipt(request: HttpRequest, payload: ReceiptIn):
    found = services.receipt_record(actor=request.user, **payload.dict())
    return 201, _receipt(found)


def _receipt(found: Receipt) -> dict:
    return {
        "id": found.pk,
        "reference": found.reference,
        "amount": str(found.amount),
        "currency": found.currency,
        "usd_amount": str(found.usd_amount),
        "fund_amount": str(found.fund_amount),
        "exchange_difference_usd": str(found.exchange_difference_usd),
        "reversed": found.reversed_at is not None,
    }


@router.post("/receipts/{int:receipt_id}/reversal", response={200: dict, **WRITE_ERRORS}, summary="Reverse a receipt")
@requires(RECORD_CONTRIBUTION, per_object=True)
def reverse_receipt(request: HttpRequest, receipt_id: int, payload: ReversalIn):
    """409 when the receipt's money has been allocated (release those allocations first)."""
    found = load_for_user(request.user, Receipt, RECORD_CONTRIBUTION, pk=receipt_id)
    try:
        return 200, _receipt(
            services.receipt_reverse(actor=request.user, receipt=found.pk, reason=payload.reason, on=payload.on)
        )
    except FundsError as exc:
        return _refused(exc)


@router.post("/refunds", response={201: RefundOut, **WRITE_ERRORS}, summary="Return an unspent balance to a donor")
@requires(RECORD_CONTRIBUTION)
def create_refund(request: HttpRequest, payload: RefundIn):
    try:
        return 201, services.refund_record(actor=request.user, **payload.dict())
    except FundsError as exc:
        return _refused(exc)


@router.post("/transfers", response={201: FundTransferOut, **WRITE_ERRORS}, summary="Transfer between funds")
@requires(RECORD_CONTRIBUTION)
def create_transfer(request: HttpRequest, payload: FundTransferIn):
    try:
        return 201, services.transfer_record(actor=request.user, **payload.dict())
    except FundsError as exc:
        return _refused(exc)


@router.post(
    "/allocations/{int:allocation_id}/expenditure",
    response={201: ExpenditureOut, **WRITE_ERRORS},
    summary="Record expenditure under an allocation",
)
@requires(ALLOCATE, per_object=True)
def create_expenditure(request: HttpRequest, allocation_id: int, payload: ExpenditureIn):
    """Programme support costs are charged at the agreement's rate; 409 beyond what is left."""
    found = load_for_user(request.user, Allocation, ALLOCATE, pk=allocation_id)
    try:
        return 201, services.expenditure_record(actor=request.user, allocation=found.pk, **payload.dict())
    except FundsError as exc:
        return _refused(exc)


class RevaluationIn(Schema):
    month: str = Field(description="YYYY-MM", pattern=r"^\d{4}-\d{2}$")


@router.post("/pledges/revaluation", response={200: list[dict], **WRITE_ERRORS}, summary="Revalue unpaid pledges")
@requires(RECORD_CONTRIBUTION)
def revalue_pledges(request: HttpRequest, payload: RevaluationIn):
    """Every unpaid pledge in another currency than USD at the month's UN rate against its agreement's
    signature-month rate; 422 naming the currency and month when a rate is missing (nothing posted)."""
    try:
        month = dt.date.fromisoformat(payload.month + "-01")
    except ValueError:
        raise ValidationError({"month": [_("A month is written YYYY-MM.")]}) from None
    return [services.revaluation_row(r) for r in services.pledges_revalue(actor=request.user, month=month)]
