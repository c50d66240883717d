"""lxml elements → dataclasses: one `iati-activity` or `iati-organisation` element at a time.

The reader validates an element against the schema before it gets here, so required elements
and attributes are normally present; when validation is switched off (or a value is valid XML
Schema but not a valid IATI code) the functions raise `RecordProblem` naming the element, its
line and the rule, never a bare KeyError. Publishers' quirks are taken as the schema allows:
elements of other namespaces, comments and elements tcdesk does not model are skipped (their
tags, namespaced or not strings at all, match none of the comparisons below); language
codes are lower-cased; surrounding white space of texts and codes is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from lxml import etree

from tcdesk.portfolio.iati.codes import (
    ActivityDateType,
    ActivityStatus,
    BudgetStatus,
    BudgetType,
    DescriptionType,
    IndicatorMeasure,
    OrganisationRole,
    PolicySignificance,
    RelatedActivityType,
    ResultType,
    TransactionType,
)
from tcdesk.portfolio.iati.model import (
    Activity,
    AidType,
    Baseline,
    Budget,
    Description,
    Dimension,
    DocumentLink,
    Indicator,
    Money,
    Narrative,
    Narratives,
    ParticipatingOrg,
    PolicyMarker,
    RecipientCountry,
    RecipientRegion,
    RelatedActivity,
    ReportingOrg,
    Result,
    ResultPeriod,
    ResultValue,
    Sector,
    Tag,
    Transaction,
    TransactionOrg,
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
from tcdesk.portfolio.iati.values import ValueProblem, parse_bool, parse_date, parse_datetime, parse_decimal

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class RecordProblem(ValueError):
    """Why one activity (or organisation) cannot be read, with the line of the offending element."""

    def __init__(self, message: str, *, kind: str, line: int | None, params: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.line = line
        self.params = dict(params or {})


def _attribute(element: etree._Element, name: str) -> str | None:
    value = element.get(name)
    return value.strip() if value is not None else None


def _required(element: etree._Element, name: str) -> str:
    value = element.get(name)
    if value is None or not value.strip():
        raise RecordProblem(
            f"<{element.tag}> has no {name} attribute",
            kind="missing_attribute",
            line=element.sourceline,
            params={"element": element.tag, "attribute": name},
        )
    return value.strip()


def _converted(element: etree._Element, name: str, convert: Callable, value: str):
    try:
        return convert(value)
    except ValueProblem as problem:
        raise RecordProblem(
            f"<{element.tag}> {name}: {problem}",
            kind="bad_value",
            line=element.sourceline,
            params={"element": element.tag, "attribute": name, "value": value},
        ) from None


def _coded[E: IntEnum](element: etree._Element, name: str, enum: type[E], *, required: bool = True) -> E | None:
    value = _required(element, name) if required else _attribute(element, name)
    if value is None or value == "":
        return None
    try:
        return enum(int(value))
    except ValueError:
        raise RecordProblem(
            f"<{element.tag}> {name}={value!r} is not in the IATI {enum.__name__} code list",
            kind="unknown_code",
            line=element.sourceline,
            params={"element": element.tag, "attribute": name, "value": value, "codelist": enum.__name__},
        ) from None


def _date(element: etree._Element, name: str = "iso-date"):
    return _converted(element, name, parse_date, _required(element, name))


def _optional_date(element: etree._Element, name: str = "iso-date"):
    value = element.get(name)
    return _converted(element, name, parse_date, value) if value else None


def _bool(element: etree._Element, name: str) -> bool | None:
    value = element.get(name)
    return _converted(element, name, parse_bool, value) if value is not None else None


def _decimal(element: etree._Element, name: str):
    value = element.get(name)
    return _converted(element, name, parse_decimal, value) if value is not None and value.strip() else None


_LANGUAGES: dict[str, str | None] = {}


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    lang = _LANGUAGES.get(value)
    if lang is None and value not in _LANGUAGES:
        lang = value.strip().lower() or None
        if len(_LANGUAGES) < 500:  # a handful of codes in practice; bounded against odd files
            _LANGUAGES[value] = lang
    return lang


def _narratives(element: etree._Element) -> Narratives:
    return tuple(
        Narrative((child.text or "").strip(), _lang(child.get(XML_LANG))) for child in element.iterchildren("narrative")
    )


def _money(element: etree._Element) -> Money:
    return Money(
        amount=_converted(element, "value", parse_decimal, element.text or ""),
        value_date=_date(element, "value-date"),
        currency=_attribute(element, "currency") or None,
    )


def _child(element: etree._Element, tag: str) -> etree._Element:
    child = element.find(tag)
    if child is None:
        raise RecordProblem(
            f"<{element.tag}> has no <{tag}>",
            kind="missing_element",
            line=element.sourceline,
            params={"element": element.tag, "child": tag},
        )
    return child


def _period(element: etree._Element):
    return _date(_child(element, "period-start")), _date(_child(element, "period-end"))


def _reporting_org(element: etree._Element) -> ReportingOrg:
    return ReportingOrg(
        ref=_required(element, "ref"),
        type=_required(element, "type"),
        names=_narratives(element),
        secondary_reporter=_bool(element, "secondary-reporter"),
    )


def _sector(element: etree._Element) -> Sector:
    return Sector(
        code=_required(element, "code"),
        vocabulary=_attribute(element, "vocabulary") or "1",
        percentage=_decimal(element, "percentage"),
        vocabulary_uri=_attribute(element, "vocabulary-uri"),
        names=_narratives(element),
    )


def _region(element: etree._Element) -> RecipientRegion:
    return RecipientRegion(
        code=_required(element, "code"),
        vocabulary=_attribute(element, "vocabulary") or "1",
        percentage=_decimal(element, "percentage"),
    )


def _aid_type(element: etree._Element) -> AidType:
    return AidType(code=_required(element, "code"), vocabulary=_attribute(element, "vocabulary") or "1")


def _transaction_org(element: etree._Element, id_attribute: str) -> TransactionOrg:
    return TransactionOrg(
        ref=_attribute(element, "ref"),
        type=_attribute(element, "type"),
        activity_id=_attribute(element, id_attribute),
        names=_narratives(element),
    )


def _transaction(element: etree._Element) -> Transaction:
    fields: dict = {"sectors": [], "aid_types": []}
    for child in element:
        tag = child.tag
        if tag == "transaction-type":
            fields["type"] = _coded(child, "code", TransactionType)
        elif tag == "transaction-date":
            fields["date"] = _date(child)
        elif tag == "value":
            fields["value"] = _money(child)
        elif tag == "description":
            fields["description"] = _narratives(child)
        elif tag == "provider-org":
            fields["provider_org"] = _transaction_org(child, "provider-activity-id")
        elif tag == "receiver-org":
            fields["receiver_org"] = _transaction_org(child, "receiver-activity-id")
        elif tag == "disbursement-channel":
            fields["disbursement_channel"] = _required(child, "code")
        elif tag == "sector":
            fields["sectors"].append(_sector(child))
        elif tag == "recipient-country":
            fields["recipient_country"] = _required(child, "code")
        elif tag == "recipient-region":
            region = _region(child)
            fields["recipient_region"] = RecipientRegion(code=region.code, vocabulary=region.vocabulary)
        elif tag == "flow-type":
            fields["flow_type"] = _required(child, "code")
        elif tag == "finance-type":
            fields["finance_type"] = _required(child, "code")
        elif tag == "aid-type":
            fields["aid_types"].append(_aid_type(child))
        elif tag == "tied-status":
            fields["tied_status"] = _required(child, "code")
    for required, tag in (("type", "transaction-type"), ("date", "transaction-date"), ("value", "value")):
        if required not in fields:
            _child(element, tag)  # raises, naming what is missing
    fields["sectors"] = tuple(fields["sectors"])
    fields["aid_types"] = tuple(fields["aid_types"])
    return Transaction(
        ref=_attribute(element, "ref"),
        humanitarian=_bool(element, "humanitarian"),
        **fields,
    )


def _document_link(element: etree._Element) -> DocumentLink:
    title: Narratives = ()
    description: Narratives = ()
    categories, languages = [], []
    document_date = None
    for child in element:
        tag = child.tag
        if tag == "title":
            title = _narratives(child)
        elif tag == "description":
            description = _narratives(child)
        elif tag == "category":
            categories.append(_required(child, "code"))
        elif tag == "language":
            languages.append(_required(child, "code"))
        elif tag == "document-date":
            document_date = _date(child)
    return DocumentLink(
        url=_required(element, "url"),
        format=_required(element, "format"),
        title=title,
        description=description,
        categories=tuple(categories),
        languages=tuple(languages),
        document_date=document_date,
    )


def _dimensions_and_comment(element: etree._Element) -> tuple[tuple[Dimension, ...], Narratives]:
    dimensions, comment = [], ()
    for child in element:
        tag = child.tag
        if tag == "dimension":
            dimensions.append(
                Dimension(name=(child.get("name") or "").strip(), value=(child.get("value") or "").strip())
            )
        elif tag == "comment":
            comment = _narratives(child)
    return tuple(dimensions), comment


def _result_value(element: etree._Element) -> ResultValue:
    dimensions, comment = _dimensions_and_comment(element)
    return ResultValue(value=element.get("value"), dimensions=dimensions, comment=comment)


def _indicator(element: etree._Element) -> Indicator:
    title: Narratives = ()
    description: Narratives = ()
    baselines, periods = [], []
    for child in element:
        tag = child.tag
        if tag == "title":
            title = _narratives(child)
        elif tag == "description":
            description = _narratives(child)
        elif tag == "baseline":
            dimensions, comment = _dimensions_and_comment(child)
            year = _converted(child, "year", _year, _required(child, "year"))
            baselines.append(
                Baseline(
                    year=year,
                    value=child.get("value"),
                    iso_date=_optional_date(child),
                    dimensions=dimensions,
                    comment=comment,
                )
            )
        elif tag == "period":
            start, end = _period(child)
            targets = tuple(_result_value(value) for value in child.iterchildren("target"))
            actuals = tuple(_result_value(value) for value in child.iterchildren("actual"))
            periods.append(ResultPeriod(start=start, end=end, targets=targets, actuals=actuals))
    return Indicator(
        measure=_coded(element, "measure", IndicatorMeasure),
        title=title,
        description=description,
        ascending=_bool(element, "ascending"),
        aggregation_status=_bool(element, "aggregation-status"),
        baselines=tuple(baselines),
        periods=tuple(periods),
    )


def _year(value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ValueProblem(f"{value!r} is not a year") from None


def _result(element: etree._Element) -> Result:
    title: Narratives = ()
    description: Narratives = ()
    indicators = []
    for child in element:
        tag = child.tag
        if tag == "title":
            title = _narratives(child)
        elif tag == "description":
            description = _narratives(child)
        elif tag == "indicator":
            indicators.append(_indicator(child))
    return Result(
        type=_coded(element, "type", ResultType),
        title=title,
        description=description,
        aggregation_status=_bool(element, "aggregation-status"),
        indicators=tuple(indicators),
    )


_DATE_FIELDS = {
    ActivityDateType.PLANNED_START: "planned_start",
    ActivityDateType.ACTUAL_START: "actual_start",
    ActivityDateType.PLANNED_END: "planned_end",
    ActivityDateType.ACTUAL_END: "actual_end",
}
_LISTS = (
    "descriptions",
    "participating_orgs",
    "recipient_countries",
    "recipient_regions",
    "sectors",
    "tags",
    "policy_markers",
    "default_aid_types",
    "budgets",
    "transactions",
    "document_links",
    "related_activities",
    "results",
)


def parse_activity(element: etree._Element) -> Activity:
    """The Activity of one `iati-activity` element. Raises RecordProblem with the offending line.

    An activity date type given twice keeps its first date (IATI expects one of each).
    """
    fields: dict = {name: [] for name in _LISTS}
    for child in element:
        tag = child.tag
        if tag == "iati-identifier":
            fields["identifier"] = (child.text or "").strip()
        elif tag == "reporting-org":
            fields["reporting_org"] = _reporting_org(child)
        elif tag == "title":
            fields["title"] = _narratives(child)
        elif tag == "description":
            fields["descriptions"].append(
                Description(texts=_narratives(child), type=_coded(child, "type", DescriptionType, required=False))
            )
        elif tag == "participating-org":
            fields["participating_orgs"].append(
                ParticipatingOrg(
                    role=_coded(child, "role", OrganisationRole),
                    ref=_attribute(child, "ref"),
                    type=_attribute(child, "type"),
                    names=_narratives(child),
                    activity_id=_attribute(child, "activity-id"),
                    crs_channel_code=_attribute(child, "crs-channel-code"),
                )
            )
        elif tag == "activity-status":
            fields["status"] = _coded(child, "code", ActivityStatus)
        elif tag == "activity-date":
            name = _DATE_FIELDS[_coded(child, "type", ActivityDateType)]
            fields.setdefault(name, _date(child))
        elif tag == "activity-scope":
            fields["scope"] = _required(child, "code")
        elif tag == "recipient-country":
            fields["recipient_countries"].append(
                RecipientCountry(code=_required(child, "code"), percentage=_decimal(child, "percentage"))
            )
        elif tag == "recipient-region":
            fields["recipient_regions"].append(_region(child))
        elif tag == "sector":
            fields["sectors"].append(_sector(child))
        elif tag == "tag":
            fields["tags"].append(
                Tag(
                    code=_required(child, "code"),
                    vocabulary=_required(child, "vocabulary"),
                    vocabulary_uri=_attribute(child, "vocabulary-uri"),
                    names=_narratives(child),
                )
            )
        elif tag == "policy-marker":
            fields["policy_markers"].append(
                PolicyMarker(
                    code=_required(child, "code"),
                    significance=_coded(child, "significance", PolicySignificance, required=False),
                    vocabulary=_attribute(child, "vocabulary") or "1",
                    vocabulary_uri=_attribute(child, "vocabulary-uri"),
                    names=_narratives(child),
                )
            )
        elif tag == "collaboration-type":
            fields["collaboration_type"] = _required(child, "code")
        elif tag == "default-flow-type":
            fields["default_flow_type"] = _required(child, "code")
        elif tag == "default-finance-type":
            fields["default_finance_type"] = _required(child, "code")
        elif tag == "default-aid-type":
            fields["default_aid_types"].append(_aid_type(child))
        elif tag == "default-tied-status":
            fields["default_tied_status"] = _required(child, "code")
        elif tag == "budget":
            start, end = _period(child)
            fields["budgets"].append(
                Budget(
                    period_start=start,
                    period_end=end,
                    value=_money(_child(child, "value")),
                    type=_coded(child, "type", BudgetType, required=False) or BudgetType.ORIGINAL,
                    status=_coded(child, "status", BudgetStatus, required=False) or BudgetStatus.INDICATIVE,
                )
            )
        elif tag == "transaction":
            fields["transactions"].append(_transaction(child))
        elif tag == "document-link":
            fields["document_links"].append(_document_link(child))
        elif tag == "related-activity":
            fields["related_activities"].append(
                RelatedActivity(ref=_required(child, "ref"), type=_coded(child, "type", RelatedActivityType))
            )
        elif tag == "result":
            fields["results"].append(_result(child))
    for name, tag in (("identifier", "iati-identifier"), ("reporting_org", "reporting-org"), ("title", "title")):
        if name not in fields:
            _child(element, tag)
    if "status" not in fields:
        _child(element, "activity-status")
    for name in _LISTS:
        fields[name] = tuple(fields[name])
    hierarchy = element.get("hierarchy")
    return Activity(
        **fields,
        default_currency=_attribute(element, "default-currency") or None,
        lang=_lang(element.get(XML_LANG)),
        last_updated=_converted(element, "last-updated-datetime", parse_datetime, element.get("last-updated-datetime"))
        if element.get("last-updated-datetime")
        else None,
        hierarchy=_converted(element, "hierarchy", _year, hierarchy) if hierarchy else None,
        humanitarian=_bool(element, "humanitarian"),
        budget_not_provided=_attribute(element, "budget-not-provided"),
        source_line=element.sourceline,
    )


def _budget_lines(element: etree._Element, tag: str) -> tuple[BudgetLine, ...]:
    return tuple(
        BudgetLine(value=_money(_child(child, "value")), names=_narratives(child), ref=_attribute(child, "ref"))
        for child in element.iterchildren(tag)
    )


def _budget_status(element: etree._Element) -> BudgetStatus:
    return _coded(element, "status", BudgetStatus, required=False) or BudgetStatus.INDICATIVE


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
            fields["name"] = _narratives(child)
        elif tag == "reporting-org":
            fields["reporting_org"] = _reporting_org(child)
        elif tag in ("total-budget", "total-expenditure"):
            start, end = _period(child)
            common = {"period_start": start, "period_end": end, "value": _money(_child(child, "value"))}
            if tag == "total-budget":
                budget = TotalBudget(**common, status=_budget_status(child), lines=_budget_lines(child, "budget-line"))
                fields["total_budgets"].append(budget)
            else:
                fields["total_expenditures"].append(
                    TotalExpenditure(**common, lines=_budget_lines(child, "expense-line"))
                )
        elif tag in ("recipient-org-budget", "recipient-region-budget", "recipient-country-budget"):
            start, end = _period(child)
            common = {
                "period_start": start,
                "period_end": end,
                "value": _money(_child(child, "value")),
                "status": _budget_status(child),
                "lines": _budget_lines(child, "budget-line"),
            }
            if tag == "recipient-org-budget":
                org = _child(child, "recipient-org")
                budget = RecipientOrgBudget(
                    **common, recipient_org_names=_narratives(org), recipient_org_ref=_attribute(org, "ref")
                )
                fields["recipient_org_budgets"].append(budget)
            elif tag == "recipient-region-budget":
                region = _child(child, "recipient-region")
                budget = RecipientRegionBudget(
                    **common,
                    region=_required(region, "code"),
                    region_vocabulary=_attribute(region, "vocabulary") or "1",
                )
                fields["recipient_region_budgets"].append(budget)
            else:
                country = _required(_child(child, "recipient-country"), "code")
                fields["recipient_country_budgets"].append(RecipientCountryBudget(**common, country=country))
        elif tag == "document-link":
            fields["document_links"].append(_document_link(child))
    for name, tag in (("identifier", "organisation-identifier"), ("name", "name"), ("reporting_org", "reporting-org")):
        if name not in fields:
            _child(element, tag)
    for name, value in fields.items():
        if isinstance(value, list):
            fields[name] = tuple(value)
    return Organisation(
        **fields,
        default_currency=_attribute(element, "default-currency") or None,
        lang=_lang(element.get(XML_LANG)),
        last_updated=_converted(element, "last-updated-datetime", parse_datetime, element.get("last-updated-datetime"))
        if element.get("last-updated-datetime")
        else None,
        source_line=element.sourceline,
    )
