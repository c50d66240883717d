"""The greedy plan: highest priority first, each request funded as soon as money and every rule allow.

This is what a careful person does by hand, and the baseline the optimiser is compared with.
Must-fund requests come first. Then requests are taken in order of priority (cheaper first on a
tie); each gets as much as all of these allow — all of its cost or nothing when it is indivisible:

* money: what its eligible sources can still give, moving earlier draws to other eligible sources
  when that frees money (exact, see ``flows``);
* the country cap: what is left under the cap for its country;
* every share rule: a request that lowers a rule's slack (a non-group request under a minimum share,
  a request of a capped theme) takes at most what keeps the rule holding.

A request that a share rule holds back waits, and is taken up again (before any request of lower
priority) as soon as later fundings give that rule room: the first LDC requests funded make room
for non-LDC ones under a minimum LDC share. Money and caps only tighten as the plan grows, so a
request they stop is not reconsidered.

All arithmetic is in integer cents and exact fractions, so the greedy plan is valid as it stands
unless the must-fund requests themselves break a rule (then ``valid`` is false and ``problems`` say
which rule).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from fractions import Fraction

from .flows import ClassFlow
from .indexing import ScenarioIndex
from .rules import describe_rule


@dataclass
class CentsPlan:
    """A plan in cents before it becomes a ``Plan``: amounts per request and the class flow paying them."""

    amounts: list[int]
    flow: ClassFlow
    problems: tuple[str, ...] = ()


def greedy_order(index: ScenarioIndex) -> list[int]:
    """Must-fund requests first, then by priority (highest first), cost (lowest first) and id."""
    return sorted(
        range(index.count),
        key=lambda r: (not index.must_fund[r], -index.priority[r], index.cost[r], index.ids[r]),
    )


def greedy_cents(index: ScenarioIndex) -> CentsPlan:
    """The greedy plan in cents (see the module docstring for the rule)."""
    return _Greedy(index).run()


class _Greedy:
    def __init__(self, index: ScenarioIndex):
        self.index = index
        self.flow = ClassFlow([pool.cap for pool in index.pools], index.class_pools)
        self.amounts = [0] * index.count
        self.slacks = [Fraction(0)] * len(index.share_rules)
        self.country_totals: dict[str, int] = {}
        self.problems: list[str] = []
        # Requests a share rule holds back, per rule: (slack the rule needs, rank, request).
        self.waiting: list[list[tuple[Fraction, int, int]]] = [[] for _ in index.share_rules]

    def run(self) -> CentsPlan:
        index = self.index
        order = greedy_order(index)
        ready: list[tuple[int, int]] = []
        for rank, r in enumerate(order):
            if index.must_not_fund[r]:
                continue
            if index.must_fund[r]:
                self.fund_as_required(r)
            else:
                ready.append((rank, r))
        heapq.heapify(ready)
        while ready:
            rank, r = heapq.heappop(ready)
            before = self.amounts[r]
            held_by = self.try_fund(r)
            if held_by is not None:
                rule, needed = held_by
                heapq.heappush(self.waiting[rule], (needed, rank, r))
            if self.amounts[r] == before:
                continue
            for k, weights in enumerate(index.weights):  # rules that got room release who waits on them
                if weights[r] > 0:
                    waiting = self.waiting[k]
                    while waiting and waiting[0][0] <= self.slacks[k]:
                        _, waiting_rank, waiting_r = heapq.heappop(waiting)
                        heapq.heappush(ready, (waiting_rank, waiting_r))
        policy, currency = index.scenario.policy, index.scenario.currency
        for rule, slack in zip(index.share_rules, self.slacks, strict=True):
            if slack < 0:
                self.problems.append("breaks the rule: " + describe_rule(rule.ref, policy, currency))
        return CentsPlan(amounts=self.amounts, flow=self.flow, problems=tuple(self.problems))

    def cap_room(self, r: int) -> int | None:
        if self.index.country_cap is None:
            return None
        return self.index.country_cap - self.country_totals.get(self.index.scenario.requests[r].country, 0)

    def fund_as_required(self, r: int) -> None:
        """A must-fund request, in full, whatever the share rules (they are checked at the end)."""
        index = self.index
        cost, class_number = index.cost[r], index.request_class[r]
        room = self.cap_room(r)
        if class_number < 0 or (room is not None and room < cost):
            self.problems.append(f"could not fund request {index.ids[r]}, which must be funded")
            return
        self.flow.begin()
        if self.flow.push(class_number, cost) < cost:
            self.flow.rollback()
            self.problems.append(f"could not fund request {index.ids[r]}, which must be funded (not enough money)")
            return
        self.flow.commit()
        self.add(r, cost)

    def try_fund(self, r: int) -> tuple[int, Fraction] | None:
        """Fund what the rules and money allow; return (rule, slack needed) when a share rule holds it back."""
        index = self.index
        class_number = index.request_class[r]
        remaining = index.cost[r] - self.amounts[r]
        divisible = index.divisible[r]
        room = self.cap_room(r)
        if class_number < 0 or (room is not None and (room <= 0 or (room < remaining and not divisible))):
            return None  # no money may ever fund it, or the cap will never have room again
        limit = remaining if room is None else min(remaining, room)
        binding = None
        for k, weights in enumerate(index.weights):
            weight = weights[r]
            if weight < 0:
                allowed = max(0, math.floor(self.slacks[k] / -weight))
                if allowed < limit:
                    limit, binding = allowed, k
        if binding is not None and (limit <= 0 or not divisible):
            return binding, -index.weights[binding][r] * (remaining if not divisible else 1)
        self.flow.begin()
        got = self.flow.push(class_number, limit)
        if got == 0 or (not divisible and got < remaining):
            self.flow.rollback()
            return None  # money does not come back as the plan grows
        self.flow.commit()
        self.add(r, got)
        if binding is not None and got == limit and self.amounts[r] < index.cost[r]:
            return binding, -index.weights[binding][r]  # the rest waits for room under that rule
        return None

    def add(self, r: int, cents: int) -> None:
        index = self.index
        self.amounts[r] += cents
        country = index.scenario.requests[r].country
        self.country_totals[country] = self.country_totals.get(country, 0) + cents
        for k, weights in enumerate(index.weights):
            if weights[r]:
                self.slacks[k] += weights[r] * cents
