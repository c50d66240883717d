"""Funds, donors, agreements, earmarks and exchange rates: the records money moves between."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tcdesk.assistance.models import AssistanceRequest
from tcdesk.core.limits import text_length_problems
from tcdesk.core.models import Country, Region, Theme

from .. import money
from ..choices import DonorKind, FundKind
from ..models import DEFAULT_PSC_RATE, ContributionAgreement, Donor, Earmark, ExchangeRate, Fund
from ..permissions import MANAGE_FUNDS
from ._common import amount_problems, as_decimal, find_donor, month_of, raise_if, require


@transaction.atomic
def fund_create(
    *,
    actor: Any,
    code: str,
    name_en: str,
    name_fr: str = "",
    kind: str = FundKind.GENERAL,
    currency: str = "USD",
    mandate_reference: str = "",
) -> Fund:
    """A fund with its currency of account (USD unless told otherwise)."""
    require(actor, MANAGE_FUNDS)
    errors: dict[str, list[str]] = {}
    code = (code or "").strip().upper()
    if not code or len(code) > 20:
        errors["code"] = [_("Give the fund a code of at most 20 characters (e.g. CPCJF).")]
    elif Fund.objects.filter(code=code).exists():
        errors["code"] = [_("A fund with the code %(code)s exists already.") % {"code": code}]
    if not (name_en or "").strip():
        errors["name_en"] = [_("Give the fund's English name.")]
    if kind not in FundKind.values:
        errors["kind"] = [_("Unknown kind of fund.")]
    currency = (currency or "").strip().upper()
    if money.minor_unit(currency) is None:
        errors["currency"] = [_("“%(code)s” is not an ISO 4217 currency.") % {"code": currency}]
    raise_if(errors)
    return Fund.objects.create(
        code=code,
        name_en=name_en.strip(),
        name_fr=name_fr.strip(),
        kind=kind,
        currency=currency,
        mandate_reference=mandate_reference,
    )


@transaction.atomic
def donor_create(*, actor: Any, code: str, kind: str, name_en: str = "", name_fr: str = "") -> Donor:
    """A donor: a State or organisation of the reference data (by ISO3 or organisation code; the donor is
    that record, not a copy), or a foundation or private donor with its own name."""
    require(actor, MANAGE_FUNDS)
    if kind in (DonorKind.STATE, DonorKind.ORGANISATION):
        donor = find_donor(code)
        if donor is None or donor.kind != kind:
            raise ValidationError(
                {"code": [_("No State or organisation “%(code)s” in the reference data.") % {"code": code}]}
            )
        return donor
    if kind not in DonorKind.values:
        raise ValidationError({"kind": [_("Unknown kind of donor.")]})
    code = (code or "").strip().upper()
    errors: dict[str, list[str]] = {}
    if not code:
        errors["code"] = [_("Give the donor a code.")]
    elif Donor.objects.filter(code=code).exists():
        errors["code"] = [_("A donor with the code %(code)s exists already.") % {"code": code}]
    if not name_en.strip():
        errors["name_en"] = [_("Give the donor's name.")]
    raise_if(errors)
    return Donor.objects.create(code=code, kind=kind, name_en=name_en.strip(), name_fr=name_fr.strip())


@transaction.atomic
def agreement_create(
    *,
    actor: Any,
    reference: str,
    donor: str,
    fund: str,
    amount: Decimal,
    currency: str,
    signed_on: dt.date,
    valid_from: dt.date,
    valid_to: dt.date,
    psc_rate: Decimal = DEFAULT_PSC_RATE,
    reporting_obligations: str = "",
) -> ContributionAgreement:
    """A contribution agreement between a donor and a fund (programme support costs 13 % unless agreed)."""
    require(actor, MANAGE_FUNDS)
    errors = amount_problems(amount, currency)
    errors.update(text_length_problems(ContributionAgreement, reporting_obligations=reporting_obligations))
    reference = (reference or "").strip()
    if not reference:
        errors["reference"] = [_("Give the agreement's reference.")]
    elif ContributionAgreement.objects.filter(reference=reference).exists():
        errors["reference"] = [_("An agreement with this reference exists already.")]
    donor_obj = find_donor(donor)
    if donor_obj is None:
        errors["donor"] = [_("Unknown donor “%(donor)s”.") % {"donor": donor}]
    fund_obj = Fund.objects.filter(code=(fund or "").upper()).first()
    if fund_obj is None:
        errors["fund"] = [_("Unknown fund “%(fund)s”.") % {"fund": fund}]
    if valid_to < valid_from:
        errors["valid_to"] = [_("The validity period must end on or after its start.")]
    rate = as_decimal(psc_rate, "psc_rate")
    if not (Decimal(0) <= rate < 1):
        errors["psc_rate"] = [_("The support cost rate is a fraction between 0 and 1 (0.13 for 13 %).")]
    raise_if(errors)
    assert donor_obj is not None and fund_obj is not None
    return ContributionAgreement.objects.create(
        reference=reference,
        donor=donor_obj,
        fund=fund_obj,
        amount=as_decimal(amount),
        currency=currency.upper(),
        signed_on=signed_on,
        valid_from=valid_from,
        valid_to=valid_to,
        psc_rate=rate,
        reporting_obligations=reporting_obligations,
    )


@transaction.atomic
def earmark_create(
    *,
    actor: Any,
    agreement: int,
    code: str,
    label: str,
    themes: Iterable[str] = (),
    regions: Iterable[str] = (),
    countries: Iterable[str] = (),
    requests: Iterable[int] = (),
    fundables: Iterable[tuple[str, int]] = (),
) -> Earmark:
    """An earmark of an agreement: its money may only fund what matches every restriction given (empty:
    no restriction of that kind; requests and fundables together: only those objects)."""
    require(actor, MANAGE_FUNDS)
    errors: dict[str, list[str]] = {}
    agreement_obj = ContributionAgreement.objects.filter(pk=agreement).first()
    if agreement_obj is None:
        errors["agreement"] = [_("Unknown agreement.")]
    code = (code or "").strip()
    if not code:
        errors["code"] = [_("Give the earmark a code.")]
    elif Earmark.objects.filter(code=code).exists():
        errors["code"] = [_("An earmark with the code %(code)s exists already.") % {"code": code}]
    theme_objs = list(Theme.objects.filter(code__in=set(themes)))
    if len(theme_objs) != len(set(themes)):
        errors["themes"] = [
            _("Unknown theme(s): %(codes)s.") % {"codes": ", ".join(sorted(set(themes) - {t.code for t in theme_objs}))}
        ]
    region_objs = list(Region.objects.filter(code__in=set(regions)))
    if len(region_objs) != len(set(regions)):
        errors["regions"] = [
            _("Unknown M49 region(s): %(codes)s.")
            % {"codes": ", ".join(sorted(set(regions) - {r.code for r in region_objs}))}
        ]
    country_objs = list(Country.objects.filter(iso3__in={c.upper() for c in countries}))
    if len(country_objs) != len({c.upper() for c in countries}):
        errors["countries"] = [_("Unknown country code(s).")]
    request_objs = list(AssistanceRequest.objects.filter(pk__in=set(requests)))
    if len(request_objs) != len(set(requests)):
        errors["requests"] = [_("Unknown request(s).")]
    raise_if(errors)
    assert agreement_obj is not None
    earmark = Earmark.objects.create(
        agreement=agreement_obj, code=code, label=label or code, fundables=[[k, int(i)] for k, i in fundables]
    )
    earmark.themes.set(theme_objs)
    earmark.regions.set(region_objs)
    earmark.countries.set(country_objs)
    earmark.requests.set(request_objs)
    return earmark


@transaction.atomic
def exchange_rate_set(*, actor: Any, currency: str, month: dt.date, rate: Decimal | str) -> ExchangeRate:
    """Set (or correct) the UN operational rate of a currency for a month (units per USD)."""
    require(actor, MANAGE_FUNDS)
    errors: dict[str, list[str]] = {}
    currency = (currency or "").strip().upper()
    if money.minor_unit(currency) is None or currency == "USD":
        errors["currency"] = [_("“%(code)s” is not an ISO 4217 currency other than USD.") % {"code": currency}]
    try:
        value = as_decimal(rate, "rate")
        if value <= 0:
            errors["rate"] = [_("A rate is a number of units per US dollar, greater than zero.")]
        elif value != value.quantize(Decimal("0.000001")):
            errors["rate"] = [_("A rate has at most 6 decimals.")]
    except ValidationError as exc:
        errors.update(exc.message_dict)
    raise_if(errors)
    found, _created = ExchangeRate.objects.update_or_create(
        currency=currency, month=month_of(month), defaults={"rate": value}
    )
    return found
