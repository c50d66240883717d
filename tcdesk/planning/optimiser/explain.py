"""Explanations: why a request is not funded, and which rules conflict when there is no plan at all.

**Unfunded requests.** For each request the plan does not fund in full, the first of these that
applies is its reason: the policy excludes it (``must_not_fund``); its country would go over the
cap (``country_cap``); funding it would break a minimum or maximum share (``share_rule``); no source
may fund it, or the money its sources can still give, after rerouting other draws where possible,
falls short (``no_eligible_money``); else it was simply not selected (``not_selected``: possible
only within the MIP gap, after a time limit, or at priority zero). Rules come before money because
money does not lift them.
``more_money`` is the exact shortfall of eligible money: how much more a source eligible for the
request would need for it to be funded in full on top of the rest of the plan.

**Conflicting rules.** Without must-fund requests the empty plan always satisfies every rule, so a
scenario is infeasible only through must-fund requests meeting money, earmarks, indivisibility,
caps, shares or must-not-fund requests. The conflict is found by a deletion filter over those
rules: drop a rule, solve for feasibility; if still infeasible the rule is not needed to explain
it and stays dropped. What remains is an irreducible set: the rules cannot all hold together, and
without any one of them the others could. (Relaxing one of them gives the whole scenario a plan
only if no other conflict remains; ``Conflict.sufficient`` says for which ones it does.) The
must-fund and must-not-fund lists are tried whole first and then halved, so few solves are needed
even with many requests; when more than ``REFINE_LIMIT`` of a list take part, the list is named as
a whole. When the time budget runs out the set is still a conflict, only perhaps not the smallest
(``minimal`` is then false).
"""

from __future__ import annotations

import time
from dataclasses import replace
from decimal import Decimal

from .flows import ClassFlow
from .indexing import ScenarioIndex, from_cents
from .model import FeasibilityChecker
from .plan import Conflict, Reason, Shortfall
from .rules import RuleKind, RuleRef, describe_rule, format_money


def explain_shortfalls(index: ScenarioIndex, amounts: list[int], flow: ClassFlow) -> dict[int, Shortfall]:
    """A ``Shortfall`` for every request the plan (``amounts`` paid by ``flow``) does not fund in full."""
    scenario = index.scenario
    currency = scenario.currency
    requests = scenario.requests
    slacks = index.share_slacks(amounts)
    totals = index.country_totals(amounts)
    # What each class could still draw: the same for all its requests, so ask once per class.
    wanted: dict[int, int] = {}
    for r in range(index.count):
        class_number = index.request_class[r]
        if class_number >= 0 and amounts[r] < index.cost[r] and not index.must_not_fund[r]:
            wanted[class_number] = max(wanted.get(class_number, 0), index.cost[r] - amounts[r])
    available = {class_number: flow.available(class_number, limit) for class_number, limit in wanted.items()}

    shortfalls: dict[int, Shortfall] = {}
    for r, request in enumerate(requests):
        remaining = index.cost[r] - amounts[r]
        if remaining <= 0:
            continue
        part = (
            f"It has {format_money(from_cents(amounts[r]), currency)} of its {format_money(request.cost, currency)}; "
            if amounts[r]
            else ""
        )
        if index.must_not_fund[r]:
            shortfalls[r] = Shortfall(
                request.id,
                Reason.MUST_NOT_FUND,
                "The policy says it must not be funded.",
                rule=RuleRef(RuleKind.MUST_NOT_FUND, index.ids[r]),
            )
            continue
        class_number = index.request_class[r]
        free = available.get(class_number, 0) if class_number >= 0 else 0
        more = from_cents(max(0, remaining - free))
        if index.country_cap is not None and totals.get(request.country, 0) + remaining > index.country_cap:
            shortfalls[r] = Shortfall(
                request.id,
                Reason.COUNTRY_CAP,
                part + f"its country {request.country} already receives "
                f"{format_money(from_cents(totals.get(request.country, 0)), currency)} and the cap per country is "
                f"{format_money(from_cents(index.country_cap), currency)}.",
                more_money=more,
                rule=RuleRef(RuleKind.COUNTRY_CAP, request.country),
            )
            continue
        binding = next(
            (
                rule
                for rule, weights, slack in zip(index.share_rules, index.weights, slacks, strict=True)
                if slack + weights[r] * remaining < 0
            ),
            None,
        )
        if binding is not None:
            shortfalls[r] = Shortfall(
                request.id,
                Reason.SHARE_RULE,
                part
                + "funding it would break the rule: "
                + describe_rule(binding.ref, scenario.policy, currency)
                + ".",
                more_money=more,
                rule=binding.ref,
            )
            continue
        if class_number < 0:
            shortfalls[r] = Shortfall(
                request.id,
                Reason.NO_ELIGIBLE_MONEY,
                part + "no source may fund it: none is earmarked for its themes, region, country or for it.",
                more_money=more,
            )
            continue
        if remaining > free and not any(index.pools[pool].cap for pool in index.class_pools[class_number]):
            shortfalls[r] = Shortfall(
                request.id,
                Reason.NO_ELIGIBLE_MONEY,
                part + "the sources that may fund it have no free money.",
                more_money=more,
            )
            continue
        if remaining > free:
            shortfalls[r] = Shortfall(
                request.id,
                Reason.NO_ELIGIBLE_MONEY,
                part + f"the money that may fund it goes to requests that add more to the plan's value "
                f"({format_money(from_cents(free), currency)} is still free for it); "
                f"{format_money(more, currency)} more would fund it.",
                more_money=more,
            )
            continue
        shortfalls[r] = Shortfall(
            request.id,
            Reason.NOT_SELECTED,
            part + "its sources and every rule would allow it on its own; the solve stopped within its gap "
            "or time limit before adding it, or its priority is zero.",
            more_money=Decimal("0.00"),
        )
    return {r: replace(item, detail=item.detail[:1].upper() + item.detail[1:]) for r, item in shortfalls.items()}


