"""Undo the page layout of text extracted from a PDF.

One pass over the lines drops page furniture (the document symbol repeated as a header,
job numbers such as ``05-49834 (F)``, bar codes ``*0549834*``, page numbers ``2/5``,
"Please recycle") and finds the footnote blocks printed under a rule line at page ends.
The result keeps every other character in order: ``cleaned`` is what offsets refer to.

Footnote markers glued to words ("Millénaire1", "2024,1", "59/1599") are then found by
matching known footnote numbers, and masked with NUL characters in ``masked`` (same
length as ``cleaned``, so offsets stay valid) so that later stages read "59/159".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SYMBOL = re.compile(
    r"(?<![\w/])((?:A|E|S)/RES/(?:ES-\d+/|S-\d+/)?\d{1,4}/\d{1,4}(?:\s?\([IVXLC]+\))?(?:/Rev\.\d)?"
    r"|S/RES/\d{1,4}\s?\(\d{4}\))(?![\w/])"
)
_RULE_LINE = re.compile(r"^\s*_{5,}\s*$")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3}|\*{1,3})(?:\s+|(?=[A-ZÀ-Ý«“\"]))(\S.*)$")
_JOB_NUMBER = r"(?:V\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?"
_FURNITURE_TOKEN = (
    rf"{_JOB_NUMBER}|\*\d{{6,}}\*|\d{{6}}|\d{{1,2}}\s*/\s*\d{{1,2}}|"
    r"Merci de recycler|Please recycle|Sírvase reciclar|Recycle|♲"
)
_PAGE = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})")
# One pass finds ASCII digit runs and superscript runs ("Millénaire¹") alike.
_DIGITS = re.compile(r"[0-9]+|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SUPERSCRIPT_CHARS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
_AFTER_MARKER = frozenset(" \t\n,;:.)]»”’'\"")
_BEFORE_GLUED_PUNCT = frozenset(",;.:)»”")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_YEAR = re.compile(r"(?:19|20)\d\d$")


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


def normalise(text: str) -> str:
    """Unify newlines and spaces; form feeds (page breaks) become newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u00ad", "").replace("\x00", "")


def find_symbol(text: str) -> str | None:
    """The resolution's own symbol: the one printed most often (headers repeat it)."""
    counts: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    for match in SYMBOL.finditer(text):
        symbol = re.sub(r"\s+", " ", match.group(1))
        counts[symbol] = counts.get(symbol, 0) + 1
        first_seen.setdefault(symbol, match.start())
    if not counts:
        return None
    return max(counts, key=lambda symbol: (counts[symbol], -first_seen[symbol]))


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


def lay_out(text: str, symbol: str | None) -> Layout:
    """Drop page furniture and locate footnote blocks. ``text`` must be normalised."""
    furniture = _furniture_pattern(symbol)
    kept: list[str] = []
    length = 0
    footnotes: list[RawFootnote] = []
    regions: list[tuple[int, int]] = []
    in_block = False
    block_start = 0
    current: RawFootnote | None = None
    current_text = ""
    last_number = 0

    def close_block() -> None:
        nonlocal in_block, current
        if in_block and current is not None:
            regions.append((block_start, current.end))
        in_block = False
        current = None

    for line in text.splitlines(keepends=True):
        if _is_furniture(line, furniture, symbol):
            close_block()
            continue
        start = length
        stripped = line.strip()
        if "_____" in line and _RULE_LINE.match(line):
            close_block()
            in_block, block_start, current_text = True, start, ""
        elif in_block:
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
                if number > 0:
                    last_number = number
            elif not stripped:
                if current is not None:
                    current.end = start + len(line)
            elif current is not None and not current_text.rstrip().endswith((".", ".»", ".”")):
                current.end = start + len(line)
                current_text += " " + stripped
            elif current is None:
                in_block = False  # a rule line followed by ordinary text: not a footnote block
            else:
                close_block()
        kept.append(line)
        length += len(line)
    close_block()
    cleaned = "".join(kept)
    return Layout(cleaned=cleaned, masked=cleaned, footnotes=footnotes, regions=regions)


def _footnote_number(token: str) -> int:
    if token.startswith("*"):
        return 0  # asterisk footnotes (title notes) carry no number
    return int(token)


def _marker_in(text: str, start: int, end: int, numbers: set[int]) -> tuple[int, int] | None:
    """(offset, number) of a footnote marker at the end of the digit run text[start:end], if any.

    Shapes: "Millénaire1," (after a letter), "20058," (after a year), "59/1599;" (after a
    resolution number), "justice,2" / "2024,1" / "98/300,1" (after punctuation), and a
    number alone on its line (superscripts extracted onto their own line).
    """
    digits = text[start:end]
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if after not in _AFTER_MARKER:
        return None
    if before.isalpha():
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
    if before in _BEFORE_GLUED_PUNCT and len(digits) <= 3 and (after.isspace() or end == len(text)):
        if int(digits) not in numbers:
            return None
        word_end = start - 1
        word_start = word_end
        while word_start > 0 and text[word_start - 1].isalnum():
            word_start -= 1
        word = text[word_start:word_end]
        # "justice,2", "2024,1" and "98/300,1" carry a marker; the French decimal "1,5" does not.
        if (
            before in ")»”"
            or (word and not word.isdigit())
            or _YEAR.match(word)
            or (word.isdigit() and word_start > 0 and text[word_start - 1] == "/")
        ):
            return start, int(digits)
        return None
    if before in " \t\n" and len(digits) <= 3 and int(digits) in numbers:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:start].strip() and not text[end:line_end].strip():
            return start, int(digits)
    return None


def mask_markers(layout: Layout, body_start: int) -> None:
    """Find footnote markers in the body text outside footnote blocks, and mask them.

    Every run of digits is examined once with its neighbours (a single pass is much
    faster than one regular expression per marker shape).
    """
    numbers = {footnote.number for footnote in layout.footnotes if footnote.number > 0}
    if not numbers:
        return
    text = layout.cleaned
    regions = layout.regions
    found: dict[int, tuple[int, int]] = {}  # start offset -> (end offset, number)
    region_index = 0
    for match in _DIGITS.finditer(text, body_start):
        start, end = match.span()
        while region_index < len(regions) and regions[region_index][1] <= start:
            region_index += 1
        if region_index < len(regions) and regions[region_index][0] <= start:
            continue
        if text[start] in _SUPERSCRIPT_CHARS:
            value = int(match.group(0).translate(_SUPERSCRIPT_DIGITS))
            if value in numbers:
                found[start] = (end, value)
            continue
        marker = _marker_in(text, start, end, numbers)
        if marker is not None:
            found[marker[0]] = (end, marker[1])
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
    layout.masked = "".join(pieces)
