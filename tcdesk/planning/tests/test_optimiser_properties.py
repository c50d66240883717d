"""Property tests of the optimiser on small random scenarios, against an independent brute force.

A plan never over-draws a source, never breaks an earmark or a rule, is never worse than the
greedy plan, and reaches the exact optimum; a scenario is infeasible exactly when no plan exists,
and the conflict it reports is a real one that dropping any of its rules resolves.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings

from tcdesk.planning.optimiser import Policy, RuleKind, RuleRef, Scenario, Status, check_plan, greedy_plan, solve

from . import brute_force
from .strategies import scenarios

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rounding_allowance(scenario: Scenario) -> Fraction:
    """What rounding divisible amounts to cents may cost the objective (a few cents each)."""
    return sum(
        (
            Fraction(request.priority) * Fraction(5, int(request.cost * 100))
            for request in scenario.requests
            if request.divisible
        ),
        Fraction(1, 10**9),
    )


def all_rules(scenario: Scenario) -> set[RuleRef]:
    policy = scenario.policy
    rules = {RuleRef(RuleKind.MONEY), RuleRef(RuleKind.EARMARKS), RuleRef(RuleKind.INDIVISIBLE)}
    rules |= {RuleRef(RuleKind.MIN_SHARE, group) for group in policy.min_share}
    rules |= {RuleRef(RuleKind.MAX_SHARE_THEME, theme) for theme in policy.max_share_theme}
    rules |= {RuleRef(RuleKind.MUST_FUND, key) for key in policy.must_fund}
    rules |= {RuleRef(RuleKind.MUST_NOT_FUND, key) for key in policy.must_not_fund}
    if policy.country_cap is not None:
        rules.add(RuleRef(RuleKind.COUNTRY_CAP))
    return rules


def without(scenario: Scenario, dropped: set[RuleRef]) -> Scenario:
    """The scenario with the given rules left out (money unlimited, earmarks lifted, all divisible…)."""
    policy = scenario.policy
    keys = {kind: {ref.key for ref in dropped if ref.kind is kind} for kind in RuleKind}
    relaxed_policy = Policy(
        min_share={group: share for group, share in policy.min_share.items() if group not in keys[RuleKind.MIN_SHARE]},
        max_share_theme={
            theme: share
            for theme, share in policy.max_share_theme.items()
            if theme not in keys[RuleKind.MAX_SHARE_THEME]
        },
        country_cap=None if RuleRef(RuleKind.COUNTRY_CAP) in dropped else policy.country_cap,
        must_fund=policy.must_fund - keys[RuleKind.MUST_FUND],
        must_not_fund=policy.must_not_fund - keys[RuleKind.MUST_NOT_FUND],
    )
    plenty = sum((request.cost for request in scenario.requests), Decimal(0))
    sources = tuple(
        dataclasses.replace(
            source,
            amount=plenty if RuleRef(RuleKind.MONEY) in dropped else source.amount,
            **(
                {"themes": None, "regions": None, "countries": None, "requests": None}
                if RuleRef(RuleKind.EARMARKS) in dropped
                else {}
            ),
        )
        for source in scenario.sources
    )
    requests = tuple(
        dataclasses.replace(request, divisible=True) if RuleRef(RuleKind.INDIVISIBLE) in dropped else request
        for request in scenario.requests
    )
    return Scenario(currency=scenario.currency, requests=requests, sources=sources, policy=relaxed_policy)


@SETTINGS
@given(scenarios())
def test_a_plan_never_overdraws_a_source_nor_breaks_an_earmark_or_a_rule(scenario):
    result = solve(scenario, mip_gap=0.0, time_limit=30)
    if result.status is Status.INFEASIBLE:
        assert result.plan is None
        return
    assert result.status is Status.OPTIMAL
    assert check_plan(scenario, result.plan) == []
    if result.greedy.valid:
        assert check_plan(scenario, result.greedy) == []


@SETTINGS
@given(scenarios())
def test_its_objective_is_at_least_the_greedy_plans(scenario):
    result = solve(scenario, mip_gap=0.0, time_limit=30)
    greedy = greedy_plan(scenario)
    assert greedy == result.greedy
    if greedy.valid:
        assert result.plan is not None
        assert result.plan.objective >= greedy.objective
        assert result.objective >= result.greedy_objective


@SETTINGS
@given(scenarios())
def test_its_objective_equals_the_brute_force_optimum(scenario):
    result = solve(scenario, mip_gap=0.0, time_limit=30)
    best = brute_force.optimum(scenario)
    if best is None:
        assert result.status is Status.INFEASIBLE
        return
    assert result.status is Status.OPTIMAL
    objective = Fraction(result.plan.objective)
    assert objective <= best + Fraction(1, 10**8)  # a valid plan cannot beat the optimum
    assert objective >= best - rounding_allowance(scenario)


@SETTINGS
@given(scenarios())
def test_an_infeasible_scenario_names_an_irreducible_set_of_conflicting_rules(scenario):
    result = solve(scenario, mip_gap=0.0, time_limit=30)
    if result.status is not Status.INFEASIBLE:
        return
    conflict = result.conflict
    assert conflict is not None and conflict.rules and conflict.minimal
    named = set(conflict.rules)
    others = all_rules(scenario) - named
    assert named <= all_rules(scenario)
    assert brute_force.optimum(without(scenario, others)) is None  # they conflict on their own
    for rule in named:  # and each of them is needed for the conflict
        assert brute_force.optimum(without(scenario, others | {rule})) is not None, rule
    for rule in named:  # "sufficient" says exactly which of them, relaxed alone, give a plan
        assert (brute_force.optimum(without(scenario, {rule})) is not None) == (rule in conflict.sufficient), rule
