"""Footnote markers in the body text: where each footnote is called from.

Markers glued to words ("Millénaire1", "2024,1", "59/1599", "Agenda”,1"), to years ("19904")
or spaced away from their word ("Outcome, 1  sports", "Parties, 8and") are found by matching
the numbers of the footnotes read by ``layout.lay_out``, and masked with NUL characters in
``Layout.masked`` (same length as ``cleaned``, so offsets stay valid) so that later stages read
"59/159". A spaced marker is taken only where the footnote numbering supports it (after the
previous footnote's marker, before its own note). Plain Python, no Django.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .spaced_markers import ABBREVIATED_NUMBERING, CLOSING, YEAR, spaced_marker

if TYPE_CHECKING:
    from .layout import Layout

# One pass finds ASCII digit runs and superscript runs ("Millénaire¹") alike. A single character
# class scans several times faster than an alternation; the rare mixed run ("2005¹") is split
# afterwards with _DIGITS.
_DIGIT_RUN = re.compile(r"[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_DIGITS = re.compile(r"[0-9]+|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SUPERSCRIPT_CHARS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
_AFTER_MARKER = frozenset(" \t\n,;:.)]»”’'\"")
_BEFORE_GLUED_PUNCT = frozenset(",;.:)»”")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_BLANK = re.compile(r"\s*")


def has_superscript_digits(text: str) -> bool:
    """Whether the text holds a superscript digit ("Millénaire¹"). An ASCII text cannot, and
    answers at once; otherwise ten substring searches, which cost what they cost (a character
    such as "⁴" is searched for through every "t", its last byte): the parser asks once."""
    return not text.isascii() and any(char in text for char in _SUPERSCRIPT_CHARS)


def ascii_digit_runs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every run of ASCII digits in ``text[start:end]``, in order (a run is cut
    at ``end``).

    Ten substring searches (one per digit) scan the text at C speed; a regular expression that
    opens with a character class is tried at every position of the text and costs several times
    more on a whole resolution.
    """
    if end is None:
        end = len(text)
    positions = []
    for digit in "0123456789":
        at = text.find(digit, start, end)
        while at >= 0:
            positions.append(at)
            at = text.find(digit, at + 1, end)
    if not positions:
        return []
    positions.sort()
    runs = []
    run_start = previous = positions[0]
    for at in positions[1:]:
        if at != previous + 1:
            runs.append((run_start, previous + 1))
            run_start = at
        previous = at
    runs.append((run_start, previous + 1))
    return runs


