"""In-app notifications of a request's steps, and the deadline reminders of the assistance app: who is
told, in which language, and that running the reminders again sends nothing new."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.assistance import services
from tcdesk.assistance.models import AssistanceRequest
from tcdesk.core.models import Notification
from tcdesk.core.services import reminders_send

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


def _told(kind_prefix: str = "assistance.") -> list[tuple[str, str]]:
    rows = Notification.objects.filter(kind__startswith=kind_prefix).order_by("recipient__username", "pk")
    return list(rows.values_list("recipient__username", "title"))


def _submitted_days_ago(make_request, days: int) -> AssistanceRequest:
    req = make_request()
    AssistanceRequest.objects.filter(pk=req.pk).update(submitted_at=NOW - dt.timedelta(days=days))
    req.refresh_from_db()
    return req


def test_an_officers_step_reaches_the_focal_point_in_app_in_their_language(make_request, officer, focal_mli):
    focal_mli.preferred_language = "fr"
    focal_mli.save()
    req = make_request()
    Notification.objects.all().delete()  # the officers were told of the submission
    services.request_transition(ta_request=req, actor=officer, action="acknowledge", comment="Reçu, merci.")
    (note,) = Notification.objects.all()
    assert note.recipient == focal_mli and note.link == req.get_absolute_url()
    assert req.reference in note.title and req.title in note.title and "Accusé de réception" in note.title
    assert "Reçu, merci." in note.body and note.read_at is None


def test_the_submission_tells_the_officers_and_an_internal_note_tells_no_one(make_request, officer, focal_mli):
    req = make_request()
    assert [who for who, _title in _told()] == [officer.username]
    Notification.objects.all().delete()
    services.request_comment(ta_request=req, actor=officer, text="Check the budget.", internal=True)
    assert _told() == []


def test_a_request_waiting_past_the_threshold_reminds_every_officer_once_a_period(
    make_request, officer, focal_mli, settings, django_capture_on_commit_callbacks
):
    settings.TCDESK_REMINDER_WAITING_DAYS = 30
    settings.TCDESK_REMINDER_REPEAT_DAYS = 7
    other_officer = UserFactory(username="officer-two", preferred_language="es")
    role_assign(user=other_officer, role="programme_officer")
    req = _submitted_days_ago(make_request, 31)
    _submitted_days_ago(make_request, 29)  # not yet past the threshold
    Notification.objects.all().delete()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_send(now=NOW)
    assert first.sent["requests-waiting"] == 1
    told = _told("assistance.reminder_waiting")
    assert [who for who, _t in told] == ["officer-two", "officer-user"]
    assert "esperado 31 días" in told[0][1] and "waited 31 days" in told[1][1] and req.reference in told[1][1]
    assert sorted(m.to[0] for m in mail.outbox) == ["officer-two@example.org", "officer-user@example.org"]

    assert reminders_send(now=NOW + dt.timedelta(hours=5)).recipients == 0  # run again: nothing new
    # The next period: again, and for the other request too, which has now waited past the threshold.
    next_period = reminders_send(now=NOW + dt.timedelta(days=7))
    assert (next_period.sent["requests-waiting"], next_period.recipients) == (2, 4)


def test_an_assigned_request_reminds_its_assignee_only(make_request, officer, settings):
    settings.TCDESK_REMINDER_WAITING_DAYS = 30
    assignee = UserFactory(username="assignee")
    role_assign(user=assignee, role="programme_officer")
    req = _submitted_days_ago(make_request, 40)
    services.request_assign(ta_request=req, actor=officer, assignee=assignee)
    Notification.objects.all().delete()
    reminders_send(now=NOW)
    assert [who for who, _t in _told("assistance.reminder_waiting")] == ["assignee"]


def test_information_not_given_reminds_the_states_side_not_the_officers(make_request, officer, focal_mli, settings):
    settings.TCDESK_REMINDER_UNANSWERED_DAYS = 14
    focal_mli.preferred_language = "fr"
    focal_mli.save()
    asked_long_ago, asked_lately = make_request(), make_request()
    for req, days in ((asked_long_ago, 15), (asked_lately, 13)):
        req = services.request_transition(ta_request=req, actor=officer, action="acknowledge")
        services.request_transition(
            ta_request=req,
            actor=officer,
            action="request_information",
            comment="Which courts?",
            at=NOW - dt.timedelta(days=days),
        )
    Notification.objects.all().delete()
    summary = reminders_send(now=NOW)
    assert summary.sent["information-unanswered"] == 1
    ((who, title),) = _told("assistance.reminder_unanswered")
    assert who == focal_mli.username and asked_long_ago.reference in title and "15 jours" in title
    assert reminders_send(now=NOW).recipients == 0


def test_answered_or_closed_requests_are_not_reminded(make_request, officer, focal_mli, settings):
    settings.TCDESK_REMINDER_WAITING_DAYS = 30
    req = _submitted_days_ago(make_request, 90)
    services.request_transition(ta_request=req, actor=focal_mli, action="withdraw")
    Notification.objects.all().delete()
    assert reminders_send(now=timezone.now()).recipients == 0
