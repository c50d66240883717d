"""Shared helpers of the funds services: checking amounts and currencies, rates of the month, donors by
code or name, permission checks for callers that are not views."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tcdesk.accounts import rules
from tcdesk.accounts.rules import Action
from tcdesk.core.models import Country, Organisation
from tcdesk.core.text import fold

from .. import money
from ..errors import MissingRateError
from ..models import Donor, ExchangeRate


def require(actor: Any, action: Action) -> None:
    """A person acting must hold the action; `actor=None` is the system itself (commands, other apps'
    automated postings such as asset sharing), which callers vouch for."""
    if actor is not None:
        rules.require(actor, action)


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def as_decimal(value: Any, field: str = "amount") -> Decimal:
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [_("“%(value)s” is not a number.") % {"value": value}]}) from None
    if not amount.is_finite():
        raise ValidationError({field: [_("“%(value)s” is not a number.") % {"value": value}]})
    return amount


def amount_problems(amount: Any, currency: str, *, field: str = "amount") -> dict[str, list[str]]:
    """The problems of an amount in a currency, by field: positive, a known ISO 4217 currency that has
    minor units, no digit below the minor unit."""
    errors: dict[str, list[str]] = {}
    code = (currency or "").strip().upper()
    if money.minor_unit(code) is None:
        errors["currency"] = [
            _("“%(code)s” is not an ISO 4217 currency that can be split into units.") % {"code": currency}
        ]
    try:
        value = as_decimal(amount, field)
    except ValidationError as exc:
        errors[field] = exc.message_dict[field]
        return errors
    if value <= 0:
        errors[field] = [_("The amount must be greater than zero.")]
    elif "currency" not in errors and not money.fits_minor_unit(value, code):
        errors[field] = [
            _("%(code)s has %(digits)s decimal(s): %(value)s has more.")
            % {"code": code, "digits": money.minor_unit(code), "value": value}
        ]
    return errors


def rate_of(currency: str, day: dt.date, *, field: str = "currency") -> Decimal:
    """The UN operational rate (units per USD) of the month of `day`; MissingRateError when not loaded."""
    if currency == "USD":
        return Decimal(1)
    rate = ExchangeRate.objects.filter(currency=currency, month=month_of(day)).values_list("rate", flat=True).first()
    if rate is None:
        raise MissingRateError(currency, f"{day:%Y-%m}", field=field)
    return rate


def find_donor(text: str, *, create: bool = True) -> Donor | None:
    """A donor by its code, a State's ISO3, an organisation's code or acronym, or a State's or
    organisation's English or French name; the donor record of a State or organisation is created when
    first needed (never for an unknown name)."""
    text = (text or "").strip()
    if not text:
        return None
    donor = Donor.objects.filter(code__iexact=text).first()
    if donor:
        return donor
    country = Country.objects.filter(iso3=text.upper()).first() if len(text) == 3 else None
    organisation = None
    if country is None:
        organisation = (
            Organisation.objects.filter(code__iexact=text).first()
            or Organisation.objects.filter(acronym__iexact=text).first()
        )
    if country is None and organisation is None:
        folded = fold(text)
        country = next(
            (
                c
                for c in Country.objects.only("iso3", "name_en", "name_fr", "official_name_en", "official_name_fr")
                if folded in {fold(c.name_en), fold(c.name_fr), fold(c.official_name_en), fold(c.official_name_fr)}
            ),
            None,
        )
        if country is None:
            organisation = next(
                (
                    o
                    for o in Organisation.objects.only("code", "name_en", "name_fr")
                    if folded in {fold(o.name_en), fold(o.name_fr)}
                ),
                None,
            )
    if country is not None:
        existing = Donor.objects.filter(country=country).first()
        if existing or not create:
            return existing
        return Donor.objects.create(code=country.iso3, kind="state", country=country)
    if organisation is not None:
        existing = Donor.objects.filter(organisation=organisation).first()
        if existing or not create:
            return existing
        return Donor.objects.create(code=organisation.code.upper(), kind="organisation", organisation=organisation)
    return None


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)
