"""The generated DOCX and PDF, read back with python-docx and pypdf, state the figures the records hold,
in English and in French, with UN document conventions (numbered paragraphs, tables, notes, annex)."""

from __future__ import annotations

import io
import re

import docx
import pypdf
import pytest

from tcdesk.reports import labels
from tcdesk.reports.render.docx import render_docx

from .conftest import ON

pytestmark = pytest.mark.django_db


def docx_read(data: bytes):
    return docx.Document(io.BytesIO(data))


def docx_text(data: bytes) -> str:
    word = docx_read(data)
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def squash(text: str) -> str:
    """Text with every run of spaces (incl. no-break and narrow no-break spaces, line breaks) made one space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_figures_of_the_document_are_those_of_the_records(rendered, lang):
    figures = rendered[lang]["document"].figures
    expected = rendered[lang]["expected"]
    for name in (
        "requests_received",
        "requests_accepted",
        "requests_declined",
        "requests_received_ldc",
        "new_parties_UNTOC",
    ):
        assert figures[name] == expected[name], name
    assert figures["annex_rows"] == len(expected["operative"])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_docx_states_the_counts_of_requests_in_the_language(rendered, lang):
    text = squash(docx_text(rendered[lang]["docx"]))
    expected = rendered[lang]["expected"]
    if lang == "en":
        assert f"{expected['requests_received']} requests for technical assistance were received" in text
        assert "between 16 December 2005 and 30 June 2006" in text.replace("Between", "between")
    else:
        assert f"{expected['requests_received']} demandes d’assistance technique ont été reçues" in text
        assert "16 décembre 2005" in text and "30 juin 2006" in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_annex_is_a_table_whose_first_column_holds_the_operative_paragraph_numbers(rendered, lang):
    word = docx_read(rendered[lang]["docx"])
    annex = word.tables[-1]
    numbers = [int(row.cells[0].text) for row in annex.rows[1:]]
    assert numbers == rendered[lang]["expected"]["operative"]
    # The paragraph with evidence shows it, as at the period's end.
    six = next(row for row in annex.rows[1:] if row.cells[0].text == "6")
    assert "Training of judges in Bamako" in six.cells[3].text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_region_table_adds_up_to_the_requests_received(rendered, lang):
    word = docx_read(rendered[lang]["docx"])
    table = next(t for t in word.tables if len(t.rows[0].cells) == 4 and "Total" in t.rows[-1].cells[0].text)
    body = [int(row.cells[1].text) for row in table.rows[1:-1]]
    assert sum(body) == int(table.rows[-1].cells[1].text) == rendered[lang]["expected"]["requests_received"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_paragraphs_are_numbered_through_the_report(rendered, lang):
    word = docx_read(rendered[lang]["docx"])
    numbers = [int(m.group(1)) for p in word.paragraphs if (m := re.match(r"^(\d+)\.\t", p.text))]
    assert numbers == list(range(1, rendered[lang]["document"].numbered_paragraphs() + 1))
    assert len(numbers) >= 8


def test_a_french_report_has_no_english_headings(rendered):
    text = docx_text(rendered["fr"]["docx"]) + pdf_text(rendered["fr"]["pdf"])
    english = [
        "Technical assistance",
        "Ratification and implementation",
        "Conclusions and recommendations",
        "Report of the Secretary-General",
        "General Assembly",
        "Summary",
        "Requests by region",
        "Source:",
        "Received",
        "Status of the operative paragraphs",
        "Distr.: General",
        "Original: English",
    ]
    assert [h for h in english if h in text] == []
    assert "Rapport du Secrétaire général" in text and "Assemblée générale" in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_pdf_states_the_same_figures_with_the_masthead_and_footnotes(rendered, lang):
    text = squash(pdf_text(rendered[lang]["pdf"]))
    expected = rendered[lang]["expected"]
    assert "A/61/[…]" in text
    if lang == "en":
        assert "Sixty-first session" in text and "Report of the Secretary-General" in text
        assert f"{expected['requests_received']} requests for technical assistance were received" in text
        assert "as at 30 June 2006" in text  # the footnote giving the date the data is as of
    else:
        assert "Soixante et unième session" in text and "Rapport du Secrétaire général" in text
        assert f"{expected['requests_received']} demandes d’assistance technique ont été reçues" in text
        assert "au 30 juin 2006" in text
    assert "GET/api/requests?submitted_from=2005-12-16&submitted_to=2006-06-30" in text.replace(" ", "")


def test_the_same_records_and_period_give_the_same_docx_bytes(rendered):
    document = rendered["en"]["document"]
    again = render_docx(document, labels.renderer_labels("en"), on=ON)
    assert again == rendered["en"]["docx"]


def test_numbers_are_formatted_per_language(rendered):
    assert "16 December 2005" in docx_text(rendered["en"]["docx"])
    assert "16 décembre 2005" in docx_text(rendered["fr"]["docx"])
