"""Dataclasses → lxml elements, children in exactly the order the IATI 2.03 schema's sequences require.

One element tree per activity (or organisation): the writer serialises it and drops it, so memory
holds one activity at a time. This is the hot path of an export; it calls `SubElement` directly
and builds attribute dicts inline rather than through generic helpers.
"""

from __future__ import annotations

from lxml import etree

from tcdesk.portfolio.iati.codes import ActivityDateType
from tcdesk.portfolio.iati.model import (
    Activity,
    AidType,
    DocumentLink,
    Indicator,
    Money,
    Narratives,
    ReportingOrg,
    Result,
    ResultValue,
    Sector,
    Transaction,
    TransactionOrg,
)
from tcdesk.portfolio.iati.organisation import BudgetLine, Organisation
from tcdesk.portfolio.iati.values import ValueProblem, format_bool, format_date, format_datetime, format_decimal

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_sub = etree.SubElement


def _narratives(parent: etree._Element, texts: Narratives) -> None:
    for narrative in texts:
        element = _sub(parent, "narrative", {XML_LANG: narrative.lang} if narrative.lang else None)
        element.text = narrative.text


def _text_element(parent: etree._Element, tag: str, texts: Narratives) -> None:
    if texts:
        _narratives(_sub(parent, tag), texts)


def _value(parent: etree._Element, value: Money) -> None:
    attributes = {"value-date": value.value_date.isoformat()}
    if value.currency:
        attributes["currency"] = value.currency
    _sub(parent, "value", attributes).text = format_decimal(value.amount)


def _period(parent: etree._Element, start, end) -> None:
    _sub(parent, "period-start", {"iso-date": start.isoformat()})
    _sub(parent, "period-end", {"iso-date": end.isoformat()})


def _reporting_org(parent: etree._Element, org: ReportingOrg) -> None:
    attributes = {"ref": org.ref, "type": org.type}
    if org.secondary_reporter is not None:
        attributes["secondary-reporter"] = format_bool(org.secondary_reporter)
    _narratives(_sub(parent, "reporting-org", attributes), org.names)


def _sector(parent: etree._Element, sector: Sector) -> None:
    attributes = {"vocabulary": sector.vocabulary}
    if sector.vocabulary_uri:
        attributes["vocabulary-uri"] = sector.vocabulary_uri
    attributes["code"] = sector.code
    if sector.percentage is not None:
        attributes["percentage"] = format_decimal(sector.percentage)
    _narratives(_sub(parent, "sector", attributes), sector.names)


def _aid_type(parent: etree._Element, tag: str, aid_type: AidType) -> None:
    _sub(parent, tag, {"code": aid_type.code, "vocabulary": aid_type.vocabulary})


def _code(parent: etree._Element, tag: str, code: str | None) -> None:
    if code is not None:
        _sub(parent, tag, {"code": code})


def _transaction_org(parent: etree._Element, tag: str, id_attribute: str, org: TransactionOrg | None) -> None:
    if org is None:
        return
    attributes = {}
    if org.ref is not None:
        attributes["ref"] = org.ref
    if org.activity_id is not None:
        attributes[id_attribute] = org.activity_id
    if org.type is not None:
        attributes["type"] = org.type
    _narratives(_sub(parent, tag, attributes), org.names)


def _transaction(parent: etree._Element, transaction: Transaction) -> None:
    attributes = {}
    if transaction.ref is not None:
        attributes["ref"] = transaction.ref
    if transaction.humanitarian is not None:
        attributes["humanitarian"] = format_bool(transaction.humanitarian)
    element = _sub(parent, "transaction", attributes)
    _sub(element, "transaction-type", {"code": str(int(transaction.type))})
    _sub(element, "transaction-date", {"iso-date": transaction.date.isoformat()})
    _value(element, transaction.value)
    _text_element(element, "description", transaction.description)
    _transaction_org(element, "provider-org", "provider-activity-id", transaction.provider_org)
    _transaction_org(element, "receiver-org", "receiver-activity-id", transaction.receiver_org)
    _code(element, "disbursement-channel", transaction.disbursement_channel)
    for sector in transaction.sectors:
        if sector.percentage is not None:
            raise ValueProblem("a transaction's sector cannot carry a percentage")
        _sector(element, sector)
    _code(element, "recipient-country", transaction.recipient_country)
    region = transaction.recipient_region
    if region is not None:
        if region.percentage is not None:
            raise ValueProblem("a transaction's recipient-region cannot carry a percentage")
        _sub(element, "recipient-region", {"code": region.code, "vocabulary": region.vocabulary})
    _code(element, "flow-type", transaction.flow_type)
    _code(element, "finance-type", transaction.finance_type)
    for aid_type in transaction.aid_types:
        _aid_type(element, "aid-type", aid_type)
    _code(element, "tied-status", transaction.tied_status)


