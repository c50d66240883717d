"""One `iati-activity` element → `Activity`."""

from __future__ import annotations

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
    Indicator,
    Narratives,
    ParticipatingOrg,
    PolicyMarker,
    RecipientCountry,
    RecipientRegion,
    RelatedActivity,
    Result,
    ResultPeriod,
    ResultValue,
    Sector,
    Tag,
    Transaction,
    TransactionOrg,
)
from tcdesk.portfolio.iati.parse.elements import (
    XML_LANG,
    boolean_attribute,
    child_element,
    coded,
    converted,
    decimal_attribute,
    document_link,
    integer,
    iso_date,
    language,
    money,
    narratives,
    optional_attribute,
    optional_iso_date,
    period_dates,
    reporting_org,
    required_attribute,
)
from tcdesk.portfolio.iati.values import parse_datetime


def _sector(element: etree._Element) -> Sector:
    return Sector(
        code=required_attribute(element, "code"),
        vocabulary=optional_attribute(element, "vocabulary") or "1",
        percentage=decimal_attribute(element, "percentage"),
        vocabulary_uri=optional_attribute(element, "vocabulary-uri"),
        names=narratives(element),
    )


def _region(element: etree._Element) -> RecipientRegion:
    return RecipientRegion(
        code=required_attribute(element, "code"),
        vocabulary=optional_attribute(element, "vocabulary") or "1",
        percentage=decimal_attribute(element, "percentage"),
    )


def _aid_type(element: etree._Element) -> AidType:
    return AidType(
        code=required_attribute(element, "code"), vocabulary=optional_attribute(element, "vocabulary") or "1"
    )


def _transaction_org(element: etree._Element, id_attribute: str) -> TransactionOrg:
    return TransactionOrg(
        ref=optional_attribute(element, "ref"),
        type=optional_attribute(element, "type"),
        activity_id=optional_attribute(element, id_attribute),
        names=narratives(element),
    )


