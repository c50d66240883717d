"""Monthly revaluation of unpaid pledges in other currencies than USD, and the exchange gain or loss of
receipts, both against the rate of the agreement's signature month.

A pledge of 1,000,000 NOK signed when a dollar bought 10.5 NOK is worth 95,238.10 USD at signature; if
a dollar buys 10.0 NOK at the end of a later month, its unpaid part is worth 100,000.00 USD: an
unrealised gain of 4,761.90 USD. Each month's revaluation posts the change of that cumulative gain
(or loss) since the previous one, on the `pledge` account (USD only: the pledge's own amount is not
money yet) against `fx_result` `unrealised:CCY`; when the pledge is paid, the next revaluation brings
it back to zero, and the receipt records its realised gain or loss (`receipt_record`). A month whose
rate is missing (the month revalued, or the signature month) is an error naming the currency and the
month: nothing is guessed, nothing is posted.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import money
from ..choices import TransactionKind
from ..errors import MissingRateError
from ..models import ExchangeRate, Pledge, PledgeRevaluation, Receipt
from ..permissions import RECORD_CONTRIBUTION
from ._common import month_of, require
from .ledger import account_balances, ledger_post

ZERO = Decimal(0)


def month_end(month: dt.date) -> dt.date:
    return (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def signature_rate(currency: str, signed_on: dt.date, *, field: str = "agreement") -> Decimal:
    """The UN rate of the month an agreement was signed: the reference of gains and losses (missing:
    MissingRateError, never a guess)."""
    rate = ExchangeRate.objects.filter(currency=currency, month=month_of(signed_on)).values_list("rate", flat=True)
    found = rate.first()
    if found is None:
        raise MissingRateError(currency, f"{signed_on:%Y-%m}", field=field)
    return found


def _month_rate(currency: str, month: dt.date) -> Decimal:
    found = ExchangeRate.objects.filter(currency=currency, month=month).values_list("rate", flat=True).first()
    if found is None:
        raise MissingRateError(currency, f"{month:%Y-%m}", field="month")
    return found


def unpaid_amounts(pledges: list[Pledge], through: dt.date) -> dict[int, Decimal]:
    """What is still unpaid of each pledge at the end of `through`, in the pledge's currency: receipts
    of the same donor, fund, agreement and earmark (not reversed by then) pay the oldest pledges first;
    a receipt in another currency counts at its USD equivalent, at the pledge currency's rate of the
    receipt's month."""
    groups: dict[tuple, list[Pledge]] = defaultdict(list)
    for pledge in pledges:
        groups[(pledge.donor_id, pledge.fund_id, pledge.agreement_id, pledge.earmark_id)].append(pledge)
    unpaid: dict[int, Decimal] = {}
    for (donor, fund, agreement, earmark), members in groups.items():
        members.sort(key=lambda p: (p.pledged_on, p.pk))
        paid = ZERO
        receipts = Receipt.objects.filter(
            donor_id=donor, fund_id=fund, agreement_id=agreement, earmark_id=earmark, received_on__lte=through
        )
        currency = members[0].currency
        for receipt in receipts:
            if receipt.reversed_at is not None and timezone.localdate(receipt.reversed_at) <= through:
                continue
            if receipt.currency == currency:
                paid += receipt.amount
            else:
                rate = _month_rate(currency, month_of(receipt.received_on)) if currency != "USD" else Decimal(1)
                paid += money.round_to_unit(receipt.usd_amount * rate, currency)
        for pledge in members:
            taken = min(paid, pledge.amount)
            unpaid[pledge.pk] = pledge.amount - taken
            paid -= taken
    return unpaid


