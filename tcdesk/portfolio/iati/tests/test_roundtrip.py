"""Writing then reading gives back the same dataclasses, and what is written is valid IATI 2.03."""

import io

from hypothesis import HealthCheck, given, settings
from lxml import etree

from tcdesk.portfolio.iati import (
    read_activities,
    read_organisations,
    validate_document,
    write_activities,
    write_organisations,
)
from tcdesk.portfolio.iati.tests import strategies
from tcdesk.portfolio.iati.tests.factories import ActivityFactory, OrganisationFactory


def written(activities, **options) -> bytes:
    stream = io.BytesIO()
    write_activities(stream, activities, **options)
    return stream.getvalue()


def test_a_project_comes_back_equal_after_writing_and_reading():
    activities = [ActivityFactory(), ActivityFactory(hierarchy=1, related_activities=())]

    document = written(activities)

    assert list(read_activities(document)) == activities


def test_the_written_document_validates_as_a_whole_against_the_official_schema():
    document = written(ActivityFactory.build_batch(3))

    assert validate_document(etree.fromstring(document), "activities") == []
    root = etree.fromstring(document)
    assert root.tag == "iati-activities"
    assert root.get("version") == "2.03"
    assert root.get("generated-datetime")


def test_children_come_in_the_order_of_the_schema_sequence():
    root = etree.fromstring(written([ActivityFactory()]))
    order = [child.tag for child in root[0]]

    assert order == [
        "iati-identifier",
        "reporting-org",
        "title",
        "description",
        "participating-org",
        "participating-org",
        "participating-org",
        "activity-status",
        "activity-date",
        "activity-date",
        "activity-date",
        "activity-scope",
        "recipient-country",
        "recipient-country",
        "sector",
        "sector",
        "policy-marker",
        "default-flow-type",
        "default-finance-type",
        "budget",
        "transaction",
        "transaction",
        "transaction",
        "document-link",
        "related-activity",
        "result",
    ]
    transaction = root[0].find("transaction")
    assert [child.tag for child in transaction] == [
        "transaction-type",
        "transaction-date",
        "value",
        "description",
        "provider-org",
        "receiver-org",
    ]


def test_results_disaggregated_by_sex_survive_the_round_trip():
    activity = ActivityFactory()

    (read,) = read_activities(written([activity]))

    actuals = read.results[0].indicators[0].periods[0].actuals
    assert [(value.value, value.dimensions[0].value) for value in actuals] == [("37", "female"), ("45", "male")]


def test_french_narratives_are_written_with_their_language():
    root = etree.fromstring(written([ActivityFactory()]))
    title = root[0].find("title")

    assert [(n.get("{http://www.w3.org/XML/1998/namespace}lang"), n.text) for n in title] == [
        (None, "Strengthening criminal justice responses to trafficking in persons"),
        ("fr", "Renforcer la réponse de la justice pénale à la traite des personnes"),
    ]


def test_an_organisation_comes_back_equal_and_its_file_validates():
    organisation = OrganisationFactory()
    stream = io.BytesIO()

    write_organisations(stream, [organisation])

    assert validate_document(etree.fromstring(stream.getvalue()), "organisations") == []
    assert list(read_organisations(stream.getvalue())) == [organisation]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(activities=strategies.small(strategies.activities(), min_size=1, max_size=2))
def test_any_schema_valid_activity_round_trips_and_validates(activities):
    document = written(activities, check_rules=False)

    assert validate_document(etree.fromstring(document), "activities") == []
    assert list(read_activities(document)) == list(activities)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(organisation=strategies.organisations)
def test_any_schema_valid_organisation_round_trips_and_validates(organisation):
    stream = io.BytesIO()
    write_organisations(stream, [organisation], check_rules=False)

    assert validate_document(etree.fromstring(stream.getvalue()), "organisations") == []
    assert list(read_organisations(stream.getvalue())) == [organisation]
