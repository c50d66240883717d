"""What the parser is unsure of: the warnings shown at the review step before anything is stored.

Each warning names the elements concerned ("operative:3", "footnote:2", "leftover:1") so that
the review page can highlight them. Messages are plain English; ``code`` and ``details`` let the
application word them in other languages.
"""

from __future__ import annotations

import bisect

from .parsed import Footnote, ParsedResolution, ParseWarning
from .segmenting import Notice


def review(
    parsed: ParsedResolution,
    footnotes: list[Footnote],
    notices: list[Notice],
    unread_sessions: list[tuple[str, str]],
    masked: str,
    unmatched: list[tuple[int, int]],
) -> list[ParseWarning]:
    """Every warning about a parse, in the order of the document's parts."""
    warnings: list[ParseWarning] = []
    for notice in notices:
        where = f"{notice.element.kind}:{notice.element.ref}"
        if notice.code == "numbering_jump":
            warnings.append(
                ParseWarning(
                    "numbering_jump",
                    f"The numbering jumps from {notice.expected - 1} to {notice.found}: a paragraph may be "
                    "missing, or merged into the one before.",
                    [where],
                    {"after": notice.expected - 1, "found": notice.found},
                )
            )
        else:
            warnings.append(
                ParseWarning(
                    "numbering_repeat",
                    f"A line numbered {notice.found} inside a later paragraph: two paragraphs may have been "
                    "merged, or a number repeated.",
                    [where],
                    {"found": notice.found},
                )
            )
    paragraphs = [
        *((f"preamble:{p.index}", p.text) for p in parsed.preamble),
        *((f"operative:{p.ref}", p.text) for p in parsed.operative),
        *((f"annex:{p.ref}", p.text) for annex in parsed.annexes for p in annex.paragraphs),
    ]
    for where, text in paragraphs:
        if text[:1].islower():
            warnings.append(
                ParseWarning(
                    "lowercase_start",
                    f"This paragraph opens in lower case (“{text[:40]}…”): it may be the end of the paragraph "
                    "before it.",
                    [where],
                    {"text": text[:60]},
                )
            )
    numbers = {footnote.number for footnote in footnotes}
    for footnote in footnotes:
        if not footnote.markers and footnote.number > 0:
            warnings.append(
                ParseWarning(
                    "footnote_without_marker",
                    f"Footnote {footnote.number} is called from nowhere in the text: its marker was not found.",
                    [f"footnote:{footnote.number}"],
                    {"number": footnote.number},
                )
            )
    for offset, number in unmatched:
        if number in numbers or number == 0:
            continue
        where = _element_at(parsed, offset)
        warnings.append(
            ParseWarning(
                "marker_without_footnote",
                f"A footnote marker {number} (“{_context(masked, offset)}”) has no footnote text.",
                [where] if where else [],
                {"number": number},
            )
        )
    for leftover in parsed.leftovers:
        warnings.append(
            ParseWarning(
                "leftover_text",
                f"Text that belongs to no paragraph: “{leftover.text[:80]}”.",
                [f"leftover:{leftover.ref}", *([leftover.after] if leftover.after else [])],
                {"text": leftover.text[:200]},
            )
        )
    for where, words in unread_sessions:
        warnings.append(
            ParseWarning(
                "session_unreadable",
                f"The session “{words}” could not be read as a number: the report's session is left empty.",
                [where],
                {"words": words},
            )
        )
    return warnings


def _element_at(parsed: ParsedResolution, offset: int) -> str | None:
    starts = [segment.start for segment in parsed.segments]
    position = bisect.bisect_right(starts, offset) - 1
    if position < 0:
        return None
    segment = parsed.segments[position]
    return f"{segment.kind}:{segment.ref}"


def _context(text: str, offset: int) -> str:
    return " ".join(text[max(0, offset - 25) : offset + 3].replace("\x00", "").split())
