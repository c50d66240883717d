"""What the review page shows of a draft: the paragraphs in order, the warnings in the user's
language with the paragraphs they concern, and which corrections each paragraph allows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .parsing.corrections import inline_subparagraphs


def warning_message(warning: dict[str, Any]) -> str:
    """The warning in the user's language (the parser's own message is English)."""
    details = warning.get("details") or {}
    code = warning.get("code")
    if code == "numbering_jump":
        return (
            _(
                "The numbering jumps from %(after)s to %(found)s: a paragraph may be missing, or merged into the one before."  # noqa: E501
            )
            % details
        )
    if code == "numbering_repeat":
        return (
            _(
                "A line numbered %(found)s inside a later paragraph: two paragraphs may have been merged, or a number repeated."  # noqa: E501
            )
            % details
        )
    if code == "marker_without_footnote":
        return _("Footnote marker %(number)s has no footnote text.") % details
    if code == "footnote_without_marker":
        return _("Footnote %(number)s is called from nowhere in the text: its marker was not found.") % details
    if code == "lowercase_start":
        return _("This paragraph opens in lower case (“%(text)s…”): it may be the end of the paragraph before it.") % {
            "text": str(details.get("text", ""))[:40]
        }
    if code == "leftover_text":
        return _("Text that belongs to no paragraph: “%(text)s”.") % {"text": str(details.get("text", ""))[:80]}
    if code == "session_unreadable":
        return _("The session “%(words)s” could not be read as a number: the report's session is left empty.") % details
    if code == "damaged_letters":
        return (
            _(
                "%(count)s words hold letter pairs these languages do not write (%(words)s): the PDF's fonts may have garbled the text. Compare it with the document, or load its text instead."  # noqa: E501
            )
            % details
        )
    return str(warning.get("message") or code)


@dataclass
class ReviewParagraph:
    element: str  # "operative:3"
    kind: str  # preamble | operative | annex
    number: int | None
    lead: str
    text: str
    heading: str | None
    subparagraphs: int
    warned: bool
    can_merge: bool
    can_move_next: bool
    anchor: str = ""

    def __post_init__(self) -> None:
        self.anchor = "el-" + self.element.replace(":", "-")


@dataclass
class ReviewWarning:
    code: str
    message: str
    elements: list[tuple[str, str]]  # (element, anchor)


@dataclass
class ReviewDocument:
    preamble: list[ReviewParagraph] = field(default_factory=list)
    operative: list[ReviewParagraph] = field(default_factory=list)
    annexes: list[tuple[str, str, list[ReviewParagraph]]] = field(default_factory=list)
    footnotes: list[dict[str, Any]] = field(default_factory=list)
    leftovers: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[ReviewWarning] = field(default_factory=list)
    summary: str = ""


def _paragraphs(kind: str, rows: list[tuple[str, dict]], warned: set[str]) -> list[ReviewParagraph]:
    out = []
    for position, (element, data) in enumerate(rows):
        subs = data.get("subparagraphs")
        out.append(
            ReviewParagraph(
                element=element,
                kind=kind,
                number=data.get("index") if kind == "preamble" else data.get("number"),
                lead=data.get("lead") or "",
                text=data.get("text") or "",
                heading=data.get("heading"),
                subparagraphs=len(subs) if subs is not None else len(inline_subparagraphs(data.get("text") or "")),
                warned=element in warned,
                can_merge=position > 0,
                can_move_next=position + 1 < len(rows),
            )
        )
    return out


def review_document(document: dict[str, Any]) -> ReviewDocument:
    warnings = document.get("warnings") or []
    warned = {element for warning in warnings for element in warning.get("elements") or []}
    review = ReviewDocument()
    review.preamble = _paragraphs(
        "preamble", [(f"preamble:{p['index']}", p) for p in document.get("preamble") or []], warned
    )
    review.operative = _paragraphs(
        "operative",
        [
            (f"operative:{p['number'] if p.get('number') is not None else position}", p)
            for position, p in enumerate(document.get("operative") or [], start=1)
        ],
        warned,
    )
    order = 0
    for annex in document.get("annexes") or []:
        rows = []
        for paragraph in annex.get("paragraphs") or []:
            order += 1
            rows.append((f"annex:{order}", paragraph))
        review.annexes.append(
            (annex.get("heading") or _("Annex"), annex.get("title") or "", _paragraphs("annex", rows, warned))
        )
    # Annex paragraphs merge and move only within the annexes taken together.
    annex_paragraphs = [paragraph for _h, _t, rows in review.annexes for paragraph in rows]
    for position, paragraph in enumerate(annex_paragraphs):
        paragraph.can_merge, paragraph.can_move_next = position > 0, position + 1 < len(annex_paragraphs)
    notes = list(document.get("footnotes") or [])
    for annex in document.get("annexes") or []:
        notes += annex.get("footnotes") or []
    review.footnotes = [
        {**note, "anchor": f"el-footnote-{note['number']}", "warned": f"footnote:{note['number']}" in warned}
        for note in notes
    ]
    review.leftovers = [
        {**leftover, "anchor": f"el-leftover-{leftover['ref']}"} for leftover in document.get("leftovers") or []
    ]
    review.warnings = [
        ReviewWarning(
            code=warning.get("code", ""),
            message=warning_message(warning),
            elements=[(element, "el-" + element.replace(":", "-")) for element in warning.get("elements") or []],
        )
        for warning in warnings
    ]
    annex_count = len(annex_paragraphs)
    review.summary = ngettext(
        "%(p)s preambular and %(o)s operative paragraphs, %(a)s annex paragraph, %(f)s footnotes",
        "%(p)s preambular and %(o)s operative paragraphs, %(a)s annex paragraphs, %(f)s footnotes",
        annex_count,
    ) % {"p": len(review.preamble), "o": len(review.operative), "a": annex_count, "f": len(review.footnotes)}
    return review
