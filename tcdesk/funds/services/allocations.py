"""Allocations of a fund's (or an earmark's) money to accepted requests and projects, their release,
and expenditure under them with programme support costs.

Every draw locks the fund row (and the earmark row) first, then reads the free balance from the
ledger: 50 concurrent allocations against one fund are served one after the other and never overdraw
it (on PostgreSQL; SQLite serialises writers anyway). A call may run inside an outer
`transaction.atomic()` (planning posts a whole plan all-or-nothing that way).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.assistance.choices import RequestStatus
from tcdesk.assistance.models import AssistanceRequest
from tcdesk.core.limits import length_problems, text_length_problems

from .. import money
from ..choices import AllocationStatus, TransactionKind
from ..errors import EarmarkForbidsError, OverdrawnError
from ..extensions import fundable_kind
from ..models import DEFAULT_PSC_RATE, REASON_MAX_CHARS, Allocation, Earmark, Expenditure, Fund
from ..permissions import ALLOCATE
from ._common import amount_problems, as_decimal, raise_if, rate_of, require
from .ledger import account_balance, account_balances, ledger_post
from .receipts import lock_pot, pot_of

# Requests that may be funded: accepted by the programme (and planned ones, still being funded).
FUNDABLE_STATUSES = (RequestStatus.ACCEPTED, RequestStatus.PLANNED)


@dataclass(frozen=True)
class Target:
    """What money would pay for, as earmark checks see it."""

    label: str
    countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    request: int | None = None
    fundable: tuple[str, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def request_target(ta_request: AssistanceRequest) -> Target:
    country = ta_request.country
    regions = {"001"} | {c for c in (country.region_id, country.subregion_id, country.intermediate_region_id) if c}
    return Target(
        label=ta_request.reference,
        countries=frozenset({country.iso3}),
        regions=frozenset(regions),
        themes=frozenset(ta_request.themes.values_list("code", flat=True)),
        request=ta_request.pk,
    )


def fundable_target(kind: str, pk: int, obj: Any) -> Target:
    from tcdesk.core.models import Country

    countries = frozenset(getattr(obj, "countries", ()) or ())
    regions = set(getattr(obj, "regions", ()) or ())
    for country in Country.objects.filter(iso3__in=countries):
        regions |= {"001"} | {c for c in (country.region_id, country.subregion_id, country.intermediate_region_id) if c}
    return Target(
        label=str(getattr(obj, "label", f"{kind} {pk}")),
        countries=countries,
        regions=frozenset(regions),
        themes=frozenset(getattr(obj, "themes", ()) or ()),
        fundable=(kind, pk),
    )


def earmark_refusals(earmark: Earmark, target: Target) -> list[str]:
    """Why an earmark's money may not pay for a target (empty: it may)."""
    reasons = []
    countries = set(earmark.countries.values_list("iso3", flat=True))
    if countries and not countries & target.countries:
        reasons.append(_("its money is restricted to %(list)s") % {"list": ", ".join(sorted(countries))})
    regions = {r.code: r.name for r in earmark.regions.all()}
    if regions and not set(regions) & target.regions:
        reasons.append(
            _("its money is restricted to the region(s) %(list)s") % {"list": ", ".join(sorted(regions.values()))}
        )
    themes = set(earmark.themes.values_list("code", flat=True))
    if themes and not themes & target.themes:
        reasons.append(_("its money is restricted to the theme(s) %(list)s") % {"list": ", ".join(sorted(themes))})
    requests = set(earmark.requests.values_list("pk", flat=True))
    fundables = {(k, int(i)) for k, i in earmark.fundables or []}
    if requests or fundables:
        allowed = (target.request is not None and target.request in requests) or (
            target.fundable is not None and target.fundable in fundables
        )
        if not allowed:
            reasons.append(_("its money is restricted to specific requests or projects"))
    return reasons


def _validate_target(
    request: int | None, fundable: tuple[str, int] | None, errors: dict[str, list[str]]
) -> Target | None:
    if (request is None) == (fundable is None):
        errors["request"] = [_("Allocate to one request or one project.")]
        return None
    if request is not None:
        ta_request = AssistanceRequest.objects.select_related("country").filter(pk=request).first()
        if ta_request is None:
            errors["request"] = [_("Unknown request.")]
            return None
        if ta_request.status not in FUNDABLE_STATUSES:
            errors["request"] = [
                _("Only accepted requests can be funded; %(reference)s is “%(status)s”.")
                % {"reference": ta_request.reference, "status": ta_request.get_status_display()}
            ]
            return None
        return request_target(ta_request)
    assert fundable is not None
    kind, pk = fundable
    registered = fundable_kind(kind)
    obj = registered.resolve(int(pk)) if registered else None
    if obj is None:
        errors["project"] = [_("Unknown %(kind)s %(id)s.") % {"kind": kind, "id": pk}]
        return None
    return fundable_target(kind, int(pk), obj)


