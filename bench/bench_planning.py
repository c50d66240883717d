"""The funding-plan optimiser at scale: solve time, gap to the bounds, and gain over the greedy plan.

Run: .venv/bin/python bench/bench_planning.py [--seed 2005] [--sizes 1000,3000,10000]
     [--sources 300] [--time-limit 60]

For each size a synthetic scenario is generated deterministically from the seed (the same seed
gives the same scenario on any machine): requests from 150 countries in 5 regions with country
groups (LDC, post-conflict, SIDS, LLDC), 1–2 of 8 themes, costs from 10,000 to 2,000,000, 30 %
divisible; 300 sources holding about 40 % of the total cost, a quarter unrestricted and the rest
earmarked by theme, region, country, theme and region, or for named requests; 20 rules (4
minimum group shares, 8 maximum theme shares, a country cap, 4 must-fund and 3 must-not-fund
requests).

Printed per size: the model size after pooling; seconds for the greedy plan (the baseline, timed in
the same run), the whole solve and its phases; the status reached within the time limit; the
objective, the solver's proven bound and the gap to it (goal ≤ 0.1 %; the solve stops at a relative
gap of 0.01 %, ``mip_rel_gap`` 1e-4); the bound at the MIP's root node (the LP relaxation tightened by
HiGHS's cutting planes) and the plain LP-relaxation bound with their gaps (when the MIP is solved to
optimality, the plain LP gap is the instance's integrality gap: no plan can close it); the objective's
ratio to the greedy plan's; and that the plan passes ``check_plan``.

The same scenarios through the database (SQLite, and PostgreSQL when DATABASE_URL names one) are in
``bench_planning_db.py``.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tcdesk.planning.optimiser import (  # noqa: E402
    Policy,
    Progress,
    Request,
    Scenario,
    Source,
    check_plan,
    greedy_plan,
    solve,
)
from tcdesk.planning.optimiser.indexing import ScenarioIndex  # noqa: E402

REGIONS = ("Africa", "Americas", "Asia-Pacific", "Europe", "West Asia")
THEMES = (
    "trafficking-in-persons",
    "migrant-smuggling",
    "corruption",
    "organized-crime",
    "terrorism",
    "drugs",
    "cybercrime",
    "criminal-justice",
)
GROUP_SHARES = {"LDC": "0.35", "post-conflict": "0.10", "SIDS": "0.03", "LLDC": "0.08"}
THEME_SHARES = ("0.30", "0.20", "0.30", "0.25", "0.25", "0.20", "0.15", "0.35")


def generate(requests: int, sources: int, seed: int) -> Scenario:
    """A synthetic scenario (see the module docstring); deterministic for a seed."""
    rng = random.Random(f"{seed}-{requests}-{sources}")
    countries = []
    for number in range(150):
        region = REGIONS[number % len(REGIONS)]
        groups = set()
        if rng.random() < 0.3:
            groups.add("LDC")
        if rng.random() < 0.1:
            groups.add("post-conflict")
        if rng.random() < 0.1:
            groups.add("SIDS")
        if rng.random() < 0.1:
            groups.add("LLDC")
        countries.append((f"C{number:03d}", region, frozenset(groups)))
    weights = [rng.paretovariate(1.5) for _ in countries]
    request_list = []
    for number in range(requests):
        code, region, groups = rng.choices(countries, weights)[0]
        themes = frozenset(rng.sample(THEMES, rng.choice((1, 1, 2))))
        cost = min(2_000_000, max(10_000, round(rng.lognormvariate(math.log(150_000), 0.8), -2)))
        priority = rng.randint(1, 60) + (25 if "LDC" in groups else 0) + (15 if "post-conflict" in groups else 0)
        request_list.append(
            Request(
                id=f"R{number:05d}",
                country=code,
                region=region,
                groups=groups,
                themes=themes,
                cost=Decimal(cost),
                priority=Decimal(priority),
                divisible=rng.random() < 0.3,
            )
        )
    total_cost = sum(request.cost for request in request_list)
    raw = [rng.lognormvariate(0, 1) for _ in range(sources)]
    scale = float(total_cost) * 0.4 / sum(raw)
    source_list = []
    for number, weight in enumerate(raw):
        amount = Decimal(round(weight * scale, 2)).quantize(Decimal("0.01"))
        kind = rng.random()
        restrictions: dict = {}
        if kind < 0.25:
            pass
        elif kind < 0.50:
            restrictions["themes"] = frozenset(rng.sample(THEMES, rng.choice((1, 2))))
        elif kind < 0.65:
            restrictions["regions"] = frozenset({rng.choice(REGIONS)})
        elif kind < 0.80:
            restrictions["countries"] = frozenset(code for code, _, _ in rng.sample(countries, rng.randint(1, 3)))
        elif kind < 0.90:
            restrictions["themes"] = frozenset({rng.choice(THEMES)})
            restrictions["regions"] = frozenset({rng.choice(REGIONS)})
        else:
            chosen = rng.sample(request_list, rng.randint(1, 3))
            restrictions["requests"] = frozenset(str(request.id) for request in chosen)
            amount = min(amount, sum((request.cost for request in chosen), Decimal(0)))
        source_list.append(Source(id=f"S{number:03d}", amount=amount, **restrictions))
    cheap_first = sorted(request_list, key=lambda request: request.cost)
    must_fund = frozenset(
        str(request.id) for request in cheap_first[: len(cheap_first) // 10 : max(1, len(cheap_first) // 40)][:4]
    )
    must_not_fund = frozenset(
        str(request.id) for request in rng.sample(request_list, 3) if str(request.id) not in must_fund
    )
    policy = Policy(
        min_share={group: Decimal(share) for group, share in GROUP_SHARES.items()},
        max_share_theme={theme: Decimal(share) for theme, share in zip(THEMES, THEME_SHARES, strict=True)},
        country_cap=(sum((source.amount for source in source_list), Decimal(0)) * Decimal("0.03")).quantize(
            Decimal("1")
        ),
        must_fund=must_fund,
        must_not_fund=must_not_fund,
    )
    return Scenario(currency="USD", requests=tuple(request_list), sources=tuple(source_list), policy=policy)


def rule_count(scenario: Scenario) -> int:
    policy = scenario.policy
    return (
        len(policy.min_share)
        + len(policy.max_share_theme)
        + (policy.country_cap is not None)
        + len(policy.must_fund)
        + len(policy.must_not_fund)
    )


def bench(size: int, sources: int, seed: int, time_limit: float) -> dict:
    started = time.perf_counter()
    scenario = generate(size, sources, seed)
    generated = time.perf_counter() - started
    index = ScenarioIndex(scenario)
    pairs = sum(1 for _ in _eligible_pairs(index))
    flow_pairs = sum(len(pools) for pools in index.class_pools)
    print(
        f"{size} requests × {len(scenario.sources)} sources × {rule_count(scenario)} rules "
        f"(generated in {generated:.1f}s): {len(index.pools)} pools, {len(index.class_pools)} classes; "
        f"{size + flow_pairs} model variables ({size + pairs} with one per eligible request and source)"
    )
    started = time.perf_counter()
    greedy = greedy_plan(scenario)
    greedy_seconds = time.perf_counter() - started
    seen: dict[str, list[float]] = {}

    def record(progress: Progress) -> None:
        seen.setdefault(progress.phase, []).append(progress.seconds)

    started = time.perf_counter()
    result = solve(scenario, time_limit=time_limit, on_progress=record)
    seconds = time.perf_counter() - started
    plan = result.plan
    problems = check_plan(scenario, plan) if plan is not None else ["no plan"]
    ends = {phase: max(times) for phase, times in seen.items()}
    steps, previous = [], 0.0
    for phase in ("greedy", "lp", "lp-rounding", "mip", "explaining", "done"):
        if phase in ends:
            steps.append(f"{phase} {ends[phase] - previous:.1f}s")
            previous = ends[phase]
    print(f"  greedy plan alone (baseline): {greedy_seconds:.2f}s, objective {float(greedy.objective):.2f}")
    print(
        f"  solve: {seconds:.1f}s with a {time_limit:g}s limit, status {result.status.value} "
        f"(solve / greedy time {seconds / greedy_seconds:.1f}); " + ", ".join(steps)
    )
    if plan is None or result.objective is None:
        print(f"  no plan: {problems}")
        return {"size": size, "seconds": seconds, "status": result.status.value}
    lp_gap = (result.lp_bound - result.objective) / result.objective if result.lp_bound is not None else None
    root_gap = (result.root_bound - result.objective) / result.objective if result.root_bound is not None else None
    gap_text = "—" if result.gap is None else f"{result.gap:.4%}"
    lp_text = "—" if lp_gap is None else f"{lp_gap:.4%}"
    root_text = "—" if root_gap is None else f"{result.root_bound:.2f}, gap {root_gap:.4%}"
    print(
        f"  objective {result.objective:.2f}; best bound {result.bound:.2f}, gap {gap_text} (goal ≤ 0.1 %); "
        f"root bound (LP relaxation + HiGHS cuts) {root_text}; "
        f"plain LP-relaxation bound {result.lp_bound:.2f}, gap {lp_text}"
    )
    ratio = result.objective / float(greedy.objective)
    print(
        f"  objective / greedy objective = {ratio:.4f}; funded {len(plan.funded)} requests "
        f"(USD {plan.funded_amount:,.0f}) against greedy's {len(greedy.funded)} (USD {greedy.funded_amount:,.0f})"
    )
    print(f"  plan check: {'valid (no source over-drawn, earmarks and rules hold)' if not problems else problems[:3]}")
    return {
        "size": size,
        "seconds": seconds,
        "status": result.status.value,
        "gap": result.gap,
        "root_gap": root_gap,
        "lp_gap": lp_gap,
        "ratio": ratio,
    }


def _eligible_pairs(index: ScenarioIndex):
    for r in range(index.count):
        class_number = index.request_class[r]
        if class_number >= 0:
            for pool in index.class_pools[class_number]:
                yield from index.pools[pool].sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2005)
    parser.add_argument("--sizes", default="1000,3000,10000", help="numbers of requests, comma-separated")
    parser.add_argument("--sources", type=int, default=300)
    parser.add_argument("--time-limit", type=float, default=60.0, help="per solve, seconds")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, seed {args.seed}; times from time.perf_counter")
    rows = [bench(int(text), args.sources, args.seed, args.time_limit) for text in args.sizes.split(",")]
    if len(rows) > 1:
        first = rows[0]
        growth = ", ".join(
            f"{row['size'] / first['size']:g}× the requests: {row['seconds'] / first['seconds']:.1f}× the time"
            for row in rows[1:]
        )
        print(f"growth against {first['size']} requests: {growth}")


if __name__ == "__main__":
    main()
