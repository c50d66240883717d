"""Deadline reminders of the mandates app (`core.extensions.reminder_sources`): the secretariat is told
of each report due at the current or the next session, once per report and session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.models import User
from tcdesk.core.services import Message, Reminder, ReminderSource, absolute_url

from .home import reports_due
from .models import ReportingRequest

KIND_REPORT_DUE = "mandates.report_due"


def _reminder(report: ReportingRequest, recipients: tuple[User, ...]) -> Reminder:
    link = report.mandate.get_absolute_url() if report.mandate else report.resolution.get_absolute_url()
    symbol, paragraph, session = report.resolution.symbol, report.paragraph_number, report.to_session

    def render() -> Message:
        names = {"symbol": symbol, "n": paragraph, "session": session}
        title = _("Reminder: the report asked for by %(symbol)s op. %(n)s is due at session %(session)s") % names
        body = "\n".join(
            [
                title,
                "",
                _("Open the mandate: %(url)s") % {"url": absolute_url(link)},
            ]
        )
        return Message(title=title, subject=_("[tcdesk] %(title)s") % {"title": title}, email_body=body)

    return Reminder(
        key=f"{KIND_REPORT_DUE}:{report.pk}:{session}",
        kind=KIND_REPORT_DUE,
        recipients=recipients,
        link=link,
        render=render,
    )


def reports_due_reminders(now: dt.datetime) -> Iterator[Reminder]:
    """One reminder per report due at the coming sessions, to each secretariat member who may see it
    (the same reports as their home page shows)."""
    recipients: dict[int, list[User]] = {}
    reports: dict[int, ReportingRequest] = {}
    secretariat = User.objects.filter(role_assignments__role=Role.SECRETARIAT, is_active=True).distinct()
    for user in secretariat:
        for report in reports_due(user, timezone.localdate(now)):
            reports.setdefault(report.pk, report)
            recipients.setdefault(report.pk, []).append(user)
    for pk, report in reports.items():
        yield _reminder(report, tuple(recipients[pk]))


REPORTS_DUE_REMINDERS = ReminderSource("reports-due", reports_due_reminders)
