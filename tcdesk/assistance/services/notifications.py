"""Telling the other side of a request when a transition or a comment is recorded: an in-app
notification and an e-mail, both through `core.services.notify`, in each recipient's language."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.models import User
from tcdesk.core.services import Message, absolute_url, notifications_muted, notify

from .. import workflow
from ..choices import EventKind, RequestAction, RequestStatus
from ..models import AssistanceRequest, RequestEvent
from ._common import actor_kinds

__all__ = ["notifications_muted", "programme_side", "state_side"]

# Kinds of notification the assistance app writes (`Notification.kind`).
KIND_STEP = "assistance.step"
KIND_COMMENT = "assistance.comment"


def state_side(ta_request: AssistanceRequest):
    """Who speaks for the requesting State: its focal points and whoever submitted the request."""
    return User.objects.filter(
        Q(role_assignments__role=Role.STATE_FOCAL_POINT, role_assignments__country_id=ta_request.country_id)
        | Q(pk=ta_request.submitted_by_id)
    ).distinct()


def programme_side():
    """Who works requests for the programme: the programme officers."""
    return User.objects.filter(role_assignments__role=Role.PROGRAMME_OFFICER).distinct()


def _notify(event: RequestEvent, ta_request: AssistanceRequest, actor: Any) -> None:
    """Tell the other side: the State's focal points when officers write, officers when the State writes."""
    if not event.visible_to_state:
        return
    from_state = workflow.STATE in actor_kinds(actor, ta_request) and workflow.OFFICER not in actor_kinds(
        actor, ta_request
    )
    recipients = programme_side() if from_state else state_side(ta_request)
    link = ta_request.get_absolute_url()
    url = absolute_url(link)  # the e-mail is read outside the site
    reference, country = ta_request.reference, ta_request.country
    title = " ".join(ta_request.title.split())  # one line: it goes into the subject header
    kind, action, to_status, comment = event.kind, event.action, event.to_status, event.comment
    actor_name = actor.get_full_name() or actor.get_username()

    def render() -> Message:
        # Called inside each recipient's language (their profile's preference).
        status = dict(RequestStatus.choices)[to_status] if to_status else ""
        if kind == EventKind.COMMENT:
            subject = _("[tcdesk] %(ref)s %(title)s: new comment") % {"ref": reference, "title": title}
            headline = _("%(ref)s %(title)s: new comment") % {"ref": reference, "title": title}
            what = _("%(who)s commented on the request.") % {"who": actor_name}
        else:
            subject = _("[tcdesk] %(ref)s %(title)s: %(status)s") % {"ref": reference, "title": title, "status": status}
            headline = _("%(ref)s %(title)s: %(status)s") % {"ref": reference, "title": title, "status": status}
            what = _("%(who)s took the step “%(action)s”.") % {
                "who": actor_name,
                "action": dict(RequestAction.choices).get(action, action),
            }
        body = "\n".join(
            [
                _("Request %(ref)s: %(title)s (%(country)s)")
                % {"ref": reference, "title": title, "country": country.name},
                _("Status: %(status)s") % {"status": status},
                "",
                str(what),
                "",
                _("Comment:") if comment else _("No comment."),
                *([comment, ""] if comment else [""]),
                _("Open the request: %(url)s") % {"url": url},
            ]
        )
        summary = "\n".join([str(what), *([comment] if comment else [])])
        return Message(title=headline, summary=summary, subject=subject, email_body=body)

    notify(
        recipients=recipients,
        kind=KIND_COMMENT if kind == EventKind.COMMENT else KIND_STEP,
        link=link,
        render=render,
        exclude=actor,
        at=event.at,
    )
