"""When the published data last changed, and the signals that invalidate the public caches.

`last_changed()` is the newest change recorded in the history of the apps whose data is published
(django-simple-history keeps a dated row for every save and delete), read in one query and kept in the
cache for the current data generation. `connect_signals()` bumps that generation
(`tcdesk.core.public_data`) after any commit that saves or deletes a row of those apps, so cached pages,
"last changed" and the IATI feed's ETag follow the data.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from tcdesk.core import public_data

# The apps whose records the open-data pages show (and this app's exclusions).
PUBLISHED_APPS = frozenset({"core", "mandates", "treaties", "assistance", "funds", "portfolio", "opendata"})


def _history_tables() -> list[str]:
    tables = []
    for model in apps.get_models():
        if model._meta.app_label in PUBLISHED_APPS and getattr(model, "instance_type", None) is not None:
            tables.append(model._meta.db_table)  # a simple-history model (it records its instance's type)
    return sorted(tables)


def _newest_in_history() -> dt.datetime | None:
    quote = connection.ops.quote_name
    union = " UNION ALL ".join(f"SELECT MAX(history_date) AS m FROM {quote(t)}" for t in _history_tables())  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(m) FROM ({union}) AS newest")  # noqa: S608 - table names from the models
        value = cursor.fetchone()[0]
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def last_changed() -> dt.datetime | None:
    """The time of the newest change to published data (None when nothing was ever recorded)."""
    key = f"opendata:last-changed:{public_data.generation()}"
    found = cache.get(key)
    if found is None:
        newest = _newest_in_history()
        found = newest.isoformat() if newest else ""
        cache.set(key, found, max(1, settings.TCDESK_PUBLIC_CACHE_SECONDS))
    return dt.datetime.fromisoformat(found) if found else None


def etag(*parts: str) -> str:
    """A strong ETag for a published file: the data's last change, the day (a feed dates what is past)
    and the licence, so every app server gives the same tag for the same bytes."""
    changed = last_changed()
    text = "|".join([changed.isoformat() if changed else "-", timezone.localdate().isoformat(), *parts])
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


# ---------------------------------------------------------------------------------------------- signals


def _changed(sender, **kwargs) -> None:
    """After the transaction commits (never for one rolled back), the published data is new."""
    if sender._meta.app_label in PUBLISHED_APPS:
        transaction.on_commit(public_data.bump)


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        _changed(type(instance))


def connect_signals() -> None:
    post_save.connect(_changed, dispatch_uid="opendata-published-save")
    post_delete.connect(_changed, dispatch_uid="opendata-published-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="opendata-published-m2m")
