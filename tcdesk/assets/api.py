"""API of asset sharing: agreements, cases and their items, the sharing computation, decisions, transfers,
reports. The same services and rules as the pages."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut, whole_record
from tcdesk.core.api_filters import filtered
from tcdesk.core.currencies import find_currency
from tcdesk.core.models import Country, Organisation
from tcdesk.treaties.models import Instrument

from . import selectors, services
from .filters import AgreementFilter, CaseFilter
from .models import ConfiscationCase, SharingAgreement, SharingDecision
from .permissions import MANAGE, POST_UN_SHARE, VIEW
from .sharing import SharingError
from .sharing_input import compute_for_case, error_message

router = Router(tags=["assets"])


def _country(code: str | None, field: str) -> Country | None:
    if not code:
        return None
    country = Country.objects.filter(iso3=code.strip().upper()).first()
    if country is None:
        raise ValidationError({field: [_("%(code)s is not a known State (ISO 3166-1 alpha-3).") % {"code": code}]})
    return country


# ---------------------------------------------------------------------------------------------- agreements


class SharingAgreementOut(Schema):
    id: int
    reference: str
    title: str
    state: str
    counterpart_state: str | None
    counterpart_organisation: str | None
    legal_basis: str
    concluded_on: dt.date | None
    status: str
    rule: str
    percentages: dict[str, str]
    tiers: dict[str, str]
    tier_source: str
    deduct_expenses: bool
    request_deadline_days: int | None
    currency: str
    transfer_method: str
    conditions_of_use: str
    notes: str

    @staticmethod
    def resolve_state(obj: SharingAgreement) -> str:
        return obj.state_id

    @staticmethod
    def resolve_counterpart_state(obj: SharingAgreement) -> str | None:
        return obj.counterpart_state_id

    @staticmethod
    def resolve_counterpart_organisation(obj: SharingAgreement) -> str | None:
        return obj.counterpart_organisation.code if obj.counterpart_organisation else None


class AgreementIn(Schema):
    reference: str
    title: str
    state: str
    counterpart_state: str | None = None
    counterpart_organisation: str | None = None
    legal_basis: str
    concluded_on: dt.date | None = None
    status: str = "negotiating"
    rule: str
    percentages: dict[str, str] = {}
    tiers: dict[str, str] = {}
    tier_source: str = ""
    deduct_expenses: bool = True
    request_deadline_days: int | None = None
    currency: str = "USD"
    transfer_method: str = "bank_transfer"
    conditions_of_use: str = ""
    notes: str = ""


class AgreementQuery(Schema):
    q: str | None = None
    state: str | None = None
    status: str | None = None
    rule: str | None = None
    legal_basis: str | None = None


def _agreement_fields(payload: AgreementIn) -> dict[str, Any]:
    data = payload.dict()
    data["state"] = _country(data["state"], "state")
    data["counterpart_state"] = _country(data["counterpart_state"], "counterpart_state")
    code = data.get("counterpart_organisation")
    data["counterpart_organisation"] = Organisation.objects.filter(code=code).first() if code else None
    if code and data["counterpart_organisation"] is None:
        raise ValidationError(
            {"counterpart_organisation": [_("%(code)s is not a known organisation code.") % {"code": code}]}
        )
    return data


@router.get("/agreements", response=list[SharingAgreementOut], summary="List sharing agreements")
@paginate(PageNumberPagination)
@requires(VIEW)
def list_agreements(request: HttpRequest, filters: Query[AgreementQuery]):
    queryset = SharingAgreement.objects.for_user(request.user).select_related("counterpart_organisation")
    return filtered(AgreementFilter, filters.dict(exclude_none=True), queryset)


@router.post(
    "/agreements", response={201: SharingAgreementOut, 403: ErrorOut, 422: ErrorOut}, summary="Register an agreement"
)
@requires(MANAGE)
def create_agreement(request: HttpRequest, payload: AgreementIn):
    return 201, services.agreement_create(actor=request.user, **_agreement_fields(payload))


@router.get(
    "/agreements/{int:agreement_id}", response={200: SharingAgreementOut, 404: ErrorOut}, summary="One agreement"
)
@requires(VIEW, per_object=True)
def get_agreement(request: HttpRequest, agreement_id: int):
    return selectors.get_agreement_for_user(request.user, agreement_id)


@router.put(
    "/agreements/{int:agreement_id}",
    response={200: SharingAgreementOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Change an agreement",
)
@requires(MANAGE, per_object=True)
def update_agreement(request: HttpRequest, agreement_id: int, payload: AgreementIn):
    """Every field is required: a PUT replaces the agreement (422 naming any left out)."""
    agreement = selectors.get_agreement_for_user(request.user, agreement_id, MANAGE)
    whole_record(payload)
    return services.agreement_update(actor=request.user, agreement=agreement, **_agreement_fields(payload))


# ---------------------------------------------------------------------------------------------- cases


class PartyOut(Schema):
    state: str
    role: str
    contribution: str
    reasons: str

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return obj.state_id


class OffenceOut(Schema):
    description: str
    instrument: str | None
    article: str

    @staticmethod
    def resolve_instrument(obj: Any) -> str | None:
        return obj.instrument_id


class AssetOut(Schema):
    description: str
    value: Decimal
    currency: str
    valued_on: dt.date | None
    confiscated_on: dt.date | None


class ReturnOut(Schema):
    recipient: str
    kind: str
    amount: Decimal
    returned_on: dt.date | None


class ExpenseOut(Schema):
    state: str
    description: str
    amount: Decimal

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return obj.state_id


class CaseOut(Schema):
    id: int
    reference: str
    title: str
    agreement: int | None
    legal_basis: str
    currency: str
    realised_amount: Decimal | None
    realised_on: dt.date | None
    final_order_on: dt.date | None
    request_deadline: dt.date | None
    sharing_requested_on: dt.date | None
    rule: str
    percentages: dict[str, str]
    tiers: dict[str, str]
    un_share_rate: Decimal | None
    un_fund: str
    description: str
    decided: bool

    @staticmethod
    def resolve_agreement(obj: ConfiscationCase) -> int | None:
        return obj.agreement_id

    @staticmethod
    def resolve_decided(obj: ConfiscationCase) -> bool:
        return SharingDecision.objects.filter(case=obj).exists()


class CaseDetailOut(CaseOut):
    parties: list[PartyOut]
    offences: list[OffenceOut]
    assets: list[AssetOut]
    returns: list[ReturnOut]
    expenses: list[ExpenseOut]

    @staticmethod
    def resolve_parties(obj: ConfiscationCase) -> list:
        return list(obj.parties.all())

    @staticmethod
    def resolve_offences(obj: ConfiscationCase) -> list:
        return list(obj.offences.all())

    @staticmethod
    def resolve_assets(obj: ConfiscationCase) -> list:
        return list(obj.assets.all())

    @staticmethod
    def resolve_returns(obj: ConfiscationCase) -> list:
        return list(obj.returns.all())

    @staticmethod
    def resolve_expenses(obj: ConfiscationCase) -> list:
        return list(obj.expenses.all())


class CaseIn(Schema):
    reference: str
    title: str
    agreement: int | None = None
    legal_basis: str = ""
    currency: str = ""
    realised_amount: Decimal | None = None
    realised_on: dt.date | None = None
    final_order_on: dt.date | None = None
    request_deadline: dt.date | None = None
    sharing_requested_on: dt.date | None = None
    rule: str = ""
    percentages: dict[str, str] = {}
    tiers: dict[str, str] = {}
    un_share_rate: Decimal | None = None
    un_fund: str = ""
    description: str = ""


class CaseQuery(Schema):
    q: str | None = None
    state: str | None = None
    legal_basis: str | None = None
    decided: bool | None = None


def _case_fields(request: HttpRequest, payload: CaseIn) -> dict[str, Any]:
    data = payload.dict()
    if data["agreement"] is not None:
        agreement = SharingAgreement.objects.for_user(request.user).filter(pk=data["agreement"]).first()
        if agreement is None:
            raise ValidationError({"agreement": [_("No such agreement.")]})
        data["agreement"] = agreement
    data["currency"] = (data["currency"] or "").upper()
    return data


@router.get("/cases", response=list[CaseOut], summary="List confiscation cases")
@paginate(PageNumberPagination)
@requires(VIEW)
def list_cases(request: HttpRequest, filters: Query[CaseQuery]):
    return filtered(CaseFilter, filters.dict(exclude_none=True), ConfiscationCase.objects.for_user(request.user))


@router.post("/cases", response={201: CaseDetailOut, 403: ErrorOut, 422: ErrorOut}, summary="Record a case")
@requires(MANAGE)
def create_case(request: HttpRequest, payload: CaseIn):
    return 201, services.case_create(actor=request.user, **_case_fields(request, payload))


@router.get("/cases/{int:case_id}", response={200: CaseDetailOut, 404: ErrorOut}, summary="One case")
@requires(VIEW, per_object=True)
def get_case(request: HttpRequest, case_id: int):
    return selectors.get_case_for_user(request.user, case_id)


@router.put(
    "/cases/{int:case_id}",
    response={200: CaseDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Change a case",
)
@requires(MANAGE, per_object=True)
def update_case(request: HttpRequest, case_id: int, payload: CaseIn):
    """Every field is required: a PUT replaces the case's record (422 naming any left out)."""
    case = selectors.get_case_for_user(request.user, case_id, MANAGE)
    whole_record(payload)
    return services.case_update(actor=request.user, case=case, **_case_fields(request, payload))