# -- infeasibility --------------------------------------------------------------------------------


REFINE_LIMIT = 40  # a conflict needing more of a must(-not)-fund list than this names the list


def rule_units(index: ScenarioIndex) -> list[RuleRef]:
    """The rules that may take part in a conflict, the must-fund and must-not-fund lists whole.

    Rules tried first are the likeliest to be dropped by the deletion filter, so the conflict
    reported tends to keep the must-fund requests and the money, which is what a planner acts on.
    """
    policy = index.scenario.policy
    units: list[RuleRef] = []
    if policy.must_not_fund:
        units.append(RuleRef(RuleKind.MUST_NOT_FUND))
    units += [rule.ref for rule in index.share_rules]
    if index.country_cap is not None:
        units.append(RuleRef(RuleKind.COUNTRY_CAP))
    if not all(index.divisible):
        units.append(RuleRef(RuleKind.INDIVISIBLE))
    units += [RuleRef(RuleKind.EARMARKS), RuleRef(RuleKind.MONEY)]
    if policy.must_fund:
        units.append(RuleRef(RuleKind.MUST_FUND))
    return units


def explain_infeasibility(index: ScenarioIndex, *, time_limit: float) -> Conflict:
    """The rules that conflict (see the module docstring).

    First the deletion filter runs over rule units (each share rule, the cap, indivisibility,
    earmarks, money, and the must-fund and must-not-fund lists as wholes); then a list found in the
    conflict is refined to the requests that matter, by halving, unless more than ``REFINE_LIMIT``
    of them do (the list is then named as a whole).
    """
    deadline = time.monotonic() + max(1.0, time_limit)
    checker = FeasibilityChecker(index)
    answered_all = True

    def still_infeasible(dropped: frozenset[RuleRef]) -> bool | None:
        nonlocal answered_all
        left = deadline - time.monotonic()
        answer = checker.feasible(dropped, time_limit=left) if left > 0 else None
        if answer is None:
            answered_all = False
            return None
        return not answer

    dropped: frozenset[RuleRef] = frozenset()
    units = rule_units(index)
    for unit in units:
        if still_infeasible(dropped | {unit}):  # an unknown answer keeps the rule: still a conflict
            dropped |= {unit}
    kept = [unit for unit in units if unit not in dropped]
    refined_all = True
    policy = index.scenario.policy
    for group in [unit for unit in kept if unit.kind in (RuleKind.MUST_FUND, RuleKind.MUST_NOT_FUND)]:
        keys = policy.must_fund if group.kind is RuleKind.MUST_FUND else policy.must_not_fund
        members = [RuleRef(group.kind, key) for key in sorted(keys)]
        needed = _refine(members, dropped, still_infeasible)
        if needed is None:
            refined_all = False
            continue
        kept.remove(group)
        kept += needed
        dropped |= frozenset(members) - frozenset(needed)
    rules = tuple(sorted(kept))
    # Other conflicts may remain: say which of these rules, relaxed alone, give a plan.
    sufficient = tuple(ref for ref in rules if still_infeasible(frozenset({ref})) is False)
    return _conflict(index, rules, sufficient, minimal=answered_all and refined_all, answered=answered_all)


