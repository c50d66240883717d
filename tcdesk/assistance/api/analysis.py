"""Why a request has its priority, and what it overlaps (similar requests, partners' activities)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Schema

from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut

from .. import explain, selectors
from ..permissions import VIEW_INTERNAL, VIEW_REQUEST
from .base import router, visible_request


class PriorityOut(Schema):
    score: int
    weights_version: int | None
    computed_at: dt.datetime | None
    lines: list[dict]


class OverlapOut(Schema):
    kind: str
    id: int
    label: str
    score: float
    text_similarity: float
    shared_themes: list[str]
    reasons: list[str]
    period_overlap_days: int


@router.get(
    "/{int:pk}/priority",
    response={200: PriorityOut, 404: ErrorOut},
    summary="Priority and why",
    operation_id="tcdesk_assistance_api_priority_explanation",
)
@requires(VIEW_REQUEST, per_object=True)
def priority_explanation(request: HttpRequest, pk: int):
    ta_request = visible_request(request, pk)
    return {
        "score": ta_request.priority_score,
        "weights_version": ta_request.weights_version.version if ta_request.weights_version else None,
        "computed_at": ta_request.priority_computed_at,
        "lines": [{**line, "text": explain.explanation_line(line)} for line in ta_request.priority_explanation],
    }


@router.get(
    "/{int:pk}/overlaps",
    response={200: list[OverlapOut], 403: ErrorOut, 404: ErrorOut},
    summary="Overlaps",
    operation_id="tcdesk_assistance_api_overlaps",
)
@requires(VIEW_INTERNAL, per_object=True)
def overlaps(request: HttpRequest, pk: int, limit: int = 10):
    """Similar requests and partners' activities (programme staff only)."""
    ta_request = visible_request(request, pk, VIEW_INTERNAL)
    return selectors.overlaps_for(ta_request, request.user, limit=min(max(limit, 1), 50))
