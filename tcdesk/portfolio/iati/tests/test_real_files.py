"""Real publishers' files (see fixtures/SOURCES.md): read as the schema says, round-tripped, re-validated."""

import io
from decimal import Decimal

import pytest
from lxml import etree

from tcdesk.portfolio.iati import (
    ActivityStatus,
    IndicatorMeasure,
    OrganisationRole,
    ReadReport,
    RelatedActivityType,
    TransactionType,
    read_activities,
    read_organisations,
    validate_document,
    write_activities,
    write_organisations,
)

ACTIVITY_FILES = [
    "undp-dportal-2022.xml",
    "fcdo-dportal-2022.xml",
    "people-in-need-dportal-2022.xml",
    "foodsecurity-dportal-2022.xml",
    "worldbank-dportal-2021.xml",
    "netherlands-mfa-dportal-2021.xml",
    "iati-activity-standard-example-2.03.xml",
]


def read(path):
    report = ReadReport()
    return list(read_activities(path, report=report)), report


def test_undp_activities_in_spanish_and_french(fixture_path):
    activities, report = read(fixture_path("undp-dportal-2022.xml"))

    assert (report.activities, report.rejected, report.errors) == (4, 0, [])
    assert [a.lang for a in activities] == ["es", "es", "fr", "es"]
    assert activities[0].identifier == "XM-DAC-41114-PROJECT-00127336"
    assert activities[0].reporting_org.ref == "XM-DAC-41114"
    assert activities[0].related_activities[0].type is RelatedActivityType.CHILD
    assert activities[2].title[0].lang == "fr"


def test_fcdo_hierarchy_levels_and_the_components_the_schema_rejects(fixture_path):
    activities, report = read(fixture_path("fcdo-dportal-2022.xml"))

    assert [(a.identifier, a.hierarchy) for a in activities] == [
        ("GB-GOV-1-300769", 1),
        ("GB-GOV-1-300708-117", 2),
    ]
    assert report.rejected == 2
    assert {error.identifier for error in report.errors} == {"GB-GOV-1-300708-134", "GB-GOV-1-300708-132"}
    assert [error.line for error in report.errors][:3] == [156, 161, 299]
    assert all("budget-item" in error.message for error in report.errors)
    parent, component = activities
    assert {link.type for link in parent.related_activities} == {RelatedActivityType.CHILD}
    assert RelatedActivityType.PARENT in {link.type for link in component.related_activities}
    assert report.transactions == len(component.transactions) == 4


def test_people_in_need_broken_transactions_are_rejected_with_their_lines(fixture_path):
    activities, report = read(fixture_path("people-in-need-dportal-2022.xml"))

    assert activities == []
    assert report.rejected == 2
    by_line = {(error.line, error.identifier) for error in report.errors}
    assert (48, "CZ-ICO-25755277-ZMBZ000033") in by_line
    assert any("'5000000' is not a valid value" in error.message for error in report.errors)


def test_food_security_file_of_six_publishers(fixture_path):
    activities, report = read(fixture_path("foodsecurity-dportal-2022.xml"))

    assert (report.activities, report.rejected, report.transactions, report.budgets) == (7, 0, 63, 16)
    assert {a.reporting_org.ref for a in activities} == {
        "XI-IATI-EC_INTPA",
        "NL-KVK-30214009",
        "NL-KVK-41155305",
        "GB-CHC-285776",
        "DE-1",
        "US-EIN-06-1597-668",
    }
    assert activities[0].hierarchy == 2
    assert {narrative.lang for a in activities for narrative in a.title} >= {"en", "de"}


def test_world_bank_results_budgets_and_an_activity_without_dates(fixture_path):
    activities, report = read(fixture_path("worldbank-dportal-2021.xml"))

    (project,) = activities
    assert project.identifier == "44000-P174065"
    assert len(project.budgets) == 152
    assert len(project.results) == 12
    assert project.results[0].indicators[0].measure in set(IndicatorMeasure)
    assert report.rejected == 1
    assert [(error.line, error.identifier) for error in report.errors] == [
        (1590, "44000-P174078"),
        (1591, "44000-P174078"),
    ]


def test_netherlands_ministry_activities_with_dutch_texts_and_funding_flows(fixture_path):
    activities, report = read(fixture_path("netherlands-mfa-dportal-2021.xml"))

    assert (report.activities, report.rejected, report.transactions, report.budgets) == (4, 0, 8, 13)
    first = activities[0]
    assert first.title[0].lang == "nl"
    assert first.text(first.title, "nl") == "COVID-19 - Bijdrage ALSF"
    assert first.status in set(ActivityStatus)
    assert OrganisationRole.FUNDING in {org.role for org in first.participating_orgs}
    assert {t.type for t in first.transactions} <= {TransactionType.OUTGOING_COMMITMENT, TransactionType.DISBURSEMENT}


def test_iati_example_reads_every_element_tcdesk_models(fixture_path):
    (activity,), report = read(fixture_path("iati-activity-standard-example-2.03.xml"))

    assert report.errors == []
    assert activity.default_currency == "USD"
    assert [(c.code, c.percentage) for c in activity.recipient_countries] == [("AF", Decimal(25)), ("AG", Decimal(25))]
    (transaction,) = activity.transactions
    assert transaction.type is TransactionType.INCOMING_FUNDS
    assert transaction.provider_org.activity_id == "BB-BBB-123456789-1234AA"
    baseline = activity.results[0].indicators[0].baselines[0]
    assert [(d.name, d.value) for d in baseline.dimensions] == [("sex", "female"), ("age", "adult")]


def test_iati_organisation_example(fixture_path):
    (organisation,) = read_organisations(fixture_path("iati-organisation-standard-example-2.03.xml"))

    assert organisation.identifier == "AA-AAA-123456789"
    assert organisation.total_budgets[0].value.amount == Decimal("250000000")
    assert organisation.total_budgets[0].lines[0].ref == "1234"
    stream = io.BytesIO()
    write_organisations(stream, [organisation], check_rules=False)
    assert list(read_organisations(stream.getvalue())) == [organisation]


@pytest.mark.parametrize("name", ACTIVITY_FILES)
def test_streaming_validation_finds_exactly_what_whole_document_validation_finds(fixture_path, name):
    whole = validate_document(etree.parse(str(fixture_path(name))), "activities")
    _, report = read(fixture_path(name))

    assert sorted((issue.line, issue.message) for issue in report.errors) == sorted(
        (issue.line, issue.message) for issue in whole
    )


@pytest.mark.parametrize("name", [name for name in ACTIVITY_FILES if not name.startswith("people-in-need")])
def test_what_is_read_from_a_real_file_is_written_back_valid_and_reads_the_same(fixture_path, name):
    activities, _ = read(fixture_path(name))
    stream = io.BytesIO()

    write_activities(stream, activities, check_rules=False)

    assert validate_document(etree.fromstring(stream.getvalue()), "activities") == []
    assert list(read_activities(stream.getvalue())) == activities
