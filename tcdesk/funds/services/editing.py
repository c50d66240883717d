"""Corrections of the records money moves between: funds, donors, agreements and earmarks.

What the ledger already holds is never rewritten: a fund's currency, an agreement's donor, fund and
currency, an earmark's agreement stay as they are once money has moved on them; what may change
(names, validity, amounts promised, restrictions for future allocations) is checked against what has
been recorded (an agreement's validity still covers its receipts and pledges). Each change is kept in
the model's history (simple-history) with the user who made it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils.translation import gettext as _

from tcdesk.assistance.models import AssistanceRequest
from tcdesk.core.limits import text_length_problems
from tcdesk.core.models import Country, Region, Theme

from .. import money
from ..choices import DonorKind, FundKind
from ..models import ContributionAgreement, Donor, Earmark, Fund, LedgerEntry
from ..permissions import MANAGE_FUNDS
from ._common import amount_problems, as_decimal, raise_if, require


def _locked(queryset: Any, field: str, message: str, **lookup: Any) -> Any:
    found = queryset.select_for_update().filter(**lookup).first()
    if found is None:
        raise ValidationError({field: [message]})
    return found


@transaction.atomic
def fund_update(
    *,
    actor: Any,
    code: str,
    name_en: str,
    name_fr: str = "",
    kind: str = FundKind.GENERAL,
    currency: str | None = None,
    mandate_reference: str = "",
    active: bool = True,
) -> Fund:
    """Rename a fund, change its kind, legal basis or whether it is active. Its currency of account may
    change only while no money has been posted to it (its ledger is kept in that currency)."""
    require(actor, MANAGE_FUNDS)
    fund = _locked(Fund.objects, "code", _("Unknown fund."), code=(code or "").strip().upper())
    errors: dict[str, list[str]] = {}
    if not (name_en or "").strip():
        errors["name_en"] = [_("Give the fund's English name.")]
    if kind not in FundKind.values:
        errors["kind"] = [_("Unknown kind of fund.")]
    currency = (currency or fund.currency).strip().upper()
    if money.minor_unit(currency) is None:
        errors["currency"] = [_("“%(code)s” is not an ISO 4217 currency.") % {"code": currency}]
    elif currency != fund.currency and LedgerEntry.objects.filter(fund=fund.code).exists():
        errors["currency"] = [
            _("Money has been posted to this fund in %(code)s: its currency of account cannot change.")
            % {"code": fund.currency}
        ]
    raise_if(errors)
    fund.name_en, fund.name_fr, fund.kind = name_en.strip(), (name_fr or "").strip(), kind
    fund.currency, fund.mandate_reference, fund.active = currency, mandate_reference.strip(), bool(active)
    fund.save()
    return fund


@transaction.atomic
def donor_update(*, actor: Any, code: str, name_en: str, name_fr: str = "") -> Donor:
    """Rename a foundation or private donor. A State's or organisation's name is that of its reference
    record (edited there), never a copy."""
    require(actor, MANAGE_FUNDS)
    donor = _locked(Donor.objects, "code", _("Unknown donor."), code=(code or "").strip().upper())
    if donor.kind in (DonorKind.STATE, DonorKind.ORGANISATION):
        raise ValidationError(
            {"name_en": [_("A State's or organisation's name comes from the reference data: change it there.")]}
        )
    if not (name_en or "").strip():
        raise ValidationError({"name_en": [_("Give the donor's name.")]})
    donor.name_en, donor.name_fr = name_en.strip(), (name_fr or "").strip()
    donor.save()
    return donor


@transaction.atomic
def agreement_update(
    *,
    actor: Any,
    agreement: int,
    amount: Decimal,
    signed_on: dt.date,
    valid_from: dt.date,
    valid_to: dt.date,
    psc_rate: Decimal,
    reporting_obligations: str = "",
) -> ContributionAgreement:
    """Correct an agreement's amount, dates, support-cost rate or reporting obligations (an amendment).
    Its donor, fund and currency stay: receipts were posted against them. The validity must still
    cover every receipt and pledge recorded under it."""
    require(actor, MANAGE_FUNDS)
    found = _locked(ContributionAgreement.objects, "agreement", _("Unknown agreement."), pk=agreement)
    errors = amount_problems(amount, found.currency)
    errors.pop("currency", None)
    errors.update(text_length_problems(ContributionAgreement, reporting_obligations=reporting_obligations))
    if valid_to < valid_from:
        errors["valid_to"] = [_("The validity period must end on or after its start.")]
    else:
        span = found.receipts.aggregate(first=Min("received_on"), last=Max("received_on"))
        pledged = found.pledges.aggregate(first=Min("pledged_on"), last=Max("pledged_on"))
        days = [d for d in (span["first"], span["last"], pledged["first"], pledged["last"]) if d]
        if days and min(days) < valid_from:
            errors["valid_from"] = [
                _("Money was recorded under this agreement on %(day)s: the validity must start by then.")
                % {"day": min(days)}
            ]
        if days and max(days) > valid_to:
            errors["valid_to"] = [
                _("Money was recorded under this agreement on %(day)s: the validity must last until then.")
                % {"day": max(days)}
            ]
    try:
        rate = as_decimal(psc_rate, "psc_rate")
        if not (Decimal(0) <= rate < 1):
            errors["psc_rate"] = [_("The support cost rate is a fraction between 0 and 1 (0.13 for 13 %).")]
    except ValidationError as exc:
        errors.update(exc.message_dict)
    raise_if(errors)
    found.amount, found.signed_on, found.valid_from, found.valid_to = (
        as_decimal(amount),
        signed_on,
        valid_from,
        valid_to,
    )
    found.psc_rate, found.reporting_obligations = rate, reporting_obligations
    found.save()
    return found


def restriction_records(
    *,
    themes: Iterable[str],
    regions: Iterable[str],
    countries: Iterable[str],
    requests: Iterable[int],
    errors: dict[str, list[str]],
) -> tuple[list[Theme], list[Region], list[Country], list[AssistanceRequest]]:
    """The reference records an earmark's restrictions name; unknown codes are reported on `errors`."""
    themes, regions = set(themes), set(regions)
    countries, requests = {c.upper() for c in countries}, set(requests)
    theme_objs = list(Theme.objects.filter(code__in=themes))
    if len(theme_objs) != len(themes):
        errors["themes"] = [
            _("Unknown theme(s): %(codes)s.") % {"codes": ", ".join(sorted(themes - {t.code for t in theme_objs}))}
        ]
    region_objs = list(Region.objects.filter(code__in=regions))
    if len(region_objs) != len(regions):
        errors["regions"] = [
            _("Unknown M49 region(s): %(codes)s.")
            % {"codes": ", ".join(sorted(regions - {r.code for r in region_objs}))}
        ]
    country_objs = list(Country.objects.filter(iso3__in=countries))
    if len(country_objs) != len(countries):
        errors["countries"] = [
            _("Unknown country code(s): %(codes)s.")
            % {"codes": ", ".join(sorted(countries - {c.iso3 for c in country_objs}))}
        ]
    request_objs = list(AssistanceRequest.objects.filter(pk__in=requests))
    if len(request_objs) != len(requests):
        errors["requests"] = [_("Unknown request(s).")]
    return theme_objs, region_objs, country_objs, request_objs


@transaction.atomic
def earmark_update(
    *,
    actor: Any,
    earmark: int,
    label: str,
    themes: Iterable[str] = (),
    regions: Iterable[str] = (),
    countries: Iterable[str] = (),
    requests: Iterable[int] = (),
) -> Earmark:
    """Change an earmark's label and restrictions. They apply to allocations made from now on; the
    allocations already made stay (release one to undo it)."""
    require(actor, MANAGE_FUNDS)
    found = _locked(Earmark.objects, "earmark", _("Unknown earmark."), pk=earmark)
    errors: dict[str, list[str]] = {}
    if not (label or "").strip():
        errors["label"] = [_("Give the earmark a label.")]
    records = restriction_records(themes=themes, regions=regions, countries=countries, requests=requests, errors=errors)
    raise_if(errors)
    found.label = label.strip()
    found.save()
    found.themes.set(records[0])
    found.regions.set(records[1])
    found.countries.set(records[2])
    found.requests.set(records[3])
    return found
