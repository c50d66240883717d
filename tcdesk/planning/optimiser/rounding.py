"""From the solver's floating-point solution to an exact plan in cents.

HiGHS works in floating point within tolerances; a plan is money, so it must hold to the cent:

1. Amounts: an indivisible request gets its cost or nothing; a divisible one gets c_r f_r rounded
   down to the cent (up only when within a hundredth of a cent of the next cent).
2. Money: the class flows are rebuilt in cents from the solver's flows (rounded down, clipped to
   each class's amounts and each pool's cap) and completed with exact augmenting paths. A cent the
   solver's tolerance invented and no pool can pay is taken off a divisible request of the class
   (an indivisible one only if nothing else is left), and the step is redone.
3. Rules: share rules and the country cap are checked exactly (integer arithmetic). Rounding may tip
   a share rule by a cent or so; it is restored, in this order, by: adding the needed cents to a
   divisible request that helps, when its sources can pay them (a gain, never a loss); taking the
   needed cents off the divisible request whose reduction helps and loses the least value; only when
   neither is possible, leaving out an indivisible request that tips the rule. The money stays exact
   throughout (cuts give draws back, additions push them).
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
        flow, shortages = _pay(index, amounts, run.flows)
        if not shortages:
            break
        for class_number, short in shortages.items():
            _reduce_class(index, amounts, class_number, short)
    else:
        raise RoundingError("the money could not be settled")
    _Repair(index, amounts, flow).run()
    problems = tuple(
        "breaks the rule: " + describe_rule(ref, index.scenario.policy, index.scenario.currency)
        for ref in index.rule_problems(amounts)
    )
    return CentsPlan(amounts=amounts, flow=flow, problems=problems)


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


def _cuts(index: ScenarioIndex, amounts: list[int], members: list[int], cents: int) -> list[tuple[int, int]]:
    """How to lower the amounts of ``members`` by ``cents`` in total: (request, cents) pairs,
    divisible requests of least value first, then indivisible ones (whole)."""
    cuts = []
    order = sorted(members, key=lambda r: (not index.divisible[r], index.value_per_cent[r], index.ids[r]))
    for r in order:
        if cents <= 0:
            break
        cut = min(amounts[r], cents) if index.divisible[r] else amounts[r]
        cents -= cut
        cuts.append((r, cut))
    return cuts


def _reduce_class(index: ScenarioIndex, amounts: list[int], class_number: int, short: int) -> None:
    members = [r for r in index.class_members[class_number] if _reducible(index, amounts, r)]
    if sum(amounts[r] for r in members) < short:
        raise RoundingError("the sources cannot pay the must-fund requests of a class")
    for r, cut in _cuts(index, amounts, members, short):
        amounts[r] -= cut


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


class _Repair:
    """Step 3: restore broken share rules and country caps with the least loss, money kept exact."""

    def __init__(self, index: ScenarioIndex, amounts: list[int], flow: ClassFlow):
        self.index = index
        self.amounts = amounts
        self.flow = flow
        self.slacks = index.share_slacks(amounts)
        self.totals = index.country_totals(amounts)

    def change(self, r: int, cents: int) -> None:
        """Add ``cents`` (negative: take off) to request r, keeping slacks and totals up to date."""
        index = self.index
        self.amounts[r] += cents
        for k, weights in enumerate(index.weights):
            if weights[r]:
                self.slacks[k] += weights[r] * cents
        country = index.scenario.requests[r].country
        self.totals[country] = self.totals.get(country, 0) + cents

    def cut(self, r: int, cents: int) -> None:
        self.flow.release(self.index.request_class[r], cents)
        self.change(r, -cents)

    def run(self) -> None:
        index = self.index
        for _ in range(10 * (len(index.share_rules) + 1) + index.count):
            broken = next((k for k, slack in enumerate(self.slacks) if slack < 0), None)
            if broken is not None:
                # Adding cents loses nothing (priorities are never negative) while a cut always
                # loses value, so adding comes first whatever the sizes: cutting 5 cents of a
                # priority-1 request to balance a share rule that 1 free cent added to a
                # priority-0 request of the group restores cost the plan its whole objective.
                if not (self.raise_divisible(broken) or self.cut_divisible(broken) or self.drop_indivisible(broken)):
                    return  # nothing can restore it: the plan is reported as breaking it
                continue
            if index.country_cap is None:
                return
            over = sorted((country, total) for country, total in self.totals.items() if total > index.country_cap)
            if not over:
                return
            country, total = over[0]
            members = [
                r
                for r, request in enumerate(index.scenario.requests)
                if request.country == country and _reducible(index, self.amounts, r)
            ]
            if not members:
                return
            for r, cents in _cuts(index, self.amounts, members, total - index.country_cap):
                self.cut(r, cents)

    def _harmless(self, k: int, r: int, delta: int) -> bool:
        """Whether changing r by ``delta`` cents leaves every other holding rule holding."""
        weights = self.index.weights
        return all(
            self.slacks[j] < 0 or self.slacks[j] + weights[j][r] * delta >= 0
            for j in range(len(self.slacks))
            if j != k and weights[j][r] * delta < 0
        )

    def cut_divisible(self, k: int) -> bool:
        index, amounts, weights = self.index, self.amounts, self.index.weights[k]
        candidates = [
            (min(amounts[r], ceil_div(-self.slacks[k], -weights[r])), r)
            for r in range(index.count)
            if weights[r] < 0 and index.divisible[r] and _reducible(index, amounts, r)
        ]
        return self._apply_cheapest(k, candidates, sign=-1)

    def raise_divisible(self, k: int) -> bool:
        index, amounts, weights = self.index, self.amounts, self.index.weights[k]
        candidates = []
        for r in range(index.count):
            if not (
                weights[r] > 0
                and index.divisible[r]
                and not index.must_not_fund[r]
                and index.request_class[r] >= 0
                and amounts[r] < index.cost[r]
            ):
                continue
            need = min(ceil_div(-self.slacks[k], weights[r]), index.cost[r] - amounts[r])
            if index.country_cap is not None:
                need = min(need, index.country_cap - self.totals.get(index.scenario.requests[r].country, 0))
            if need > 0:
                candidates.append((need, r))
        # Adding is a gain, not a loss: the most valuable first.
        candidates.sort(key=lambda item: (-index.value_per_cent[item[1]], index.ids[item[1]]))
        for need, r in candidates:
            if not self._harmless(k, r, need):
                continue
            self.flow.begin()
            got = self.flow.push(index.request_class[r], need)
            if got == need:
                self.flow.commit()
                self.change(r, got)
                return True
            self.flow.rollback()
        return False

    def drop_indivisible(self, k: int) -> bool:
        index, amounts, weights = self.index, self.amounts, self.index.weights[k]
        candidates = [
            (amounts[r], r)
            for r in range(index.count)
            if weights[r] < 0 and not index.divisible[r] and _reducible(index, amounts, r)
        ]
        return self._apply_cheapest(k, candidates, sign=-1)

    def _apply_cheapest(self, k: int, candidates: list[tuple[int, int]], *, sign: int) -> bool:
        """Cut the candidate losing the least value, preferring cuts that break no other rule."""
        if not candidates:
            return False
        index = self.index
        candidates.sort(key=lambda item: (index.value_per_cent[item[1]] * item[0], index.ids[item[1]]))
        cents, r = next(((cents, r) for cents, r in candidates if self._harmless(k, r, sign * cents)), candidates[0])
        self.cut(r, cents)
        return True
