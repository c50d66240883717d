"""The scenario in the shape the algorithms work on: amounts in integer cents, pools and classes.

Two reductions keep the model small without changing its optimum:

* **Pools.** Sources with the same restrictions are interchangeable, so they are pooled into one
  amount; a pool's draws are split back over its sources at the end (any split works).
* **Classes.** Requests that may be funded by the same pools form a class; money flows from pools to
  classes, and a class's flow is split over its requests at the end (any split works too, since every
  pool of the class may fund every request of it).

So the model has a flow variable per (class, pool) pair instead of per (request, source) pair: for
10,000 requests and 300 sources that is thousands of variables instead of millions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .rules import RuleKind, RuleRef, ShareRule, share_rules
from .scenario import Scenario, Source


def _bits(mask: int):
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def to_cents(amount: Decimal) -> int:
    return int(amount * 100)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


Signature = tuple[frozenset[str] | None, frozenset[str] | None, frozenset[str] | None, frozenset[str] | None]


@dataclass(frozen=True)
class Pool:
    """Sources with identical restrictions (``sources`` are positions in ``scenario.sources``)."""

    sources: tuple[int, ...]
    cap: int
    example: Source


class ScenarioIndex:
    """Precomputed arrays of a scenario: costs in cents, eligibility as pools and classes, rule weights."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        requests = scenario.requests
        policy = scenario.policy
        self.count = len(requests)
        self.ids = [str(request.id) for request in requests]
        self.position = {key: position for position, key in enumerate(self.ids)}
        self.cost = [to_cents(request.cost) for request in requests]
        self.priority = [Fraction(request.priority) for request in requests]
        # For choosing what to cut first in rounding; ties and near-ties do not matter there.
        self.value_per_cent = [
            float(request.priority) / cost for request, cost in zip(requests, self.cost, strict=True)
        ]
        self.divisible = [request.divisible for request in requests]
        self.must_fund = [key in policy.must_fund for key in self.ids]
        self.must_not_fund = [key in policy.must_not_fund for key in self.ids]
        self.country_cap = None if policy.country_cap is None else to_cents(policy.country_cap)
        self.share_rules: list[ShareRule] = share_rules(policy)
        # Integer weights (see ``rules``): slack_k = Σ_r weights[k][r] · cents_r, exact.
        self.weights: list[list[int]] = [[rule.weight(request) for request in requests] for rule in self.share_rules]
        self._build_pools()
        self._build_classes()

    def _build_pools(self) -> None:
        grouped: dict[Signature, list[int]] = defaultdict(list)
        for position, source in enumerate(self.scenario.sources):
            # Sources with nothing free are kept (with a zero cap): an explanation may say "if
            # this earmark had money" and the model stays the same.
            grouped[(source.themes, source.regions, source.countries, source.requests)].append(position)
        sources = self.scenario.sources
        self.pools = [
            Pool(
                sources=tuple(members),
                cap=sum(to_cents(sources[member].amount) for member in members),
                example=sources[members[0]],
            )
            for members in grouped.values()
        ]

    def _build_classes(self) -> None:
        """Eligible pools of every request, requests with the same eligible pools grouped in a class.

        A pool's restrictions on themes, on region and country, and on named requests are checked
        separately, each once per distinct value (theme set, (region, country) pair), as bit sets
        over pools; a request's eligible pools are the AND of its two masks plus the pools that
        name it.
        """
        requests = self.scenario.requests
        general = [number for number, pool in enumerate(self.pools) if pool.example.requests is None]
        theme_masks: dict[frozenset[str], int] = {}
        place_masks: dict[tuple[str | None, str], int] = {}
        named: dict[int, int] = defaultdict(int)
        for number, pool in enumerate(self.pools):
            source = pool.example
            if source.requests is None:
                continue
            for key in source.requests:
                position = self.position.get(key)
                if position is not None and source.may_fund(requests[position]):
                    named[position] |= 1 << number
        masks = []
        for position, request in enumerate(requests):
            themes = theme_masks.get(request.themes)
            if themes is None:
                themes = theme_masks[request.themes] = sum(
                    1 << number
                    for number in general
                    if self.pools[number].example.themes is None
                    or not self.pools[number].example.themes.isdisjoint(request.themes)
                )
            place_key = (request.region, request.country)
            place = place_masks.get(place_key)
            if place is None:
                place = place_masks[place_key] = sum(
                    1 << number
                    for number in general
                    if (
                        self.pools[number].example.regions is None
                        or request.region in self.pools[number].example.regions
                    )
                    and (
                        self.pools[number].example.countries is None
                        or request.country in self.pools[number].example.countries
                    )
                )
            masks.append(themes & place | named.get(position, 0))
        # Spend the most restricted money first: a pool that few requests may use comes first.
        reach = [0] * len(self.pools)
        for mask in masks:
            for number in _bits(mask):
                reach[number] += 1
        self.pool_reach = reach
        classes: dict[int, int] = {}
        self.request_class = [-1] * self.count
        self.class_pools: list[tuple[int, ...]] = []
        self.class_members: list[list[int]] = []
        for position, mask in enumerate(masks):
            if not mask:
                continue
            number = classes.get(mask)
            if number is None:
                number = classes[mask] = len(self.class_pools)
                self.class_pools.append(tuple(sorted(_bits(mask), key=lambda pool: (reach[pool], pool))))
                self.class_members.append([])
            self.request_class[position] = number
            self.class_members[number].append(position)

    # -- helpers shared by greedy, rounding and explanations ---------------------------------------

    def objective(self, amounts: list[int]) -> Fraction:
        """Σ p_r f_r of a plan given by its amounts in cents (f_r = amount / cost, exactly)."""
        return sum(
            (self.priority[r] * Fraction(amount, self.cost[r]) for r, amount in enumerate(amounts) if amount),
            Fraction(0),
        )

    def share_slacks(self, amounts: list[int]) -> list[int]:
        """Σ w_r x_r of every share rule (integer weights): a rule holds when its slack is ≥ 0."""
        funded = [(r, amount) for r, amount in enumerate(amounts) if amount]
        return [sum(weights[r] * amount for r, amount in funded) for weights in self.weights]

    def country_totals(self, amounts: list[int]) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for r, amount in enumerate(amounts):
            if amount:
                totals[self.scenario.requests[r].country] += amount
        return totals

    def rule_problems(self, amounts: list[int]) -> list[RuleRef]:
        """Rules (shares, country cap, must-fund, must-not-fund) broken by a plan's amounts."""
        broken = [
            rule.ref for rule, slack in zip(self.share_rules, self.share_slacks(amounts), strict=True) if slack < 0
        ]
        if self.country_cap is not None:
            broken += [
                RuleRef(RuleKind.COUNTRY_CAP, country)
                for country, total in sorted(self.country_totals(amounts).items())
                if total > self.country_cap
            ]
        for r, amount in enumerate(amounts):
            if self.must_fund[r] and amount != self.cost[r]:
                broken.append(RuleRef(RuleKind.MUST_FUND, self.ids[r]))
            if self.must_not_fund[r] and amount:
                broken.append(RuleRef(RuleKind.MUST_NOT_FUND, self.ids[r]))
        return broken
