"""Workflow actions on a request, its timeline and its comment thread."""

import datetime as dt

from django.http import HttpRequest
from ninja import Schema
from pydantic import Field

from tcdesk.core.access import requires
from tcdesk.core.api_errors import ConflictOut, ErrorOut
from tcdesk.core.limits import InSchema

from .. import selectors, services, workflow
from ..models import COMMENT_MAX_CHARS, RequestEvent
from ..permissions import CHANGE_REQUEST, VIEW_REQUEST
from .base import router, stale_answer, visible_request
from .schemas import RequestDetailOut


class TransitionIn(InSchema):
    action: str = Field(description=", ".join(workflow.ACTIONS))
    comment: str = Field("", max_length=COMMENT_MAX_CHARS)
    expected_version: int = Field(description="The `version` you read; a stale one is refused with 409")
    project_reference: str = ""


class RequestEventOut(Schema):
    id: int
    kind: str
    action: str
    from_status: str
    to_status: str
    actor: str | None
    at: dt.datetime
    comment: str
    visible_to_state: bool

    @staticmethod
    def resolve_actor(obj: RequestEvent) -> str | None:
        return obj.actor.get_username() if obj.actor else None


class CommentIn(InSchema):
    text: str = Field(max_length=COMMENT_MAX_CHARS)
    internal: bool = False


@router.post(
    "/{int:pk}/transitions",
    response={200: RequestDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut, 422: ErrorOut},
    summary="Take a workflow action",
    operation_id="tcdesk_assistance_api_transition",
)
@requires(CHANGE_REQUEST, per_object=True)
def transition(request: HttpRequest, pk: int, payload: TransitionIn):
    """{"action", "comment", "expected_version"}: illegal actions are 422, a stale version 409."""
    ta_request = visible_request(request, pk, CHANGE_REQUEST)
    try:
        services.request_transition(
            ta_request=ta_request,
            actor=request.user,
            action=payload.action,
            comment=payload.comment,
            expected_version=payload.expected_version,
            project_reference=payload.project_reference,
        )
    except services.StaleVersion as stale:
        return stale_answer(stale)
    return 200, visible_request(request, pk)


@router.get(
    "/{int:pk}/events",
    response={200: list[RequestEventOut], 404: ErrorOut},
    summary="Timeline",
    operation_id="tcdesk_assistance_api_events",
)
@requires(VIEW_REQUEST, per_object=True)
def events(request: HttpRequest, pk: int):
    return list(selectors.timeline(visible_request(request, pk), request.user))


@router.get(
    "/{int:pk}/comments",
    response={200: list[RequestEventOut], 404: ErrorOut},
    summary="Comment thread",
    operation_id="tcdesk_assistance_api_comments",
)
@requires(VIEW_REQUEST, per_object=True)
def comments(request: HttpRequest, pk: int):
    return list(selectors.timeline(visible_request(request, pk), request.user).filter(kind="comment"))


@router.post(
    "/{int:pk}/comments",
    response={201: RequestEventOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Comment",
    operation_id="tcdesk_assistance_api_add_comment",
)
@requires(CHANGE_REQUEST, per_object=True)
def add_comment(request: HttpRequest, pk: int, payload: CommentIn):
    ta_request = visible_request(request, pk, CHANGE_REQUEST)
    return 201, services.request_comment(
        ta_request=ta_request, actor=request.user, text=payload.text, internal=payload.internal
    )
