"""From the solver's floating-point solution to an exact plan in cents.

HiGHS works in floating point within tolerances; a plan is money, so it must hold to the cent:

1. Amounts: an indivisible request gets its cost or nothing; a divisible one gets c_r f_r rounded
   down to the cent (up only when within a hundredth of a cent of the next cent).
2. Rules: share rules and the country cap are checked exactly (integer cents, exact fractions).
   Rounding down may tip a share rule by a cent; it is restored by taking the needed cents off the
   divisible request of least value per cent among those whose reduction helps (then, only if
   nothing else helps, by leaving out an indivisible one). Reductions never need new money.
3. Money: the class flows are rebuilt in cents from the solver's flows (rounded down, clipped to
   each class's amounts and each pool's cap) and completed with exact augmenting paths. A cent the
   solver's tolerance invented and no pool can pay is taken off a divisible request of the class.
4. If a share rule still fails because only raising an amount would fix it, cents are added to a
   divisible request that helps, when its sources can pay them.

Steps 2–3 repeat until nothing changes (each round only lowers amounts, so it ends).
"""

from __future__ import annotations

import math

from .flows import ClassFlow
from .greedy import CentsPlan
from .indexing import ScenarioIndex
from .model import SolverRun
from .rules import ceil_div, describe_rule


class RoundingError(RuntimeError):
    """The solver's solution could not be turned into an exact plan (it should not happen)."""


def round_solution(index: ScenarioIndex, run: SolverRun, *, round_up: bool = True) -> CentsPlan:
    """An exact plan in cents close to the solver's solution; see the module docstring.

    An indivisible request is funded when its fraction is above one half (a MIP solution, where
    fractions are 0 or 1 within tolerance) or, with ``round_up`` false, only when it is 1 (a linear
    relaxation's solution, whose fractional requests are left out).
    """
    amounts = _initial_amounts(index, run.fractions, 0.5 if round_up else 1 - 1e-6)
    for _ in range(100):
        _reduce_for_rules(index, amounts)
        flow, shortages = _pay(index, amounts, run.flows)
        if shortages:
            for class_number, short in shortages.items():
                _reduce_class(index, amounts, class_number, short)
            continue
        _raise_for_rules(index, amounts, flow)
        problems = tuple(
            "breaks the rule: " + describe_rule(ref, index.scenario.policy, index.scenario.currency)
            for ref in index.rule_problems(amounts)
        )
        return CentsPlan(amounts=amounts, flow=flow, problems=problems)
    raise RoundingError("rounding did not settle")


def _initial_amounts(index: ScenarioIndex, fractions: list[float], threshold: float) -> list[int]:
    amounts = [0] * index.count
    for r, fraction in enumerate(fractions):
        cost = index.cost[r]
        if index.must_not_fund[r] or index.request_class[r] < 0:
            continue
        if index.must_fund[r] or fraction >= 1 - 1e-9:
            amounts[r] = cost
        elif not index.divisible[r]:
            amounts[r] = cost if fraction > threshold else 0
        else:
            amounts[r] = min(cost, max(0, math.floor(fraction * cost + 0.01)))
    return amounts


def _reducible(index: ScenarioIndex, amounts: list[int], r: int) -> bool:
    return amounts[r] > 0 and not index.must_fund[r]


def _reduce_for_rules(index: ScenarioIndex, amounts: list[int]) -> None:
    """Lower amounts until every share rule and the country cap hold (or nothing can be lowered)."""
    while True:
        slacks = index.share_slacks(amounts)
        broken = [k for k, slack in enumerate(slacks) if slack < 0]
        if broken:
            k = broken[0]
            weights = index.weights[k]
            candidates = [r for r in range(index.count) if weights[r] < 0 and _reducible(index, amounts, r)]
            if not candidates:
                return
            r, cut = _best_cut(index, amounts, slacks, k, candidates)
            amounts[r] -= cut
            continue
        if index.country_cap is None:
            return
        over = {
            country: total - index.country_cap
            for country, total in index.country_totals(amounts).items()
            if total > index.country_cap
        }
        if not over:
            return
        country, excess = min(over.items())
        members = [
            r
            for r, request in enumerate(index.scenario.requests)
            if request.country == country and _reducible(index, amounts, r)
        ]
        if not members:
            return
        _take_off(index, amounts, members, excess)