def _document_link(parent: etree._Element, link: DocumentLink) -> None:
    element = _sub(parent, "document-link", {"url": link.url, "format": link.format})
    _narratives(_sub(element, "title"), link.title)
    _text_element(element, "description", link.description)
    for category in link.categories:
        _sub(element, "category", {"code": category})
    for language in link.languages:
        _sub(element, "language", {"code": language})
    if link.document_date is not None:
        _sub(element, "document-date", {"iso-date": link.document_date.isoformat()})


def _result_value(parent: etree._Element, tag: str, result_value: ResultValue) -> None:
    element = _sub(parent, tag, {"value": result_value.value} if result_value.value is not None else None)
    for dimension in result_value.dimensions:
        _sub(element, "dimension", {"name": dimension.name, "value": dimension.value})
    _text_element(element, "comment", result_value.comment)


def _indicator(parent: etree._Element, indicator: Indicator) -> None:
    attributes = {"measure": str(int(indicator.measure))}
    if indicator.ascending is not None:
        attributes["ascending"] = format_bool(indicator.ascending)
    if indicator.aggregation_status is not None:
        attributes["aggregation-status"] = format_bool(indicator.aggregation_status)
    element = _sub(parent, "indicator", attributes)
    _narratives(_sub(element, "title"), indicator.title)
    _text_element(element, "description", indicator.description)
    for baseline in indicator.baselines:
        attributes = {"year": str(baseline.year)}
        if baseline.iso_date is not None:
            attributes["iso-date"] = baseline.iso_date.isoformat()
        if baseline.value is not None:
            attributes["value"] = baseline.value
        baseline_element = _sub(element, "baseline", attributes)
        for dimension in baseline.dimensions:
            _sub(baseline_element, "dimension", {"name": dimension.name, "value": dimension.value})
        _text_element(baseline_element, "comment", baseline.comment)
    for period in indicator.periods:
        period_element = _sub(element, "period")
        _period(period_element, period.start, period.end)
        for target in period.targets:
            _result_value(period_element, "target", target)
        for actual in period.actuals:
            _result_value(period_element, "actual", actual)


def _result(parent: etree._Element, result: Result) -> None:
    attributes = {"type": str(int(result.type))}
    if result.aggregation_status is not None:
        attributes["aggregation-status"] = format_bool(result.aggregation_status)
    element = _sub(parent, "result", attributes)
    _narratives(_sub(element, "title"), result.title)
    _text_element(element, "description", result.description)
    for indicator in result.indicators:
        _indicator(element, indicator)


_DATES = (
    (ActivityDateType.PLANNED_START, "planned_start"),
    (ActivityDateType.ACTUAL_START, "actual_start"),
    (ActivityDateType.PLANNED_END, "planned_end"),
    (ActivityDateType.ACTUAL_END, "actual_end"),
)


