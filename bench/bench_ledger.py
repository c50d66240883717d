"""Speed of the funds ledger: posting entries, and balance and fund-statement times as it grows.

Run: .venv/bin/python bench/bench_ledger.py [--entries 1000000] [--quick] [--repeat 20]
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name>db .venv/bin/python bench/bench_ledger.py --quick

SQLite: a throw-away database under /tmp (bench/benchdb.py). PostgreSQL: the database DATABASE_URL names
is migrated and its ledger emptied first (TRUNCATE: the append-only triggers refuse DELETE, not that).

The first month's entries are posted through `services.ledger_post`, one transaction at a time (the
baseline), every later month's through `services.ledger_post_many` in one call (one database
transaction, bulk inserts, the same checks plus row locks and the never-below-zero replay); posting
speed is reported for both and as the ratio of the two, measured in the same run. Transactions are
balanced, of 2 or 3 legs (receipts, allocations, expenditure with support costs) over 20 funds, at
a constant 10,000 entries a month of ledger time (the ledger grows with time, as a real one does), and each month
is closed (`period_close`: balances carried forward) as posting passes its end. At 10k, 100k and 1M entries
(10k and 100k with --quick) it measures the fastest of 20 runs of one account balance and of one fund
statement for the current month, and reports them as ratios to their time at 10k entries: the goal
is at most 2× at 1M, since both read the last closed period's carried balances plus at most one
month of entries (indexes on (account kind, key, date) and (fund, date)). `verify_ledger` re-derives
every carried balance, so the cache cannot drift from the entries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PER_MONTH = 10_000
FUNDS = [f"F{n:02d}" for n in range(20)]


def setup_database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcdesk.settings_test")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE funds_carriedbalance, funds_periodclose, funds_ledgerentry, funds_ledgertransaction CASCADE"
            )
        return "PostgreSQL"
    from benchdb import bench_database

    bench_database()
    return "SQLite"


def fastest_ms(function, repeat: int) -> tuple[float, float]:
    """(fastest, median) of `repeat` runs in ms. The ratios use the fastest: on a shared machine the
    median measures the neighbours' load as much as the query."""
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return min(times), statistics.median(times)


