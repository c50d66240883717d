"""Dataclasses the parser returns; ``ParsedResolution.to_dict()`` is the JSON contract.

Every paragraph and footnote keeps ``spans``: half-open ``(start, end)`` offsets into
``ParsedResolution.cleaned_text`` (the input with page headers and footers removed).
Together with ``closing`` and annex-heading segments they partition the body, which is
what the property tests check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass(slots=True)
class Subparagraph:
    label: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "text": self.text}


@dataclass(slots=True)
class Preambular:
    index: int
    lead: str | None
    text: str
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "lead": self.lead, "text": self.text}


@dataclass(slots=True)
class Action:
    """One action clause of an operative paragraph ("…, et prie aussi le Secrétaire général de …")."""

    kind: str
    lead: str
    addressees: list[str]
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "lead": self.lead, "addressees": self.addressees}


@dataclass(slots=True)
class Operative:
    number: int
    lead: str | None
    text: str
    subparagraphs: list[Subparagraph]
    addressees: list[str]
    kind: str
    actions: list[Action] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "lead": self.lead,
            "text": self.text,
            "subparagraphs": [sub.to_dict() for sub in self.subparagraphs],
            "addressees": self.addressees,
            "kind": self.kind,
            "actions": [action.to_dict() for action in self.actions],
        }


@dataclass(slots=True)
class FootnoteMarker:
    """Where a footnote is called from: the element it sits in and its offset in cleaned_text."""

    number: int
    element: str  # "preamble:3", "operative:21", "annex:2"
    offset: int


@dataclass(slots=True)
class Footnote:
    number: int
    text: str
    spans: list[Span] = field(default_factory=list)
    markers: list[FootnoteMarker] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "text": self.text,
            "called_from": [marker.element for marker in self.markers],
        }


@dataclass(slots=True)
class Citation:
    kind: str  # "resolution" | "decision" | "document"
    body: str | None  # "GA" | "ECOSOC" | "SC" | None for documents
    ref: str
    occurrences: list[str] = field(default_factory=list)  # elements, e.g. "operative:23", "footnote:7"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "body": self.body, "ref": self.ref, "occurrences": self.occurrences}


@dataclass(slots=True)
class ReportingRequest:
    paragraph: int
    addressee: str | None
    to_session: int | None
    kind: str  # "report": a report due; "transmission": pass on another body's reports

    def to_dict(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "addressee": self.addressee,
            "to_session": self.to_session,
            "kind": self.kind,
        }


@dataclass(slots=True)
class AnnexParagraph:
    section: int  # index into Annex.sections
    number: int | None  # as printed ("1."), None for unnumbered paragraphs
    text: str
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "number": self.number,
            "text": self.text,
            "subparagraphs": [sub.to_dict() for sub in self.subparagraphs],
        }


@dataclass(slots=True)
class AnnexSection:
    heading: str  # as written: "Annexe", "Annex II", "Anexo"
    title: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading, "title": self.title}


@dataclass(slots=True)
class Annex:
    """All annexes of a resolution.

    ``title`` is the first annex's title; ``sections`` lists every annex (one for most
    resolutions); ``paragraphs`` holds the paragraphs of all annexes in order, each
    naming its section.
    """

    title: str | None
    sections: list[AnnexSection]
    paragraphs: list[AnnexParagraph]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "sections": [section.to_dict() for section in self.sections],
            "paragraphs": [paragraph.to_dict() for paragraph in self.paragraphs],
        }


@dataclass(slots=True)
class Segment:
    """A piece of the body: kinds preamble, operative, footnote, closing, annex_heading, annex."""

    kind: str
    ref: int
    start: int
    end: int


@dataclass(slots=True)
class ParsedResolution:
    symbol: str | None
    language: str
    title: str | None
    session: int | None
    body: str | None  # "GA" | "ECOSOC" | "SC"
    adoption_date: str | None  # ISO date
    agenda_item: str | None
    plenary_meeting: int | None
    preamble: list[Preambular]
    operative: list[Operative]
    footnotes: list[Footnote]
    citations: list[Citation]
    reporting_requests: list[ReportingRequest]
    annex: Annex | None
    cleaned_text: str = ""
    body_start: int = 0
    segments: list[Segment] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``parse_resolution --json`` document: contract keys plus documented extras."""
        return {
            "symbol": self.symbol,
            "language": self.language,
            "title": self.title,
            "session": self.session,
            "preamble": [paragraph.to_dict() for paragraph in self.preamble],
            "operative": [paragraph.to_dict() for paragraph in self.operative],
            "footnotes": [footnote.to_dict() for footnote in self.footnotes],
            "citations": [citation.to_dict() for citation in self.citations],
            "reporting_requests": [request.to_dict() for request in self.reporting_requests],
            "annex": self.annex.to_dict() if self.annex else None,
            "body": self.body,
            "adoption_date": self.adoption_date,
            "agenda_item": self.agenda_item,
            "plenary_meeting": self.plenary_meeting,
        }
