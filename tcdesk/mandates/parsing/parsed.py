"""Dataclasses the parser returns; ``ParsedResolution.to_dict()`` is the JSON contract.

Every paragraph and footnote keeps ``spans``: half-open ``(start, end)`` offsets into
``ParsedResolution.cleaned_text`` (the input with page headers and footers removed).
Together with headings, the closing lines, annex headings and the text left over they
partition the body, which is what the property tests check: no character of the body is
lost, and none is in two places.
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
    named: str | None = None  # the addressee as written when it is none of the known entities

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "lead": self.lead, "addressees": self.addressees}


@dataclass(slots=True)
class Operative:
    number: int | None  # None for the single unnumbered paragraph of some resolutions
    lead: str | None
    text: str
    subparagraphs: list[Subparagraph]
    addressees: list[str]
    kind: str
    actions: list[Action] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    heading: str | None = None  # the subheading printed above it, if any
    ref: int = 0  # element reference: "operative:<ref>" (the number, or 1 when unnumbered)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "lead": self.lead,
            "text": self.text,
            "subparagraphs": [sub.to_dict() for sub in self.subparagraphs],
            "addressees": self.addressees,
            "kind": self.kind,
            "actions": [action.to_dict() for action in self.actions],
            "heading": self.heading,
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
    number: int | None  # as printed ("1."), None for unnumbered paragraphs
    text: str
    subparagraphs: list[Subparagraph] = field(default_factory=list)
    heading: str | None = None  # the section heading printed above it ("A call to action")
    ref: int = 0  # element reference "annex:<ref>": annex paragraphs are counted across annexes
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "text": self.text,
            "subparagraphs": [sub.to_dict() for sub in self.subparagraphs],
            "heading": self.heading,
        }


@dataclass(slots=True)
class Annex:
    """One annex: its heading as written ("Annex", "Annex II", "Annexe"), its title, its
    paragraphs (which are not operative paragraphs of the resolution) and the footnotes called
    from them."""

    heading: str
    title: str | None
    paragraphs: list[AnnexParagraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "title": self.title,
            "paragraphs": [paragraph.to_dict() for paragraph in self.paragraphs],
            "footnotes": [footnote.to_dict() for footnote in self.footnotes],
        }


@dataclass(slots=True)
class ParseWarning:
    """Something the parser is unsure of, for the reviewer: ``code`` is one of WARNING_CODES,
    ``elements`` the paragraphs concerned ("operative:3", "footnote:2", "leftover:1"),
    ``details`` the facts the message is made of (numbers, text)."""

    code: str
    message: str
    elements: list[str]
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "elements": self.elements, "details": self.details}


WARNING_CODES = (
    "numbering_jump",  # "3." after paragraph 1
    "numbering_repeat",  # "2." again inside paragraph 3
    "marker_without_footnote",  # "Weapons5" with no footnote 5
    "footnote_without_marker",  # footnote 4 called from nowhere
    "lowercase_start",  # a paragraph opening in lower case: probably the end of another one
    "leftover_text",  # text that belongs to no paragraph
    "session_unreadable",  # "at its eighty-frist session": a session in words that cannot be read
    "damaged_letters",  # "aiirmando uue" for "afirmando que": a PDF whose fonts garbled the text
)


@dataclass(slots=True)
class Leftover:
    """Text of the body that belongs to no paragraph (page debris, stray lines after the closing)."""

    ref: int
    text: str
    after: str | None  # the element it follows ("operative:2"), None at the start
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"ref": self.ref, "text": self.text, "after": self.after}


@dataclass(slots=True)
class Segment:
    """A piece of the body: kinds preamble, operative, footnote, heading, closing, annex_heading,
    annex, leftover."""

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
    annexes: list[Annex] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    leftovers: list[Leftover] = field(default_factory=list)
    cleaned_text: str = ""
    body_start: int = 0
    segments: list[Segment] = field(default_factory=list)

    @property
    def annex(self) -> Annex | None:
        """The first annex (the contract's ``annex``), or None."""
        return self.annexes[0] if self.annexes else None

    def to_dict(self) -> dict[str, Any]:
        """The ``parse_resolution --json`` document: contract keys plus documented extras."""
        annexes = [annex.to_dict() for annex in self.annexes]
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
            "annex": annexes[0] if annexes else None,
            "annexes": annexes,
            "warnings": [warning.to_dict() for warning in self.warnings],
            "leftovers": [leftover.to_dict() for leftover in self.leftovers],
            "body": self.body,
            "adoption_date": self.adoption_date,
            "agenda_item": self.agenda_item,
            "plenary_meeting": self.plenary_meeting,
        }