def _marker_in(text: str, start: int, end: int, numbers: set[int]) -> tuple[int, int] | None:
    """(offset, number) of a footnote marker at the end of the digit run text[start:end], if any.

    Shapes: "Millénaire1," (after a letter), "20058," (after a year), "59/1599;" (after a
    resolution number), "justice,2" / "2024,1" / "98/300,1" (after punctuation), and a
    number alone on its line (superscripts extracted onto their own line). Markers spaced
    away from their word ("Outcome, 1  sports") are weaker evidence: see ``spaced_markers``.
    """
    digits = text[start:end]
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if after not in _AFTER_MARKER:
        return None
    if before.isalpha():
        if start >= 2 and not text[start - 2].isalnum() and before.isupper():
            return None  # "P5 academics", "G20", "E3": a capital and a number name a group
        return (start, int(digits)) if len(digits) <= 3 and int(digits) in numbers else None
    if before == "/":
        slash = start - 1
        head = slash
        while head > 0 and text[head - 1].isdigit():
            head -= 1
        if not 1 <= slash - head <= 3 or (head > 0 and text[head - 1] in "/."):
            return None
        for size in (1, 2, 3):
            base, marker = digits[:-size], digits[-size:]
            if 1 <= len(base) <= 3 and len(digits) >= 4 and marker[0] != "0" and int(marker) in numbers:
                return end - size, int(marker)
        return None
    if len(digits) in (5, 6) and digits[:2] in ("19", "20") and before not in "/.,":
        marker = digits[4:]
        return (start + 4, int(marker)) if marker[0] != "0" and int(marker) in numbers else None
    # After a closing bracket or quote the marker may be followed by punctuation: "(Reglas de Bangkok)18,".
    if (
        before in _BEFORE_GLUED_PUNCT
        and len(digits) <= 3
        and (after.isspace() or end == len(text) or before in CLOSING)
    ):
        if int(digits) not in numbers or digits[0] == "0":
            return None  # "1.A.04": no marker opens with a zero
        word_end = start - 1
        word_start = word_end
        while word_start > 0 and text[word_start - 1].isalnum():
            word_start -= 1
        word = text[word_start:word_end]
        if before == "." and word.lower() in ABBREVIATED_NUMBERING:
            return None  # "Corr.1 and", "No.5 of": a number, not a marker
        if before == "." and word and not word.isdigit() and word_start > 0 and text[word_start - 1] in "/-":
            return None  # "EC-110/DEC.1 of", "C-SS-4/DEC.3": the last part of a document symbol
        # "justice,2", "2024,1", "98/300,1", "Agenda”,1", "(Treaty of Tlatelolco),7" and "DEC.2;22"
        # carry a marker; the French decimal "1,5" does not.
        if (
            before in ")»”"
            or (word and not word.isdigit())
            or YEAR.match(word)
            or (word.isdigit() and word_start > 0 and text[word_start - 1] == "/")
            or (not word and word_end > 0 and text[word_end - 1] in CLOSING)
            or (word.isdigit() and word_start > 1 and text[word_start - 1] == "." and text[word_start - 2].isalpha())
        ):
            return start, int(digits)
        return None
    if before in " \t\n" and len(digits) <= 3 and int(digits) in numbers:
        # Alone on its line: only whitespace between the line's start and the digits and between
        # them and its end (looked up within 200 characters; further, the text's start or end).
        # Matched in place: a slice would copy up to the whole text for each candidate.
        line_start = text.rfind("\n", max(0, start - 200), start) + 1
        line_end = text.find("\n", end, end + 200)
        line_end = len(text) if line_end < 0 else line_end
        if _BLANK.fullmatch(text, line_start, start) and _BLANK.fullmatch(text, end, line_end):
            return start, int(digits)
    return None


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    number: int
    score: int


def _examine(
    text: str,
    start: int,
    end: int,
    regions: list[tuple[int, int]],
    region_index: int,
    numbers: set[int],
    found: dict[int, tuple[int, int]],
    spaced: list[_Candidate],
    unmatched: list[tuple[int, int]],
) -> int:
    """Record the footnote marker carried by the digit run text[start:end], if any; returns the
    region cursor."""
    while region_index < len(regions) and regions[region_index][1] <= start:
        region_index += 1
    if region_index < len(regions) and regions[region_index][0] <= start:
        return region_index
    if text[start] in _SUPERSCRIPT_CHARS:
        value = int(text[start:end].translate(_SUPERSCRIPT_DIGITS))
        if value in numbers:
            found[start] = (end, value)
        return region_index
    marker = _marker_in(text, start, end, numbers)
    if marker is not None:
        found[marker[0]] = (end, marker[1])
    elif end - start <= 3 and start > 0:
        before = text[start - 1]
        if before in " \t\n":  # a line break too: a marker the line wrap carried to the next line
            if int(text[start:end]) in numbers:
                spaced.append(_Candidate(start, end, int(text[start:end]), -1))  # weighed when needed
        elif end - start <= 2 and before.isalpha() and text[start - 3 : start].isalpha():
            unmatched.append((start, int(text[start:end])))
    return region_index