class PartyIn(Schema):
    state: str
    role: str
    contribution: str = ""
    reasons: str = ""


class OffenceIn(Schema):
    description: str
    instrument: str | None = None
    article: str = ""


class AssetIn(Schema):
    description: str
    value: Decimal
    currency: str
    valued_on: dt.date | None = None
    confiscated_on: dt.date | None = None


class ReturnIn(Schema):
    recipient: str
    kind: str
    amount: Decimal
    returned_on: dt.date | None = None


class ExpenseIn(Schema):
    state: str
    description: str
    amount: Decimal


def _managed_case(request: HttpRequest, case_id: int) -> ConfiscationCase:
    return selectors.get_case_for_user(request.user, case_id, MANAGE)


_ITEM = {201: CaseDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.post("/cases/{int:case_id}/parties", response=_ITEM, summary="Add a State to a case")
@requires(MANAGE, per_object=True)
def add_party(request: HttpRequest, case_id: int, payload: PartyIn):
    case = _managed_case(request, case_id)
    data = payload.dict()
    data["state"] = _country(data["state"], "state")
    services.case_party_add(actor=request.user, case=case, **data)
    return 201, case


@router.post("/cases/{int:case_id}/offences", response=_ITEM, summary="Link an offence to a case")
@requires(MANAGE, per_object=True)
def add_offence(request: HttpRequest, case_id: int, payload: OffenceIn):
    case = _managed_case(request, case_id)
    data = payload.dict()
    code = data.pop("instrument")
    instrument = Instrument.objects.filter(code=code).first() if code else None
    if code and instrument is None:
        raise ValidationError({"instrument": [_("%(code)s is not an instrument code.") % {"code": code}]})
    services.case_offence_add(actor=request.user, case=case, instrument=instrument, **data)
    return 201, case


@router.post("/cases/{int:case_id}/assets", response=_ITEM, summary="Record a confiscated asset")
@requires(MANAGE, per_object=True)
def add_asset(request: HttpRequest, case_id: int, payload: AssetIn):
    case = _managed_case(request, case_id)
    services.case_asset_add(actor=request.user, case=case, **payload.dict())
    return 201, case


@router.post("/cases/{int:case_id}/returns", response=_ITEM, summary="Record a return to owners or victims")
@requires(MANAGE, per_object=True)
def add_return(request: HttpRequest, case_id: int, payload: ReturnIn):
    case = _managed_case(request, case_id)
    services.case_return_add(actor=request.user, case=case, **payload.dict())
    return 201, case


@router.post("/cases/{int:case_id}/expenses", response=_ITEM, summary="Record reasonable expenses")
@requires(MANAGE, per_object=True)
def add_expense(request: HttpRequest, case_id: int, payload: ExpenseIn):
    case = _managed_case(request, case_id)
    data = payload.dict()
    data["state"] = _country(data["state"], "state")
    services.case_expense_add(actor=request.user, case=case, **data)
    return 201, case


# ---------------------------------------------------------------------------------------------- sharing


class StepOut(Schema):
    code: str
    amount: str
    params: dict


class SharingOut(Schema):
    decided: bool
    input: dict | None = None
    result: dict | None = None
    steps: list[StepOut] = []
    error: dict | None = None


@router.get("/cases/{int:case_id}/sharing", response={200: SharingOut, 404: ErrorOut}, summary="Compute the sharing")
@requires(VIEW, per_object=True)
def get_sharing(request: HttpRequest, case_id: int):
    """The decision's stored steps, or the sharing computed now (the compute_sharing contract's result)."""
    case = selectors.get_case_for_user(request.user, case_id)
    decision = selectors.decision_of(case)
    if decision is not None:
        return {"decided": True, "input": decision.inputs, "result": _result(decision), "steps": decision.steps}
    try:
        document, result = compute_for_case(case)
    except SharingError as exc:
        return {"decided": False, "error": {**exc.as_dict(), "message": error_message(exc)}}
    return {"decided": False, "input": document, "result": result.as_contract(), "steps": result.steps_as_dicts()}


def _text(amount: Decimal) -> str:
    return format(amount, "f")


def _result(decision: SharingDecision) -> dict:
    currency = find_currency(decision.currency)
    places = Decimal(1).scaleb(-(currency.minor_unit if currency else 2))

    def money(value: Decimal) -> str:
        return _text(value.quantize(places))

    return {
        "currency": decision.currency,
        "realised": money(decision.realised),
        "returned": money(decision.returned),
        "expenses": money(decision.expenses),
        "distributable": money(decision.distributable),
        "un_share": money(decision.un_share),
        "pool": money(decision.pool),
        "shares": [{"state": s.state_id, "amount": money(s.amount)} for s in decision.shares.all()],
    }


class DecisionIn(Schema):
    decided_on: dt.date
    note: str = ""


class DecisionOut(Schema):
    id: int
    case: int
    decided_on: dt.date
    result: dict
    steps: list[StepOut]
    un_fund: str
    un_receipt_reference: str

    @staticmethod
    def resolve_case(obj: SharingDecision) -> int:
        return obj.case_id

    @staticmethod
    def resolve_result(obj: SharingDecision) -> dict:
        return _result(obj)


@router.post(
    "/cases/{int:case_id}/decision",
    response={201: DecisionOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Record the sharing decision",
)
@requires(MANAGE, per_object=True)
def record_decision(request: HttpRequest, case_id: int, payload: DecisionIn):
    case = _managed_case(request, case_id)
    return 201, services.decision_record(actor=request.user, case=case, **payload.dict())


class TransferIn(Schema):
    kind: str
    state: str | None = None
    amount: Decimal
    transferred_on: dt.date
    method: str = "bank_transfer"
    reference: str = ""


class TransferOut(Schema):
    id: int
    kind: str
    state: str | None
    amount: Decimal
    currency: str
    transferred_on: dt.date
    method: str
    reference: str

    @staticmethod
    def resolve_state(obj: Any) -> str | None:
        return obj.state_id


def _decision(case: ConfiscationCase) -> SharingDecision:
    decision = selectors.decision_of(case)
    if decision is None:
        raise ValidationError({"case": [_("Record the sharing decision first.")]})
    return decision


@router.get(
    "/cases/{int:case_id}/transfers", response={200: list[TransferOut], 404: ErrorOut}, summary="Transfers of a case"
)
@requires(VIEW, per_object=True)
def list_transfers(request: HttpRequest, case_id: int):
    decision = selectors.decision_of(selectors.get_case_for_user(request.user, case_id))
    return list(decision.transfers.all()) if decision else []


@router.post(
    "/cases/{int:case_id}/transfers",
    response={201: TransferOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Record a transfer",
)
@requires(MANAGE, per_object=True)
def record_transfer(request: HttpRequest, case_id: int, payload: TransferIn):
    case = _managed_case(request, case_id)
    data = payload.dict()
    data["state"] = _country(data["state"], "state")
    return 201, services.transfer_record(actor=request.user, decision=_decision(case), **data)


class UNShareIn(Schema):
    received_on: dt.date


@router.post(
    "/cases/{int:case_id}/un-share",
    response={201: DecisionOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Post the UN share to the funds ledger (idempotent)",
)
@requires(POST_UN_SHARE, per_object=True)
def post_un_share(request: HttpRequest, case_id: int, payload: UNShareIn):
    case = selectors.get_case_for_user(request.user, case_id, POST_UN_SHARE)
    decision = _decision(case)
    services.un_share_post(actor=request.user, decision=decision, received_on=payload.received_on)
    decision.refresh_from_db()
    return 201, decision


# ---------------------------------------------------------------------------------------------- reports


class SharedRowOut(Schema):
    key: str
    label: str
    currency: str
    shared: Decimal
    un_share: Decimal
    decisions: int


class ReportQuery(Schema):
    by: str = "year"


@router.get("/reports/shared", response={200: list[SharedRowOut], 422: ErrorOut}, summary="Amounts shared")
@requires(VIEW)
def shared(request: HttpRequest, query: Query[ReportQuery]):
    if query.by not in ("year", "state", "offence", "legal_basis"):
        raise ValidationError({"query.by": [_("Group by year, state, offence or legal_basis.")]})
    return selectors.shared_amounts(request.user, query.by)


class DeadlineOut(Schema):
    case: int
    reference: str
    deadline: dt.date
    days_left: int
    level: str


@router.get("/deadlines", response=list[DeadlineOut], summary="Open deadlines to request sharing")
@requires(VIEW)
def deadlines(request: HttpRequest):
    return [
        {
            "case": d.case.pk,
            "reference": d.case.reference,
            "deadline": d.deadline,
            "days_left": d.days_left,
            "level": d.level,
        }
        for d in selectors.open_deadlines(request.user)
    ]


@router.get("/agreements-by-state", response=dict[str, int], summary="Agreements (not terminated) per State")
@requires(VIEW)
def agreements_by_state(request: HttpRequest):
    return selectors.agreements_by_state(request.user)
