"""What the optimiser returns: plans (who gets how much from which source), reasons, conflicts.

``PlanResult.to_dict()`` is the JSON document of ``tcdesk plan_allocation --json``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from .flows import ClassFlow
from .indexing import ScenarioIndex, from_cents
from .rules import RuleRef
from .scenario import RequestId, SourceId

FRACTION_PLACES = Decimal("0.000001")
OBJECTIVE_PLACES = Decimal("0.000000001")


class Status(StrEnum):
    """How the solve ended. ``optimal`` means proven within the MIP gap asked for."""

    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"
    TIME_LIMIT = "time_limit"
    CANCELLED = "cancelled"


class Reason(StrEnum):
    """Why a request is not (fully) funded."""

    MUST_NOT_FUND = "must_not_fund"  # the policy excludes it
    NO_ELIGIBLE_MONEY = "no_eligible_money"  # no source may fund it, or what may is used up
    COUNTRY_CAP = "country_cap"  # its country would go over the cap
    SHARE_RULE = "share_rule"  # a minimum or maximum share would be broken
    NOT_SELECTED = "not_selected"  # money and rules allow it on its own; the solver stopped (gap, time) first
    INFEASIBLE = "infeasible"  # the rules conflict, so there is no plan at all


@dataclass(frozen=True)
class Draw:
    """Money from one source to one request."""

    source: SourceId
    amount: Decimal


@dataclass(frozen=True)
class Shortfall:
    """Why a request is unfunded (or funded in part), and how much more eligible money would fund it.

    ``more_money`` is the extra amount a source eligible for this request would need for the request
    to be funded in full on top of the rest of the plan (``None`` when money is not the question, as
    for ``must_not_fund``). ``rule`` names the binding rule for ``country_cap`` and ``share_rule``.
    """

    request: RequestId
    reason: Reason
    detail: str
    more_money: Decimal | None = None
    rule: RuleRef | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "request": self.request,
            "reason": self.reason.value,
            "rule": None if self.rule is None else str(self.rule),
            "more_money": None if self.more_money is None else str(self.more_money),
            "detail": self.detail,
        }


@dataclass(frozen=True)
class FundedRequest:
    """A request the plan funds: amount (cents exact), fraction of its cost, and the sources drawn."""

    request: RequestId
    fraction: Decimal
    amount: Decimal
    draws: tuple[Draw, ...]
    shortfall: Shortfall | None = None  # for a divisible request funded in part

    def to_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "request": self.request,
            "fraction": _plain(self.fraction),
            "amount": str(self.amount),
            "sources": [{"source": draw.source, "amount": str(draw.amount)} for draw in self.draws],
        }
        if self.shortfall is not None:
            document["shortfall"] = self.shortfall.to_dict()
        return document


@dataclass(frozen=True)
class Plan:
    """A complete plan in cents. ``valid`` is false only for a greedy plan that broke a rule
    (``problems`` says which); optimised plans are always valid."""

    funded: tuple[FundedRequest, ...]
    unfunded: tuple[Shortfall, ...]
    objective: Decimal
    funded_amount: Decimal
    valid: bool = True
    problems: tuple[str, ...] = ()

    def amount_of(self, request: RequestId) -> Decimal:
        for item in self.funded:
            if str(item.request) == str(request):
                return item.amount
        return Decimal("0.00")


@dataclass(frozen=True)
class Conflict:
    """Rules that cannot all hold together.

    When ``minimal``, the set is irreducible: without any one of its rules, the others could all
    hold. ``sufficient`` lists the rules whose relaxation alone gives the whole scenario a plan
    (fewer than ``rules`` when other conflicts remain).
    """

    rules: tuple[RuleRef, ...]
    descriptions: tuple[str, ...]
    message: str
    minimal: bool = True
    sufficient: tuple[RuleRef, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rules": [str(rule) for rule in self.rules],
            "descriptions": list(self.descriptions),
            "message": self.message,
            "minimal": self.minimal,
            "sufficient": [str(rule) for rule in self.sufficient],
        }


@dataclass(frozen=True)
class Progress:
    """A progress report. ``phase`` is one of greedy, lp, lp-rounding, mip, rounding, explaining,
    done (in that order, some skipped); ``objective`` is the best plan's so far, ``bound`` the best
    proven upper bound, ``gap`` their relative distance, ``nodes`` the MIP's branch-and-bound nodes."""

    phase: str
    seconds: float
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    nodes: int | None = None