def _best_cut(
    index: ScenarioIndex, amounts: list[int], slacks: list[int], k: int, candidates: list[int]
) -> tuple[int, int]:
    """The request to lower (and by how many cents) to restore rule k at the least loss.

    Divisible requests first (a few cents), then the least value lost; among those, the first whose
    cut keeps the other rules holding (else simply the first).
    """
    weights = index.weights[k]

    def cut_of(r: int) -> int:
        return min(amounts[r], ceil_div(-slacks[k], -weights[r])) if index.divisible[r] else amounts[r]

    ranked = sorted(
        candidates, key=lambda r: (not index.divisible[r], index.value_per_cent[r] * cut_of(r), index.ids[r])
    )
    for r in ranked:
        cut = cut_of(r)
        harms = any(
            slacks[j] >= 0 and slacks[j] - index.weights[j][r] * cut < 0
            for j in range(len(slacks))
            if j != k and index.weights[j][r] > 0
        )
        if not harms:
            return r, cut
    return ranked[0], cut_of(ranked[0])


def _take_off(index: ScenarioIndex, amounts: list[int], members: list[int], cents: int) -> None:
    """Lower the amounts of ``members`` by ``cents`` in total: divisible ones of least value first,
    then indivisible ones (whole)."""
    order = sorted(members, key=lambda r: (not index.divisible[r], index.value_per_cent[r], index.ids[r]))
    for r in order:
        if cents <= 0:
            return
        cut = min(amounts[r], cents) if index.divisible[r] else amounts[r]
        amounts[r] -= cut
        cents -= cut


def _reduce_class(index: ScenarioIndex, amounts: list[int], class_number: int, short: int) -> None:
    members = [r for r in index.class_members[class_number] if _reducible(index, amounts, r)]
    if sum(amounts[r] for r in members) < short:
        raise RoundingError("the sources cannot pay the must-fund requests of a class")
    _take_off(index, amounts, members, short)


def _pay(
    index: ScenarioIndex, amounts: list[int], solver_flows: dict[tuple[int, int], float]
) -> tuple[ClassFlow, dict[int, int]]:
    """Class flows in cents paying ``amounts`` exactly, seeded from the solver's flows."""
    flow = ClassFlow([pool.cap for pool in index.pools], index.class_pools)
    demand = [sum(amounts[r] for r in members) for members in index.class_members]
    for (class_number, pool), value in sorted(solver_flows.items()):
        cents = math.floor(value * 100 + 1e-6)
        cents = min(cents, demand[class_number] - flow.drawn(class_number), flow.cap[pool] - flow.used[pool])
        if cents > 0:
            flow.change(class_number, pool, cents)
    shortages = {}
    for class_number, wanted in enumerate(demand):
        missing = wanted - flow.drawn(class_number)
        if missing > 0:
            got = flow.push(class_number, missing)
            if got < missing:
                shortages[class_number] = missing - got
    return flow, shortages


def _raise_for_rules(index: ScenarioIndex, amounts: list[int], flow: ClassFlow) -> None:
    """Restore a share rule no reduction could by adding cents to a divisible request that helps."""
    for _ in range(len(index.share_rules) * 4):
        slacks = index.share_slacks(amounts)
        broken = [k for k, slack in enumerate(slacks) if slack < 0]
        if not broken:
            return
        k = broken[0]
        weights = index.weights[k]
        candidates = sorted(
            (
                r
                for r in range(index.count)
                if weights[r] > 0
                and index.divisible[r]
                and not index.must_not_fund[r]
                and index.request_class[r] >= 0
                and amounts[r] < index.cost[r]
            ),
            key=lambda r: (-index.value_per_cent[r], index.ids[r]),
        )
        for r in candidates:
            need = min(ceil_div(-slacks[k], weights[r]), index.cost[r] - amounts[r])
            if index.country_cap is not None:
                country = index.scenario.requests[r].country
                room = index.country_cap - index.country_totals(amounts).get(country, 0)
                need = min(need, room)
            if need <= 0:
                continue
            got = flow.push(index.request_class[r], need)
            if got:
                amounts[r] += got
                break
        else:
            return
