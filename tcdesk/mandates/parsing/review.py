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
        element = _element_at(parsed, offset)
        warnings.append(
            ParseWarning(
                "marker_without_footnote",
                f"A footnote marker {number} (“{_context(masked, offset)}”) has no footnote text.",
                [element] if element else [],
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
    damaged = (
        [(where, word) for where, text in paragraphs for word in damaged_words(text)]
        if any(pair in masked for pair in _DOUBLED_LETTERS)  # two scans of the text rule most texts out
        else []
    )
    if len(damaged) >= _DAMAGE_ENOUGH:
        examples = list(dict.fromkeys(word for _where, word in damaged))[:4]
        quoted = ", ".join(f"“{word}”" for word in examples)
        warnings.append(
            ParseWarning(
                "damaged_letters",
                f"{len(damaged)} words hold letter pairs these languages do not write ({quoted}): the PDF's "
                "fonts may have garbled the text. Compare it with the document, or load its text instead.",
                list(dict.fromkeys(where for where, _word in damaged))[:_DAMAGE_ELEMENTS],
                {"count": len(damaged), "words": ", ".join(examples)},
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


# Letter pairs that English, French and Spanish do not write inside a word. A PDF whose fonts map
# glyphs to the wrong letters gives them by the dozen: the official Spanish PDF of A/RES/77/247, read
# by pypdf, prints "aiirmando uue" for "afirmando que" 91 times. A few real words are exceptions, and
# lower-case Roman numerals ("(ii)", "xiii") are no words.
_DOUBLED_LETTERS = ("ii", "uu")
_WORDS_WITH_DOUBLED_LETTERS = frozenset(
    ["vacuum", "vacuums", "continuum", "hawaii", "radii", "skiing", "taxiing", "pompeii", "chiita", "chiitas"]
)
_ROMAN_DIGITS = frozenset("ivxlcdm")
_DAMAGE_ENOUGH = 5  # one or two odd words are names; five mean a damaged text
_DAMAGE_ELEMENTS = 20  # elements named by the warning, at most


def damaged_words(text: str) -> list[str]:
    """The words of ``text`` holding a letter pair no supported language writes ("aiirmando", "uue").

    Found from substring searches for the pairs (a text without them costs two scans), each word then
    read out around its pair."""
    found = []
    for pair in _DOUBLED_LETTERS:
        at = text.find(pair)
        while at >= 0:
            start, end = at, at + len(pair)
            while start > 0 and text[start - 1].isalpha():
                start -= 1
            while end < len(text) and text[end].isalpha():
                end += 1
            word = text[start:end]
            lowered = word.lower()
            if not set(lowered) <= _ROMAN_DIGITS and lowered not in _WORDS_WITH_DOUBLED_LETTERS:
                found.append(word)
            at = text.find(pair, end)
    return found
