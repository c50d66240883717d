"""``check_plan``: every way a plan can be wrong, checked exactly and independently of the solver.

It reads only the public ``Scenario`` and ``Plan``, so tests use it as the specification of a valid
plan, and callers can re-check a stored plan before acting on it.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from .plan import Plan
from .scenario import CENT, Scenario


def check_plan(scenario: Scenario, plan: Plan) -> list[str]:
    """The problems of ``plan`` for ``scenario`` (an empty list when the plan is valid)."""
    problems: list[str] = []
    requests = {str(request.id): request for request in scenario.requests}
    sources = {str(source.id): source for source in scenario.sources}
    policy = scenario.policy
    drawn: dict[str, Decimal] = defaultdict(Decimal)
    amounts: dict[str, Decimal] = {}
    for item in plan.funded:
        key = str(item.request)
        request = requests.get(key)
        if request is None:
            problems.append(f"request {key}: not in the scenario")
            continue
        if key in amounts:
            problems.append(f"request {key}: funded twice")
        amounts[key] = item.amount
        if item.amount != item.amount.quantize(CENT) or item.amount <= 0:
            problems.append(f"request {key}: amount {item.amount} is not a positive amount in cents")
        if item.amount > request.cost:
            problems.append(f"request {key}: amount {item.amount} exceeds its cost {request.cost}")
        if not request.divisible and item.amount != request.cost:
            problems.append(f"request {key}: indivisible but funded {item.amount} of {request.cost}")
        if sum((draw.amount for draw in item.draws), Decimal(0)) != item.amount:
            problems.append(f"request {key}: its draws do not add up to {item.amount}")
        for draw in item.draws:
            source = sources.get(str(draw.source))
            if source is None:
                problems.append(f"request {key}: draws on unknown source {draw.source}")
                continue
            if draw.amount <= 0 or draw.amount != draw.amount.quantize(CENT):
                problems.append(f"request {key}: draw {draw.amount} on {draw.source} is not a positive amount in cents")
            if not source.may_fund(request):
                problems.append(f"request {key}: source {draw.source} is not earmarked for it")
            drawn[str(draw.source)] += draw.amount
    for key, total in drawn.items():
        if key in sources and total > sources[key].amount:
            problems.append(f"source {key}: {total} drawn, only {sources[key].amount} free")
    for key in policy.must_fund:
        if amounts.get(key) != requests[key].cost:
            problems.append(f"request {key}: must be funded in full")
    for key in policy.must_not_fund:
        if amounts.get(key):
            problems.append(f"request {key}: must not be funded")
    total = sum(amounts.values(), Decimal(0))
    for group, share in policy.min_share.items():
        in_group = sum((amount for key, amount in amounts.items() if group in requests[key].groups), Decimal(0))
        if Fraction(in_group) < Fraction(share) * Fraction(total):
            problems.append(f"min_share {group}: {in_group} of {total} is below {share}")
    for theme, share in policy.max_share_theme.items():
        with_theme = sum((amount for key, amount in amounts.items() if theme in requests[key].themes), Decimal(0))
        if Fraction(with_theme) > Fraction(share) * Fraction(total):
            problems.append(f"max_share_theme {theme}: {with_theme} of {total} is above {share}")
    if policy.country_cap is not None:
        by_country: dict[str, Decimal] = defaultdict(Decimal)
        for key, amount in amounts.items():
            by_country[requests[key].country] += amount
        for country, amount in sorted(by_country.items()):
            if amount > policy.country_cap:
                problems.append(f"country_cap {country}: {amount} above {policy.country_cap}")
    return problems