@transaction.atomic
def pledges_revalue(*, actor: Any, month: dt.date) -> list[PledgeRevaluation]:
    """Revalue every pledge in another currency than USD made by the end of `month` at that month's rate
    and post the change of its unrealised gain or loss (all pledges or none). A month already revalued
    returns its revaluations; a month before the latest one revalued is refused (revaluations run in
    order, each builds on the previous)."""
    require(actor, RECORD_CONTRIBUTION)
    month = month_of(month)
    if month > month_of(timezone.localdate()):
        raise ValidationError(
            {"month": [_("%(month)s has not begun: it cannot be revalued.") % {"month": f"{month:%Y-%m}"}]}
        )
    latest = PledgeRevaluation.objects.aggregate(m=Max("month"))["m"]
    if latest is not None and month < latest:
        raise ValidationError(
            {
                "month": [
                    _("Pledges were revalued for %(latest)s already: revalue later months only.")
                    % {"latest": f"{latest:%Y-%m}"}
                ]
            }
        )
    end = month_end(month)
    pledges = list(
        Pledge.objects.select_for_update(of=("self",))
        .filter(pledged_on__lte=end)
        .exclude(currency="USD")
        .select_related("agreement", "fund")
        .order_by("pk")
    )
    done = {r.pledge_id: r for r in PledgeRevaluation.objects.filter(month=month)}
    unpaid = unpaid_amounts(pledges, end)
    found = []
    for pledge in pledges:
        if pledge.pk in done:
            found.append(done[pledge.pk])
            continue
        rate = _month_rate(pledge.currency, month)
        if pledge.agreement is not None:
            reference = signature_rate(pledge.currency, pledge.agreement.signed_on)
        else:
            reference = signature_rate(pledge.currency, pledge.pledged_on, field="pledge")
        left = unpaid[pledge.pk]
        usd_value = money.to_usd(left, pledge.currency, rate)
        gain = usd_value - money.to_usd(left, pledge.currency, reference)
        posted = gain - account_balances("pledge", pledge.reference)["usd"]
        revaluation = PledgeRevaluation.objects.create(
            pledge=pledge,
            month=month,
            rate=rate,
            reference_rate=reference,
            unpaid=left,
            usd_value=usd_value,
            gain_loss_usd=gain,
            posted_usd=posted,
        )
        if posted:
            revaluation.transaction = ledger_post(
                kind=TransactionKind.REVALUATION,
                occurred_on=end,
                actor=actor,
                idempotency_key=f"revaluation:{pledge.pk}:{month:%Y-%m}",
                source=revaluation,
                legs=[
                    money.Leg("pledge", pledge.reference, pledge.fund.code, ZERO, pledge.currency, posted),
                    money.Leg("fx_result", f"unrealised:{pledge.currency}", "", ZERO, pledge.currency, -posted),
                ],
                memo=f"{pledge.reference} {month:%Y-%m} @ {rate}",
            )
            revaluation.save(update_fields=["transaction"])
        found.append(revaluation)
    return found


def realised_legs(*, currency: str, fund: str, difference: Decimal) -> list[money.Leg]:
    """The legs that put a receipt's exchange gain (positive) or loss against the signature-month rate
    on the ledger: `fx_result` `realised:CCY` against the exchange account (USD only)."""
    if not difference:
        return []
    return [
        money.Leg("fx_result", f"realised:{currency}", fund, ZERO, currency, -difference),
        money.Leg("exchange", currency, "", ZERO, currency, difference),
    ]


def fx_results() -> dict[str, Decimal]:
    """USD gains (positive) and losses (negative) against signature-month rates, by `fx_result`
    account (`unrealised:NOK`, `realised:EUR`…), read from the ledger."""
    from django.db.models import Sum

    from ..models import LedgerEntry
    from .ledger import exact

    entries = LedgerEntry.objects.filter(account_kind="fx_result")
    return {
        row["account_key"]: -exact(row["u"])
        for row in entries.values("account_key").annotate(u=Sum("usd")).order_by("account_key")
    }


def revaluation_row(found: PledgeRevaluation) -> dict[str, str]:
    """One revaluation as the API and the command print it (decimal strings)."""
    return {
        "pledge": found.pledge.reference,
        "month": f"{found.month:%Y-%m}",
        "currency": found.pledge.currency,
        "unpaid": str(found.unpaid),
        "rate": str(found.rate),
        "reference_rate": str(found.reference_rate),
        "usd_value": str(found.usd_value),
        "gain_loss_usd": str(found.gain_loss_usd),
        "posted_usd": str(found.posted_usd),
    }
