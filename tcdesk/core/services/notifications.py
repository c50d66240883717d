"""Telling people what happened: one call writes the in-app notification and sends the e-mail of the
same event, each in the recipient's language (their profile's preference). Deadline reminders come
from the `core.extensions.reminder_sources` that higher apps register; each goes once per item and
period (`ReminderSent`). Old notifications are pruned (`notifications_prune`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from ..models import Notification, ReminderSent

logger = logging.getLogger("tcdesk.notifications")
_muted = threading.local()


@dataclass(frozen=True)
class Message:
    """What one recipient reads about one event, rendered in their language: the in-app line (`title`,
    `summary`) and the e-mail (`subject`, `email_body`; no e-mail when the subject is empty)."""

    title: str
    summary: str = ""
    subject: str = ""
    email_body: str = ""


@dataclass(frozen=True)
class Reminder:
    """A reminder about one item: `key` names the source, the item and the period (sent once per key
    and recipient); `render` is called in each recipient's language."""

    key: str
    kind: str
    recipients: tuple[Any, ...]
    link: str
    render: Callable[[], Message]


@dataclass(frozen=True)
class ReminderSource:
    """A kind of deadline a higher app watches: `find(now)` yields the reminders due at `now`."""

    key: str
    find: Callable[[dt.datetime], Iterable[Reminder]]


@dataclass
class ReminderSummary:
    """What one run of the reminders did: reminders sent per source, recipients told, notifications pruned."""

    sent: dict[str, int] = field(default_factory=dict)
    recipients: int = 0
    pruned: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"sent": dict(self.sent), "recipients": self.recipients, "pruned": self.pruned}


@contextlib.contextmanager
def notifications_muted() -> Iterator[None]:
    """Nothing is written to anyone inside the block (demo data and imports must not notify people)."""
    previous = getattr(_muted, "on", False)
    _muted.on = True
    try:
        yield
    finally:
        _muted.on = previous


def language_of(user: Any) -> str:
    """The language a user reads tcdesk in: their profile's preference, else the site's."""
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def absolute_url(path: str) -> str:
    """The link as it must appear in an e-mail, read outside the site."""
    return settings.TCDESK_SITE_URL + path


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    link: str,
    render: Callable[[], Message],
    exclude: Any = None,
    at: dt.datetime | None = None,
) -> list[Notification]:
    """Tell each active recipient (but `exclude`, the actor) about one event: an in-app notification now,
    in the caller's transaction, and an e-mail once it commits (a mail server down does not undo the
    work). `render` is called once per recipient inside their language."""
    if getattr(_muted, "on", False):
        return []
    excluded = getattr(exclude, "pk", exclude)
    people = {user.pk: user for user in recipients if user.is_active and user.pk != excluded}
    if not people:
        return []
    now = at or timezone.now()
    rows: list[Notification] = []
    mails: list[tuple[str, str, str]] = []
    for user in people.values():
        with translation.override(language_of(user)):
            message = render()
            rows.append(
                Notification(
                    recipient=user,
                    created_at=now,
                    kind=kind,
                    title=str(message.title)[:300],
                    body=str(message.summary),
                    link=link[:500],
                )
            )
        if message.subject and user.email:
            mails.append((str(message.subject), str(message.email_body), user.email))
    created = Notification.objects.bulk_create(rows)

    def send() -> None:
        for subject, body, address in mails:
            try:
                send_mail(subject, body, None, [address])
            except OSError:
                logger.warning("could not e-mail %s about %s", address, link, exc_info=True)

    if mails:
        transaction.on_commit(send)
    return created


@transaction.atomic
def notifications_mark_read(*, user: Any, ids: Iterable[int] | None = None, at: dt.datetime | None = None) -> int:
    """Mark the user's unread notifications read (all of them, or those of `ids` that are theirs);
    returns how many changed. Another user's ids are ignored, never marked."""
    mine = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        mine = mine.filter(pk__in=list(ids))
    return mine.update(read_at=at or timezone.now())


@transaction.atomic
def notifications_prune(*, now: dt.datetime | None = None) -> int:
    """Delete notifications older than `TCDESK_NOTIFICATION_KEEP_DAYS`, and the record of reminders sent
    older than `TCDESK_REMINDER_KEEP_DAYS` (kept longer, so a reminder is not sent again while its
    period lasts); returns the number of notifications deleted."""
    now = now or timezone.now()
    deleted, _by_model = Notification.objects.filter(
        created_at__lt=now - dt.timedelta(days=settings.TCDESK_NOTIFICATION_KEEP_DAYS)
    ).delete()
    ReminderSent.objects.filter(sent_at__lt=now - dt.timedelta(days=settings.TCDESK_REMINDER_KEEP_DAYS)).delete()
    return deleted


def reminder_period(now: dt.datetime) -> int:
    """The number of the reminder period `now` falls in (periods of `TCDESK_REMINDER_REPEAT_DAYS` days
    from 1 January 2000): a reminder keyed with it is sent again at most once a period."""
    days = (timezone.localdate(now) - dt.date(2000, 1, 1)).days
    return days // max(1, settings.TCDESK_REMINDER_REPEAT_DAYS)


def _send_one(reminder: Reminder, now: dt.datetime) -> int:
    """Send one reminder to those of its recipients who did not have it yet; returns how many got it."""
    with transaction.atomic():
        told = set(
            ReminderSent.objects.filter(key=reminder.key, recipient__in=reminder.recipients).values_list(
                "recipient_id", flat=True
            )
        )
        fresh = [user for user in reminder.recipients if user.pk not in told and user.is_active]
        if not fresh:
            return 0
        ReminderSent.objects.bulk_create([ReminderSent(recipient=u, key=reminder.key, sent_at=now) for u in fresh])
        notify(recipients=fresh, kind=reminder.kind, link=reminder.link, render=reminder.render, at=now)
        return len(fresh)


def reminders_send(*, now: dt.datetime | None = None, prune: bool = True) -> ReminderSummary:
    """Send the deadline reminders every registered source finds due (`core.extensions.reminder_sources`),
    each once per item, period and recipient: running it twice sends nothing new. Each reminder is its own
    transaction; a concurrent run that sent it first wins. Then prune old notifications."""
    from ..extensions import reminder_sources

    now = now or timezone.now()
    summary = ReminderSummary()
    for source in reminder_sources:
        sent = 0
        for reminder in source.find(now):
            try:
                told = _send_one(reminder, now)
            except IntegrityError:  # another run recorded it between our read and our write
                continue
            sent += 1 if told else 0
            summary.recipients += told
        summary.sent[source.key] = sent
    if prune:
        summary.pruned = notifications_prune(now=now)
    return summary
