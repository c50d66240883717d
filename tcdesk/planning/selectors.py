"""Reads of the planning app: scenarios for a user, the optimiser's input, a solve's plan for display,
and the side-by-side comparison of scenarios."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.access import load_for_user
from tcdesk.accounts.rules import Action
from tcdesk.core.dates import today

from .models import Scenario, ScenarioSource, SolveRun
from .optimiser import Scenario as OptimiserScenario
from .optimiser import scenario_from_dict

POST_CONFLICT = "post-conflict"  # the group of requests that are part of post-conflict reconstruction


def get_scenario_for_user(user: Any, pk: int, action: Action | None = None) -> Scenario:
    return load_for_user(user, Scenario.objects.all(), action, pk=pk)


def source_valid_on(source: ScenarioSource, day: dt.date) -> bool:
    return (source.valid_from is None or source.valid_from <= day) and (
        source.valid_to is None or day <= source.valid_to
    )


def scenario_document(scenario: Scenario, *, on: dt.date | None = None) -> dict[str, Any]:
    """The scenario in the ``plan_allocation --input`` JSON shape (sources valid on ``on`` only)."""
    day = on or today()
    requests = list(scenario.requests.all())
    return {
        "currency": scenario.currency,
        "requests": [
            {
                "id": str(item.request_id),
                "country": item.country,
                "region": item.region or None,
                "groups": list(item.groups),
                "themes": list(item.themes),
                "cost": str(item.cost),
                "priority": str(item.priority),
                "divisible": item.divisible,
            }
            for item in requests
        ],
        "sources": [
            {
                "id": source.key,
                "amount": str(source.amount),
                "themes": list(source.themes) or None,
                "regions": list(source.regions) or None,
                "countries": list(source.countries) or None,
                "requests": [str(value) for value in source.request_ids] or None,
            }
            for source in scenario.sources.all()
            if source_valid_on(source, day)
        ],
        "policy": {
            "min_share": dict(scenario.min_share),
            "max_share_theme": dict(scenario.max_share_theme),
            "country_cap": None if scenario.country_cap is None else str(scenario.country_cap),
            "must_fund": [str(item.request_id) for item in requests if item.must_fund],
            "must_not_fund": [str(item.request_id) for item in requests if item.must_not_fund],
        },
    }


def optimiser_scenario(scenario: Scenario, *, on: dt.date | None = None) -> OptimiserScenario:
    """The stored scenario as the optimiser's input (raises ``ScenarioError`` naming bad fields)."""
    return scenario_from_dict(scenario_document(scenario, on=on))


REASONS = {
    "must_not_fund": _("the rules exclude it (must not be funded)"),
    "no_eligible_money": _("no eligible money left"),
    "country_cap": _("its country would go over the cap"),
    "share_rule": _("a share rule is binding"),
    "not_selected": _("money and rules allow it; the solve stopped before choosing it"),
    "infeasible": _("the rules conflict, so there is no plan"),
}
RULE_KINDS = {
    "min_share": _("minimum share of group %(key)s"),
    "max_share_theme": _("maximum share of theme %(key)s"),
    "country_cap": _("cap per country"),
    "must_fund": _("must fund %(key)s"),
    "must_not_fund": _("must not fund %(key)s"),
    "money": _("the money available"),
    "earmarks": _("the earmarks of the sources"),
    "indivisible": _("indivisible requests"),
}


def rule_label(rule: str | None, references: dict[str, str] | None = None) -> str:
    """A rule reference such as ``min_share:LDC`` in words, in the user's language."""
    if not rule:
        return ""
    kind, _sep, key = rule.partition(":")
    if kind in ("must_fund", "must_not_fund") and not key:
        return str({"must_fund": _("the must-fund list"), "must_not_fund": _("the must-not-fund list")}[kind])
    key = (references or {}).get(key, key)
    template = RULE_KINDS.get(kind)
    return str(template) % {"key": key} if template is not None else rule


@dataclass
class PlanRow:
    request_id: int
    reference: str
    title: str
    country: str
    cost: Decimal
    priority: int
    amount: Decimal = Decimal("0.00")
    fraction: Decimal = Decimal(0)
    draws: list[tuple[str, Decimal]] = field(default_factory=list)
    reason: str = ""
    reason_label: str = ""
    rule: str | None = None
    rule_label: str = ""
    more_money: Decimal | None = None
    detail: str = ""


