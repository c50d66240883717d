"""API of funds and contributions (mounted at /api/funds), over the same services as the pages.

Fund managers allocate (`POST /allocations`: 201 with the allocation, 409 beyond the free balance of
the fund or earmark, 422 when the earmark forbids that use or the input is bad, the same allocation
again for a repeated idempotency key) and import contributions; staff read funds, statements, rates
and the ledger check; a donor reads only its own agreements, contributions and allocations of its
earmarks (anything else answers 404 or an empty list).
"""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut
from tcdesk.core.imports import check_upload_size
from tcdesk.core.limits import InSchema

from . import selectors, services
from .errors import EarmarkForbidsError, OverdrawnError
from .models import NOTE_MAX_CHARS, Allocation, ContributionAgreement, ExchangeRate, Fund, Pledge, Receipt
from .permissions import ALLOCATE, MANAGE_FUNDS, RECORD_CONTRIBUTION, VIEW_CONTRIBUTION, VIEW_FUNDS

router = Router(tags=["funds"])


class FundOut(Schema):
    code: str
    name: str
    kind: str
    currency: str
    active: bool


class FundDetailOut(FundOut):
    balances: dict[str, Decimal] = Field(description="free, earmarked, allocated, total (currency of account)")

    @staticmethod
    def resolve_balances(obj: Fund) -> dict[str, Decimal]:
        return selectors.fund_balances(obj)


class AgreementOut(Schema):
    id: int
    reference: str
    donor: str = Field(alias="donor.code")
    fund: str = Field(alias="fund.code")
    amount: Decimal
    currency: str
    signed_on: dt.date
    valid_from: dt.date
    valid_to: dt.date
    psc_rate: Decimal
    reporting_obligations: str
    earmarks: list[dict]

    @staticmethod
    def resolve_earmarks(obj: ContributionAgreement) -> list[dict]:
        return [
            {
                "id": e.pk,
                "code": e.code,
                "label": e.label,
                "themes": sorted(t.code for t in e.themes.all()),
                "regions": sorted(r.code for r in e.regions.all()),
                "countries": sorted(c.iso3 for c in e.countries.all()),
                "requests": sorted(r.pk for r in e.requests.all()),
            }
            for e in obj.earmarks.all()
        ]


class ContributionOut(Schema):
    kind: str = Field(description="pledge or receipt")
    reference: str
    donor: str
    fund: str
    agreement: str | None
    earmark: str | None
    date: dt.date
    amount: Decimal
    currency: str
    usd: Decimal | None = Field(description="USD equivalent (receipts: at the month's rate)")
    reversed: bool = False


class ReceiptOut(Schema):
    id: int
    reference: str
    donor: str = Field(alias="donor.code")
    fund: str = Field(alias="fund.code")
    earmark: int | None = Field(alias="earmark_id")
    agreement: int | None = Field(alias="agreement_id")
    received_on: dt.date
    amount: Decimal
    currency: str
    rate: Decimal
    usd_amount: Decimal
    fund_amount: Decimal
    exchange_difference_usd: Decimal
    reversed_at: dt.datetime | None


class RateOut(Schema):
    currency: str
    month: dt.date
    rate: Decimal


class AllocationIn(InSchema):
    fund: str = Field(description="Fund code, e.g. CPCJF")
    earmark: int | None = Field(None, description="Earmark id; null draws on the fund's unearmarked money")
    amount: Decimal
    currency: str = "USD"
    request: int | None = Field(None, description="An accepted assistance request")
    project: int | None = Field(None, description="A project (a fundable of kind 'project')")
    idempotency_key: str
    note: str = Field("", max_length=NOTE_MAX_CHARS)


class AllocationOut(Schema):
    id: int
    fund: str = Field(alias="fund.code")
    earmark: int | None = Field(alias="earmark_id")
    amount: Decimal
    currency: str
    fund_amount: Decimal
    usd_amount: Decimal
    request: int | None = Field(alias="request_id")
    project: int | None
    fundable: dict | None
    idempotency_key: str
    allocated_on: dt.date
    status: str

    @staticmethod
    def resolve_project(obj: Allocation) -> int | None:
        return obj.fundable_id if obj.fundable_kind == "project" else None

    @staticmethod
    def resolve_fundable(obj: Allocation) -> dict | None:
        return {"kind": obj.fundable_kind, "id": obj.fundable_id} if obj.fundable_id else None


