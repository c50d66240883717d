"""The structure of a generated report, independent of its format (pure: no Django).

A report is a list of sections; each section holds blocks (numbered paragraphs, tables, sub-headings)
and the figures it computed. Footnotes hang on paragraphs and tables: the renderers number them in
order of appearance, so a figure's note ("data as of…", "source: the query…") follows it in every
format. A table's or chart's source is written under it; its footnote gives the query alone.
Paragraph numbers run through the whole body, as in a United Nations report; the annex is not numbered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

FigureValue = int | Decimal | float | str | None


@dataclass(frozen=True)
class Note:
    """A footnote: the text, and (optionally) the query that reproduces the figure it annotates."""

    text: str
    query: str = ""


@dataclass(frozen=True)
class Para:
    """A numbered paragraph of the body (or an unnumbered one in the annex or summary)."""

    text: str
    notes: tuple[Note, ...] = ()
    numbered: bool = True


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a section (a lettered heading, e.g. "A. Requests received")."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table with a caption, a header row, body rows (already formatted text) and its source note."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: Note | None = None
    key: str = ""  # stable name, e.g. "annex" (the renderers and tests find a table by it)


@dataclass(frozen=True)
class Chart:
    """A figure: the same drawing as SVG (vector, for HTML and PDF) and PNG (for DOCX), with its source."""

    caption: str
    svg: str
    png: bytes
    width_cm: float = 15.5
    source: Note | None = None
    key: str = ""


Block = Para | Heading | Table | Chart


@dataclass
class Section:
    """One section of the report: a title and its blocks, plus the figures it computed (by name)."""

    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    figures: dict[str, FigureValue] = field(default_factory=dict)
    annex: bool = False

    def para(self, text: str, *notes: Note) -> None:
        self.blocks.append(Para(text, tuple(notes)))

    def heading(self, text: str) -> None:
        self.blocks.append(Heading(text))

    def table(self, table: Table) -> None:
        self.blocks.append(table)


@dataclass
class Masthead:
    """The first-page conventions: symbol, distribution, date, original language, session, agenda item."""

    body: str  # "General Assembly"
    symbol: str  # a placeholder until the document is registered, e.g. "A/61/[…]"
    distribution: str  # "Distr.: General"
    date: str  # formatted in the report's language
    original: str  # "Original: English"
    session: str  # "Sixty-first session"
    agenda_item: str
    title: str
    subtitle: str  # "Report of the Secretary-General"


@dataclass
class Document:
    """A whole report: masthead, summary, body sections, annexes; the figures of all sections."""

    language: str
    masthead: Masthead
    summary: list[str]
    sections: list[Section]

    @property
    def body(self) -> list[Section]:
        return [s for s in self.sections if not s.annex]

    @property
    def annexes(self) -> list[Section]:
        return [s for s in self.sections if s.annex]

    @property
    def figures(self) -> dict[str, FigureValue]:
        merged: dict[str, FigureValue] = {}
        for section in self.sections:
            merged.update(section.figures)
        return merged

    def numbered_paragraphs(self) -> int:
        return sum(1 for s in self.body for b in s.blocks if isinstance(b, Para) and b.numbered)

    def table(self, key: str) -> Table | None:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Table) and block.key == key:
                    return block
        return None

    def footnotes(self) -> list[Note]:
        """Every note in order of appearance (the renderers number them 1, 2, … in this order)."""
        found: list[Note] = []
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Para):
                    found.extend(block.notes)
                elif isinstance(block, Table | Chart):
                    found.extend(source_note(block))
        return found


def source_note(block: Table | Chart) -> tuple[Note, ...]:
    """The footnote of a table's or chart's source: its query only (the source line under the table
    already gives the text); none when the source names no query."""
    if block.source is None or not block.source.query:
        return ()
    return (Note("", block.source.query),)
