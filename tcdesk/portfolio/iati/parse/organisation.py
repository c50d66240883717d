"""One `iati-organisation` element → `Organisation`."""

from __future__ import annotations

from lxml import etree

from tcdesk.portfolio.iati.codes import (
    BudgetStatus,
)
from tcdesk.portfolio.iati.organisation import (
    BudgetLine,
    Organisation,
    RecipientCountryBudget,
    RecipientOrgBudget,
    RecipientRegionBudget,
    TotalBudget,
    TotalExpenditure,
)
from tcdesk.portfolio.iati.parse.elements import (
    XML_LANG,
    child_element,
    coded,
    converted,
    document_link,
    language,
    money,
    narratives,
    optional_attribute,
    period_dates,
    reporting_org,
    required_attribute,
)
from tcdesk.portfolio.iati.values import parse_datetime


def _budget_lines(element: etree._Element, tag: str) -> tuple[BudgetLine, ...]:
    return tuple(
        BudgetLine(
            value=money(child_element(child, "value")), names=narratives(child), ref=optional_attribute(child, "ref")
        )
        for child in element.iterchildren(tag)
    )


def _budget_status(element: etree._Element) -> BudgetStatus:
    return coded(element, "status", BudgetStatus, required=False) or BudgetStatus.INDICATIVE


def parse_organisation(element: etree._Element) -> Organisation:
    """The Organisation of one `iati-organisation` element. Raises RecordProblem with the offending line."""
    fields: dict = {
        name: []
        for name in (
            "total_budgets",
            "recipient_org_budgets",
            "recipient_region_budgets",
            "recipient_country_budgets",
            "total_expenditures",
            "document_links",
        )
    }
    for child in element:
        tag = child.tag
        if tag == "organisation-identifier":
            fields["identifier"] = (child.text or "").strip()
        elif tag == "name":
            fields["name"] = narratives(child)
        elif tag == "reporting-org":
            fields["reporting_org"] = reporting_org(child)
        elif tag in ("total-budget", "total-expenditure"):
            start, end = period_dates(child)
            common = {"period_start": start, "period_end": end, "value": money(child_element(child, "value"))}
            if tag == "total-budget":
                budget = TotalBudget(**common, status=_budget_status(child), lines=_budget_lines(child, "budget-line"))
                fields["total_budgets"].append(budget)
            else:
                fields["total_expenditures"].append(
                    TotalExpenditure(**common, lines=_budget_lines(child, "expense-line"))
                )
        elif tag in ("recipient-org-budget", "recipient-region-budget", "recipient-country-budget"):
            start, end = period_dates(child)
            common = {
                "period_start": start,
                "period_end": end,
                "value": money(child_element(child, "value")),
                "status": _budget_status(child),
                "lines": _budget_lines(child, "budget-line"),
            }
            if tag == "recipient-org-budget":
                org = child_element(child, "recipient-org")
                budget = RecipientOrgBudget(
                    **common, recipient_org_names=narratives(org), recipient_org_ref=optional_attribute(org, "ref")
                )
                fields["recipient_org_budgets"].append(budget)
            elif tag == "recipient-region-budget":
                region = child_element(child, "recipient-region")
                budget = RecipientRegionBudget(
                    **common,
                    region=required_attribute(region, "code"),
                    region_vocabulary=optional_attribute(region, "vocabulary") or "1",
                )
                fields["recipient_region_budgets"].append(budget)
            else:
                country = required_attribute(child_element(child, "recipient-country"), "code")
                fields["recipient_country_budgets"].append(RecipientCountryBudget(**common, country=country))
        elif tag == "document-link":
            fields["document_links"].append(document_link(child))
    for name, tag in (("identifier", "organisation-identifier"), ("name", "name"), ("reporting_org", "reporting-org")):
        if name not in fields:
            child_element(element, tag)
    for name, value in fields.items():
        if isinstance(value, list):
            fields[name] = tuple(value)
    return Organisation(
        **fields,
        default_currency=optional_attribute(element, "default-currency") or None,
        lang=language(element.get(XML_LANG)),
        last_updated=converted(element, "last-updated-datetime", parse_datetime, element.get("last-updated-datetime"))
        if element.get("last-updated-datetime")
        else None,
        source_line=element.sourceline,
    )