class SourceOut(Schema):
    key: str
    fund: str
    earmark: int | None
    label: str
    amount: Decimal
    currency: str
    themes: list[str]
    regions: list[str]
    countries: list[str]
    requests: list[int]
    valid_from: dt.date | None
    valid_to: dt.date | None


class ImportOut(Schema):
    rows: int
    dry_run: bool
    errors: list[dict]
    pledges: int | None = None
    receipts: int | None = None
    created: int | None = None
    rates: int | None = None


@router.get("/funds", response=list[FundOut], summary="Funds")
@requires(VIEW_FUNDS)
def list_funds(request: HttpRequest):
    return Fund.objects.for_user(request.user).order_by("code")


@router.get("/funds/{code}", response={200: FundDetailOut, 404: ErrorOut}, summary="One fund and its balances")
@requires(VIEW_FUNDS, per_object=True)
def get_fund(request: HttpRequest, code: str):
    return selectors.get_fund_for_user(request.user, code)


def statement_as_api(statement: selectors.FundStatement) -> dict:
    return {
        **statement.as_contract(),
        "support_costs": str(statement.support_costs),
        "usd": {key: str(value) for key, value in statement.usd.items()},
    }


@router.get("/funds/{code}/statement", response={200: dict, 404: ErrorOut, 422: ErrorOut}, summary="Fund statement")
@requires(VIEW_FUNDS, per_object=True)
def get_statement(
    request: HttpRequest,
    code: str,
    start: dt.date | None = Query(None, alias="from"),  # noqa: B008 - ninja's way to name a parameter "from"
    end: dt.date | None = Query(None, alias="to"),  # noqa: B008
):
    """`from` and `to` default to the current year.

    {"fund", "from", "to", "currency", "opening", "receipts", "allocations", "expenditure", "refunds",
    "closing"} (decimal strings, the fund's currency; expenditure includes support costs) plus
    `support_costs` and `usd` (the same in USD); closing = opening + receipts − expenditure − refunds."""
    fund = selectors.get_fund_for_user(request.user, code)
    year = timezone.localdate().year
    start, end = start or dt.date(year, 1, 1), end or dt.date(year, 12, 31)
    return statement_as_api(selectors.fund_statement(fund=fund, start=start, end=end))


@router.get("/agreements", response=list[AgreementOut], summary="Contribution agreements (a donor: its own)")
@requires(VIEW_CONTRIBUTION)
@paginate(PageNumberPagination)
def list_agreements(request: HttpRequest):
    return (
        ContributionAgreement.objects.for_user(request.user)
        .select_related("donor", "fund")
        .prefetch_related("earmarks__themes", "earmarks__regions", "earmarks__countries", "earmarks__requests")
    )


@router.get("/agreements/{int:agreement_id}", response={200: AgreementOut, 404: ErrorOut}, summary="One agreement")
@requires(VIEW_CONTRIBUTION, per_object=True)
def get_agreement(request: HttpRequest, agreement_id: int):
    return selectors.get_agreement_for_user(request.user, agreement_id)


@router.get("/contributions", response=list[ContributionOut], summary="Pledges and receipts (a donor: its own)")
@requires(VIEW_CONTRIBUTION)
def list_contributions(request: HttpRequest):
    rows = []
    for pledge in Pledge.objects.for_user(request.user).select_related("donor", "fund", "agreement", "earmark"):
        rows.append(
            {
                "kind": "pledge",
                "reference": pledge.reference,
                "donor": pledge.donor.code,
                "fund": pledge.fund.code,
                "agreement": pledge.agreement.reference if pledge.agreement else None,
                "earmark": pledge.earmark.code if pledge.earmark else None,
                "date": pledge.pledged_on,
                "amount": pledge.amount,
                "currency": pledge.currency,
                "usd": None,
            }
        )
    for receipt in Receipt.objects.for_user(request.user).select_related("donor", "fund", "agreement", "earmark"):
        rows.append(
            {
                "kind": "receipt",
                "reference": receipt.reference,
                "donor": receipt.donor.code,
                "fund": receipt.fund.code,
                "agreement": receipt.agreement.reference if receipt.agreement else None,
                "earmark": receipt.earmark.code if receipt.earmark else None,
                "date": receipt.received_on,
                "amount": receipt.amount,
                "currency": receipt.currency,
                "usd": receipt.usd_amount,
                "reversed": receipt.reversed_at is not None,
            }
        )
    return sorted(rows, key=lambda r: (r["date"], r["reference"]), reverse=True)


