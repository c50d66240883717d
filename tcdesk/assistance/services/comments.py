"""Comments on a request's thread (officers may keep a note internal)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import workflow
from ..choices import EventKind
from ..models import COMMENT_MAX_CHARS, AssistanceRequest, RequestEvent
from ._common import _require_change, actor_kinds
from .notifications import _notify


@transaction.atomic
def request_comment(*, ta_request: AssistanceRequest, actor, text: str, internal: bool = False) -> RequestEvent:
    """Add a comment to the thread; officers may keep a note internal (not shown to the State)."""
    _require_change(actor, ta_request)
    if not (text or "").strip():
        raise ValidationError({"text": [_("Write a comment.")]})
    if len(text) > COMMENT_MAX_CHARS:
        raise ValidationError({"text": [_("A comment may have at most 10,000 characters.")]})
    if internal and workflow.OFFICER not in actor_kinds(actor, ta_request):
        raise ValidationError({"internal": [_("Only programme officers write internal notes.")]})
    event = RequestEvent.objects.create(
        request=ta_request,
        kind=EventKind.COMMENT,
        actor=actor,
        comment=text.strip(),
        visible_to_state=not internal,
        from_status=ta_request.status,
        to_status=ta_request.status,
    )
    _notify(event, ta_request, actor)
    return event
