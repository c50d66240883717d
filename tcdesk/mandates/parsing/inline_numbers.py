"""Paragraph numbers inside a line, where an extraction put a paragraph's start after other text.

Plain Python, no Django.
"""

from __future__ import annotations

import re

from .vocabulary import USUAL_PREAMBLE_WORDS, operative_lead

_INLINE_NUMBER_HEAD = re.compile(r"^[ \t]*(?:[IVXLC]+\.[ \t]+|[A-Z]\.[ \t]+)?[A-Z][^\n.;:!?]{2,200}?[ \t]$")


def inline_number(line: str, expected: int) -> int | None:
    """Where paragraph ``expected`` starts inside a line that opens with a heading ("II. Implementation
    of the Programme 13. We reaffirm…"), or None."""
    needle = f" {expected}. "
    cut = line.find(needle, 0, 260)
    if cut <= 0:
        return None
    rest = line[cut + len(needle) : cut + len(needle) + 1]
    if not (rest.isupper() or rest in '«“"('):
        return None
    return cut + 1 if _INLINE_NUMBER_HEAD.match(line, 0, cut + 1) else None


# A word before a paragraph number that makes "N. " part of a reference, not a paragraph's start.
_REFERENCE_WORDS = frozenset(
    ["No.", "Nos.", "no.", "para.", "paras.", "art.", "arts.", "vol.", "p.", "pp.", "chap.", "sect."]
)
_MARKER_DEBRIS = "\x00 \t0123456789"  # masked or unmasked footnote markers and spaces


def run_on_number(line: str, expected: int, lang: str) -> int | None:
    """Where a paragraph numbered ``expected`` or ``expected + 1`` starts inside ``line`` after
    the end of another ("…for Sustainable Development.2 2. We acknowledge…"), or None.

    Extractions that join lines into paragraphs sometimes run several paragraphs into one line.
    Only the numbers the sequence expects next are looked for, and only after a sentence end
    (a footnote marker may follow it) that is not a reference's abbreviation ("Supplement No. 2.");
    a first operative paragraph may follow the preamble's comma when it opens with an operative
    verb ("…2024, 1. Reaffirms …").
    """
    for number in (expected, expected + 1):
        needle = f" {number}. "
        cut = line.find(needle, 1)
        while cut > 0:
            after = line[cut + len(needle) : cut + len(needle) + 1]
            if after.isupper() or (after and after in '«“"('):
                before = line[:cut].rstrip(_MARKER_DEBRIS)
                if before.endswith((".", ";", ":", ".”", ".»", ";”", ".)")):
                    if before.rsplit(None, 1)[-1] not in _REFERENCE_WORDS:
                        return cut + 1
                elif (
                    number == 1
                    and before.endswith(",")
                    and operative_lead(line[cut + len(needle) :], lang)[1] != "other"
                ):
                    return cut + 1
            cut = line.find(needle, cut + 1)
    return None


# ", Recalling its …" inside a line: a comma, then one of the usual opening words of a preambular
# paragraph (longest first, so that "Re-emphasizing" is not read as a shorter word), then a word.
_RUN_ON_PREAMBLE = {
    lang: re.compile(
        r",[ \t]+(?P<word>"
        + "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
        # A word, or the line's end: a layout extraction of such a text may wrap the line right there.
        + r")(?:[ \t]+(?=[^\W\d_])|[ \t]*(?=\n|$))"
    )
    for lang, words in USUAL_PREAMBLE_WORDS.items()
}


def run_on_preambles(line: str, lang: str) -> list[int]:
    """Where preambular paragraphs start inside ``line`` after the comma that ends another ("… the
    views expressed on it, Recalling its relevant resolutions …"), in order: found in one pass, so
    that a line of many run-on paragraphs is read once.

    Extractions that join lines sometimes run preambular paragraphs into one line. Inside a
    paragraph the words after a comma are in lower case: a usual opening word of a preambular
    paragraph with a capital ("Recalling", "Rappelant", "Recordando"), followed by a lower-case
    word or ending the line, opens the next one.
    """
    return [
        found.start("word")
        for found in _RUN_ON_PREAMBLE[lang].finditer(line)
        if line[found.end() : found.end() + 1].islower() or not line[found.end() :].strip()
    ]
