"""Posting to the append-only ledger, account balances, closing periods and verifying the ledger.

`ledger_post` is the only writer of ledger rows: it refuses legs that do not balance per currency and
in USD equivalent, amounts below a currency's minor unit, and dates inside a closed period. Balances
are the carried balance of the last closed period plus the entries after it (`account_balance`), so a
balance reads at most one period of entries whatever the size of the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from .. import money
from ..models import CarriedBalance, LedgerEntry, LedgerTransaction, PeriodClose
from ..permissions import MANAGE_FUNDS
from ._common import require

ZERO = Decimal(0)


MILL = Decimal("0.001")  # the ledger's finest unit (KWD's minor unit)


def exact(value: Decimal | None) -> Decimal:
    """A sum read from the database, to the ledger's finest unit: SQLite adds decimals as floating point
    (1e-15 residues), PostgreSQL exactly; rounding to 0.001 gives both the exact sum of the entries."""
    return (value or ZERO).quantize(MILL)


class LedgerImbalance(ValueError):
    """The legs of a transaction do not balance (a programming error: services build balanced legs)."""


def last_close(before: dt.date | None = None) -> PeriodClose | None:
    """The latest closed period (ending before `before`, when given)."""
    found = PeriodClose.objects.order_by("-closed_through")
    if before is not None:
        found = found.filter(closed_through__lt=before)
    return found.first()


def ledger_post(
    *,
    kind: str,
    occurred_on: dt.date,
    actor: Any,
    idempotency_key: str,
    source: Any,
    legs: list[money.Leg],
    memo: str = "",
    reverses: LedgerTransaction | None = None,
) -> LedgerTransaction:
    """Post one balanced transaction (inside the caller's transaction). Refused: unbalanced legs, an
    amount below the minor unit, a date in a closed period."""
    problems = money.imbalances(legs)
    if problems:
        raise LedgerImbalance(f"unbalanced transaction {idempotency_key}: {problems}")
    off = money.off_unit_legs(legs)
    if off:
        raise LedgerImbalance(f"amounts below the minor unit in {idempotency_key}: {off}")
    closed = last_close()
    if closed and occurred_on <= closed.closed_through:
        raise ValidationError(
            {
                "date": [
                    _("The ledger is closed through %(day)s: post on a later date (a correction is a new entry).")
                    % {"day": closed.closed_through.isoformat()}
                ]
            }
        )
    tx = LedgerTransaction.objects.create(
        kind=kind,
        occurred_on=occurred_on,
        actor=actor if getattr(actor, "pk", None) else None,
        idempotency_key=idempotency_key,
        source_type=source._meta.label_lower if source is not None else "",
        source_id=getattr(source, "pk", None),
        memo=memo[:300],
        reverses=reverses,
    )
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                transaction=tx,
                kind=kind,
                account_kind=leg.account_kind,
                account_key=leg.account_key,
                fund=leg.fund,
                amount=leg.amount,
                currency=leg.currency,
                usd=leg.usd,
                occurred_on=occurred_on,
            )
            for leg in legs
            if leg.amount != 0 or leg.usd != 0
        ]
    )
    return tx


def reversing_legs(tx: LedgerTransaction) -> list[money.Leg]:
    return [
        money.Leg(e.account_kind, e.account_key, e.fund, -e.amount, e.currency, -e.usd)
        for e in tx.entries.order_by("pk")
    ]


def account_balance(account_kind: str, account_key: str, *, until: dt.date | None = None) -> Decimal:
    """Sum of an account's entries (one currency: accounts of fund money are in their fund's currency),
    up to and including `until` (all when None): the carried balance of the last closed period before
    it plus the entries after that period."""
    return account_balances(account_kind, account_key, until=until).get("amount", ZERO)


def account_balances(account_kind: str, account_key: str, *, until: dt.date | None = None) -> dict[str, Decimal]:
    """{"amount", "usd"} of an account up to `until` (see `account_balance`)."""
    close = last_close(before=until + dt.timedelta(days=1) if until else None)
    amount, usd = ZERO, ZERO
    entries = LedgerEntry.objects.filter(account_kind=account_kind, account_key=account_key)
    if close is not None:
        carried = CarriedBalance.objects.filter(
            close=close, account_kind=account_kind, account_key=account_key
        ).aggregate(a=Sum("amount"), u=Sum("usd"))
        amount, usd = exact(carried["a"]), exact(carried["u"])
        entries = entries.filter(occurred_on__gt=close.closed_through)
    if until is not None:
        entries = entries.filter(occurred_on__lte=until)
    found = entries.aggregate(a=Sum("amount"), u=Sum("usd"))
    return {"amount": amount + exact(found["a"]), "usd": usd + exact(found["u"])}


@transaction.atomic
def period_close(*, actor: Any, through: dt.date) -> PeriodClose:
    """Close the ledger through a day: carry every account's balance forward (the previous carried
    balances plus the entries since), and refuse postings on or before that day from now on."""
    require(actor, MANAGE_FUNDS)
    previous = PeriodClose.objects.select_for_update().order_by("-closed_through").first()
    if previous and through <= previous.closed_through:
        raise ValidationError(
            {"through": [_("The ledger is already closed through %(day)s.") % {"day": previous.closed_through}]}
        )
    totals: dict[tuple[str, str, str, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    entries = LedgerEntry.objects.filter(occurred_on__lte=through)
    if previous:
        for row in previous.balances.all():
            totals[(row.account_kind, row.account_key, row.fund, row.currency)] = [row.amount, row.usd]
        entries = entries.filter(occurred_on__gt=previous.closed_through)
    for summed in entries.values("account_kind", "account_key", "fund", "currency").annotate(
        a=Sum("amount"), u=Sum("usd")
    ):
        pair = totals[(summed["account_kind"], summed["account_key"], summed["fund"], summed["currency"])]
        pair[0] += exact(summed["a"])
        pair[1] += exact(summed["u"])
    close = PeriodClose.objects.create(closed_through=through, actor=actor if getattr(actor, "pk", None) else None)
    CarriedBalance.objects.bulk_create(
        [
            CarriedBalance(close=close, account_kind=k, account_key=key, fund=fund, currency=cur, amount=a, usd=u)
            for (k, key, fund, cur), (a, u) in totals.items()
            if a != 0 or u != 0  # a settled account carries nothing (a missing row is a zero balance)
        ],
        batch_size=2000,
    )
    return close


# ---------------------------------------------------------------------------------------------- verify


@dataclass
class LedgerCheck:
    """What `verify_ledger` checked and found."""

    transactions: int = 0
    entries: int = 0
    unbalanced: list[dict[str, Any]] = field(default_factory=list)
    closed_periods: int = 0
    carried_balances: int = 0
    carried_mismatches: list[dict[str, Any]] = field(default_factory=list)
    negative_balances: list[dict[str, Any]] = field(default_factory=list)
    cached_mismatches: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.unbalanced or self.carried_mismatches or self.negative_balances or self.cached_mismatches)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "transactions": self.transactions,
            "entries": self.entries,
            "unbalanced": self.unbalanced,
            "closed_periods": self.closed_periods,
            "carried_balances": self.carried_balances,
            "carried_mismatches": self.carried_mismatches,
            "negative_balances": self.negative_balances,
            "cached_mismatches": self.cached_mismatches,
        }


def _nonzero(rows: Any, *, negative: bool = False) -> list[dict[str, Any]]:
    """Rows whose `total` is not zero (below zero with `negative`). PostgreSQL sums decimals exactly and
    filters in SQL; SQLite sums them as floating point, so its sums are compared once Django has
    rounded them back to the column's decimals."""
    if connection.vendor == "postgresql":
        return list(rows.filter(total__lt=0) if negative else rows.exclude(total=0))
    found = []
    for row in rows:
        row["total"] = exact(row["total"])
        if row["total"] < 0 if negative else row["total"] != 0:
            found.append(row)
    return found


