"""XML Schema lexical forms of the values IATI uses (decimal, date, dateTime, boolean), both ways."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

_DATE_TIMEZONE = re.compile(r"(Z|[+-]\d{2}:\d{2})$")
_LONG_FRACTION = re.compile(r"(\.\d{6})\d+")


class ValueProblem(ValueError):
    """A value that XML Schema accepts (or that escaped validation) but Python cannot represent."""


def format_decimal(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueProblem(f"{value} is not a number IATI can hold")
    return format(value, "f")  # never exponent notation, which xsd:decimal refuses


def format_bool(value: bool) -> str:
    return "1" if value else "0"


def format_date(value: date) -> str:
    return value.isoformat()


def format_datetime(value: datetime) -> str:
    return value.isoformat()


def parse_decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueProblem(f"{text!r} is not a decimal number") from None
    if not value.is_finite():
        raise ValueProblem(f"{text!r} is not a decimal number")
    return value


def parse_date(text: str) -> date:
    """An xsd:date; a time zone suffix (allowed by XML Schema, meaningless for a calendar date) is dropped."""
    try:
        if len(text) == 10:  # the usual YYYY-MM-DD, without the clean-up below (hot path)
            return date.fromisoformat(text)
        return date.fromisoformat(_DATE_TIMEZONE.sub("", text.strip()))
    except ValueError:
        raise ValueProblem(f"{text!r} is not a date (YYYY-MM-DD)") from None


def parse_datetime(text: str) -> datetime:
    """An xsd:dateTime, with its offset when it has one (naive otherwise, as written)."""
    cleaned = _LONG_FRACTION.sub(r"\1", text.strip())
    try:
        return datetime.fromisoformat(cleaned)
    except ValueError:
        raise ValueProblem(f"{text!r} is not a date and time (YYYY-MM-DDThh:mm:ss)") from None


def parse_bool(text: str) -> bool:
    cleaned = text.strip()
    if cleaned in ("1", "true"):
        return True
    if cleaned in ("0", "false"):
        return False
    raise ValueProblem(f"{text!r} is not a boolean (1, 0, true or false)")
