"""Reading partners' files: what the schema accepts is read, the rest is reported with its line."""

import io

import pytest
from lxml import etree

from tcdesk.portfolio.iati import (
    IatiFileError,
    ReadReport,
    read_activities,
    read_organisations,
    validate_document,
    validate_file,
)
from tcdesk.portfolio.iati.tests.factories import ActivityFactory

MINIMAL = """<iati-activity default-currency="USD" xml:lang="en">
  <iati-identifier>{identifier}</iati-identifier>
  <reporting-org ref="XM-DAC-41114" type="40"><narrative>UNDP</narrative></reporting-org>
  <title><narrative>Rule of law</narrative><narrative xml:lang="fr">État de droit</narrative></title>
  <description><narrative>Support to courts.</narrative></description>
  <participating-org role="4"><narrative>Ministry of Justice</narrative></participating-org>
  <activity-status code="{status}"/>
  <activity-date type="1" iso-date="2020-01-01"/>
 </iati-activity>"""


def activity(identifier="XM-DAC-41114-PROJECT-1", status="2"):
    return MINIMAL.format(identifier=identifier, status=status)


def document(*activities, root='<iati-activities version="2.03">'):
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{root}\n {"\n ".join(activities)}\n</iati-activities>\n'.encode()


def read(data, **options):
    report = ReadReport()
    activities = list(read_activities(data, report=report, **options))
    return activities, report


def test_it_reads_a_minimal_activity_with_its_narratives_in_two_languages():
    (read_activity,), report = read(document(activity()))

    assert read_activity.identifier == "XM-DAC-41114-PROJECT-1"
    assert read_activity.title[1].lang == "fr"
    assert read_activity.text(read_activity.title, "fr") == "État de droit"
    assert read_activity.text(read_activity.title, "en") == "Rule of law"
    assert read_activity.source_line == 3
    assert (report.activities, report.rejected, report.errors) == (1, 0, [])


def test_it_refuses_a_file_that_is_not_xml_with_its_line():
    with pytest.raises(IatiFileError) as raised:
        read(b"iati-identifier,title\nXM-1,Rule of law\n")

    assert raised.value.kind == "not_xml"
    assert raised.value.line == 1
    assert "not an IATI file" in str(raised.value)