@router.get("/receipts", response=list[ReceiptOut], summary="Receipts (a donor: its own)")
@requires(VIEW_CONTRIBUTION)
@paginate(PageNumberPagination)
def list_receipts(request: HttpRequest):
    return Receipt.objects.for_user(request.user).select_related("donor", "fund")


@router.get("/rates", response=list[RateOut], summary="UN operational rates of exchange")
@requires(VIEW_FUNDS)
@paginate(PageNumberPagination)
def list_rates(request: HttpRequest, currency: str | None = None):
    found = ExchangeRate.objects.for_user(request.user)
    return found.filter(currency=currency.upper()) if currency else found


@router.post("/rates/import", response={200: ImportOut, 403: ErrorOut, 422: ImportOut}, summary="Load rates")
@requires(MANAGE_FUNDS)
def import_rates(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = True):
    """CSV or XLSX with columns currency, month (YYYY-MM), rate (units per USD); all-or-nothing."""
    check_upload_size(file.name, file.size)
    result = services.exchange_rates_import(
        actor=request.user, name=file.name, content=file.read(), dry_run=dry_run, max_rows=services.request_rows()
    )
    return (422 if result.errors else 200), result.as_dict()


@router.get("/sources", response={200: list[SourceOut], 422: ErrorOut}, summary="Funding sources (free pots)")
@requires(VIEW_FUNDS)
def list_sources(request: HttpRequest, currency: str = "USD", on: dt.date | None = None):
    return selectors.funding_sources(currency=currency.upper(), on=on)


@router.get("/allocations", response=list[AllocationOut], summary="Allocations (a donor: of its earmarks)")
@requires(VIEW_CONTRIBUTION)
@paginate(PageNumberPagination)
def list_allocations(request: HttpRequest, request_id: int | None = None):
    found = Allocation.objects.for_user(request.user).select_related("fund")
    return found.filter(request_id=request_id) if request_id else found


@router.post(
    "/allocations",
    response={201: AllocationOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Allocate money to a request or a project",
)
@requires(ALLOCATE)
def create_allocation(request: HttpRequest, payload: AllocationIn):
    """201 with the allocation (the same one again for a repeated `idempotency_key`); 409 beyond the free
    balance of the fund or earmark; 422 when the earmark forbids that use, or for bad input."""
    try:
        allocation = services.allocation_create(
            actor=request.user,
            fund=payload.fund,
            earmark=payload.earmark,
            amount=payload.amount,
            currency=payload.currency,
            request=payload.request,
            fundable=("project", payload.project) if payload.project is not None else None,
            idempotency_key=payload.idempotency_key,
            note=payload.note,
        )
    except OverdrawnError as exc:
        return 409, {"detail": exc.message}
    except EarmarkForbidsError as exc:
        return 422, {"detail": [{"loc": ["body", exc.field], "msg": exc.message}]}
    return 201, allocation


@router.post(
    "/contributions/import",
    response={200: ImportOut, 403: ErrorOut, 422: ImportOut},
    summary="Import pledges and receipts",
)
@requires(RECORD_CONTRIBUTION)
def import_contributions(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = True):
    """CSV or XLSX (donor, fund, kind, date, amount, currency, agreement, earmark, reference); all-or-nothing;
    `dry_run` (default true) checks and writes nothing."""
    check_upload_size(file.name, file.size)
    result = services.contributions_import(
        actor=request.user, name=file.name, content=file.read(), dry_run=dry_run, max_rows=services.request_rows()
    )
    return (422 if result.errors else 200), result.as_dict()


@router.get("/ledger/verify", response=dict, summary="Verify the ledger")
@requires(VIEW_FUNDS)
def verify(request: HttpRequest):
    """Every transaction balances per currency and in USD; carried balances and cached amounts agree."""
    return services.ledger_verify().as_dict()


# The fund managers' writes are on this router too (one path, several methods: one router).
from . import api_manage  # noqa: E402, F401
