"""The generated DOCX and PDF, read back with python-docx and pypdf, state the figures the records hold,
in English, French and Spanish, with UN document conventions (numbered paragraphs, tables, notes, annex)."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pypdf
import pytest
from lxml import etree

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


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
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
    assert "16 de diciembre de 2005" in docx_text(rendered["es"]["docx"])


def test_a_spanish_report_has_spanish_headings_and_reference_names(rendered):
    """A report generated in Spanish reads as a UN document in Spanish: its headings, and the names of
    regions, country groups and instruments taken from the reference data, are Spanish, not English."""
    text = squash(docx_text(rendered["es"]["docx"]))
    pdf = squash(pdf_text(rendered["es"]["pdf"]))
    expected = rendered["es"]["expected"]
    for spanish in (
        "Informe del Secretario General",
        "Asamblea General",
        "Resumen",
        "Asistencia técnica",
        "Solicitudes por región",
        "Original: español",
        "sexagésimo primer período de sesiones",
        f"se recibieron de los Estados {expected['requests_received']} solicitudes de asistencia técnica",
        # Reference data in Spanish: M49 regions, a country group, an instrument's short name.
        "África",
        "Américas",
        "Países menos adelantados",
        "Convención contra la Delincuencia Organizada",
    ):
        assert spanish in text, spanish
    assert "Informe del Secretario General" in pdf and "África" in pdf
    english = [
        "Technical assistance",
        "Report of the Secretary-General",
        "General Assembly",
        "Summary",
        "Requests by region",
        "Original: English",
        "Africa",
        "Americas",
        "Least developed countries",
        "Organized Crime Convention",
    ]
    assert [h for h in english if h in text or h in pdf] == []


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_footnotes(data: bytes) -> dict[int, str]:
    """The footnotes part of the package, read with zipfile and lxml (not with the renderer's code)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
        assert 'PartName="/word/footnotes.xml"' in types and "wordprocessingml.footnotes+xml" in types
        assert 'relationships/footnotes" Target="footnotes.xml"' in rels
        root = etree.fromstring(package.read("word/footnotes.xml"))
        settings = etree.fromstring(package.read("word/settings.xml"))
    assert [n.get(f"{W}id") for n in settings.iter(f"{W}footnote")] == ["-1", "0"]
    notes = {}
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator"):
            continue
        assert note.find(f".//{W}footnoteRef") is not None  # Word prints the note's number there
        notes[int(note.get(f"{W}id"))] = squash("".join(t.text or "" for t in note.iter(f"{W}t"))).strip()
    return notes


def references(paragraph) -> list[int]:
    return [int(ref.get(f"{W}id")) for ref in paragraph._p.iter(f"{W}footnoteReference")]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_docx_has_real_footnotes_called_where_the_figures_are(rendered, lang):
    data = rendered[lang]["docx"]
    notes = docx_footnotes(data)
    document = rendered[lang]["document"]
    assert len(notes) == len(document.footnotes())
    word = docx_read(data)
    paragraphs = list(word.paragraphs) + [p for t in word.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    called = [number for p in paragraphs for number in references(p)]
    # Every note is called exactly once, in the order of the notes (Word numbers them so).
    assert sorted(called) == sorted(notes) and len(called) == len(set(called))
    assert [n for n in called if n in notes] == sorted(notes)
    received = next(p for p in word.paragraphs if "assistance" in p.text and p.text[:1].isdigit() and references(p))
    note = notes[references(received)[0]]
    assert "GET /api/reports/sources/requests?from=2005-12-16&to=2006-06-30" in note
    # The footnote texts are in the notes part, not written out in the body.
    body = squash(docx_text(data))
    assert "GET /api/reports/sources/requests" not in body and "GET /api/requests?" not in body
    as_at = "as at 30 June 2006" if lang == "en" else "au 30 juin 2006"
    assert any(as_at in text for text in notes.values())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdf_footnotes_stand_at_the_foot_of_the_page_that_calls_them(rendered, lang):
    pages = [squash(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(rendered[lang]["pdf"])).pages]
    marker = "requests for technical assistance were received" if lang == "en" else "demandes d’assistance technique"
    page = next(text for text in pages if marker in text)
    assert "sources/requests?from=2005-12-16&to=2006-06-30" in page.replace(" ", "")
    assert page.index(marker) < page.replace(" GET", "GET").index("GET")
    # No notes list at the end: each note is on its own page.
    assert not pages[-1].rstrip().endswith("Notes")


def test_the_docx_charts_are_svg_with_a_png_fallback(rendered):
    """Read with zipfile and lxml: each picture's blip has the SVG extension pointing to an SVG part."""
    with zipfile.ZipFile(io.BytesIO(rendered["en"]["docx"])) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        r_embed = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
        svg_blip = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
        blips = list(body.iter(f"{a}blip"))
        assert len(blips) == sum(
            1 for s in rendered["en"]["document"].sections for b in s.blocks if type(b).__name__ == "Chart"
        )
        assert len(blips) >= 2  # the requests by region and the map
        for blip in blips:
            assert targets[blip.get(r_embed)].endswith(".png")
            svg = next(blip.iter(svg_blip))
            drawing = package.read("word/" + targets[svg.get(r_embed)])
            assert drawing.lstrip().startswith(b"<svg") and b"<path" in drawing
        types = package.read("[Content_Types].xml").decode()
        assert "image/svg+xml" in types
