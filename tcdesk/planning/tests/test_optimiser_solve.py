"""solve(): a scenario in, a plan out, with progress, a time limit and a cancel hook; no Django."""

from __future__ import annotations

import random
import subprocess
import sys
from decimal import Decimal

import pytest

from tcdesk.planning.optimiser import (
    Policy,
    Request,
    Scenario,
    Source,
    Status,
    check_plan,
    solve,
)

from .builders import request, scenario, source


def medium_scenario(requests: int = 1500, seed: int = 12) -> Scenario:
    """Enough requests that the solver takes a noticeable moment."""
    rng = random.Random(seed)
    countries = [
        ("MLI", "Africa", {"LDC"}),
        ("NER", "Africa", {"LDC"}),
        ("COL", "Americas", set()),
        ("UKR", "Europe", set()),
    ]
    themes = ["corruption", "trafficking", "terrorism", "drugs"]
    request_list = []
    for number in range(requests):
        country, region, groups = rng.choice(countries)
        request_list.append(
            Request(
                id=f"R{number}",
                country=country,
                region=region,
                groups=groups,
                themes={rng.choice(themes)},
                cost=Decimal(rng.randint(100, 5000)),
                priority=Decimal(rng.randint(1, 100)),
                divisible=rng.random() < 0.3,
            )
        )
    sources = [
        Source(
            id=f"S{number}",
            amount=Decimal(rng.randint(1000, 40000)),
            themes={themes[number % 4]} if number % 3 else None,
        )
        for number in range(60)
    ]
    policy = Policy(min_share={"LDC": Decimal("0.4")}, max_share_theme={"corruption": Decimal("0.3")})
    return Scenario(currency="USD", requests=tuple(request_list), sources=tuple(sources), policy=policy)


def test_it_reports_progress_through_its_phases_and_ends_with_done():
    phases = []
    result = solve(medium_scenario(200), on_progress=lambda progress: phases.append(progress.phase))
    assert result.status is Status.OPTIMAL
    assert phases[0] == "greedy" and phases[-1] == "done"
    assert "lp" in phases
    assert all(phase in {"greedy", "lp", "lp-rounding", "mip", "rounding", "explaining", "done"} for phase in phases)


def test_a_cancel_before_the_solve_returns_the_greedy_plan_as_cancelled():
    plan_scenario = medium_scenario(100)
    result = solve(plan_scenario, should_cancel=lambda: True)
    assert result.status is Status.CANCELLED
    assert result.plan == result.greedy
    assert check_plan(plan_scenario, result.plan) == []


def test_a_cancel_during_the_solve_stops_it_with_the_best_plan_so_far():
    calls = []

    def cancel_once_solving() -> bool:
        calls.append(1)
        return len(calls) > 1  # not before the solver starts, at its first poll

    plan_scenario = medium_scenario()
    result = solve(plan_scenario, should_cancel=cancel_once_solving)
    assert result.status is Status.CANCELLED
    assert len(calls) == 2
    assert result.plan is not None and check_plan(plan_scenario, result.plan) == []


def test_an_error_in_a_hook_stops_the_solve_and_reaches_the_caller():
    def broken(progress):
        if progress.phase != "greedy":
            raise RuntimeError("the progress bar fell over")

    with pytest.raises(RuntimeError, match="the progress bar fell over"):
        solve(medium_scenario(200), on_progress=broken)


def test_a_time_limit_too_short_to_solve_still_returns_a_valid_plan():
    # Spent before the solver starts, on any machine (0.01 s was sometimes enough on an idle one).
    plan_scenario = medium_scenario(3000)
    result = solve(plan_scenario, time_limit=1e-6)
    assert result.status is Status.TIME_LIMIT
    assert result.plan is not None and check_plan(plan_scenario, result.plan) == []
    assert result.objective >= result.greedy_objective


def test_an_empty_scenario_has_an_empty_optimal_plan():
    result = solve(Scenario(currency="USD", requests=(), sources=()))
    assert result.status is Status.OPTIMAL
    assert result.plan.funded == () and result.objective == 0.0


def test_sources_no_request_may_use_are_reported():
    result = solve(scenario([request("R1", "10.00")], [source("S1", "10.00"), source("S2", "5.00", countries=["PER"])]))
    assert result.warnings == ("source(s) S2 may fund no request of the scenario; their money stays unused",)


def test_the_document_has_the_contract_shape():
    result = solve(scenario([request("R1", "100.00", 3), request("R2", "50.00", 1)], [source("S1", "120.00")]))
    document = result.to_dict()
    assert set(document) >= {"status", "objective", "bound", "gap", "greedy_objective", "funded", "unfunded"}
    assert document["status"] == "optimal"
    (funded,) = document["funded"]
    assert funded == {
        "request": "R1",
        "fraction": "1",
        "amount": "100.00",
        "sources": [{"source": "S1", "amount": "100.00"}],
    }
    assert document["unfunded"][0]["request"] == "R2"
    assert document["unfunded"][0]["reason"] == "no_eligible_money"
    assert document["unfunded"][0]["more_money"] == "30.00"


def test_the_optimiser_imports_no_django():
    code = (
        "import sys, tcdesk.planning.optimiser; "
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
