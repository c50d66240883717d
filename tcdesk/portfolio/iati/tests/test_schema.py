"""The vendored official schemas: present with their origin, compiled once per thread, line-numbered errors."""

import threading

from lxml import etree

from tcdesk.portfolio.iati import get_schema, validate_document, validate_element
from tcdesk.portfolio.iati.schema import SCHEMA_DIR


def test_the_four_official_files_are_vendored_with_their_origin_and_licence():
    names = sorted(path.name for path in SCHEMA_DIR.iterdir())
    source = (SCHEMA_DIR / "SOURCE.md").read_text()

    assert names == [
        "SOURCE.md",
        "iati-activities-schema.xsd",
        "iati-common.xsd",
        "iati-organisations-schema.xsd",
        "xml.xsd",
    ]
    assert "IATI/IATI-Schemas" in source
    assert "4c9ba1e84815f57a4ffab03fdbd551ae4c71d08c" in source
    assert "Creative Commons Attribution 4.0" in source
    assert 'version="2.03"' in (SCHEMA_DIR / "iati-activities-schema.xsd").read_text()


def test_each_thread_compiles_a_schema_once_and_keeps_it():
    mine = get_schema("activities")
    other = []
    thread = threading.Thread(target=lambda: other.append(get_schema("activities")))
    thread.start()
    thread.join()

    assert get_schema("activities") is mine
    assert other[0] is not mine


def test_a_document_error_names_its_line():
    document = etree.fromstring(
        b'<iati-activities version="2.03">\n'
        b"<iati-activity>\n"
        b"<iati-identifier>X-1</iati-identifier>\n"
        b"</iati-activity>\n"
        b"</iati-activities>"
    )

    (issue,) = validate_document(document, "activities")

    assert issue.line == 2  # the activity that lacks it
    assert issue.kind == "schema"
    assert "reporting-org" in issue.message


def test_one_activity_validates_on_its_own_as_the_schema_declares_it_globally():
    element = etree.fromstring(b"<iati-activity><iati-identifier>X-1</iati-identifier></iati-activity>")

    (issue,) = validate_element(element, "activities", identifier="X-1")

    assert issue.identifier == "X-1"
    assert "Expected is ( reporting-org )" in issue.message
