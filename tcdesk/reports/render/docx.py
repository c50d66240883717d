"""The report as a Word document (python-docx), following United Nations document conventions:
the masthead (body, symbol, distribution, date, original language), session and agenda item, title,
summary, sections numbered with Roman numerals, paragraphs numbered through the report, numbered
tables with their source, charts as SVG (vector; the PNG stays as the fallback of older readers), real
Word footnotes (the note's text and the query behind each figure, at the foot of the page; see
`docx_notes`) and the annex, whose table has the operative paragraph numbers in its first column.

The zip entries carry the document's date, so the same records and period give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from ..document import Document
from . import layout, roman
from .docx_notes import Footnotes, add_svg

FONT = "Times New Roman"


def render_docx(document: Document, labels: dict[str, str], *, on: dt.date) -> bytes:
    """`labels` holds the few words the renderer writes itself, in the report's language:
    united_nations, summary, notes, table, source, annex."""
    word = new_docx()
    page = word.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = Cm(21), Cm(29.7)
    page.left_margin = page.right_margin = Cm(2.5)
    page.top_margin = page.bottom_margin = Cm(2.2)
    style = word.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    properties = word.core_properties
    moment = dt.datetime.combine(on, dt.time.min)
    properties.author = "tcdesk"
    properties.last_modified_by = "tcdesk"
    properties.created = properties.modified = moment
    properties.revision = 1
    properties.title = document.masthead.title
    properties.language = document.language

    _masthead(word, document, labels)
    laid, notes = layout(document)
    footnotes = Footnotes(word)
    by_number = dict(notes)

    def call(paragraph, numbers: list[int]) -> None:
        for number in numbers:
            footnotes.call(paragraph, by_number[number].text, by_number[number].query)

    word.add_paragraph().add_run(labels["summary"]).bold = True
    for line in document.summary:
        word.add_paragraph(line).paragraph_format.left_indent = Cm(1)
    for block in laid:
        if block.section.annex:
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            heading = word.add_paragraph()
            heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
            heading.add_run(labels["annex"]).bold = True
            title = word.add_paragraph()
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            title.add_run(block.section.title).bold = True
        else:
            heading = word.add_paragraph()
            heading.paragraph_format.space_before = Pt(12)
            heading.add_run(f"{block.label}\t{block.section.title}").bold = True
        for item in block.items:
            if item.kind == "heading":
                word.add_paragraph().add_run(item.text).bold = True
            elif item.kind == "para":
                paragraph = word.add_paragraph()
                paragraph.paragraph_format.left_indent = Cm(1)
                paragraph.paragraph_format.first_line_indent = Cm(-1) if item.number else None
                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                if item.number:
                    paragraph.add_run(f"{item.number}.\t")
                paragraph.add_run(item.text)
                call(paragraph, item.notes)
            elif item.kind == "table" and item.table is not None:
                _table(word, item, labels, call)
            elif item.kind == "chart" and item.chart is not None:
                _chart(word, item, labels, call)
    footnotes.attach()
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip(buffer.getvalue(), on)


def _masthead(word, document: Document, labels: dict[str, str]) -> None:
    head = document.masthead
    table = word.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run(labels["united_nations"]).bold = True
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    right.paragraphs[0].add_run(head.symbol).font.size = Pt(14)
    body, dist = table.rows[1].cells
    body.paragraphs[0].add_run(head.body).font.size = Pt(16)
    for line in (head.distribution, head.date, head.original):
        paragraph = dist.add_paragraph(line)
        paragraph.paragraph_format.space_after = Pt(0)
    dist.paragraphs[0].text = ""
    if head.session:
        word.add_paragraph().add_run(head.session).bold = True
    if head.agenda_item:
        word.add_paragraph(head.agenda_item)
    title = word.add_paragraph()
    title.paragraph_format.space_before = Pt(12)
    title.add_run(head.title).bold = True
    title.runs[0].font.size = Pt(14)
    subtitle = word.add_paragraph()
    subtitle.add_run(head.subtitle).bold = True


def _table(word, item, labels: dict[str, str], call) -> None:
    table_def = item.table
    caption = word.add_paragraph()
    caption.paragraph_format.space_before = Pt(6)
    caption.add_run(f"{labels['table']} {item.number}").bold = False
    word.add_paragraph().add_run(item.text).bold = True
    table = word.add_table(rows=1, cols=len(table_def.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, table_def.header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).italic = True
    for row in table_def.rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = text
            if index > 0 and _numeric(text):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table_def.source is not None:
        source = word.add_paragraph()
        source.add_run(f"{labels['source']} {table_def.source.text}").font.size = Pt(8)
        call(source, item.notes)


def _chart(word, item, labels: dict[str, str], call) -> None:
    chart = item.chart
    caption = word.add_paragraph()
    caption.paragraph_format.space_before = Pt(6)
    caption.add_run(f"{labels['figure']} {roman(item.number)}")
    word.add_paragraph().add_run(item.text).bold = True
    shape = word.add_picture(io.BytesIO(chart.png), width=Cm(chart.width_cm))
    add_svg(word, shape, chart.svg, item.number)
    if chart.source is not None:
        source = word.add_paragraph()
        source.add_run(f"{labels['source']} {chart.source.text}").font.size = Pt(8)
        call(source, item.notes)


def _numeric(text: str) -> bool:
    stripped = text.replace("\u00a0", "").replace(" ", "").replace(",", "").replace(".", "").replace("%", "")
    return stripped.replace("percent", "").isdigit() or text == "—"


def _fixed_zip(data: bytes, on: dt.date) -> bytes:
    """Rewrite the package with every entry dated `on`, in the same order: reproducible bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(on.year, on.month, on.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
