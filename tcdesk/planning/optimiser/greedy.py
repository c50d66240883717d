"""The greedy plan: fund by priority, take back what tips a share rule over, then top up.

This is what a careful person does by hand with a spreadsheet, and the baseline the optimiser is
compared with:

1. Must-fund requests, in full.
2. The other requests in order of priority (cheaper first on a tie), each funded in full (or, when
   divisible, as far as money goes) if its eligible sources can pay and its country stays under the
   cap. Money is found exactly, moving earlier draws to other eligible sources when that frees some
   (see ``flows``). Shares are not looked at yet.
3. While a share rule is broken, the funded request of lowest priority among those that tip it
   (a non-group request under a minimum share, a request of a capped theme) is taken back — only
   the cents needed when it is divisible.
4. Top-up: the requests not fully funded, again by priority, each getting what money, the cap and
   every share rule allow (a request that lowers a rule's slack takes at most what keeps the rule
   holding). A request a share rule holds back waits and is taken up again, before requests of
   lower priority, as soon as later fundings give that rule room.

All arithmetic is in integer cents and exact fractions, so the greedy plan is valid as it stands
unless the must-fund requests themselves break a rule that taking back the others cannot restore
(then ``valid`` is false and ``problems`` say which rule).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from .flows import ClassFlow
from .indexing import ScenarioIndex
from .rules import ceil_div, describe_rule


@dataclass
class CentsPlan:
    """A plan in cents before it becomes a ``Plan``: amounts per request and the class flow paying them."""

    amounts: list[int]
    flow: ClassFlow
    problems: tuple[str, ...] = ()


def greedy_order(index: ScenarioIndex) -> list[int]:
    """Must-fund requests first, then by priority (highest first), cost (lowest first) and id."""
    requests = index.scenario.requests
    return sorted(
        range(index.count),
        key=lambda r: (not index.must_fund[r], -requests[r].priority, index.cost[r], index.ids[r]),
    )


def greedy_cents(index: ScenarioIndex) -> CentsPlan:
    """The greedy plan in cents (see the module docstring for the rule)."""
    return _Greedy(index).run()


class _Greedy:
    def __init__(self, index: ScenarioIndex):
        self.index = index
        self.flow = ClassFlow([pool.cap for pool in index.pools], index.class_pools)
        self.amounts = [0] * index.count
        self.slacks = [0] * len(index.share_rules)
        self.country_totals: dict[str, int] = {}
        self.problems: list[str] = []

    def run(self) -> CentsPlan:
        index = self.index
        order = [r for r in greedy_order(index) if not index.must_not_fund[r]]
        for r in order:
            if index.must_fund[r]:
                self.fund_as_required(r)
        for r in order:
            if not index.must_fund[r]:
                self.try_fund(r, shares=False)
        self.restore_shares()
        if all(slack >= 0 for slack in self.slacks):
            self.top_up(order)
        policy, currency = index.scenario.policy, index.scenario.currency
        for rule, slack in zip(index.share_rules, self.slacks, strict=True):
            if slack < 0:
                self.problems.append("breaks the rule: " + describe_rule(rule.ref, policy, currency))
        return CentsPlan(amounts=self.amounts, flow=self.flow, problems=tuple(self.problems))

    def restore_shares(self) -> None:
        """Step 3: take back the lowest-priority funding that tips a broken share rule, until none is broken."""
        index = self.index
        lowest_first = sorted(
            (r for r in range(index.count) if self.amounts[r] and not index.must_fund[r]),
            key=lambda r: (index.priority[r], -index.cost[r], index.ids[r]),
        )
        cursor = [0] * len(index.share_rules)  # per rule: candidates before it can no longer help
        while True:
            broken = next((k for k, slack in enumerate(self.slacks) if slack < 0), None)
            if broken is None:
                return
            weights = index.weights[broken]
            position = cursor[broken]
            while position < len(lowest_first) and not (
                self.amounts[lowest_first[position]] and weights[lowest_first[position]] < 0
            ):
                position += 1
            cursor[broken] = position
            if position == len(lowest_first):
                return  # only must-fund requests tip it: the plan stays invalid
            r = lowest_first[position]
            cut = self.amounts[r]
            if index.divisible[r]:
                cut = min(cut, ceil_div(-self.slacks[broken], -weights[r]))
            self.flow.release(index.request_class[r], cut)
            self.add(r, -cut)

    def top_up(self, order: list[int]) -> None:
        """Step 4: by priority again, with every rule checked; requests a share rule holds back wait for room."""
        index = self.index
        waiting: list[list[tuple[int, int, int]]] = [[] for _ in index.share_rules]
        ready = [(rank, r) for rank, r in enumerate(order) if self.amounts[r] < index.cost[r]]
        heapq.heapify(ready)
        while ready:
            rank, r = heapq.heappop(ready)
            before = self.amounts[r]
            held_by = self.try_fund(r, shares=True)
            if held_by is not None:
                rule, needed = held_by
                heapq.heappush(waiting[rule], (needed, rank, r))
            if self.amounts[r] == before:
                continue
            for k, weights in enumerate(index.weights):  # rules that got room release who waits on them
                if weights[r] > 0:
                    while waiting[k] and waiting[k][0][0] <= self.slacks[k]:
                        _, waiting_rank, waiting_r = heapq.heappop(waiting[k])
                        heapq.heappush(ready, (waiting_rank, waiting_r))

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

    def try_fund(self, r: int, *, shares: bool) -> tuple[int, int] | None:
        """Fund what money, the cap (and the share rules when ``shares``) allow.

        Returns (rule, slack needed) when a share rule holds the request (or its rest) back.
        """
        index = self.index
        class_number = index.request_class[r]
        remaining = index.cost[r] - self.amounts[r]
        divisible = index.divisible[r]
        room = self.cap_room(r)
        if (
            class_number < 0
            or remaining <= 0
            or (room is not None and (room <= 0 or (room < remaining and not divisible)))
        ):
            return None
        limit = remaining if room is None else min(remaining, room)
        binding = None
        if shares:
            for k, weights in enumerate(index.weights):
                weight = weights[r]
                if weight < 0:
                    allowed = max(0, self.slacks[k] // -weight)
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
        """Record ``cents`` more (or fewer, when negative) for request r."""
        index = self.index
        self.amounts[r] += cents
        country = index.scenario.requests[r].country
        self.country_totals[country] = self.country_totals.get(country, 0) + cents
        for k, weights in enumerate(index.weights):
            if weights[r]:
                self.slacks[k] += weights[r] * cents