def _place_spaced_markers(
    layout: Layout, body_start: int, found: dict[int, tuple[int, int]], spaced: list[_Candidate]
) -> None:
    text = layout.cleaned
    """Accept the spaced candidates that the footnote numbering supports.

    A footnote's first marker sits on the page of its note, so after the previous footnote
    block and after the first marker of the previous footnote, and before its own note. A
    spaced candidate is taken only in that window and only for a footnote that has no glued
    marker there; the strongest (then the first) candidate wins.
    """
    by_number: dict[int, list[_Candidate]] = {}
    for candidate in spaced:
        by_number.setdefault(candidate.number, []).append(candidate)
    first_found: dict[int, int] = {}
    for start, (_end, number) in sorted(found.items()):
        first_found.setdefault(number, start)
    region_starts = [region[0] for region in layout.regions]
    note_start: dict[int, int] = {}
    for footnote in layout.footnotes:
        if footnote.number > 0:
            note_start.setdefault(footnote.number, footnote.start)
    previous_first: int | None = None
    for number in sorted(note_start):
        upper = note_start[number]
        position = bisect.bisect_right(region_starts, upper) - 1
        lower = layout.regions[position - 1][1] if position >= 1 else body_start
        if previous_first is not None:
            lower = max(lower, previous_first)
        glued = first_found.get(number)
        if glued is not None and glued < upper:
            previous_first = glued
            continue
        window = [c for c in by_number.get(number, ()) if lower <= c.start < upper]
        for candidate in window:
            if candidate.score < 0:
                candidate.score = spaced_marker(text, candidate.start, candidate.end)
        window = [c for c in window if c.score > 0]
        if window:
            best = max(window, key=lambda candidate: (candidate.score, -candidate.start))
            found[best.start] = (best.end, number)
            previous_first = best.start
        elif glued is not None:
            previous_first = glued


def _glued_digits(text: str, body_start: int) -> list[tuple[int, int]]:
    """Digits glued to the end of a word of three letters or more ("Weapons5 that"), in a text
    without footnotes: markers whose notes are missing.

    The runs of one or two digits (a longer run has a digit, not a letter, before its last two):
    the matches of ``[0-9]{1,2}(?![0-9])`` that can follow three letters, found from the digit
    runs, which substring searches find much faster than that pattern's scan of every position.
    """
    found = []
    length = len(text)
    for start, end in ascii_digit_runs(text, body_start):
        if (
            end - start <= 2
            and start >= 3
            and text[start - 3 : start].isalpha()
            and (end == length or text[end] in _AFTER_MARKER)
        ):
            found.append((start, int(text[start:end])))
    return found


def _add_markers_before_words(
    text: str,
    body_start: int,
    regions: list[tuple[int, int]],
    missing: set[int],
    spaced: list[_Candidate],
    runs: list[tuple[int, int]] | None = None,
) -> None:
    """Candidates for footnotes that have none yet: a marker glued to the word after it, spaced
    from the word before ("Parties, 8and welcomes", "weapons, 7in which").

    The matches of ``[0-9]{1,2}(?=[a-z])`` after a space or a tab are the runs of one or two
    digits (``runs``: the digit runs from ``body_start``, when the caller has them) followed by
    a lower-case ASCII letter: a longer run's match would follow a digit.
    """
    region_starts = [region[0] for region in regions]
    if runs is None:
        runs = ascii_digit_runs(text, body_start)
    length = len(text)
    for start, end in runs:
        if end - start > 2 or end >= length or not "a" <= text[end] <= "z":
            continue
        number = int(text[start:end])
        if number not in missing or start == 0 or text[start - 1] not in " \t":
            continue
        position = bisect.bisect_right(region_starts, start) - 1
        if position >= 0 and regions[position][0] <= start < regions[position][1]:
            continue
        score = spaced_marker(text, start, end)
        if score:
            spaced.append(_Candidate(start, end, number, score))
    spaced.sort(key=lambda candidate: candidate.start)