def plan_rows(run: SolveRun) -> tuple[list[PlanRow], list[PlanRow]]:
    """The funded and the unfunded requests of a solve, with references, titles and source labels."""
    scenario = run.scenario
    by_id = {str(item.request_id): item for item in scenario.requests.all()}
    labels = {source.key: source.label for source in scenario.sources.all()}

    def row(request_id: str) -> PlanRow:
        item = by_id.get(str(request_id))
        if item is None:  # removed from the scenario since the solve
            return PlanRow(int(request_id), str(request_id), "", "", Decimal(0), 0)
        return PlanRow(item.request_id, item.reference, item.title, item.country, item.cost, item.priority)

    funded, unfunded = [], []
    for entry in run.result.get("funded", []):
        plan_row = row(entry["request"])
        plan_row.amount = Decimal(entry["amount"])
        plan_row.fraction = Decimal(entry["fraction"])
        plan_row.draws = [(labels.get(d["source"], d["source"]), Decimal(d["amount"])) for d in entry["sources"]]
        shortfall = entry.get("shortfall")
        if shortfall:
            plan_row.reason, plan_row.rule = shortfall["reason"], shortfall.get("rule")
            plan_row.more_money = None if shortfall.get("more_money") is None else Decimal(shortfall["more_money"])
            plan_row.detail = shortfall.get("detail", "")
        funded.append(plan_row)
    for entry in run.result.get("unfunded", []):
        plan_row = row(entry["request"])
        plan_row.reason, plan_row.rule, plan_row.detail = entry["reason"], entry.get("rule"), entry.get("detail", "")
        plan_row.more_money = None if entry.get("more_money") is None else Decimal(entry["more_money"])
        unfunded.append(plan_row)
    references = {key: item.reference for key, item in by_id.items()}
    for plan_row in funded + unfunded:
        plan_row.reason_label = str(REASONS.get(plan_row.reason, plan_row.reason)) if plan_row.reason else ""
        plan_row.rule_label = rule_label(plan_row.rule, references)
    return funded, unfunded


def conflict_labels(run: SolveRun) -> list[str]:
    """The rules of an infeasible scenario that conflict, in words."""
    conflict = (run.explanations or {}).get("conflict") or {}
    references = {str(item.request_id): item.reference for item in run.scenario.requests.all()}
    return [rule_label(rule, references) for rule in conflict.get("rules", [])]


def latest_finished_run(scenario: Scenario) -> SolveRun | None:
    return scenario.runs.exclude(status__in=["queued", "running"]).order_by("-created_at", "-pk").first()


@dataclass
class ScenarioFigures:
    """What the comparison shows of one scenario's latest finished solve."""

    scenario: Scenario
    run: SolveRun | None
    funded_count: int = 0
    funded_amount: Decimal = Decimal("0.00")
    requested_amount: Decimal = Decimal("0.00")
    priority_covered: Decimal | None = None  # Σ p_r f_r / Σ p_r
    by_group: dict[str, tuple[int, Decimal]] = field(default_factory=dict)
    by_theme: dict[str, tuple[int, Decimal]] = field(default_factory=dict)
    by_region: dict[str, tuple[int, Decimal]] = field(default_factory=dict)


def scenario_figures(scenario: Scenario) -> ScenarioFigures:
    run = latest_finished_run(scenario)
    items = {str(item.request_id): item for item in scenario.requests.all()}
    figures = ScenarioFigures(scenario=scenario, run=run)
    figures.requested_amount = sum((item.cost for item in items.values()), Decimal("0.00"))
    if run is None or not run.has_plan:
        return figures
    groups: dict[str, list] = defaultdict(lambda: [0, Decimal("0.00")])
    themes: dict[str, list] = defaultdict(lambda: [0, Decimal("0.00")])
    regions: dict[str, list] = defaultdict(lambda: [0, Decimal("0.00")])
    covered = Decimal(0)
    for entry in run.result.get("funded", []):
        amount = Decimal(entry["amount"])
        figures.funded_count += 1
        figures.funded_amount += amount
        item = items.get(str(entry["request"]))
        if item is None:
            continue
        covered += item.priority * Decimal(entry["fraction"])
        for table, keys in ((groups, item.groups), (themes, item.themes), (regions, [item.region or "—"])):
            for key in keys:
                table[key][0] += 1
                table[key][1] += amount
    total_priority = sum((Decimal(item.priority) for item in items.values()), Decimal(0))
    figures.priority_covered = (covered / total_priority) if total_priority else None
    figures.by_group = {key: (value[0], value[1]) for key, value in sorted(groups.items())}
    figures.by_theme = {key: (value[0], value[1]) for key, value in sorted(themes.items())}
    figures.by_region = {key: (value[0], value[1]) for key, value in sorted(regions.items())}
    return figures


def comparison(scenarios: list[Scenario]) -> dict[str, Any]:
    """Figures of each scenario side by side, with the union of groups, themes and regions as rows."""
    columns = [scenario_figures(scenario) for scenario in scenarios]
    keys = {
        name: sorted({key for figures in columns for key in getattr(figures, name)})
        for name in ("by_group", "by_theme", "by_region")
    }
    return {"columns": columns, "keys": keys}
