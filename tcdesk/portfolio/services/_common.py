"""Shared checks of the portfolio services (percentages, periods), with messages naming the field and rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

HUNDRED = Decimal(100)
Errors = dict[str, list[str]]


def add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def decimal_or_error(errors: Errors, field: str, value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        add(errors, field, _("“%(value)s” is not a number.") % {"value": value})
        return None


def check_percentages(errors: Errors, field: str, shares: Iterable[Any], *, what: str) -> None:
    """Each share between 0 and 100 (exclusive of 0), together exactly 100 (when there is any)."""
    values = []
    for share in shares:
        value = decimal_or_error(errors, field, share)
        if value is None:
            return
        if not Decimal(0) < value <= HUNDRED:
            add(errors, field, _("Each percentage must be above 0 and at most 100 (got %(value)s).") % {"value": value})
            return
        values.append(value)
    if values and sum(values) != HUNDRED:
        add(
            errors,
            field,
            _("The %(what)s percentages add up to %(total)s, not 100.") % {"what": what, "total": sum(values)},
        )


def check_period(errors: Errors, field: str, start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        add(errors, field, _("The end (%(end)s) is before the start (%(start)s).") % {"end": end, "start": start})


def duplicates(values: Iterable[Any]) -> list[Any]:
    seen, twice = set(), []
    for value in values:
        if value in seen and value not in twice:
            twice.append(value)
        seen.add(value)
    return twice