def _transaction(element: etree._Element) -> Transaction:
    fields: dict = {"sectors": [], "aid_types": []}
    for child in element:
        tag = child.tag
        if tag == "transaction-type":
            fields["type"] = coded(child, "code", TransactionType)
        elif tag == "transaction-date":
            fields["date"] = iso_date(child)
        elif tag == "value":
            fields["value"] = money(child)
        elif tag == "description":
            fields["description"] = narratives(child)
        elif tag == "provider-org":
            fields["provider_org"] = _transaction_org(child, "provider-activity-id")
        elif tag == "receiver-org":
            fields["receiver_org"] = _transaction_org(child, "receiver-activity-id")
        elif tag == "disbursement-channel":
            fields["disbursement_channel"] = required_attribute(child, "code")
        elif tag == "sector":
            fields["sectors"].append(_sector(child))
        elif tag == "recipient-country":
            fields["recipient_country"] = required_attribute(child, "code")
        elif tag == "recipient-region":
            region = _region(child)
            fields["recipient_region"] = RecipientRegion(code=region.code, vocabulary=region.vocabulary)
        elif tag == "flow-type":
            fields["flow_type"] = required_attribute(child, "code")
        elif tag == "finance-type":
            fields["finance_type"] = required_attribute(child, "code")
        elif tag == "aid-type":
            fields["aid_types"].append(_aid_type(child))
        elif tag == "tied-status":
            fields["tied_status"] = required_attribute(child, "code")
    for required, tag in (("type", "transaction-type"), ("date", "transaction-date"), ("value", "value")):
        if required not in fields:
            child_element(element, tag)  # raises, naming what is missing
    fields["sectors"] = tuple(fields["sectors"])
    fields["aid_types"] = tuple(fields["aid_types"])
    return Transaction(
        ref=optional_attribute(element, "ref"),
        humanitarian=boolean_attribute(element, "humanitarian"),
        **fields,
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
            comment = narratives(child)
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
            title = narratives(child)
        elif tag == "description":
            description = narratives(child)
        elif tag == "baseline":
            dimensions, comment = _dimensions_and_comment(child)
            year = converted(child, "year", integer, required_attribute(child, "year"))
            baselines.append(
                Baseline(
                    year=year,
                    value=child.get("value"),
                    iso_date=optional_iso_date(child),
                    dimensions=dimensions,
                    comment=comment,
                )
            )
        elif tag == "period":
            start, end = period_dates(child)
            targets = tuple(_result_value(value) for value in child.iterchildren("target"))
            actuals = tuple(_result_value(value) for value in child.iterchildren("actual"))
            periods.append(ResultPeriod(start=start, end=end, targets=targets, actuals=actuals))
    return Indicator(
        measure=coded(element, "measure", IndicatorMeasure),
        title=title,
        description=description,
        ascending=boolean_attribute(element, "ascending"),
        aggregation_status=boolean_attribute(element, "aggregation-status"),
        baselines=tuple(baselines),
        periods=tuple(periods),
    )


def _result(element: etree._Element) -> Result:
    title: Narratives = ()
    description: Narratives = ()
    indicators = []
    for child in element:
        tag = child.tag
        if tag == "title":
            title = narratives(child)
        elif tag == "description":
            description = narratives(child)
        elif tag == "indicator":
            indicators.append(_indicator(child))
    return Result(
        type=coded(element, "type", ResultType),
        title=title,
        description=description,
        aggregation_status=boolean_attribute(element, "aggregation-status"),
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
            fields["reporting_org"] = reporting_org(child)
        elif tag == "title":
            fields["title"] = narratives(child)
        elif tag == "description":
            fields["descriptions"].append(
                Description(texts=narratives(child), type=coded(child, "type", DescriptionType, required=False))
            )
        elif tag == "participating-org":
            fields["participating_orgs"].append(
                ParticipatingOrg(
                    role=coded(child, "role", OrganisationRole),
                    ref=optional_attribute(child, "ref"),
                    type=optional_attribute(child, "type"),
                    names=narratives(child),
                    activity_id=optional_attribute(child, "activity-id"),
                    crs_channel_code=optional_attribute(child, "crs-channel-code"),
                )
            )
        elif tag == "activity-status":
            fields["status"] = coded(child, "code", ActivityStatus)
        elif tag == "activity-date":
            name = _DATE_FIELDS[coded(child, "type", ActivityDateType)]
            fields.setdefault(name, iso_date(child))
        elif tag == "activity-scope":
            fields["scope"] = required_attribute(child, "code")
        elif tag == "recipient-country":
            fields["recipient_countries"].append(
                RecipientCountry(
                    code=required_attribute(child, "code"), percentage=decimal_attribute(child, "percentage")
                )
            )
        elif tag == "recipient-region":
            fields["recipient_regions"].append(_region(child))
        elif tag == "sector":
            fields["sectors"].append(_sector(child))
        elif tag == "tag":
            fields["tags"].append(
                Tag(
                    code=required_attribute(child, "code"),
                    vocabulary=required_attribute(child, "vocabulary"),
                    vocabulary_uri=optional_attribute(child, "vocabulary-uri"),
                    names=narratives(child),
                )
            )
        elif tag == "policy-marker":
            fields["policy_markers"].append(
                PolicyMarker(
                    code=required_attribute(child, "code"),
                    significance=coded(child, "significance", PolicySignificance, required=False),
                    vocabulary=optional_attribute(child, "vocabulary") or "1",
                    vocabulary_uri=optional_attribute(child, "vocabulary-uri"),
                    names=narratives(child),
                )
            )
        elif tag == "collaboration-type":
            fields["collaboration_type"] = required_attribute(child, "code")
        elif tag == "default-flow-type":
            fields["default_flow_type"] = required_attribute(child, "code")
        elif tag == "default-finance-type":
            fields["default_finance_type"] = required_attribute(child, "code")
        elif tag == "default-aid-type":
            fields["default_aid_types"].append(_aid_type(child))
        elif tag == "default-tied-status":
            fields["default_tied_status"] = required_attribute(child, "code")
        elif tag == "budget":
            start, end = period_dates(child)
            fields["budgets"].append(
                Budget(
                    period_start=start,
                    period_end=end,
                    value=money(child_element(child, "value")),
                    type=coded(child, "type", BudgetType, required=False) or BudgetType.ORIGINAL,
                    status=coded(child, "status", BudgetStatus, required=False) or BudgetStatus.INDICATIVE,
                )
            )
        elif tag == "transaction":
            fields["transactions"].append(_transaction(child))
        elif tag == "document-link":
            fields["document_links"].append(document_link(child))
        elif tag == "related-activity":
            fields["related_activities"].append(
                RelatedActivity(ref=required_attribute(child, "ref"), type=coded(child, "type", RelatedActivityType))
            )
        elif tag == "result":
            fields["results"].append(_result(child))
    for name, tag in (("identifier", "iati-identifier"), ("reporting_org", "reporting-org"), ("title", "title")):
        if name not in fields:
            child_element(element, tag)
    if "status" not in fields:
        child_element(element, "activity-status")
    for name in _LISTS:
        fields[name] = tuple(fields[name])
    hierarchy = element.get("hierarchy")
    return Activity(
        **fields,
        default_currency=optional_attribute(element, "default-currency") or None,
        lang=language(element.get(XML_LANG)),
        last_updated=converted(element, "last-updated-datetime", parse_datetime, element.get("last-updated-datetime"))
        if element.get("last-updated-datetime")
        else None,
        hierarchy=converted(element, "hierarchy", integer, hierarchy) if hierarchy else None,
        humanitarian=boolean_attribute(element, "humanitarian"),
        budget_not_provided=optional_attribute(element, "budget-not-provided"),
        source_line=element.sourceline,
    )