def mask_markers(layout: Layout, body_start: int, *, superscripts: bool | None = None) -> None:
    """Find footnote markers in the body text outside footnote blocks, and mask them.

    Every run of digits is examined once with its neighbours (a single pass is much
    faster than one regular expression per marker shape). ``superscripts``: whether the text
    the layout was read from holds superscript digits (``has_superscript_digits``), when the
    caller knows; a text without them has cleaned text without them.
    """
    numbers = {footnote.number for footnote in layout.footnotes if footnote.number > 0}
    if not numbers:
        layout.unmatched = _glued_digits(layout.cleaned, body_start)
        return
    text = layout.cleaned
    regions = layout.regions
    found: dict[int, tuple[int, int]] = {}  # start offset -> (end offset, number)
    spaced: list[_Candidate] = []
    region_index = 0
    length = len(text)
    runs: list[tuple[int, int]] | None = None  # the ASCII digit runs from body_start outside footnote blocks
    if has_superscript_digits(text) if superscripts is None else superscripts:
        for run in _DIGIT_RUN.finditer(text, body_start):
            for match in _DIGITS.finditer(text, run.start(), run.end()):
                region_index = _examine(
                    text, match.start(), match.end(), regions, region_index, numbers, found, spaced, layout.unmatched
                )
    else:
        # Footnote blocks hold a quarter of a text's digit runs and no marker: they are left out
        # (they start and end at line boundaries, and no run of digits spans a line end).
        runs = []
        position = body_start
        for region_start, region_end in regions:
            if region_end <= position:
                continue
            if region_start > position:
                runs += ascii_digit_runs(text, position, region_start)
            position = region_end
        runs += ascii_digit_runs(text, position)
        # A run of up to three digits can only be a marker as a whole (a marker ends a longer run:
        # "59/1599", "20054"), so one that is no footnote's number matters only as digits glued to a
        # word that no footnote answers ("Weapons5 that"). Its text is compared with the numbers
        # written out: most runs (days, paragraph and resolution numbers) stop there.
        written = {str(number) for number in numbers}
        for start, end in runs:
            if end < length and text[end] not in _AFTER_MARKER:
                continue  # "59/…", "2005-2010": no marker ends here (_marker_in would say so)
            size = end - start
            if (
                size <= 3
                and text[start:end] not in written
                and text[start] != "0"  # "05" is 5 to _marker_in
                and not (size <= 2 and start >= 3 and text[start - 3 : start].isalpha())
            ):
                continue
            if (size == 4 and (start == 0 or text[start - 1] != "/")) or size >= 7:
                # Four digits (a year) carry a marker only after a slash ("59/1599"), seven or more never:
                # _marker_in would say so.
                continue
            region_index = _examine(text, start, end, regions, region_index, numbers, found, spaced, layout.unmatched)
    glued = {number for _end, number in found.values()}
    for candidate in spaced:  # weighed now only for footnotes that no glued marker calls
        if candidate.number not in glued and candidate.score < 0:
            candidate.score = spaced_marker(text, candidate.start, candidate.end)
    called = glued | {candidate.number for candidate in spaced if candidate.score > 0}
    if numbers - called:
        _add_markers_before_words(text, body_start, regions, numbers - called, spaced, runs)
    if spaced:
        _place_spaced_markers(layout, body_start, found, spaced)
    if not found:
        return
    pieces = []
    previous = 0
    for start in sorted(found):
        end, number = found[start]
        if start < previous:
            continue
        pieces.append(text[previous:start])
        pieces.append("\x00" * (end - start))
        layout.markers.append((start, number))
        previous = end
    pieces.append(text[previous:])
    layout.masked = masked = "".join(pieces)
    # The laid-out lines that hold a marker are cut again from the masked text (a marker, a run of
    # digits, never spans lines).
    lines, line_starts = layout.lines, layout.line_starts
    for start, _number in layout.markers:
        index = bisect.bisect_right(line_starts, start) - 1
        if index >= 0:
            lines[index] = masked[line_starts[index] : line_starts[index] + len(lines[index])]
