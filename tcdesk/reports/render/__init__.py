"""Renderers of a `Document`: DOCX (python-docx), HTML (the preview, and the PDF through WeasyPrint).

`layout()` gives every format the same numbering: body paragraphs 1, 2, … through the whole report;
tables 1, 2, …; footnotes 1, 2, … in order of appearance. Pure: no Django here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Chart, Document, Heading, Note, Para, Section, Table, source_note

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def roman(number: int) -> str:
    return ROMAN[number - 1] if 0 < number <= len(ROMAN) else str(number)


@dataclass
class Item:
    kind: str  # "para" | "heading" | "table" | "chart"
    text: str = ""
    number: int | None = None  # paragraph or table number
    notes: list[int] = field(default_factory=list)  # footnote numbers
    table: Table | None = None
    chart: Chart | None = None


@dataclass
class LaidOut:
    section: Section
    label: str  # "I." in the body; "" in an annex
    items: list[Item]


def layout(document: Document) -> tuple[list[LaidOut], list[tuple[int, Note]]]:
    """Sections with numbered items, and the footnotes as (number, note)."""
    notes: list[tuple[int, Note]] = []
    paragraph = table_number = chart_number = 0

    def note_numbers(found: tuple[Note, ...]) -> list[int]:
        numbers = []
        for note in found:
            notes.append((len(notes) + 1, note))
            numbers.append(len(notes))
        return numbers

    laid: list[LaidOut] = []
    body_index = 0
    for section in document.sections:
        items: list[Item] = []
        for block in section.blocks:
            if isinstance(block, Para):
                number = None
                if block.numbered and not section.annex:
                    paragraph += 1
                    number = paragraph
                items.append(Item("para", block.text, number, note_numbers(block.notes)))
            elif isinstance(block, Heading):
                items.append(Item("heading", block.text))
            elif isinstance(block, Table):
                table_number += 1
                items.append(Item("table", block.caption, table_number, note_numbers(source_note(block)), block))
            elif isinstance(block, Chart):
                chart_number += 1
                items.append(Item("chart", block.caption, chart_number, note_numbers(source_note(block)), chart=block))
        label = ""
        if not section.annex:
            label = ROMAN[body_index] + "." if body_index < len(ROMAN) else f"{body_index + 1}."
            body_index += 1
        laid.append(LaidOut(section, label, items))
    return laid, notes