def build_activity(activity: Activity) -> etree._Element:
    """The `iati-activity` element of one activity. Raises ValueProblem for values XML cannot carry."""
    attributes = {}
    if activity.last_updated is not None:
        attributes["last-updated-datetime"] = format_datetime(activity.last_updated)
    if activity.lang:
        attributes[XML_LANG] = activity.lang
    if activity.default_currency:
        attributes["default-currency"] = activity.default_currency
    if activity.humanitarian is not None:
        attributes["humanitarian"] = format_bool(activity.humanitarian)
    if activity.hierarchy is not None:
        attributes["hierarchy"] = str(activity.hierarchy)
    if activity.budget_not_provided is not None:
        attributes["budget-not-provided"] = activity.budget_not_provided
    root = etree.Element("iati-activity", attributes)
    _sub(root, "iati-identifier").text = activity.identifier
    _reporting_org(root, activity.reporting_org)
    _narratives(_sub(root, "title"), activity.title)
    for description in activity.descriptions:
        element = _sub(root, "description", {"type": str(int(description.type))} if description.type else None)
        _narratives(element, description.texts)
    for org in activity.participating_orgs:
        attributes = {}
        if org.ref is not None:
            attributes["ref"] = org.ref
        if org.type is not None:
            attributes["type"] = org.type
        attributes["role"] = str(int(org.role))
        if org.activity_id is not None:
            attributes["activity-id"] = org.activity_id
        if org.crs_channel_code is not None:
            attributes["crs-channel-code"] = org.crs_channel_code
        _narratives(_sub(root, "participating-org", attributes), org.names)
    _sub(root, "activity-status", {"code": str(int(activity.status))})
    for date_type, name in _DATES:
        value = getattr(activity, name)
        if value is not None:
            _sub(root, "activity-date", {"type": str(int(date_type)), "iso-date": format_date(value)})
    _code(root, "activity-scope", activity.scope)
    for country in activity.recipient_countries:
        attributes = {"code": country.code}
        if country.percentage is not None:
            attributes["percentage"] = format_decimal(country.percentage)
        _sub(root, "recipient-country", attributes)
    for region in activity.recipient_regions:
        attributes = {"code": region.code, "vocabulary": region.vocabulary}
        if region.percentage is not None:
            attributes["percentage"] = format_decimal(region.percentage)
        _sub(root, "recipient-region", attributes)
    for sector in activity.sectors:
        _sector(root, sector)
    for tag in activity.tags:
        attributes = {"vocabulary": tag.vocabulary}
        if tag.vocabulary_uri:
            attributes["vocabulary-uri"] = tag.vocabulary_uri
        attributes["code"] = tag.code
        _narratives(_sub(root, "tag", attributes), tag.names)
    for marker in activity.policy_markers:
        attributes = {"vocabulary": marker.vocabulary}
        if marker.vocabulary_uri:
            attributes["vocabulary-uri"] = marker.vocabulary_uri
        attributes["code"] = marker.code
        if marker.significance is not None:
            attributes["significance"] = str(int(marker.significance))
        _narratives(_sub(root, "policy-marker", attributes), marker.names)
    _code(root, "collaboration-type", activity.collaboration_type)
    _code(root, "default-flow-type", activity.default_flow_type)
    _code(root, "default-finance-type", activity.default_finance_type)
    for aid_type in activity.default_aid_types:
        _aid_type(root, "default-aid-type", aid_type)
    _code(root, "default-tied-status", activity.default_tied_status)
    for budget in activity.budgets:
        element = _sub(root, "budget", {"type": str(int(budget.type)), "status": str(int(budget.status))})
        _period(element, budget.period_start, budget.period_end)
        _value(element, budget.value)
    for transaction in activity.transactions:
        _transaction(root, transaction)
    for link in activity.document_links:
        _document_link(root, link)
    for related in activity.related_activities:
        _sub(root, "related-activity", {"ref": related.ref, "type": str(int(related.type))})
    for result in activity.results:
        _result(root, result)
    return root


def _budget_lines(parent: etree._Element, tag: str, lines: tuple[BudgetLine, ...]) -> None:
    for line in lines:
        element = _sub(parent, tag, {"ref": line.ref} if line.ref is not None else None)
        _value(element, line.value)
        _narratives(element, line.names)


def build_organisation(organisation: Organisation) -> etree._Element:
    """The `iati-organisation` element of one organisation record."""
    attributes = {}
    if organisation.last_updated is not None:
        attributes["last-updated-datetime"] = format_datetime(organisation.last_updated)
    if organisation.lang:
        attributes[XML_LANG] = organisation.lang
    if organisation.default_currency:
        attributes["default-currency"] = organisation.default_currency
    root = etree.Element("iati-organisation", attributes)
    _sub(root, "organisation-identifier").text = organisation.identifier
    _narratives(_sub(root, "name"), organisation.name)
    _reporting_org(root, organisation.reporting_org)
    for budget in organisation.total_budgets:
        element = _sub(root, "total-budget", {"status": str(int(budget.status))})
        _period(element, budget.period_start, budget.period_end)
        _value(element, budget.value)
        _budget_lines(element, "budget-line", budget.lines)
    for budget in organisation.recipient_org_budgets:
        element = _sub(root, "recipient-org-budget", {"status": str(int(budget.status))})
        org = _sub(element, "recipient-org", {"ref": budget.recipient_org_ref} if budget.recipient_org_ref else None)
        _narratives(org, budget.recipient_org_names)
        _period(element, budget.period_start, budget.period_end)
        _value(element, budget.value)
        _budget_lines(element, "budget-line", budget.lines)
    for budget in organisation.recipient_region_budgets:
        element = _sub(root, "recipient-region-budget", {"status": str(int(budget.status))})
        _sub(element, "recipient-region", {"vocabulary": budget.region_vocabulary, "code": budget.region})
        _period(element, budget.period_start, budget.period_end)
        _value(element, budget.value)
        _budget_lines(element, "budget-line", budget.lines)
    for budget in organisation.recipient_country_budgets:
        element = _sub(root, "recipient-country-budget", {"status": str(int(budget.status))})
        _sub(element, "recipient-country", {"code": budget.country})
        _period(element, budget.period_start, budget.period_end)
        _value(element, budget.value)
        _budget_lines(element, "budget-line", budget.lines)
    for expenditure in organisation.total_expenditures:
        element = _sub(root, "total-expenditure")
        _period(element, expenditure.period_start, expenditure.period_end)
        _value(element, expenditure.value)
        _budget_lines(element, "expense-line", expenditure.lines)
    for link in organisation.document_links:
        _document_link(root, link)
    return root