def test_it_refuses_xml_that_is_not_iati():
    with pytest.raises(IatiFileError) as raised:
        read(b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>')

    assert raised.value.kind == "not_iati"
    assert raised.value.line == 2
    assert str(raised.value) == "line 2: not an IATI file: the root element is <rss>, not <iati-activities>"


def test_it_refuses_an_iati_root_in_a_namespace_of_its_own():
    with pytest.raises(IatiFileError, match="not an IATI file") as raised:
        read(document(activity(), root='<iati-activities xmlns="http://example.org/" version="2.03">'))

    assert raised.value.kind == "not_iati"


@pytest.mark.parametrize("version", ["2.01", "2.02", "1.05", "2.04"])
def test_it_refuses_other_versions_of_iati(version):
    with pytest.raises(IatiFileError) as raised:
        read(document(activity(), root=f'<iati-activities version="{version}">'))

    assert raised.value.kind == "not_2_03"
    assert raised.value.params == {"version": version}
    assert str(raised.value) == (
        f"line 2: not IATI 2.03: the file says version '{version}'; tcdesk reads IATI 2.03 files only"
    )


def test_it_refuses_a_file_without_a_version():
    with pytest.raises(IatiFileError, match="not IATI 2.03: <iati-activities> has no version attribute"):
        read(document(activity(), root="<iati-activities>"))


def test_it_tells_an_organisation_file_from_an_activity_file():
    data = b'<iati-organisations version="2.03"><iati-organisation/></iati-organisations>'

    with pytest.raises(IatiFileError, match="this is an IATI organisation file, not an IATI activity file"):
        read(data)
    with pytest.raises(IatiFileError, match="this is an IATI activity file, not an IATI organisation file"):
        list(read_organisations(document(activity())))


def test_it_refuses_an_empty_file():
    with pytest.raises(IatiFileError, match="the file is empty"):
        read(b"  \n")


def test_it_reports_a_truncated_file_with_its_last_line_after_reading_what_came_before():
    data = document(activity("XM-1"), activity("XM-2"))
    cut = data[: data.index(b"<activity-status", data.index(b"XM-2"))]
    report = ReadReport()
    activities = read_activities(cut, report=report)

    first = next(activities)
    with pytest.raises(IatiFileError) as raised:
        next(activities)

    assert first.identifier == "XM-1"
    assert raised.value.kind == "truncated"
    assert raised.value.line == cut.count(b"\n") + 1
    assert "cut short" in raised.value.message


def test_it_reports_xml_that_is_not_well_formed_with_its_line():
    data = document(activity("XM-1"), activity("XM-2").replace("</title>", "</titel>"))

    with pytest.raises(IatiFileError) as raised:
        read(data)

    assert raised.value.kind == "malformed"
    assert raised.value.line == 15
    assert "mismatch" in raised.value.message


def test_it_passes_over_an_activity_the_schema_rejects_and_goes_on():
    broken = activity("XM-2").replace('<activity-date type="1" iso-date="2020-01-01"/>', '<activity-date type="1"/>')

    activities, report = read(document(activity("XM-1"), broken, activity("XM-3")))

    assert [a.identifier for a in activities] == ["XM-1", "XM-3"]
    assert (report.activities, report.rejected) == (2, 1)
    (error,) = report.errors
    assert (error.line, error.identifier, error.kind) == (19, "XM-2", "schema")
    assert "iso-date" in error.message


def test_it_rejects_a_code_outside_a_closed_iati_code_list_with_its_line():
    activities, report = read(document(activity("XM-1", status="9")))

    assert activities == []
    (error,) = report.errors
    assert error.kind == "unknown_code"
    assert error.line == 9
    assert error.params["codelist"] == "ActivityStatus"


def test_it_accepts_elements_and_attributes_of_other_namespaces():
    # The schema allows extensions at the end of an element's children, and as attributes anywhere.
    extended = (
        activity()
        .replace(
            "</iati-activity>", '<akvo:photo xmlns:akvo="http://akvo.org/iati-activities" url="x"/>\n</iati-activity>'
        )
        .replace('<activity-status code="2"/>', '<activity-status code="2" xmlns:x="http://example.org/" x:note="y"/>')
    )
    root = '<iati-activities version="2.03" xmlns:dstore="http://d-portal.org/xmlns/dstore" dstore:index="1">'

    activities, report = read(document(extended, root=root))

    assert len(activities) == 1
    assert report.errors == []


def test_it_reads_an_activity_without_optional_elements():
    (read_activity,), _ = read(document(activity()))

    assert read_activity.transactions == ()
    assert read_activity.budgets == ()
    assert read_activity.sectors == ()
    assert read_activity.planned_end is None
    assert (read_activity.start, read_activity.end) == (read_activity.planned_start, None)


def test_it_counts_activities_transactions_and_budgets(tmp_path):
    path = tmp_path / "partner.xml"
    from tcdesk.portfolio.iati import write_activities

    with path.open("wb") as stream:
        write_activities(stream, ActivityFactory.build_batch(5))

    report = validate_file(path)

    assert report.as_dict() == {
        "activities": 5,
        "rejected": 0,
        "transactions": 15,
        "budgets": 5,
        "errors": [],
        "errors_omitted": 0,
    }


def test_it_reads_from_an_open_binary_file_that_cannot_seek():
    class Pipe(io.RawIOBase):
        def __init__(self, data):
            self.data = io.BytesIO(data)

        def readable(self):
            return True

        def read(self, size=-1):
            return self.data.read(min(size, 7))  # tiny reads, as from a socket

    activities, _ = read(Pipe(document(activity("XM-1"), activity("XM-2"))))

    assert [a.identifier for a in activities] == ["XM-1", "XM-2"]


def test_it_keeps_the_number_of_errors_bounded():
    broken = activity().replace('iso-date="2020-01-01"', "")
    report = ReadReport(max_errors=3)

    list(read_activities(document(*[broken] * 5), report=report))

    assert len(report.errors) == 3
    assert report.errors_omitted == 2
    assert report.rejected == 5


def test_a_file_with_no_activity_is_reported():
    _, report = read(b'<iati-activities version="2.03"></iati-activities>')

    assert report.errors[0].kind == "no_records"


def test_an_unknown_attribute_on_the_root_is_reported_but_the_activities_are_read():
    activities, report = read(document(activity(), root='<iati-activities version="2.03" colour="blue">'))

    assert len(activities) == 1
    assert report.errors[0].params == {"attribute": "colour"}


def test_without_validation_a_missing_required_value_is_still_reported_with_its_line():
    broken = activity().replace('<activity-status code="2"/>', "<activity-status/>")

    activities, report = read(document(broken), validate=False)

    assert activities == []
    assert report.errors[0].kind == "missing_attribute"
    assert report.errors[0].line == 9


def test_it_does_not_resolve_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE iati-activities [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<iati-activities version="2.03">\n' + activity().replace("Rule of law", "&x;") + "\n</iati-activities>"
    ).encode()

    with pytest.raises(IatiFileError) as raised:
        read(data)

    assert raised.value.kind == "malformed"
    assert "top secret" not in str(raised.value)


def test_an_unknown_element_or_stray_text_under_the_root_is_reported_as_whole_validation_would():
    data = document(activity("XM-1"), "<note>typed by hand</note>", activity("XM-2"), "stray words")
    whole = validate_document(etree.fromstring(data), "activities")

    activities, report = read(data)

    assert [a.identifier for a in activities] == ["XM-1", "XM-2"]
    assert [(issue.line, issue.kind) for issue in report.errors] == [(12, "schema"), (2, "schema")]
    assert report.errors[0].message == "<note> is not allowed directly under <iati-activities>"
    assert report.errors[1].message == "<iati-activities> holds text 'stray words', where only elements are allowed"
    assert [issue.line for issue in whole] == [12]  # libxml2 stops at the first problem of the root


@pytest.mark.parametrize("encoding", ["utf-16", "iso-8859-1"])
def test_it_reads_files_in_the_encoding_they_declare(encoding):
    text = document(activity()).decode().replace('encoding="UTF-8"', f'encoding="{encoding}"')

    (read_activity,), report = read(text.encode(encoding))

    assert read_activity.text(read_activity.title, "fr") == "État de droit"
    assert report.errors == []
