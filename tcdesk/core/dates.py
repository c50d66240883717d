"""Dates read from users: the `as_of` of pages and endpoints ("status at a date", "groups on a date").

Legal and calendar facts are dates; "today" is the local date of the installation (settings.TIME_ZONE).
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()


def or_today(day: dt.date | None) -> dt.date:
    """The given date, or today when none was given (the API's optional `as_of`)."""
    return day or timezone.localdate()


def parse_date(text: str | None) -> dt.date | None:
    """A YYYY-MM-DD date, None for an empty value; ValueError for anything else."""
    text = (text or "").strip()
    return dt.date.fromisoformat(text) if text else None


def as_of_param(request: HttpRequest, name: str = "as_of") -> dt.date:
    """The page's `as_of` query parameter; today when it is missing or not a date (pages never fail on it)."""
    try:
        return parse_date(request.GET.get(name)) or timezone.localdate()
    except ValueError:
        return timezone.localdate()