def _refine(members: list[RuleRef], dropped: frozenset[RuleRef], still_infeasible) -> list[RuleRef] | None:
    """The members of a list needed for the conflict (deletion filter by halves), or ``None`` when
    more than ``REFINE_LIMIT`` are or the time ran out."""
    removed: frozenset[RuleRef] = frozenset()
    needed: list[RuleRef] = []
    pending = [members]
    while pending:
        block = pending.pop(0)
        answer = still_infeasible(dropped | removed | frozenset(block))
        if answer is None:
            return None
        if answer:
            removed |= frozenset(block)
        elif len(block) == 1:
            needed.append(block[0])
            if len(needed) > REFINE_LIMIT:
                return None
        else:
            middle = len(block) // 2
            pending[:0] = [block[:middle], block[middle:]]
    return needed


def _must_fund_keys(index: ScenarioIndex, rules: tuple[RuleRef, ...]) -> list[str]:
    keys = []
    for ref in rules:
        if ref.kind is RuleKind.MUST_FUND:
            keys += sorted(index.scenario.policy.must_fund) if ref.key is None else [ref.key]
    return keys


def _money_for(index: ScenarioIndex, must: list[str]) -> str:
    """`` (USD … may fund the must-fund requests)``: the free money of the pools eligible for them."""
    if not must:
        return ""
    pools = {
        pool
        for key in must
        if (class_number := index.request_class[index.position[key]]) >= 0
        for pool in index.class_pools[class_number]
    }
    total = sum(index.pools[pool].cap for pool in pools)
    return f" ({format_money(from_cents(total), index.scenario.currency)} may fund the must-fund requests named here)"


def _describe(index: ScenarioIndex, ref: RuleRef, must: list[str]) -> str:
    scenario = index.scenario
    policy, currency = scenario.policy, scenario.currency
    costs = {str(request.id): request.cost for request in scenario.requests}
    if ref.kind is RuleKind.MUST_FUND and ref.key is None:
        total = sum((costs[key] for key in policy.must_fund), Decimal(0))
        return (
            f"the {len(policy.must_fund)} must-fund requests must be funded in full "
            f"({format_money(total, currency)} in all)"
        )
    if ref.kind is RuleKind.MUST_NOT_FUND and ref.key is None:
        return f"the {len(policy.must_not_fund)} must-not-fund requests must not be funded"
    text = describe_rule(ref, policy, currency, costs)
    return text + _money_for(index, must) if ref.kind is RuleKind.MONEY else text


def _conflict(
    index: ScenarioIndex, rules: tuple[RuleRef, ...], sufficient: tuple[RuleRef, ...], *, minimal: bool, answered: bool
) -> Conflict:
    scenario = index.scenario
    must = _must_fund_keys(index, rules)
    descriptions = tuple(_describe(index, ref, must) for ref in rules)
    summary = "These rules cannot all be met"
    if must and RuleRef(RuleKind.MUST_FUND) not in rules:  # a whole list already says what it costs
        total = sum((request.cost for request in scenario.requests if str(request.id) in set(must)), Decimal(0))
        summary += (
            f" (the {len(must)} must-fund request{'s' if len(must) > 1 else ''} involved cost "
            f"{format_money(total, scenario.currency)} in all)"
        )
    message = summary + ": " + "; ".join(descriptions) + "."
    if minimal and len(rules) > 1:
        message += " Without any one of them the others could all be met."
    if not answered:
        message += " (The time ran out before every check was made; the list may hold more rules than needed.)"
    elif sufficient and len(sufficient) == len(rules):
        message += " Relaxing any one of them gives a plan."
    elif sufficient:
        named = ", ".join(str(ref) for ref in sufficient)
        message += (
            f" Relaxing {named} alone gives a plan; relaxing another one alone does not (other rules conflict too)."
        )
    else:
        message += " Other rules conflict too: relaxing one of these alone does not give a plan."
    return Conflict(rules=rules, descriptions=descriptions, message=message, minimal=minimal, sufficient=sufficient)
