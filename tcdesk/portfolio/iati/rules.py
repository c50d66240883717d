"""IATI 2.03 rules that the XML schema cannot express, checked on tcdesk's own exports.

These follow the IATI Standard's 2.03 ruleset (https://iatistandard.org/en/iati-standard/203/rulesets/)
and its guidance: identifiers, dates in order, percentages adding up to 100, one year per budget,
a currency and a language for every value and text, sectors reported once. Each breach is an
`IatiIssue` of kind "rule" whose params name the `field` and the `rule`, so the Django layer can
point at the form field. Partners' files are not held to these rules on import (tcdesk reads what
the schema accepts); the writer applies them to what tcdesk publishes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from tcdesk.portfolio.iati.codes import IndicatorMeasure, PolicySignificance
from tcdesk.portfolio.iati.errors import IatiIssue
from tcdesk.portfolio.iati.model import Activity, Money, Narratives
from tcdesk.portfolio.iati.organisation import Organisation

HUNDRED = Decimal(100)
_FORBIDDEN_IN_IDENTIFIER = re.compile(r"[/&|?]")
_MEASURED = frozenset(
    {IndicatorMeasure.UNIT, IndicatorMeasure.PERCENTAGE, IndicatorMeasure.NOMINAL, IndicatorMeasure.ORDINAL}
)


class _Issues:
    def __init__(self, identifier: str) -> None:
        self.identifier = identifier
        self.items: list[IatiIssue] = []

    def add(self, field: str, rule: str, message: str, **params) -> None:
        self.items.append(
            IatiIssue(
                message=f"{field}: {message}",
                kind="rule",
                identifier=self.identifier,
                params={"field": field, "rule": rule, **params},
            )
        )


def _percentages(issues: _Issues, field: str, items: Iterable, *, group: str | None = None) -> None:
    """Several items must all carry a percentage and add up to 100; a single one, if given, is 100."""
    items = list(items)
    if not items:
        return
    given = [item.percentage for item in items if item.percentage is not None]
    where = f" (vocabulary {group})" if group else ""
    if len(items) > 1 and len(given) < len(items):
        issues.add(field, "percentage_required", f"with several, each needs a percentage{where}")
        return
    for percentage in given:
        if not HUNDRED >= percentage >= 0:
            issues.add(field, "percentage_range", f"{percentage} is not between 0 and 100{where}")
            return
    if given and sum(given) != HUNDRED:
        issues.add(
            field, "percentages_sum", f"percentages add up to {sum(given)}, not 100{where}", total=str(sum(given))
        )


def _ordered(issues: _Issues, field: str, start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        issues.add(field, "end_before_start", f"ends ({end}) before it starts ({start})")


def _money(issues: _Issues, field: str, value: Money, default_currency: str | None, today: date | None) -> None:
    """`today` None: a planned amount, whose value date may lie ahead."""
    if not value.currency and not default_currency:
        issues.add(field, "currency_required", "no currency and no default currency")
    if today is not None and value.value_date > today:
        issues.add(field, "future_value_date", f"value date {value.value_date} is in the future")


def _texts(issues: _Issues, field: str, texts: Narratives, default_lang: str | None) -> None:
    if default_lang is None and any(narrative.lang is None for narrative in texts):
        issues.add(field, "language_required", "a text has no language and there is no default language")


def check_activity(activity: Activity, *, today: date | None = None) -> list[IatiIssue]:
    """Breaches of the IATI rules by one activity (empty when it may be published)."""
    today = today or datetime.now(UTC).date()
    issues = _Issues(activity.identifier)
    identifier, org_ref = activity.identifier, activity.reporting_org.ref
    if not identifier.strip():
        issues.add("identifier", "required", "the IATI identifier is empty")
    elif _FORBIDDEN_IN_IDENTIFIER.search(identifier):
        issues.add("identifier", "identifier_characters", "an IATI identifier cannot contain / & | or ?")
    if not identifier.startswith(f"{org_ref}-"):
        issues.add(
            "identifier", "identifier_prefix", f"must start with the reporting organisation's identifier {org_ref}-"
        )
    if activity.planned_start is None and activity.actual_start is None:
        issues.add("planned_start", "start_required", "a planned or an actual start date is required")
    _ordered(issues, "planned_end", activity.planned_start, activity.planned_end)
    _ordered(issues, "actual_end", activity.actual_start, activity.actual_end)
    if activity.actual_start is not None and activity.actual_start > today:
        issues.add("actual_start", "future_actual_date", "an actual start cannot be in the future")
    if activity.actual_end is not None and activity.actual_end > today:
        issues.add("actual_end", "future_actual_date", "an actual end cannot be in the future")
    if activity.last_updated is not None:
        updated = activity.last_updated
        now = datetime.now(updated.tzinfo) if updated.tzinfo else datetime.now(UTC).replace(tzinfo=None)
        if updated > now + timedelta(minutes=5):
            issues.add("last_updated", "future_last_updated", "last-updated-datetime is in the future")

    geography = list(activity.recipient_countries) + list(activity.recipient_regions)
    _percentages(issues, "recipient_countries", geography)
    sectors_by_vocabulary = defaultdict(list)
    for sector in activity.sectors:
        sectors_by_vocabulary[sector.vocabulary].append(sector)
    for vocabulary, sectors in sectors_by_vocabulary.items():
        _percentages(issues, "sectors", sectors, group=vocabulary)
    transaction_sectors = any(transaction.sectors for transaction in activity.transactions)
    if not activity.sectors and not transaction_sectors:
        issues.add("sectors", "sector_required", "a sector is required (on the activity or on each transaction)")
    if activity.sectors and transaction_sectors:
        issues.add("sectors", "sector_once", "sectors go on the activity or on its transactions, not both")
    for marker in activity.policy_markers:
        if marker.is_gender_equality and marker.significance not in (
            PolicySignificance.NOT_TARGETED,
            PolicySignificance.SIGNIFICANT_OBJECTIVE,
            PolicySignificance.PRINCIPAL_OBJECTIVE,
        ):
            issues.add("policy_markers", "gender_marker_significance", "the gender equality marker takes 0, 1 or 2")

    lang, currency = activity.lang, activity.default_currency
    _texts(issues, "title", activity.title, lang)
    for description in activity.descriptions:
        _texts(issues, "descriptions", description.texts, lang)
    for number, budget in enumerate(activity.budgets, start=1):
        field = f"budgets[{number}]"
        _ordered(issues, field, budget.period_start, budget.period_end)
        if budget.period_end - budget.period_start > timedelta(days=366):
            issues.add(field, "budget_period_length", "a budget period cannot be longer than one year")
        _money(issues, field, budget.value, currency, None)
    for number, transaction in enumerate(activity.transactions, start=1):
        field = f"transactions[{number}]"
        if transaction.date > today:
            issues.add(field, "future_transaction_date", f"transaction date {transaction.date} is in the future")
        _money(issues, field, transaction.value, currency, today)
        _texts(issues, field, transaction.description, lang)
    for number, result in enumerate(activity.results, start=1):
        field = f"results[{number}]"
        _texts(issues, field, result.title, lang)
        for indicator in result.indicators:
            for period in indicator.periods:
                _ordered(issues, field, period.start, period.end)
            if indicator.measure in _MEASURED:
                values = [baseline.value for baseline in indicator.baselines]
                for period in indicator.periods:
                    values += [target.value for target in period.targets]
                    values += [actual.value for actual in period.actuals]
                if any(value is None for value in values):
                    issues.add(field, "indicator_value_required", "a quantitative indicator needs every value")
    return issues.items


def check_organisation(organisation: Organisation) -> list[IatiIssue]:
    """Breaches of the IATI rules by an organisation record (empty when it may be published)."""
    issues = _Issues(organisation.identifier)
    if organisation.reporting_org.ref != organisation.identifier:
        issues.add("reporting_org", "reporting_org_ref", "the reporting organisation must be the organisation itself")
    currency = organisation.default_currency
    _texts(issues, "name", organisation.name, organisation.lang)
    budgets = [
        ("total_budgets", organisation.total_budgets),
        ("recipient_org_budgets", organisation.recipient_org_budgets),
        ("recipient_region_budgets", organisation.recipient_region_budgets),
        ("recipient_country_budgets", organisation.recipient_country_budgets),
        ("total_expenditures", organisation.total_expenditures),
    ]
    for name, items in budgets:
        for number, budget in enumerate(items, start=1):
            field = f"{name}[{number}]"
            _ordered(issues, field, budget.period_start, budget.period_end)
            if budget.period_end - budget.period_start > timedelta(days=366):
                issues.add(field, "budget_period_length", "a budget period cannot be longer than one year")
            _money(issues, field, budget.value, currency, None)
    return issues.items
