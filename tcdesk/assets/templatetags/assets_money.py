"""`{{ amount|money:currency }}`: an amount with its currency's ISO 4217 decimals, grouped for the language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from tcdesk.core.currencies import find_currency

register = template.Library()


@register.filter
def money(amount: Any, currency: str) -> str:
    if amount in (None, ""):
        return "—"
    found = find_currency(currency or "")
    places = found.minor_unit if found else 2
    value = Decimal(str(amount))
    return f"{number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)} {currency}"


@register.filter
def share_percent(value: Any) -> str:
    """A share of 1 as a percentage without trailing zeros ("0.125" → "12.5 %")."""
    if value in (None, ""):
        return "—"
    percent = (Decimal(str(value)) * 100).normalize()
    return f"{format(percent, 'f')} %"
