"""`long_date`: a day written out in the active language ("5 March 2026", "5 mars 2026", "5 de marzo de 2026").

Django's "j F Y" leaves out the Spanish "de"; each language's pattern is kept here so templates need not know.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()

LONG_DATE_FORMATS = {"es": r"j \d\e F \d\e Y"}
DEFAULT_LONG_DATE_FORMAT = "j F Y"


def long_date_format(language: str | None) -> str:
    """The pattern of a written-out date in `language` (a code such as "es" or "es-mx")."""
    return LONG_DATE_FORMATS.get((language or "en").split("-")[0], DEFAULT_LONG_DATE_FORMAT)


@register.filter
def long_date(value: dt.date | None) -> str:
    """A date written out in the active language; empty for no date (so `|default:` applies)."""
    if not value:
        return ""
    return date_format(value, long_date_format(get_language()))
