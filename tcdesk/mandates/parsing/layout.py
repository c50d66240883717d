"""Undo the page layout of text extracted from a PDF.

One pass over the lines drops page furniture (the document symbol repeated as a header,
the running title on one or two lines, job numbers such as ``05-49834 (F)``, bar codes
``*0549834*``, page numbers ``2/5``, "Please recycle") and finds the footnote blocks printed
at page ends: under a rule line (underscores or hyphens, on its own line or glued to the end
of the last line of text) or, in extractions that join lines into paragraphs and lose the
rule, as a run of numbered notes that continue the footnote numbering and whose markers
appear in the text before them. The result keeps every other character in order:
``cleaned`` is what offsets refer to.

The text must first go through ``normalising.normalise``; footnote markers are then found and
masked by ``markers.mask_markers``. Both are re-exported here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from .marker_index import MarkerIndex
from .markers import mask_markers
from .normalising import PAGE_BREAK, SOFT_BREAK, normalise
from .vocabulary import NOTE_ABBREVIATIONS, adoption_in

__all__ = ["PAGE_BREAK", "SOFT_BREAK", "SYMBOL", "Layout", "RawFootnote", "lay_out", "mask_markers", "normalise"]

SYMBOL = re.compile(
    r"(?<![\w/])((?:A|E|S)/RES/(?:ES-\d+/|S-\d+/)?\d{1,4}/\d{1,4}(?:\s?\([IVXLC]+\))?(?:/Rev\.\d)?"
    r"|S/RES/\d{1,4}\s?\(\d{4}\))(?![\w/])"
)
_RULE_LINE = re.compile(r"^\s*(?:_{3,}|-{3,})\s*$")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3}|\*{1,3})(?:\s+|(?=[A-ZÀ-Ý«“\"]))(\S.*)$")
_JOB_NUMBER = r"(?:V\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?"
_FURNITURE_TOKEN = (
    rf"{_JOB_NUMBER}|\*\d{{6,}}\*|\d{{6}}|\d{{1,2}}\s*/\s*\d{{1,2}}|"
    r"Merci de recycler|Please recycle|Sírvase reciclar|Recycle|♲"
)
# The characters a furniture line can open with (after spaces): a digit (job, page, bar code, a
# six-digit number), "*" (bar code), a symbol's first letter, "V." of a job number, the recycling
# notes and sign. A line opening otherwise, after its spaces, is not tried against the furniture
# pattern (most lines of an extraction open with a space: the pattern would be tried at each).
_FURNITURE_FIRST = frozenset("0123456789*AESVMPRSr♲")
_PAGE = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})")


@dataclass(slots=True)
class RawFootnote:
    number: int
    start: int  # offsets in cleaned text; the first footnote of a block starts at the rule line
    end: int


@dataclass(slots=True)
class Layout:
    cleaned: str
    masked: str
    footnotes: list[RawFootnote]
    regions: list[tuple[int, int]]  # footnote blocks, rule line to last footnote line
    markers: list[tuple[int, int]] = field(default_factory=list)  # (offset, footnote number)
    # Starts of blank lines next to removed page furniture: page-break artefacts, which do not
    # separate paragraphs the way a blank line of the text does.
    soft_blanks: set[int] = field(default_factory=set)
    # Digits glued to a word that no footnote answers ("Weapons5 that"): (offset, number).
    unmatched: list[tuple[int, int]] = field(default_factory=list)
    # The lines of ``masked`` (each with its newline, but the last) and where each starts: the
    # segmenter reads the body's lines from here rather than splitting the text again.
    lines: list[str] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)


def _furniture_pattern(symbol: str | None) -> re.Pattern[str]:
    tokens = _FURNITURE_TOKEN if not symbol else rf"{re.escape(symbol)}|{_FURNITURE_TOKEN}"
    return re.compile(rf"^\s*(?:(?:{tokens})\s*)+$")


def _is_furniture(line: str, pattern: re.Pattern[str], symbol: str | None) -> bool:
    # Furniture lines are short; most body lines are ruled out without a regex.
    if len(line) > 80 or not pattern.match(line):
        return False
    if symbol:
        line = line.replace(symbol, " ")
    # "2/5" is a page number only if page <= pages; "55/25" on its own line is not furniture.
    return all(0 < int(page) <= int(total) for page, total in _PAGE.findall(line))


def lay_out(
    text: str,
    symbol: str | None,
    *,
    running_title: str | None = None,
    body_from: int = 0,
    superscripts: bool | None = None,
) -> Layout:
    """Drop page furniture and locate footnote blocks. ``text`` must be normalised.

    ``running_title`` (the resolution's title as printed in its header) is dropped where it
    stands alone after ``body_from`` (the opening formula), on one to three lines: that is the
    running title of the page headers. Footnote blocks without a rule line are looked for only
    after ``body_from`` too. ``superscripts``: whether the text holds superscript digits, when
    the caller knows (``markers.has_superscript_digits``).
    """
    furniture = _furniture_pattern(symbol)
    kept: list[str] = []
    kept_starts: list[int] = []  # where each kept line starts in the cleaned text
    length = 0
    footnotes: list[RawFootnote] = []
    regions: list[tuple[int, int]] = []
    in_block = False
    ruleless = False  # the current block was found without a rule line
    block_start = 0
    current: RawFootnote | None = None
    current_text = ""
    last_number = 0
    blank_in_block = False  # a blank line since the current footnote's last line of text

    def close_block() -> None:
        nonlocal in_block, current
        if in_block and current is not None:
            regions.append((block_start, current.end))
        in_block = False
        current = None

    is_furniture = furniture.match
    soft_blanks: set[int] = set()
    blanks_before: list[int] = []  # blank lines since the last line with text
    hard_blank = False  # a blank line of the text (not next to page furniture) since the last text line
    after_furniture = False
    lines = text.splitlines(keepends=True)
    joined_lines: str | None = text  # the lines joined: splitlines(keepends=True) keeps every character
    if SOFT_BREAK[0] in text and SOFT_BREAK in text:  # the soft hyphen first: a one-character search is quicker
        lines = _join_soft_breaks(lines, furniture, symbol)
        joined_lines = None
    ends = _line_ends(lines)
    first_body_line = _line_index_at(ends, body_from)
    titles = (
        _running_title_lines(lines, ends, running_title, first_body_line, furniture, symbol, joined_lines)
        if running_title
        else ()
    )
    markers: MarkerIndex | None = None
    keep, keep_start = kept.append, kept_starts.append  # bound once: called for every line
    position = 0  # offset of the line in ``text`` (soft-break joins aside: only used to look back for markers)
    last_block_end = 0
    for index, line in enumerate(lines):
        line_position = position
        size = len(line)
        position += size
        first = line[0]
        # Furniture lines are short; most body lines are ruled out by their length alone.
        if (
            first == PAGE_BREAK
            or (
                size <= 80
                and (first in _FURNITURE_FIRST or (first in " \t" and line.lstrip()[:1] in _FURNITURE_FIRST))
                and is_furniture(line)
                and _is_furniture(line, furniture, symbol)
            )
            or (titles and index in titles)
        ):
            # Furniture (job number, page number, symbol header) ends a footnote block. A bare form
            # feed is only a line break: one that falls after a rule line, between two footnotes or
            # inside a footnote's text must not end the block, or the footnotes after it are read as
            # body text. The block's own rules (next footnote number, footnote text ending with a
            # full stop, then a line of text) still decide where it ends.
            if first != PAGE_BREAK:
                close_block()
            soft_blanks.update(blanks_before)
            after_furniture = True
            continue
        start = length
        blank = line.isspace()
        if blank:
            if after_furniture:
                soft_blanks.add(start)
            else:
                blanks_before.append(start)
                hard_blank = True
        else:
            if in_block and current is not None and blank_in_block and ruleless:
                # In a joined-lines extraction each note is a paragraph of its own: a blank line,
                # then text that is not the next note, is the body again.
                opening = _FOOTNOTE_START.match(line)
                if not (opening and _footnote_number(opening.group(1)) in (current.number + 1, last_number + 1)):
                    close_block()
                    last_block_end = line_position
            if hard_blank and not in_block and index >= first_body_line and line.lstrip()[:1].isdigit():
                opening = _FOOTNOTE_START.match(line)
                if opening and _footnote_number(opening.group(1)) == last_number + 1:
                    if markers is None:
                        markers = MarkerIndex(text, superscripts=superscripts)
                    if markers.called(last_number + 1, last_block_end, line_position) and not (
                        opening.group(2)[:1].islower()
                    ):
                        in_block, ruleless, block_start, current_text = True, True, start, ""
                        current, blank_in_block = None, False
            if blanks_before:
                blanks_before.clear()
            hard_blank = False
            after_furniture = False
        # A rule line holds "___" or "---"; one-character tests rule out most lines at memchr speed.
        rule = (
            _RULE_LINE.match(line)
            if not blank and (("_" in line and "___" in line) or ("-" in line and "---" in line))
            else None
        )
        if rule:
            close_block()
            in_block, ruleless, block_start, current_text = True, False, start, ""
            blank_in_block = False
        elif in_block:
            stripped = line.strip()
            opening = _FOOTNOTE_START.match(line)
            number = _footnote_number(opening.group(1)) if opening else None
            if (
                opening
                and number is not None
                and (current is None or number == current.number + 1 or number == last_number + 1 or number == 0)
            ):
                first_in_block = current is None
                current = RawFootnote(
                    number=number, start=block_start if first_in_block else start, end=start + len(line)
                )
                footnotes.append(current)
                current_text = opening.group(2)
                blank_in_block = False
                if number > 0:
                    last_number = number
            elif not stripped:
                if current is not None:
                    current.end = start + len(line)
                    blank_in_block = True
            elif current is not None and not _note_ended(current_text, abbreviations=not blank_in_block):
                current.end = start + len(line)
                current_text = stripped  # only how the footnote's text ends matters
                blank_in_block = False
            elif current is None:
                in_block = False  # a rule line followed by ordinary text: not a footnote block
            else:
                close_block()
                last_block_end = line_position
        keep(line)
        keep_start(length)
        length += size
    close_block()
    cleaned = "".join(kept)
    return Layout(
        cleaned=cleaned,
        masked=cleaned,
        footnotes=footnotes,
        regions=regions,
        soft_blanks=soft_blanks,
        lines=kept,
        line_starts=kept_starts,
    )


def _note_ended(note_line: str, *, abbreviations: bool = True) -> bool:
    """Whether a footnote whose last line of text is ``note_line`` ends there: a full stop, that
    is not an abbreviation's ("Sales No." goes on) when ``abbreviations`` (the next line follows
    without a blank line)."""
    text = note_line.rstrip()
    if not text.endswith((".", ".»", ".”")):
        return False
    # "(Vol." and "“No." are the abbreviations after their bracket or quote.
    return not abbreviations or text.rsplit(None, 1)[-1].lstrip("([«“\"'") not in NOTE_ABBREVIATIONS


def _line_ends(lines: list[str]) -> list[int]:
    """Offset just past each line, in the lines joined: summed at C speed, once per layout."""
    return list(accumulate(map(len, lines)))


def _line_index_at(ends: list[int], offset: int) -> int:
    """Index of the line holding ``offset``, from the lines' ends (``_line_ends``); the number of
    lines when ``offset`` is past the last one."""
    if offset <= 0:
        return 0
    return bisect.bisect_right(ends, offset)


def _running_title_lines(
    lines: list[str],
    ends: list[int],
    title: str,
    first: int,
    furniture: re.Pattern[str],
    symbol: str | None,
    joined_lines: str | None = None,
) -> set[int]:
    """Indexes of the lines, from ``first`` on, that print the title alone (one to three lines
    whose words are exactly the title's, with a blank line, page furniture or the page edge on
    each side): the running title of page headers and footers. ``ends``: the lines' ends
    (``_line_ends``); ``joined_lines``: the lines joined, when the caller has them."""
    key = "".join(title.split())
    words = title.split()
    if len(key) < 8 or not words:
        return set()
    head = words[0]

    def apart(index: int) -> bool:
        if index < 0 or index >= len(lines):
            return True
        line = lines[index]
        return (
            line.isspace()
            or line[0] == PAGE_BREAK
            or (len(line) <= 80 and bool(furniture.match(line)) and _is_furniture(line, furniture, symbol))
            or bool(_RULE_LINE.match(line))
        )

    found: set[int] = set()
    index = first
    count = len(lines)
    source = "".join(lines) if joined_lines is None else joined_lines
    while index < count:
        # The next line holding the title's first word: one substring search through the text
        # from this line on, instead of a substring test on every line.
        at = source.find(head, ends[index - 1] if index > 0 else 0)
        if at < 0:
            break
        index = bisect.bisect_right(ends, at)
        stripped = lines[index].strip()
        if "/RES/" in stripped:
            # "A/RES/80/6 Report of the International Criminal Court": symbol and title on one line.
            stripped = SYMBOL.sub(" ", stripped).strip()
        if not stripped.startswith(head):
            index += 1
            continue
        joined = "".join(stripped.split())
        last = index
        while key.startswith(joined) and joined != key and last + 1 < count and last - index < 6:
            if lines[last + 1][0] == PAGE_BREAK or lines[last + 1].isspace():
                last += 1  # a bare page break is a line break; doubled line endings leave blank lines
                continue
            following = lines[last + 1]
            following = "".join((SYMBOL.sub(" ", following) if "/RES/" in following else following).split())
            if not following or not key.startswith(joined + following):
                break
            joined += following
            last += 1
        if joined == key and apart(index - 1) and apart(last + 1) and not _after_annex_heading(lines, index, apart):
            found.update(range(index, last + 1))
            index = last + 1
        else:
            index += 1
    return found


_ANNEX_HEADING_LINE = re.compile(r"^[ \t]*(?:Annexe|Annex|Anexo)(?:[ \t]+(?:[IVX]+|\d{1,2}))?[ \t]*$")


def _after_annex_heading(lines: list[str], index: int, apart: Callable[[int], bool]) -> bool:
    """Whether the line at ``index`` follows an annex heading (blank lines aside): the annex's own
    title, which may repeat the resolution's (a resolution adopting the declaration it annexes).
    Or it follows a paragraph adopting the text printed after it ("Adopts the following political
    declaration …:"): the declaration's title, which is the resolution's too (A/RES/73/3)."""
    for previous in range(index - 1, max(-1, index - 12), -1):
        if not apart(previous):  # blank lines, page breaks and page furniture aside
            if _ANNEX_HEADING_LINE.match(lines[previous]):
                return True
            return lines[previous].rstrip().endswith(":") and _adopts_what_follows(lines, previous)
    return False


def _adopts_what_follows(lines: list[str], last: int) -> bool:
    """Whether the paragraph ending at line ``last`` opens by adopting what follows (any language).
    Looked for on each of its last lines: the opening formula may stand on the line above it, or
    before it on the same line ("The General Assembly Adopts the following …")."""
    for index in range(last, max(-1, last - 8), -1):
        if lines[index].isspace():
            break
        if adoption_in(lines[index]):
            return True
    return False


def _join_soft_breaks(lines: list[str], furniture: re.Pattern[str], symbol: str | None) -> list[str]:
    """Join each line ending in SOFT_BREAK to the next line of text, blank lines between dropped.

    Page furniture between the halves (page break, job and page numbers, symbol header) is
    kept, before the joined line, for lay_out to drop.
    """
    joined: list[str] = []
    pending: str | None = None  # a line ending in a soft hyphen, without its SOFT_BREAK
    for line in lines:
        if pending is not None:
            if line.isspace():
                continue
            if line[0] == PAGE_BREAK or (len(line) <= 80 and _is_furniture(line, furniture, symbol)):
                joined.append(line)
                continue
            line = pending + line.lstrip(" \t")
            pending = None
        if line.endswith(SOFT_BREAK):
            pending = line[: -len(SOFT_BREAK)]
        else:
            joined.append(line)
    if pending:  # the text ends inside the word
        joined.append(pending)
    return joined


def _footnote_number(token: str) -> int:
    if token.startswith("*"):
        return 0  # asterisk footnotes (title notes) carry no number
    return int(token)
