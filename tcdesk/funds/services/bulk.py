"""Posting many ledger transactions at once: one database transaction, two bulk inserts, the same rules.

`ledger_post` writes one transaction with two statements; imports, migrations of old books and the
benchmark post thousands. `ledger_post_many` checks each posting as `ledger_post` does (balanced per
currency and in USD, no digit below a currency's minor unit, nothing in a closed period, a repeated
idempotency key returns the transaction already posted), then locks the rows of every fund (by code)
and earmark (by id) whose money it draws on, in that fixed order, as every draw of the services does
(`lock_pot`: fund, then earmark), reads the current balances of the accounts it touches in one query,
and replays the postings in order: no account of fund money (fund, earmark, allocation) may go below
zero at any point. Only then are the transactions and their entries inserted (`bulk_create`). Any
refusal writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import money
from ..choices import FUND_MONEY_ACCOUNTS
from ..errors import OverdrawnError
from ..models import CarriedBalance, Earmark, Fund, LedgerEntry, LedgerTransaction
from .ledger import ZERO, LedgerImbalance, exact, last_close


@dataclass(frozen=True)
class Posting:
    """One balanced transaction to post with `ledger_post_many`."""

    kind: str
    occurred_on: dt.date
    idempotency_key: str
    legs: list[money.Leg]
    memo: str = ""
    source_type: str = ""
    source_id: int | None = None


def _check(postings: list[Posting]) -> None:
    keys = [p.idempotency_key for p in postings]
    if len(set(keys)) != len(keys):
        raise LedgerImbalance("an idempotency key is repeated within one bulk posting")
    for posting in postings:
        problems = money.imbalances(posting.legs)
        if problems:
            raise LedgerImbalance(f"unbalanced transaction {posting.idempotency_key}: {problems}")
        off = money.off_unit_legs(posting.legs)
        if off:
            raise LedgerImbalance(f"amounts below the minor unit in {posting.idempotency_key}: {off}")
    closed = last_close()
    if closed and postings and min(p.occurred_on for p in postings) <= closed.closed_through:
        raise ValidationError(
            {
                "date": [
                    _("The ledger is closed through %(day)s: post on a later date (a correction is a new entry).")
                    % {"day": closed.closed_through.isoformat()}
                ]
            }
        )


def _lock(accounts: set[tuple[str, str, str]]) -> None:
    """Lock the fund rows (by code) and earmark rows (by id) of the accounts drawn on, in a fixed order."""
    codes = sorted({fund for _kind, _key, fund in accounts if fund})
    list(Fund.objects.select_for_update().filter(code__in=codes).order_by("code").values_list("pk", flat=True))
    earmarks = sorted({int(key) for kind, key, _fund in accounts if kind == "earmark" and key.isdigit()})
    list(Earmark.objects.select_for_update().filter(pk__in=earmarks).order_by("pk").values_list("pk", flat=True))


def _balances(accounts: set[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """Current balance (all dates) of each account: carried at the last close plus the entries after."""
    found: dict[tuple[str, str], Any] = defaultdict(lambda: ZERO)
    if not accounts:
        return found
    kinds = {kind for kind, _key in accounts}
    keys = {key for _kind, key in accounts}
    close = last_close()
    entries = LedgerEntry.objects.filter(account_kind__in=kinds, account_key__in=keys)
    if close is not None:
        for row in (
            CarriedBalance.objects.filter(close=close, account_kind__in=kinds, account_key__in=keys)
            .values("account_kind", "account_key")
            .annotate(a=Sum("amount"))
        ):
            found[(row["account_kind"], row["account_key"])] += exact(row["a"])
        entries = entries.filter(occurred_on__gt=close.closed_through)
    for row in entries.values("account_kind", "account_key").annotate(a=Sum("amount")):
        found[(row["account_kind"], row["account_key"])] += exact(row["a"])
    return found


@transaction.atomic
def ledger_post_many(*, actor: Any, postings: list[Posting], batch_size: int = 5000) -> list[int]:
    """Post every posting or none (see the module). Returns the ids of the transactions in the order
    given (an already-posted idempotency key: the id of the transaction posted with it, nothing posted
    again).
    OverdrawnError naming the posting and the account when one would go below zero."""
    _check(postings)
    existing = dict(
        LedgerTransaction.objects.filter(idempotency_key__in=[p.idempotency_key for p in postings]).values_list(
            "idempotency_key", "pk"
        )
    )
    fresh = [p for p in postings if p.idempotency_key not in existing]
    drawn = {
        (leg.account_kind, leg.account_key, leg.fund)
        for p in fresh
        for leg in p.legs
        if leg.account_kind in FUND_MONEY_ACCOUNTS and leg.amount < 0
    }
    _lock(drawn)
    running = _balances({(kind, key) for kind, key, _fund in drawn})
    for posting in fresh:
        for leg in posting.legs:
            if leg.account_kind not in FUND_MONEY_ACCOUNTS:
                continue
            account = (leg.account_kind, leg.account_key)
            running[account] += leg.amount
            if running[account] < 0:
                raise OverdrawnError(
                    _("%(key)s would take %(account)s below zero (%(balance)s %(currency)s): nothing was posted.")
                    % {
                        "key": posting.idempotency_key,
                        "account": f"{leg.account_kind}:{leg.account_key}",
                        "balance": running[account],
                        "currency": leg.currency,
                    }
                )
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    ops, now = connection.ops, timezone.now()

    def day(value: dt.date) -> Any:
        return ops.adapt_datefield_value(value)

    def number(value: Any) -> Any:
        return ops.adapt_decimalfield_value(value)

    # Plain multi-row inserts (executemany): the ORM's per-object work costs more than the database's.
    _insert(
        LedgerTransaction,
        ["kind", "occurred_on", "posted_at", "actor", "idempotency_key", "source_type", "source_id", "memo"],
        [
            (
                p.kind,
                day(p.occurred_on),
                ops.adapt_datetimefield_value(now),
                actor_id,
                p.idempotency_key,
                p.source_type,
                p.source_id,
                p.memo[:300],
            )
            for p in fresh
        ],
    )
    ids: dict[str, int] = {}
    keys = [p.idempotency_key for p in fresh]
    for start in range(0, len(keys), batch_size):
        ids.update(
            LedgerTransaction.objects.filter(idempotency_key__in=keys[start : start + batch_size]).values_list(
                "idempotency_key", "pk"
            )
        )
    _insert(
        LedgerEntry,
        ["transaction", "kind", "account_kind", "account_key", "fund", "amount", "currency", "usd", "occurred_on"],
        [
            (
                ids[p.idempotency_key],
                p.kind,
                leg.account_kind,
                leg.account_key,
                leg.fund,
                number(leg.amount),
                leg.currency,
                number(leg.usd),
                day(p.occurred_on),
            )
            for p in fresh
            for leg in p.legs
            if leg.amount != 0 or leg.usd != 0
        ],
    )
    return [existing[p.idempotency_key] if p.idempotency_key in existing else ids[p.idempotency_key] for p in postings]


def _insert(model: Any, columns: list[str], rows: list[tuple]) -> None:
    """Insert rows (values adapted for the backend) into a model's table; `columns` are field names."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(name).column) for name in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})", rows)
