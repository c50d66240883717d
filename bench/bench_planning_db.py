"""Funding plans through the database: build a scenario, solve it, show it, accept it, at 1k–10k requests.

Run: .venv/bin/python bench/bench_planning_db.py [--sizes 1000,3000,10000] [--accept-sizes 1000]
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name>benchdb .venv/bin/python bench/bench_planning_db.py

SQLite: a throw-away database under /tmp (bench/benchdb.py). PostgreSQL: the database DATABASE_URL names
must have "bench" in its name (else SQLite is used); it is dropped and created again first.

Set-up per size (not timed): accepted requests bulk-inserted over the reference data's countries, with
1–2 themes, priorities and USD cost estimates drawn like bench_planning's generator (deterministic for
the seed); a ledger of 10 unrestricted funds and 20 earmarks (by theme or by region) holding about 40 %
of the total cost, through the funds services (receipts). Rules: a minimum share for LDCs, a maximum
share for two themes and a cap per country.

Measured, each with its ratio to a baseline measured in the same run:
  snapshot   ``scenario_create`` (requests with the ledger's funding taken off, every free balance and
             earmark) against one query reading the accepted requests' primary keys;
  solve      ``solve_execute`` (reading the scenario, solving, storing plan and explanations) against
             the optimiser alone (``solve``) on the same scenario in memory: the database's share;
  plan page  ``plan_rows`` (what the plan page reads) against the same primary-key query;
  accept     ``scenario_accept`` (every balance read again, each draw an allocation on the ledger, the
             funded requests planned) against the allocations posted alone (``allocation_create``, the
             same number, timed on another fund); only at --accept-sizes, since it posts thousands.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

THEMES = ("trafficking_in_persons", "corruption", "organized_crime", "terrorism", "cybercrime", "criminal_justice")


def setup_database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    name = urlparse(url).path.lstrip("/") if url.startswith("postgres") else ""
    if "bench" not in name:
        if url.startswith("postgres"):
            print(f"({name!r} has no 'bench' in its name: not dropped; a throw-away SQLite database instead)")
        from benchdb import bench_database

        bench_database()
        return "SQLite"
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcdesk.settings_test")
    os.environ.setdefault("TCDESK_MEDIA_ROOT", "/tmp/tcdesk-bench-media")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from tcdesk.core.services import reference_data_load

    call_command("migrate", verbosity=0)
    reference_data_load()
    return "PostgreSQL"


def timed(function) -> tuple[float, object]:
    started = time.perf_counter()
    value = function()
    return time.perf_counter() - started, value


def median_of(function, repeat: int = 5) -> float:
    return statistics.median(timed(function)[0] for _ in range(repeat))


def build(size: int, seed: int, actor) -> dict:
    """Accepted requests and a ledger for one size (see the module docstring)."""
    from django.utils import timezone

    from tcdesk.assistance.models import AssistanceRequest
    from tcdesk.core.models import Country
    from tcdesk.funds import services as funds

    rng = random.Random(f"{seed}-{size}")
    countries = list(Country.objects.exclude(region_id=None).values_list("iso3", "region_id"))
    weights = [rng.paretovariate(1.5) for _ in countries]
    prefix = f"B{size}-"
    rows, total = [], Decimal(0)
    for number in range(size):
        iso3, _region = rng.choices(countries, weights)[0]
        cost = Decimal(min(2_000_000, max(10_000, round(rng.lognormvariate(math.log(150_000), 0.8), -2))))
        total += cost
        rows.append(
            AssistanceRequest(
                reference=f"{prefix}{number:05d}",
                country_id=iso3,
                title=f"Synthetic bench request {number}",
                requesting_authority="Ministry of Justice",
                assistance_types=",training_prosecutors,",
                description="Synthetic bench data.",
                status="accepted",
                country_groups=",LDC," if rng.random() < 0.3 else "",
                priority_score=rng.randint(1, 100),
                cost_estimate=cost,
                cost_currency="USD",
            )
        )
    AssistanceRequest.objects.bulk_create(rows, batch_size=1000)
    through = AssistanceRequest.themes.through
    ids = list(AssistanceRequest.objects.filter(reference__startswith=prefix).values_list("pk", flat=True))
    through.objects.bulk_create(
        [
            through(assistancerequest_id=pk, theme_id=code)
            for pk in ids
            for code in rng.sample(THEMES, rng.choice((1, 2)))
        ],
        batch_size=2000,
    )
    money = total * Decimal("0.4")
    day = timezone.localdate()
    regions = sorted({region for _iso3, region in countries})
    for number in range(30):
        fund = f"{prefix}F{number:02d}"[:20]
        if number < 10:
            funds.fund_create(actor=actor, code=fund, name_en=f"Bench fund {size}-{number}")
            agreement, earmark = None, None
        else:
            funds.fund_create(actor=actor, code=fund, name_en=f"Bench fund {size}-{number}")
            agreement = funds.agreement_create(
                actor=actor,
                reference=f"{fund}-A",
                donor="NOR",
                fund=fund,
                amount=money,
                currency="USD",
                signed_on=day - dt.timedelta(days=30),
                valid_from=day - dt.timedelta(days=30),
                valid_to=day + dt.timedelta(days=700),
            ).pk
            restriction = (
                {"themes": [THEMES[number % len(THEMES)]]}
                if number % 2
                else {"regions": [regions[number % len(regions)]]}
            )
            earmark = funds.earmark_create(
                actor=actor, agreement=agreement, code=f"{fund}-E", label=f"Bench earmark {number}", **restriction
            ).pk
        funds.receipt_record(
            actor=actor,
            fund=fund,
            donor="NOR",
            amount=(money / 30).quantize(Decimal("0.01")),
            currency="USD",
            received_on=day,
            agreement=agreement,
            earmark=earmark,
            reference=f"{fund}-R",
        )
    return {"ids": ids}


def bench(size: int, seed: int, time_limit: float, accept: bool, actor) -> None:
    from django.utils import timezone

    from tcdesk.assistance.models import AssistanceRequest
    from tcdesk.funds import services as funds
    from tcdesk.funds.models import Fund
    from tcdesk.planning import selectors, services
    from tcdesk.planning.models import Scenario, SolveRun
    from tcdesk.planning.optimiser import solve

    # The previous size's requests, scenarios and funds are out of the way (bench data, written directly).
    AssistanceRequest.objects.filter(status="accepted").update(status="closed")
    Scenario.objects.update(status="superseded")
    Fund.objects.update(active=False)
    set_up, _built = timed(lambda: build(size, seed, actor))
    baseline = median_of(lambda: list(AssistanceRequest.objects.filter(status="accepted").values_list("pk", flat=True)))
    print(
        f"{size} requests (set-up {set_up:.1f}s); baseline: their primary keys in one query, {baseline * 1000:.1f} ms"
    )
    snapshot, scenario = timed(
        lambda: services.scenario_create(
            actor=actor, name=f"Bench {size}", default_cost="1", time_limit=int(time_limit)
        )
    )
    scenario = services.scenario_update(
        actor=actor,
        scenario=scenario,
        min_share={"LDC": "0.25"},
        max_share_theme={"terrorism": "0.3", "corruption": "0.3"},
        country_cap=str(sum(s.amount for s in scenario.sources.all()) * Decimal("0.03")),
    )
    print(
        f"  snapshot: {snapshot:.2f}s for {scenario.requests.count()} requests and {scenario.sources.count()} "
        f"sources ({snapshot / baseline:,.0f}× baseline)"
    )
    run = SolveRun.objects.create(scenario=scenario, started_by=actor, time_limit=int(time_limit))
    stored, run = timed(lambda: services.solve_execute(run_id=run.pk))
    alone, result = timed(lambda: solve(selectors.optimiser_scenario(scenario), time_limit=time_limit))
    print(
        f"  solve_execute: {stored:.2f}s, status {run.status}, gap {run.gap if run.gap is not None else '—'}; "
        f"the optimiser alone {alone:.2f}s ({result.status.value}): ×{stored / alone:.2f}"
    )
    rows = median_of(lambda: selectors.plan_rows(run), repeat=3)
    print(f"  plan page's reading (plan_rows): {rows * 1000:.0f} ms ({rows / baseline:,.1f}× baseline)")
    if not accept:
        return
    draws = sum(len(entry["sources"]) for entry in run.result["funded"])
    other = AssistanceRequest.objects.filter(reference__startswith=f"B{size}-").first()
    fund = f"B{size}-BASE"
    funds.fund_create(actor=actor, code=fund, name_en="Bench baseline fund")
    funds.receipt_record(
        actor=actor,
        fund=fund,
        donor="NOR",
        amount=Decimal(draws * 10),
        currency="USD",
        received_on=timezone.localdate(),
        reference=f"{fund}-R",
    )
    posted, _ = timed(
        lambda: [
            funds.allocation_create(
                actor=actor,
                fund=fund,
                earmark=None,
                amount=Decimal(1),
                currency="USD",
                request=other.pk,
                idempotency_key=f"bench-{size}-{number}",
            )
            for number in range(draws)
        ]
    )
    services.scenario_sources_refresh(actor=actor, scenario=scenario)  # the baseline fund moved
    run = SolveRun.objects.create(scenario=scenario, started_by=actor, time_limit=int(time_limit))
    services.solve_execute(run_id=run.pk)
    draws = sum(len(entry["sources"]) for entry in SolveRun.objects.get(pk=run.pk).result["funded"])
    accepted, _ = timed(lambda: services.scenario_accept(actor=actor, scenario=scenario))
    print(
        f"  accept: {accepted:.2f}s for {draws} allocations; the same number of allocations alone "
        f"{posted:.2f}s: ×{accepted / posted:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2005)
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--accept-sizes", default="1000", help="sizes at which the plan is also accepted")
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    engine = setup_database()
    from tcdesk.accounts.choices import Role
    from tcdesk.accounts.models import User
    from tcdesk.accounts.services import role_assign

    actor = User.objects.create_user(username="bench-finance", password=None)
    role_assign(user=actor, role=Role.FUND_MANAGER)
    print(f"{engine}, Python {sys.version.split()[0]}, seed {args.seed}; times from time.perf_counter")
    accept_sizes = {int(text) for text in args.accept_sizes.split(",") if text}
    for text in args.sizes.split(","):
        bench(int(text), args.seed, args.time_limit, int(text) in accept_sizes, actor)


if __name__ == "__main__":
    main()
