"""The queue of requests: list and filter them, make one, the queue's figures."""

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut
from tcdesk.core.api_filters import filtered, query_params
from tcdesk.core.limits import InSchema

from .. import selectors, services
from ..filters import RequestFilter
from ..models import CODES_PER_LIST, DESCRIPTION_MAX_CHARS
from ..permissions import CREATE_REQUEST, OPEN_QUEUE, VIEW_DASHBOARD
from .base import router, visible_request
from .schemas import RequestDetailOut, RequestOut


class RequestIn(InSchema):
    country: str = Field(min_length=3, max_length=3, description="ISO 3166-1 alpha-3 of the requesting State")
    title: str = Field(max_length=200)
    requesting_authority: str = Field(max_length=255)
    description: str = Field(max_length=DESCRIPTION_MAX_CHARS)
    assistance_types: list[str] = Field(
        description="legislative_drafting, training_judges, …", max_length=CODES_PER_LIST
    )
    themes: list[str] = Field([], max_length=CODES_PER_LIST)
    instruments: list[str] = Field([], description="Instrument codes, e.g. ICSANT, UNTOC", max_length=CODES_PER_LIST)
    mandates: list[str] = Field(
        [],
        description="Citations, e.g. 'A/RES/60/175 op. 5': linked to the registry's mandate when it holds it, kept "
        "as written for a resolution it does not hold; a paragraph missing from a loaded resolution is refused",
    )
    mandate_ids: list[int] = Field([], description="Mandates of the registry (ids from /api/mandates)")
    beneficiary_institutions: str = Field("", max_length=2_000)
    desired_start: dt.date | None = None
    desired_end: dt.date | None = None
    post_conflict: bool = False
    submit: bool = Field(True, description="false keeps the request as a draft")


class RequestQuery(Schema):
    q: str | None = None
    status: str | None = Field(None, description="a status, 'open' or 'awaiting'")
    country: str | None = Field(None, description="ISO3")
    region: str | None = Field(None, description="M49 code")
    group: str | None = Field(None, description="LDC, EIT, SIDS, LLDC (at submission date)")
    theme: str | None = None
    assistance_type: str | None = None
    post_conflict: bool | None = None
    submitted_from: dt.date | None = None
    submitted_to: dt.date | None = None


def _filtered(request: HttpRequest, filters: RequestQuery):
    params = query_params(filters)
    if "country" in params:
        params["country"] = params["country"].upper()
    return filtered(RequestFilter, params, selectors.queue(request.user))


@router.get("", response=list[RequestOut], summary="List requests", operation_id="tcdesk_assistance_api_list_requests")
@paginate(PageNumberPagination)
@requires(OPEN_QUEUE)
def list_requests(request: HttpRequest, filters: Query[RequestQuery]):
    """Requests the caller may see (focal points: their State's), newest first, with filters."""
    return _filtered(request, filters).order_by("-submitted_at", "-pk")


@router.post(
    "",
    response={201: RequestDetailOut, 403: ErrorOut, 422: ErrorOut},
    summary="Make a request",
    operation_id="tcdesk_assistance_api_create_request",
)
@requires(CREATE_REQUEST)
def create_request(request: HttpRequest, payload: RequestIn):
    """A focal point for its own State; an officer on a State's behalf."""
    new = services.request_create(
        actor=request.user,
        country_iso3=payload.country,
        title=payload.title,
        requesting_authority=payload.requesting_authority,
        description=payload.description,
        assistance_types=payload.assistance_types,
        theme_codes=payload.themes,
        instrument_codes=payload.instruments,
        mandates=payload.mandates,
        mandate_ids=payload.mandate_ids,
        beneficiary_institutions=payload.beneficiary_institutions,
        desired_start=payload.desired_start,
        desired_end=payload.desired_end,
        post_conflict=payload.post_conflict,
        submit=payload.submit,
    )
    return 201, visible_request(request, new.pk)


@router.get(
    "/dashboard",
    response={200: dict, 403: ErrorOut},
    summary="Queue figures",
    operation_id="tcdesk_assistance_api_dashboard",
)
@requires(VIEW_DASHBOARD)
def dashboard(request: HttpRequest, filters: Query[RequestQuery]):
    """Open requests by status, region, group and theme; median delays; shares; the oldest waiting."""
    figures = selectors.dashboard_figures(_filtered(request, filters))
    figures["as_of"] = figures["as_of"].isoformat()
    for row in figures["oldest_waiting"]:
        row["submitted_at"] = row["submitted_at"].isoformat()
    return figures