def ledger_verify() -> LedgerCheck:
    """Re-derive everything derived from the entries and check it: every transaction balances per
    currency and in USD equivalent; each closed period's carried balances equal the sums of the entries
    up to its end; no account of fund money is below zero; the amounts cached on allocations and
    receipts equal their ledger entries."""
    from ..choices import FUND_MONEY_ACCOUNTS
    from ..models import Allocation, Receipt

    check = LedgerCheck(transactions=LedgerTransaction.objects.count(), entries=LedgerEntry.objects.count())
    for row in _nonzero(LedgerEntry.objects.values("transaction_id", "currency").annotate(total=Sum("amount"))):
        check.unbalanced.append(
            {"transaction": row["transaction_id"], "currency": row["currency"], "sum": str(row["total"])}
        )
    for usd_row in _nonzero(LedgerEntry.objects.values("transaction_id").annotate(total=Sum("usd"))):
        check.unbalanced.append(
            {"transaction": usd_row["transaction_id"], "currency": "USD equivalent", "sum": str(usd_row["total"])}
        )
    # Each closed period's carried balances = the previous period's + the entries between the two (by
    # induction from the first, whose previous balances are zero): every entry is read once.
    # Keyed by account, fund and currency: a donor's account holds entries of each fund it gave to.
    previous: dict[tuple[str, str, str, str], tuple[Decimal, Decimal]] = {}
    previous_end: dt.date | None = None
    for close in PeriodClose.objects.order_by("closed_through"):
        check.closed_periods += 1
        derived = dict(previous)
        entries = LedgerEntry.objects.filter(occurred_on__lte=close.closed_through)
        if previous_end is not None:
            entries = entries.filter(occurred_on__gt=previous_end)
        for r in entries.values("account_kind", "account_key", "fund", "currency").annotate(
            a=Sum("amount"), u=Sum("usd")
        ):
            key = (r["account_kind"], r["account_key"], r["fund"], r["currency"])
            before = derived.get(key, (ZERO, ZERO))
            derived[key] = (before[0] + exact(r["a"]), before[1] + exact(r["u"]))
        carried = {(b.account_kind, b.account_key, b.fund, b.currency): (b.amount, b.usd) for b in close.balances.all()}
        check.carried_balances += len(carried)
        for key in set(derived) | set(carried):
            if derived.get(key, (ZERO, ZERO)) != carried.get(key, (ZERO, ZERO)):
                check.carried_mismatches.append(
                    {
                        "closed_through": close.closed_through.isoformat(),
                        "account": f"{key[0]}:{key[1]}",
                        "fund": key[2],
                        "currency": key[3],
                        "carried": str(carried.get(key, (ZERO, ZERO))[0]),
                        "entries": str(derived.get(key, (ZERO, ZERO))[0]),
                    }
                )
        previous, previous_end = carried, close.closed_through
    for negative in _nonzero(
        LedgerEntry.objects.filter(account_kind__in=FUND_MONEY_ACCOUNTS)
        .values("account_kind", "account_key", "currency")
        .annotate(total=Sum("amount")),
        negative=True,
    ):
        check.negative_balances.append(
            {
                "account": f"{negative['account_kind']}:{negative['account_key']}",
                "currency": negative["currency"],
                "balance": str(negative["total"]),
            }
        )
    # The amounts cached on business rows equal what they posted.
    posted_allocations = {
        (e["transaction_id"], e["account_key"]): exact(e["a"])
        for e in LedgerEntry.objects.filter(kind="allocation", account_kind="allocation")
        .values("transaction_id", "account_key")
        .annotate(a=Sum("amount"))
    }
    for pk, fund_amount, tx_id in Allocation.objects.exclude(transaction=None).values_list(
        "pk", "fund_amount", "transaction_id"
    ):
        posted = posted_allocations.get((tx_id, str(pk)))
        if posted != fund_amount:
            check.cached_mismatches.append({"allocation": pk, "cached": str(fund_amount), "posted": str(posted)})
    posted_receipts = {
        e["transaction_id"]: -exact(e["u"])
        for e in LedgerEntry.objects.filter(kind="receipt", account_kind="donor")
        .values("transaction_id")
        .annotate(u=Sum("usd"))
    }
    for pk, usd_amount, tx_id in Receipt.objects.exclude(transaction=None).values_list(
        "pk", "usd_amount", "transaction_id"
    ):
        posted = posted_receipts.get(tx_id)
        if posted != usd_amount:
            check.cached_mismatches.append({"receipt": pk, "cached": str(usd_amount), "posted": str(posted)})
    return check
