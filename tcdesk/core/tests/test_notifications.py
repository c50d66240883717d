"""Notifications: one service writes the in-app line and the e-mail of an event, in the recipient's
language; each user sees and marks only their own; reminders go once per key; old ones are pruned."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.core.extensions import reminder_sources
from tcdesk.core.models import Notification, ReminderSent
from tcdesk.core.services import (
    Message,
    Reminder,
    ReminderSource,
    notifications_mark_read,
    notifications_muted,
    notifications_prune,
    notify,
    reminders_send,
)

pytestmark = pytest.mark.django_db


def _render() -> Message:
    # "Status" is translated (the assistance catalog): the text shows which language it was rendered in.
    status = gettext_now("Status")
    return Message(title=status, summary="body", subject=f"[tcdesk] {status}", email_body="mail body")


gettext_now = gettext  # not extracted into core's catalog: the test borrows a translation, it adds none


def _note(user, **fields) -> Notification:
    return Notification.objects.create(
        **{"recipient": user, "kind": "test", "title": "Something happened", "link": "/", **fields}
    )


def test_notify_writes_in_app_and_mails_after_commit_in_each_recipients_language(
    django_capture_on_commit_callbacks,
):
    french = UserFactory(username="fr-reader", preferred_language="fr")
    spanish = UserFactory(username="es-reader", preferred_language="es")
    actor = UserFactory(username="actor")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(recipients=[french, spanish, actor], kind="test", link="/requests/1/", render=_render, exclude=actor)
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    titles = dict(Notification.objects.values_list("recipient__username", "title"))
    assert titles == {"fr-reader": "Statut", "es-reader": "Estado"}
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("es-reader@example.org", "[tcdesk] Estado"),
        ("fr-reader@example.org", "[tcdesk] Statut"),
    ]


def test_notify_skips_inactive_users_mails_no_one_without_an_address_and_is_silent_when_muted():
    inactive = UserFactory(username="gone", is_active=False)
    no_mail = UserFactory(username="no-mail", email="")
    notify(recipients=[inactive, no_mail], kind="test", link="/", render=_render)
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["no-mail"]
    with notifications_muted():
        notify(recipients=[no_mail], kind="test", link="/", render=_render)
    assert Notification.objects.count() == 1


def test_marking_read_touches_only_the_users_own_notifications():
    alice, bob = UserFactory(username="alice"), UserFactory(username="bob")
    mine, theirs = _note(alice), _note(bob)
    assert notifications_mark_read(user=alice, ids=[mine.pk, theirs.pk]) == 1
    mine.refresh_from_db(), theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
    assert notifications_mark_read(user=alice) == 0  # nothing left unread


def test_pruning_deletes_notifications_past_their_retention(settings):
    settings.TCDESK_NOTIFICATION_KEEP_DAYS = 30
    user = UserFactory(username="keeper")
    old = _note(user, created_at=timezone.now() - dt.timedelta(days=31))
    recent = _note(user, created_at=timezone.now() - dt.timedelta(days=29))
    assert notifications_prune() == 1
    assert list(Notification.objects.all()) == [recent] and not Notification.objects.filter(pk=old.pk).exists()


def test_reminders_go_once_per_key_and_recipient_even_when_run_twice(settings):
    reader = UserFactory(username="reader", preferred_language="fr")
    later = UserFactory(username="later")
    recipients = [reader]

    def find(_now):
        yield Reminder(
            key="test:1:period", kind="test.reminder", recipients=tuple(recipients), link="/x/", render=_render
        )

    source = ReminderSource("test", find)
    with reminder_sources.only(source):
        first = reminders_send()
        second = reminders_send()
        recipients.append(later)  # someone who joins later still gets it, once
        third = reminders_send()
    assert (first.sent, first.recipients) == ({"test": 1}, 1)
    assert (second.sent, second.recipients) == ({"test": 0}, 0)
    assert third.recipients == 1
    assert sorted(Notification.objects.values_list("recipient__username", "title")) == [
        ("later", "Status"),
        ("reader", "Statut"),
    ]
    assert ReminderSent.objects.count() == 2


def test_send_reminders_command_reports_what_it_did():
    out = io.StringIO()
    with reminder_sources.only():
        call_command("send_reminders", stdout=out)
    assert "0 recipients" in out.getvalue()


# --------------------------------------------------------------------------------------------- pages


def test_the_list_shows_only_the_users_own_notifications_newest_first_with_the_unread_count(
    focal_mli, focal_mli_client, officer
):
    _note(focal_mli, title="Older", created_at=timezone.now() - dt.timedelta(hours=1))
    _note(focal_mli, title="Newer")
    _note(officer, title="For the officer only")
    body = focal_mli_client.get(reverse("core:notification_list")).content.decode()
    assert body.index("Newer") < body.index("Older")
    assert "For the officer only" not in body
    assert 'class="notification-count">2<' in body  # the header's unread count
    assert "Mark all read" in body


def test_the_auditor_reading_everything_still_lists_only_their_own(auditor_client, officer):
    _note(officer, title="For the officer only")
    body = auditor_client.get(reverse("core:notification_list")).content.decode()
    assert "For the officer only" not in body and "No notifications yet." in body


def test_opening_a_notification_marks_it_read_and_follows_its_link(focal_mli, focal_mli_client):
    note = _note(focal_mli)
    note.link = "/requests/1/"
    note.save()
    response = focal_mli_client.get(reverse("core:notification_open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/requests/1/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_another_users_notification_cannot_be_opened(officer, focal_mli_client, auditor_client):
    note = _note(officer)
    assert focal_mli_client.get(reverse("core:notification_open", args=[note.pk])).status_code == 404
    assert auditor_client.get(reverse("core:notification_open", args=[note.pk])).status_code == 403
    note.refresh_from_db()
    assert note.read_at is None


def test_a_link_off_the_site_is_not_followed(focal_mli, focal_mli_client):
    note = _note(focal_mli)
    note.link = "//evil.example.org/"
    note.save()
    response = focal_mli_client.get(reverse("core:notification_open", args=[note.pk]))
    assert response["Location"] == reverse("core:notification_list")


def test_mark_all_read(focal_mli, focal_mli_client, officer):
    _note(focal_mli), _note(focal_mli)
    theirs = _note(officer)
    response = focal_mli_client.post(reverse("core:notification_list"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=focal_mli, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("core:notification_list"))
    assert response.status_code in (302, 403) and "notification" not in response.content.decode().lower()


# ----------------------------------------------------------------------------------------------- API


def test_the_api_lists_the_callers_notifications_and_marks_them_read(focal_mli, officer, client, api_token_for):
    mine = _note(focal_mli, title="Mine")
    _note(officer, title="Not mine")
    headers = api_token_for(focal_mli)
    listed = client.get("/api/core/notifications", **headers).json()
    assert [n["title"] for n in listed["items"]] == ["Mine"] and listed["items"][0]["read_at"] is None
    theirs = Notification.objects.get(recipient=officer)
    answer = client.post(
        "/api/core/notifications/read", {"ids": [mine.pk, theirs.pk]}, content_type="application/json", **headers
    )
    assert answer.json() == {"marked": 1}
    assert client.get("/api/core/notifications?unread=true", **headers).json()["count"] == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_api_refuses_anonymous_callers(client):
    assert client.get("/api/core/notifications").status_code == 401
    assert client.post("/api/core/notifications/read", {}, content_type="application/json").status_code == 401
