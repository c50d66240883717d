"""Exports write a valid IATI 2.03 file or nothing at all."""

import dataclasses
import io
from decimal import Decimal

import pytest
from lxml import etree

from tcdesk.portfolio.iati import (
    IatiExportError,
    Narrative,
    RecipientCountry,
    export_activities,
    export_organisations,
    read_activities,
    validate_document,
    write_activities,
)
from tcdesk.portfolio.iati.tests.factories import ActivityFactory, OrganisationFactory


def test_it_exports_a_valid_file_and_reports_what_it_holds(tmp_path):
    destination = tmp_path / "activities.xml"

    summary = export_activities(destination, ActivityFactory.build_batch(4))

    assert (summary.activities, summary.transactions, summary.budgets, summary.results) == (4, 12, 4, 4)
    assert summary.bytes == destination.stat().st_size
    assert validate_document(etree.parse(str(destination)), "activities") == []
    assert [path.name for path in tmp_path.iterdir()] == ["activities.xml"]


def test_it_accepts_activities_from_a_generator_one_at_a_time(tmp_path):
    made = []

    def from_database():
        for number in range(3):
            made.append(number)
            yield ActivityFactory()

    export_activities(tmp_path / "out.xml", from_database())

    assert made == [0, 1, 2]
    assert len(list(read_activities(tmp_path / "out.xml"))) == 3


def test_it_refuses_an_activity_the_schema_rejects_and_names_it(tmp_path):
    broken = ActivityFactory(identifier="XI-IATI-TCDESK-BROKEN", title=())  # IATI requires a title narrative

    with pytest.raises(IatiExportError) as raised:
        export_activities(tmp_path / "out.xml", [ActivityFactory(), broken], check_rules=False)

    issue = raised.value.issues[0]
    assert issue.identifier == "XI-IATI-TCDESK-BROKEN"
    assert issue.kind == "schema"
    assert "title" in issue.message
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_previous_file_untouched(tmp_path):
    destination = tmp_path / "activities.xml"
    export_activities(destination, [ActivityFactory()])
    before = destination.read_bytes()
    bad_sum = ActivityFactory(recipient_countries=(RecipientCountry(code="ML", percentage=Decimal(60)),) * 2)

    with pytest.raises(IatiExportError) as raised:
        export_activities(destination, [ActivityFactory(), bad_sum])

    assert destination.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == ["activities.xml"]
    assert raised.value.issues[0].params == {"field": "recipient_countries", "rule": "percentages_sum", "total": "120"}


def test_it_lists_the_problems_of_every_activity_not_only_the_first(tmp_path):
    activities = [ActivityFactory(identifier=f"OTHER-ORG-{n}") for n in range(3)]

    with pytest.raises(IatiExportError) as raised:
        export_activities(tmp_path / "out.xml", activities)

    assert [issue.identifier for issue in raised.value.issues] == ["OTHER-ORG-0", "OTHER-ORG-1", "OTHER-ORG-2"]
    assert {issue.params["rule"] for issue in raised.value.issues} == {"identifier_prefix"}


def test_it_refuses_text_that_xml_cannot_carry(tmp_path):
    activity = ActivityFactory(title=(Narrative("Bell \x07 in the title"),))

    with pytest.raises(IatiExportError) as raised:
        export_activities(tmp_path / "out.xml", [activity])

    assert raised.value.issues[-1].kind == "unwritable"
    assert raised.value.issues[-1].identifier == activity.identifier
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_to_publish_nothing(tmp_path):
    with pytest.raises(IatiExportError, match="at least one activity"):
        export_activities(tmp_path / "out.xml", [])

    assert list(tmp_path.iterdir()) == []


def test_it_cleans_up_when_the_source_of_activities_fails(tmp_path):
    def failing():
        yield ActivityFactory()
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        export_activities(tmp_path / "out.xml", failing())

    assert list(tmp_path.iterdir()) == []


def test_the_stream_writer_holds_one_activity_in_memory_at_a_time():
    """Each activity is serialised before the next one is asked for."""
    stream = io.BytesIO()
    sizes = []

    def activities():
        for _ in range(3):
            yield ActivityFactory()
            sizes.append(len(stream.getvalue()))

    write_activities(stream, activities())

    assert sizes[0] > 0 and sizes[0] < sizes[1] < sizes[2]


def test_last_updated_and_currency_attributes_are_written_on_the_activity():
    stream = io.BytesIO()
    activity = ActivityFactory()

    write_activities(stream, [activity])

    element = etree.fromstring(stream.getvalue())[0]
    assert element.get("last-updated-datetime") == "2025-02-01T09:30:00+00:00"
    assert element.get("default-currency") == "USD"
    assert element.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert element.get("hierarchy") == "2"


def test_it_exports_the_organisation_file(tmp_path):
    destination = tmp_path / "organisation.xml"

    summary = export_organisations(destination, [OrganisationFactory()])

    assert summary.organisations == 1
    assert validate_document(etree.parse(str(destination)), "organisations") == []


def test_it_refuses_an_organisation_whose_reporting_org_is_someone_else(tmp_path):
    organisation = OrganisationFactory(identifier="XI-IATI-OTHER")

    with pytest.raises(IatiExportError) as raised:
        export_organisations(tmp_path / "organisation.xml", [organisation])

    assert raised.value.issues[0].params["rule"] == "reporting_org_ref"
    assert list(tmp_path.iterdir()) == []


def test_a_transaction_sector_cannot_carry_a_percentage(tmp_path):
    activity = ActivityFactory()
    transaction = dataclasses.replace(
        activity.transactions[0], sectors=(dataclasses.replace(activity.sectors[0], percentage=Decimal(100)),)
    )
    activity = dataclasses.replace(activity, transactions=(transaction,), sectors=())

    with pytest.raises(IatiExportError, match="cannot carry a percentage"):
        export_activities(tmp_path / "out.xml", [activity])
