"""The secretariat's deadline reminders: each report due at the coming sessions, once per report."""

from __future__ import annotations

import datetime as dt

import pytest

from tcdesk.core.models import Notification
from tcdesk.core.services import reminders_send

pytestmark = pytest.mark.django_db

# The founding resolution asks for a report at the 61st session, which opened in September 2006.
AT_THE_61ST_SESSION = dt.datetime(2006, 10, 2, 9, 0, tzinfo=dt.UTC)


def test_reports_due_at_the_coming_sessions_remind_the_secretariat_once(seed, secretariat, officer):
    secretariat.preferred_language = "es"
    secretariat.save()
    first = reminders_send(now=AT_THE_61ST_SESSION)
    assert first.sent["reports-due"] == 1
    (note,) = Notification.objects.filter(kind="mandates.report_due")
    assert note.recipient == secretariat  # not the officer
    assert "A/RES/60/175" in note.title and "26" in note.title and "61" in note.title
    assert note.title.startswith("Recordatorio")
    assert note.link.startswith("/mandates/")
    assert reminders_send(now=AT_THE_61ST_SESSION + dt.timedelta(days=30)).recipients == 0


def test_no_report_reminder_once_its_session_is_past(seed, secretariat):
    assert reminders_send(now=dt.datetime(2008, 10, 1, tzinfo=dt.UTC)).sent["reports-due"] == 0
