"""Workflow transitions: one action on a request, checked against the workflow and the request's version."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import require
from tcdesk.core.history import note_change_reason
from tcdesk.core.limits import length_problems, raise_if_too_long
from tcdesk.core.selectors import groups_on

from .. import workflow
from ..choices import Decision, EventKind, RequestAction, RequestStatus
from ..codes import join_codes
from ..extensions import RequestStatusChanged, request_status_changed
from ..models import COMMENT_MAX_CHARS, AssistanceRequest, RequestEvent
from ..permissions import VIEW_REQUEST
from ._common import StaleVersion, actor_kinds
from .notifications import _notify
from .priority import _apply_priority, current_weights, priority_inputs


def workflow_message(error: workflow.WorkflowError) -> str:
    action = str(dict(RequestAction.choices).get(error.action, error.action))
    status = str(dict(RequestStatus.choices).get(error.status, error.status))
    messages = {
        "unknown_action": _("“%(action)s” is not a workflow action."),
        "not_your_action": _("You may not take the action “%(action)s” on this request."),
        "wrong_status": _("“%(action)s” is not possible while the request is “%(status)s”."),
        "comment_required": _("“%(action)s” needs a reason in the comment."),
    }
    return messages[error.code] % {"action": action, "status": status}


@transaction.atomic
def request_transition(
    *,
    ta_request: AssistanceRequest,
    actor,
    action: str,
    comment: str = "",
    expected_version: int | None = None,
    project_reference: str = "",
    at: dt.datetime | None = None,
    for_programme: bool = False,
) -> AssistanceRequest:
    """Take a workflow action. Refuses illegal transitions, a missing reason, and a stale version.

    The row is locked (`select_for_update`) and the version bumped with a conditional UPDATE, so of two
    concurrent transitions from the same version only the first succeeds, on SQLite and PostgreSQL.
    `for_programme`: a higher app's service that has checked its own right takes the programme's side
    (planning posts an accepted plan, by a fund manager, and plans the funded requests).
    """
    require(actor, VIEW_REQUEST, country=ta_request.country_id)
    raise_if_too_long(length_problems(comment=(comment, COMMENT_MAX_CHARS)))
    locked = AssistanceRequest.objects.select_for_update().get(pk=ta_request.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(locked.version)
    kinds = actor_kinds(actor, locked) | ({workflow.OFFICER} if for_programme else set())
    try:
        target = workflow.check(action, locked.status, kinds, comment)
    except workflow.WorkflowError as error:
        if error.code == "not_your_action" and not kinds:
            raise PermissionDenied(workflow_message(error)) from None
        raise ValidationError({"action": [workflow_message(error)]}) from None
    if action == workflow.PLAN and len(project_reference) > 60:
        raise ValidationError({"project_reference": [_("The project reference may have at most 60 characters.")]})
    if not AssistanceRequest.objects.filter(pk=locked.pk, version=locked.version).update(version=F("version") + 1):
        raise StaleVersion(AssistanceRequest.objects.values_list("version", flat=True).get(pk=locked.pk))
    now = at or timezone.now()
    source = locked.status
    locked.version += 1
    locked.status = target
    if action == workflow.SUBMIT:
        locked.submitted_at = now
        locked.country_groups = join_codes(groups_on(locked.country_id, now.date()))
    elif action == workflow.ACKNOWLEDGE:
        locked.acknowledged_at = now
    elif action in (workflow.ACCEPT, workflow.DECLINE):
        locked.decided_at = now
        locked.decision = Decision.ACCEPTED if action == workflow.ACCEPT else Decision.DECLINED
    elif action == workflow.PLAN and project_reference:
        locked.project_reference = project_reference.strip()
    _apply_priority(locked, current_weights(), priority_inputs(locked, now=now))
    note_change_reason(locked, action)
    locked.save()
    event = RequestEvent.objects.create(
        request=locked,
        kind=EventKind.TRANSITION,
        action=action,
        from_status=source,
        to_status=target,
        actor=actor,
        at=now,
        comment=comment.strip(),
    )
    # Higher apps (funds, portfolio) react in this transaction: an explicit step, not a signal.
    request_status_changed.fire(
        RequestStatusChanged(
            ta_request=locked, action=action, from_status=source, to_status=target, actor=actor, at=now
        )
    )
    _notify(event, locked, actor)
    return locked