@dataclass(frozen=True)
class PlanResult:
    """The answer to a scenario: the optimised plan, the greedy plan, bounds, and explanations.

    ``plan`` is ``None`` only when the rules conflict (``status`` infeasible; ``conflict`` explains)
    or when the time ran out before any plan was found. ``bound`` is the solver's proven upper bound
    on the objective, ``lp_bound`` the optimum of the linear relaxation, ``root_bound`` the bound at
    the MIP's root node (that relaxation tightened by HiGHS's cutting planes; ``None`` when no MIP ran),
    ``gap`` the relative distance (bound − objective) / objective.
    """

    status: Status
    currency: str
    plan: Plan | None
    greedy: Plan
    objective: float | None
    bound: float | None
    lp_bound: float | None
    gap: float | None
    conflict: Conflict | None = None
    seconds: float = 0.0
    nodes: int = 0
    warnings: tuple[str, ...] = ()
    request_ids: tuple[RequestId, ...] = field(default=(), repr=False)
    root_bound: float | None = None

    @property
    def greedy_objective(self) -> float | None:
        return float(self.greedy.objective) if self.greedy.valid else None

    def to_dict(self) -> dict[str, Any]:
        """The ``plan_allocation --json`` document (the issue's contract, extended)."""
        if self.plan is None:
            reason = Reason.INFEASIBLE if self.status is Status.INFEASIBLE else Reason.NOT_SELECTED
            detail = (
                self.conflict.message if self.conflict is not None else "no plan was found before the solve stopped"
            )
            funded: list[dict[str, Any]] = []
            unfunded = [Shortfall(request, reason, detail).to_dict() for request in self.request_ids]
        else:
            funded = [item.to_dict() for item in self.plan.funded]
            unfunded = [item.to_dict() for item in self.plan.unfunded]
        return {
            "status": self.status.value,
            "currency": self.currency,
            "objective": self.objective,
            "bound": self.bound,
            "lp_bound": self.lp_bound,
            "root_bound": self.root_bound,
            "gap": self.gap,
            "greedy_objective": self.greedy_objective,
            "funded": funded,
            "unfunded": unfunded,
            "funded_amount": None if self.plan is None else str(self.plan.funded_amount),
            "greedy": {
                "objective": float(self.greedy.objective),
                "valid": self.greedy.valid,
                "problems": list(self.greedy.problems),
                "funded_count": len(self.greedy.funded),
                "funded_amount": str(self.greedy.funded_amount),
            },
            "conflict": None if self.conflict is None else self.conflict.to_dict(),
            "seconds": round(self.seconds, 3),
            "nodes": self.nodes,
            "warnings": list(self.warnings),
        }


def _plain(number: Decimal) -> str:
    """``1.000000`` → ``1``, ``0.250000`` → ``0.25``: fractions without trailing zeros."""
    text = f"{number.normalize():f}"
    return text


# -- from cents to a plan -------------------------------------------------------------------------


def split_draws(index: ScenarioIndex, amounts: list[int], flow: ClassFlow) -> dict[int, dict[int, int]]:
    """Cents of each request from each source, from a class flow that covers the amounts exactly.

    Within a class every pool may fund every request, and within a pool every source is alike, so a
    sequential fill (requests in order against pools in order, then draws against sources) is valid.
    """
    per_pool: dict[int, list[tuple[int, int]]] = defaultdict(list)  # pool -> [(request, cents)]
    for class_number, members in enumerate(index.class_members):
        demands = [(r, amounts[r]) for r in members if amounts[r]]
        supplies = [
            (pool, flow.flow[class_number][pool])
            for pool in index.class_pools[class_number]
            if flow.flow[class_number].get(pool)
        ]
        if sum(cents for _, cents in demands) != sum(cents for _, cents in supplies):
            raise AssertionError("class flow does not cover the amounts of its requests")
        for r, pool, cents in _fill(demands, supplies):
            per_pool[pool].append((r, cents))
    draws: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for pool_number, pieces in per_pool.items():
        sources = [(s, _cents_of(index, s)) for s in index.pools[pool_number].sources]
        for r, s, cents in _fill(pieces, sources):
            draws[r][s] += cents
    return draws


def _cents_of(index: ScenarioIndex, source: int) -> int:
    return int(index.scenario.sources[source].amount * 100)


def _fill(demands: list[tuple[int, int]], supplies: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Match demands to supplies in order (north-west corner); supplies must cover the demands."""
    pieces = []
    position, left = 0, supplies[0][1] if supplies else 0
    for key, need in demands:
        while need:
            while left == 0:
                position += 1
                if position >= len(supplies):
                    raise AssertionError("supplies do not cover the demands")
                left = supplies[position][1]
            take = min(need, left)
            pieces.append((key, supplies[position][0], take))
            need -= take
            left -= take
    return pieces


def build_plan(
    index: ScenarioIndex,
    amounts: list[int],
    flow: ClassFlow,
    shortfalls: dict[int, Shortfall],
    *,
    problems: tuple[str, ...] = (),
) -> Plan:
    """Assemble a ``Plan`` from amounts in cents, the class flow that pays them and the shortfalls."""
    draws = split_draws(index, amounts, flow)
    requests = index.scenario.requests
    sources = index.scenario.sources
    funded = []
    for r, amount in enumerate(amounts):
        if not amount:
            continue
        fraction = (
            Decimal(1)
            if amount == index.cost[r]
            else (Decimal(amount) / Decimal(index.cost[r])).quantize(FRACTION_PLACES)
        )
        funded.append(
            FundedRequest(
                request=requests[r].id,
                fraction=fraction,
                amount=from_cents(amount),
                draws=tuple(Draw(sources[s].id, from_cents(cents)) for s, cents in sorted(draws[r].items()) if cents),
                shortfall=shortfalls.get(r),
            )
        )
    unfunded = tuple(shortfalls[r] for r in range(index.count) if not amounts[r] and r in shortfalls)
    return Plan(
        funded=tuple(funded),
        unfunded=unfunded,
        objective=_decimal(index.objective(amounts)),
        funded_amount=from_cents(sum(amounts)),
        valid=not problems,
        problems=problems,
    )


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(OBJECTIVE_PLACES)
