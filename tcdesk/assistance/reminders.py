"""Deadline reminders of the assistance app (`core.extensions.reminder_sources`), once per request and
reminder period (`TCDESK_REMINDER_REPEAT_DAYS`):

- a request waiting for the programme past `TCDESK_REMINDER_WAITING_DAYS` since its submission (the
  officers' "overdue", `selectors.waiting_for_officer`): its assignee, or every officer when nobody is
  assigned;
- information asked of a State and not given after `TCDESK_REMINDER_UNANSWERED_DAYS`
  (`selectors.information_unanswered`): the State's focal points and whoever submitted the request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.utils.translation import gettext as _

from tcdesk.core.services import Message, Reminder, ReminderSource, absolute_url, reminder_period

from .choices import RequestStatus
from .models import AssistanceRequest
from .selectors import information_unanswered, waiting_for_officer
from .services.notifications import programme_side, state_side

KIND_WAITING = "assistance.reminder_waiting"
KIND_UNANSWERED = "assistance.reminder_unanswered"


def _message(ta_request: AssistanceRequest, headline: str, days: int) -> Message:
    """The reminder's text, rendered in the recipient's language (called inside it)."""
    names = {
        "ref": ta_request.reference,
        "title": " ".join(ta_request.title.split()),
        "days": days,
        "status": dict(RequestStatus.choices)[ta_request.status],
    }
    title = headline % names
    body = "\n".join(
        [
            _("Request %(ref)s: %(title)s (%(country)s)") % {**names, "country": ta_request.country.name},
            _("Status: %(status)s") % names,
            "",
            title,
            "",
            _("Open the request: %(url)s") % {"url": absolute_url(ta_request.get_absolute_url())},
        ]
    )
    return Message(title=title, subject=_("[tcdesk] %(title)s") % {"title": title}, email_body=body)


def waiting_reminders(now: dt.datetime) -> Iterator[Reminder]:
    """Requests the programme has let wait: to the assignee, or to the officers when none is assigned."""
    period = reminder_period(now)
    officers: tuple | None = None
    found = waiting_for_officer(
        AssistanceRequest.objects.all(), now, days=settings.TCDESK_REMINDER_WAITING_DAYS
    ).select_related("country", "assigned_to")
    for ta_request in found.order_by("submitted_at", "pk"):
        if ta_request.assigned_to is not None and ta_request.assigned_to.is_active:
            recipients: tuple = (ta_request.assigned_to,)
        else:
            officers = officers if officers is not None else tuple(programme_side())
            recipients = officers
        days = (now - ta_request.submitted_at).days

        def render(ta_request: AssistanceRequest = ta_request, days: int = days) -> Message:
            return _message(ta_request, _("Reminder: %(ref)s %(title)s has waited %(days)s days (%(status)s)"), days)

        yield Reminder(
            key=f"{KIND_WAITING}:{ta_request.pk}:{period}",
            kind=KIND_WAITING,
            recipients=recipients,
            link=ta_request.get_absolute_url(),
            render=render,
        )


def unanswered_reminders(now: dt.datetime) -> Iterator[Reminder]:
    """Questions the programme asked a State that are still unanswered: to the State's side."""
    period = reminder_period(now)
    found = information_unanswered(
        AssistanceRequest.objects.all(), now, days=settings.TCDESK_REMINDER_UNANSWERED_DAYS
    ).select_related("country")
    for ta_request in found.order_by("asked_at", "pk"):
        days = (now - ta_request.asked_at).days

        def render(ta_request: AssistanceRequest = ta_request, days: int = days) -> Message:
            return _message(
                ta_request,
                _("Reminder: information on %(ref)s %(title)s was asked for %(days)s days ago and is still awaited"),
                days,
            )

        yield Reminder(
            key=f"{KIND_UNANSWERED}:{ta_request.pk}:{period}",
            kind=KIND_UNANSWERED,
            recipients=tuple(state_side(ta_request)),
            link=ta_request.get_absolute_url(),
            render=render,
        )


WAITING_REMINDERS = ReminderSource("requests-waiting", waiting_reminders)
UNANSWERED_REMINDERS = ReminderSource("information-unanswered", unanswered_reminders)