def allocation_create(
    *,
    actor: Any,
    fund: str,
    earmark: int | None,
    amount: Decimal,
    currency: str,
    request: int | None = None,
    fundable: tuple[str, int] | None = None,
    idempotency_key: str,
    note: str = "",
    on: dt.date | None = None,
) -> Allocation:
    """Allocate money of a fund (its unearmarked money, or an earmark's) to an accepted request or to a
    fundable (a project). The amount is converted into the fund's currency at the month's rate.

    OverdrawnError beyond the free balance of the pot; EarmarkForbidsError when the earmark does not
    allow that use; ValidationError for bad input. A repeated `idempotency_key` returns the existing
    allocation (checked again under the lock, so concurrent repeats also get one allocation)."""
    require(actor, ALLOCATE)
    key = (idempotency_key or "").strip()
    existing = Allocation.objects.filter(idempotency_key=key).first() if key else None
    if existing:
        return existing
    day = on or timezone.localdate()
    errors = amount_problems(amount, currency)
    errors.update(text_length_problems(Allocation, note=note))
    if not key:
        errors["idempotency_key"] = [_("Give an idempotency key (it makes a repeated submission harmless).")]
    fund_obj = Fund.objects.filter(code=(fund or "").strip().upper()).first()
    if fund_obj is None:
        errors["fund"] = [_("Unknown fund “%(fund)s”.") % {"fund": fund}]
    earmark_obj = None
    if earmark is not None:
        earmark_obj = Earmark.objects.select_related("agreement").filter(pk=earmark).first()
        if earmark_obj is None:
            errors["earmark"] = [_("Unknown earmark.")]
        elif fund_obj is not None and earmark_obj.agreement.fund_id != fund_obj.pk:
            errors["earmark"] = [_("The earmark belongs to fund %(fund)s.") % {"fund": earmark_obj.agreement.fund.code}]
        elif not (earmark_obj.agreement.valid_from <= day <= earmark_obj.agreement.valid_to):
            errors["earmark"] = [
                _("The earmark's agreement is valid from %(start)s to %(end)s.")
                % {"start": earmark_obj.agreement.valid_from, "end": earmark_obj.agreement.valid_to}
            ]
    target = _validate_target(request, fundable, errors)
    raise_if(errors)
    assert fund_obj is not None and target is not None
    if earmark_obj is not None:
        reasons = earmark_refusals(earmark_obj, target)
        if reasons:
            raise EarmarkForbidsError(
                _("Earmark %(code)s cannot fund %(target)s: %(reasons)s.")
                % {"code": earmark_obj.code, "target": target.label, "reasons": "; ".join(reasons)},
                field="earmark",
            )
    currency = currency.upper()
    value = as_decimal(amount)
    rate = rate_of(currency, day)
    fund_rate = rate_of(fund_obj.currency, day, field="fund")
    fund_amount = money.convert(value, currency, fund_obj.currency, rate, fund_rate)
    usd = money.to_usd(fund_amount, fund_obj.currency, fund_rate)
    try:
        with transaction.atomic():
            lock_pot(fund_obj, earmark_obj)
            again = Allocation.objects.filter(idempotency_key=key).first()
            if again:
                return again
            kind, pot = pot_of(fund_obj, earmark_obj)
            free = account_balance(kind, pot)
            if fund_amount > free:
                raise OverdrawnError(
                    _("%(amount)s %(currency)s is more than the free balance of %(pot)s (%(free)s %(currency)s).")
                    % {
                        "amount": fund_amount,
                        "currency": fund_obj.currency,
                        "pot": earmark_obj.code if earmark_obj else fund_obj.code,
                        "free": money.round_to_unit(free, fund_obj.currency),
                    }
                )
            allocation = Allocation.objects.create(
                fund=fund_obj,
                earmark=earmark_obj,
                amount=value,
                currency=currency,
                fund_amount=fund_amount,
                usd_amount=usd,
                request_id=target.request,
                request_reference=target.label if target.request else "",
                fundable_kind=target.fundable[0] if target.fundable else "",
                fundable_id=target.fundable[1] if target.fundable else None,
                idempotency_key=key,
                note=note,
                allocated_on=day,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
            allocation.transaction = ledger_post(
                kind=TransactionKind.ALLOCATION,
                occurred_on=day,
                actor=actor,
                idempotency_key=f"allocation:{key}",
                source=allocation,
                legs=[
                    money.Leg(kind, pot, fund_obj.code, -fund_amount, fund_obj.currency, -usd),
                    money.Leg("allocation", str(allocation.pk), fund_obj.code, fund_amount, fund_obj.currency, usd),
                ],
                memo=target.label,
            )
            allocation.save(update_fields=["transaction"])
            return allocation
    except IntegrityError:
        # The same key committed by a concurrent caller between our check and our insert.
        again = Allocation.objects.filter(idempotency_key=key).first()
        if again:
            return again
        raise


def _psc_rate(allocation: Allocation) -> Decimal:
    earmark = allocation.earmark
    return earmark.agreement.psc_rate if earmark is not None else DEFAULT_PSC_RATE


@transaction.atomic
def expenditure_record(
    *, actor: Any, allocation: int, amount: Decimal, currency: str, spent_on: dt.date, reference: str
) -> Expenditure:
    """Money spent under an allocation; programme support costs are charged on it at the agreement's
    rate (13 % for unearmarked money), and both must fit in what is left of the allocation."""
    require(actor, ALLOCATE)
    existing = Expenditure.objects.filter(reference=reference).first() if reference else None
    if existing:
        return existing
    errors = amount_problems(amount, currency)
    found = Allocation.objects.select_related("fund", "earmark__agreement").filter(pk=allocation).first()
    if found is None:
        errors["allocation"] = [_("Unknown allocation.")]
    elif found.status != AllocationStatus.ACTIVE:
        errors["allocation"] = [_("The allocation was released.")]
    if not (reference or "").strip():
        errors["reference"] = [_("Give a reference (it makes a repeated submission harmless).")]
    raise_if(errors)
    assert found is not None
    fund_obj = found.fund
    currency = currency.upper()
    value = as_decimal(amount)
    rate = rate_of(currency, spent_on)
    fund_rate = rate_of(fund_obj.currency, spent_on, field="fund")
    direct = money.convert(value, currency, fund_obj.currency, rate, fund_rate)
    psc = money.percent_of(direct, _psc_rate(found), fund_obj.currency)
    lock_pot(fund_obj, found.earmark)
    left = account_balance("allocation", str(found.pk))
    if direct + psc > left:
        raise OverdrawnError(
            _(
                "%(total)s %(currency)s (with support costs %(psc)s) is more than what is left of the "
                "allocation (%(left)s)."
            )
            % {
                "total": direct + psc,
                "psc": psc,
                "currency": fund_obj.currency,
                "left": money.round_to_unit(left, fund_obj.currency),
            }
        )
    direct_usd = money.to_usd(direct, fund_obj.currency, fund_rate)
    psc_usd = money.to_usd(psc, fund_obj.currency, fund_rate)
    expenditure = Expenditure.objects.create(
        allocation=found,
        amount=value,
        currency=currency,
        fund_amount=direct,
        support_costs=psc,
        usd_amount=direct_usd,
        spent_on=spent_on,
        reference=reference.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    legs = [
        money.Leg(
            "allocation", str(found.pk), fund_obj.code, -(direct + psc), fund_obj.currency, -(direct_usd + psc_usd)
        ),
        money.Leg("expenditure", str(found.pk), fund_obj.code, direct, fund_obj.currency, direct_usd),
    ]
    if psc:
        legs.append(money.Leg("support_costs", fund_obj.code, fund_obj.code, psc, fund_obj.currency, psc_usd))
    expenditure.transaction = ledger_post(
        kind=TransactionKind.EXPENDITURE,
        occurred_on=spent_on,
        actor=actor,
        idempotency_key=f"expenditure:{expenditure.reference}",
        source=expenditure,
        legs=legs,
        memo=found.purpose,
    )
    expenditure.save(update_fields=["transaction"])
    return expenditure


@transaction.atomic
def allocation_release(*, actor: Any, allocation: int, on: dt.date | None = None, reason: str = "") -> Allocation:
    """Return what is left of an allocation (unspent) to the fund or earmark it came from."""
    require(actor, ALLOCATE)
    found = Allocation.objects.select_related("fund", "earmark").filter(pk=allocation).first()
    if found is None:
        raise ValidationError({"allocation": [_("Unknown allocation.")]})
    if found.status != AllocationStatus.ACTIVE:
        raise ValidationError({"allocation": [_("The allocation was released already.")]})
    raise_if(length_problems(reason=(reason, REASON_MAX_CHARS)))
    lock_pot(found.fund, found.earmark)
    balances = account_balances("allocation", str(found.pk))
    left, left_usd = balances["amount"], balances["usd"]
    kind, pot = pot_of(found.fund, found.earmark)
    if left:
        ledger_post(
            kind=TransactionKind.RELEASE,
            occurred_on=on or timezone.localdate(),
            actor=actor,
            idempotency_key=f"release:{found.pk}",
            source=found,
            legs=[
                money.Leg("allocation", str(found.pk), found.fund.code, -left, found.fund.currency, -left_usd),
                money.Leg(kind, pot, found.fund.code, left, found.fund.currency, left_usd),
            ],
            memo=reason,
        )
    found.status = AllocationStatus.RELEASED
    found.save(update_fields=["status"])
    return found