def bench_legs(tx_number: int, money) -> tuple[str, list]:
    """The legs of the bench's transaction number `tx_number`: a receipt, an allocation, or expenditure
    with support costs under the allocation the previous transaction made (2 or 3 legs)."""
    fund = FUNDS[tx_number % len(FUNDS)]
    allocation = str(tx_number // 60 % 2000)  # a bounded pool of allocation accounts
    kind = tx_number % 3
    if kind == 0:
        amount = Decimal(1000 + tx_number % 977)
        return "receipt", [
            money.Leg("donor", f"D{tx_number % 40}", fund, -amount, "USD", -amount),
            money.Leg("fund", fund, fund, amount, "USD", amount),
        ]
    if kind == 1:
        amount = Decimal(300 + tx_number % 311)
        return "allocation", [
            money.Leg("fund", fund, fund, -amount, "USD", -amount),
            money.Leg("allocation", f"{fund}-{allocation}", fund, amount, "USD", amount),
        ]
    # Spend under the allocation the previous transaction made (at most 223 of its 300+).
    fund = FUNDS[(tx_number - 1) % len(FUNDS)]
    allocation = str((tx_number - 1) // 60 % 2000)
    direct = Decimal(100 + tx_number % 97)
    psc = money.percent_of(direct, Decimal("0.13"), "USD")
    return "expenditure", [
        money.Leg("allocation", f"{fund}-{allocation}", fund, -(direct + psc), "USD", -(direct + psc)),
        money.Leg("expenditure", f"{fund}-{allocation}", fund, direct, "USD", direct),
        money.Leg("support_costs", fund, fund, psc, "USD", psc),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="100,000 entries")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    total = 100_000 if args.quick else args.entries
    database = setup_database()

    from django.db import transaction

    from tcdesk.funds import money, selectors, services
    from tcdesk.funds.models import Fund

    for code in FUNDS:
        Fund.objects.get_or_create(code=code, defaults={"name_en": f"Bench fund {code}", "currency": "USD"})
    checkpoints = [n for n in (10_000, 100_000, 1_000_000) if n <= total]
    start_month = dt.date(2000, 1, 1)
    # Opening money of each fund, so that no draw of the bulk path's checks goes below zero.
    services.ledger_post_many(
        actor=None,
        postings=[
            services.Posting(
                kind="receipt",
                occurred_on=start_month,
                idempotency_key=f"bench:open:{code}",
                legs=[
                    money.Leg("donor", "OPEN", code, Decimal(-100_000), "USD", Decimal(-100_000)),
                    money.Leg("fund", code, code, Decimal(100_000), "USD", Decimal(100_000)),
                ],
            )
            for code in FUNDS
        ],
    )
    posted = 0
    tx_number = 0
    posting_seconds = 0.0
    speeds: dict[str, list[float]] = {"service": [0, 0.0], "bulk": [0, 0.0]}  # entries, seconds
    results = []
    current_month = start_month
    fund_obj = Fund.objects.get(code="F00")
    while posted < total:
        month_entries = 0
        # The first month through `ledger_post`, one transaction at a time (the baseline), the others
        # through `ledger_post_many`, one call per month.
        path = "service" if current_month == start_month else "bulk"
        postings = []
        started = time.perf_counter()
        with transaction.atomic():
            while month_entries < PER_MONTH and posted < total:
                tx_number += 1
                name, legs = bench_legs(tx_number, money)
                day = current_month + dt.timedelta(days=(month_entries * 27) // PER_MONTH)
                if path == "service":
                    services.ledger_post(
                        kind=name,
                        occurred_on=day,
                        actor=None,
                        idempotency_key=f"bench:{tx_number}",
                        source=None,
                        legs=legs,
                    )
                else:
                    postings.append(
                        services.Posting(kind=name, occurred_on=day, idempotency_key=f"bench:{tx_number}", legs=legs)
                    )
                posted += len(legs)
                month_entries += len(legs)
            if postings:
                services.ledger_post_many(actor=None, postings=postings)
        elapsed = time.perf_counter() - started
        speeds[path][0] += month_entries
        speeds[path][1] += elapsed
        posting_seconds += elapsed
        month_end = (current_month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        reached = [c for c in checkpoints if posted >= c and c not in [r["entries"] for r in results]]
        if reached:
            balance, balance_median = fastest_ms(lambda: services.account_balance("fund", "F00"), args.repeat)
            statement, statement_median = fastest_ms(
                lambda cm=current_month, me=month_end: selectors.fund_statement(fund=fund_obj, start=cm, end=me),
                args.repeat,
            )
            results.append({"entries": reached[0], "balance_ms": balance, "statement_ms": statement})
            print(
                f"{database}: {reached[0]:>9,} entries  balance {balance:.2f} ms (median {balance_median:.2f})  "
                f"statement {statement:.2f} ms (median {statement_median:.2f})",
                file=sys.stderr,
            )
        started = time.perf_counter()
        services.period_close(actor=None, through=month_end)
        posting_seconds += time.perf_counter() - started
        current_month = month_end + dt.timedelta(days=1)
    check_started = time.perf_counter()
    check = services.ledger_verify()
    verify_seconds = time.perf_counter() - check_started
    base = results[0]
    print(f"== bench_ledger on {database}: {posted:,} entries in {tx_number:,} transactions")
    service_rate = speeds["service"][0] / speeds["service"][1]
    print(f"posting through ledger_post, one transaction at a time (baseline): {service_rate:,.0f} entries/s")
    if speeds["bulk"][1]:
        bulk_rate = speeds["bulk"][0] / speeds["bulk"][1]
        print(
            f"posting through ledger_post_many, a month at a time: {bulk_rate:,.0f} entries/s "
            f"({bulk_rate / service_rate:.1f}× the baseline of this run)"
        )
    print(f"posting overall (period closes included): {posted / posting_seconds:,.0f} entries/s")
    for row in results:
        balance_ratio = row["balance_ms"] / base["balance_ms"]
        statement_ratio = row["statement_ms"] / base["statement_ms"]
        print(
            f"{row['entries']:>9,} entries: balance {row['balance_ms']:.2f} ms ({balance_ratio:.2f}× the 10k time), "
            f"fund statement {row['statement_ms']:.2f} ms ({statement_ratio:.2f}×)"
        )
    verdict = "all agree" if check.ok else f"PROBLEMS {check.as_dict()}"[:500]
    print(f"verify_ledger: {verdict} in {verify_seconds:.1f} s ({check.closed_periods} closed periods)")


if __name__ == "__main__":
    main()
