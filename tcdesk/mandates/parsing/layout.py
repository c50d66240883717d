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
_RULE_LINE = re.compile(r"^\s*_{3,}\s*$")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3}|\*{1,3})(?:\s+|(?=[A-ZÀ-Ý«“\"]))(\S.*)$")
_JOB_NUMBER = r"(?:V\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?"
_FURNITURE_TOKEN = (
    rf"{_JOB_NUMBER}|\*\d{{6,}}\*|\d{{6}}|\d{{1,2}}\s*/\s*\d{{1,2}}|"
    r"Merci de recycler|Please recycle|Sírvase reciclar|Recycle|♲"
)
_PAGE = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})")
# One pass finds ASCII digit runs and superscript runs ("Millénaire¹") alike. A single character
# class scans several times faster than an alternation; the rare mixed run ("2005¹") is split
# afterwards with _DIGITS.
_DIGIT_RUN = re.compile(r"[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_DIGITS = re.compile(r"[0-9]+|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SUPERSCRIPT_CHARS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
_AFTER_MARKER = frozenset(" \t\n,;:.)]»”’'\"")
_ASCII_RUN_BEFORE_MARKER_END = re.compile(r"[0-9]+(?=[ \t\n,;:.)\]»”’'\"]|\Z)")
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
    # Starts of blank lines next to removed page furniture: page-break artefacts, which do not
    # separate paragraphs the way a blank line of the text does.
    soft_blanks: set[int] = field(default_factory=set)


# Characters that PDF and HTML extractions use where a plain text would have something else.
_SPACE_LIKE = "\u00a0\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f\u3000\u1680"
_LINE_BREAKS = "\x0b\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines breaks there too
_INVISIBLE = "\x00\x01\u200b\u2060\ufeff"
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_REPLACEMENTS = {
    **dict.fromkeys(_SPACE_LIKE, " "),
    **dict.fromkeys(_LINE_BREAKS, "\n"),
    **dict.fromkeys(_INVISIBLE, ""),
    **_LIGATURES,
}
_UNUSUAL = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "\r\f\u00ad]")
_ASCII_UNUSUAL = [char for char in [*_REPLACEMENTS, "\r", "\f"] if char.isascii()]
# A form feed (page break) becomes a line of its own holding PAGE_BREAK, which lay_out drops
# like page furniture: a line break, not a blank line ("…\n\f" or "\f\n" included).
PAGE_BREAK = "\x01"
_PAGE_BREAK = re.compile(r"\n?\f\n?")
# A word hyphenated with a soft hyphen at the end of a line is one word. normalise() drops the
# soft hyphens inside lines and ends such a line with SOFT_BREAK; lay_out() joins the line to
# the next line of text once page furniture is dropped, so the blank lines (doubled line endings,
# "\r\r", give one after every line), page breaks and page headers between the halves go too.
SOFT_BREAK = "\u00ad\n"
_INNER_SOFT_HYPHEN = re.compile(r"\u00ad(?![\u00ad \t]*\n)")
_SOFT_HYPHEN_LINE_END = re.compile(r"\u00ad[\u00ad \t]*\n")
_HTML_ITALICS = re.compile(r"(?i)</?(?:i|em)>")
# "*Recalling* its …", "_Recalling_ its …", "1. *Requests* …": italics marked around the lead.
# Cheap tests first (a literal leads, so the engine's fast search applies): a marker before a letter.
_STAR_BEFORE_LETTER = re.compile(r"\*[^\W\d_]")
_UNDERSCORE_BEFORE_LETTER = re.compile(r"_[^\W\d_]")
_MARKED_LEAD = re.compile(r"(\n[ \t]*(?:\d{1,3}\.[ \t]*)?)([*_])([^\W\d_](?:[^\n*_]|\u00ad\n){0,80}?)\2(?=[\s,;:.]|$)")


def normalise(text: str) -> str:
    """Unify newlines, spaces and letters; page breaks become line breaks.

    Carriage returns, form feeds and other line separators become newlines (a form feed next
    to a newline does not add a blank line); no-break, narrow and other typographic spaces
    become spaces; ligatures (ﬁ, ﬂ, ﬃ…) become their letters; soft hyphens inside a line
    vanish, and a line ending in one ends in SOFT_BREAK (lay_out joins the word's halves, page
    furniture between them dropped); zero-width characters and NULs are dropped; italics
    markup around a paragraph's opening words (``<i>…</i>``, ``*…*``, ``_…_``) is removed.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # An ASCII text (English often is) can hold only the control characters.
    unusual = {char for char in _ASCII_UNUSUAL if char in text} if text.isascii() else set(_UNUSUAL.findall(text))
    if unusual:
        for char in unusual:
            if char in _REPLACEMENTS:
                text = text.replace(char, _REPLACEMENTS[char])
        if "\f" in unusual:
            text = _PAGE_BREAK.sub("\n" + PAGE_BREAK + "\n", text)
        # After the page breaks: a soft hyphen before a form feed ends its line like one before a newline.
        if "\u00ad" in unusual:
            text = _SOFT_HYPHEN_LINE_END.sub(SOFT_BREAK, _INNER_SOFT_HYPHEN.sub("", text))
    if "<" in text:
        text = _HTML_ITALICS.sub("", text)
    if ("*" in text and _STAR_BEFORE_LETTER.search(text)) or _UNDERSCORE_BEFORE_LETTER.search(text):
        text = _MARKED_LEAD.sub(r"\1\3", "\n" + text)[1:]
    return text


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

    is_furniture = furniture.match
    soft_blanks: set[int] = set()
    blanks_before: list[int] = []  # blank lines since the last line with text
    after_furniture = False
    lines = text.splitlines(keepends=True)
    if SOFT_BREAK in text:
        lines = _join_soft_breaks(lines, furniture, symbol)
    for line in lines:
        # Furniture lines are short; most body lines are ruled out by their length alone.
        if line[0] == PAGE_BREAK or (len(line) <= 80 and is_furniture(line) and _is_furniture(line, furniture, symbol)):
            # Furniture (job number, page number, symbol header) ends a footnote block. A bare form
            # feed is only a line break: one that falls after a rule line, between two footnotes or
            # inside a footnote's text must not end the block, or the footnotes after it are read as
            # body text. The block's own rules (next footnote number, footnote text ending with a
            # full stop, then a line of text) still decide where it ends.
            if line[0] != PAGE_BREAK:
                close_block()
            soft_blanks.update(blanks_before)
            after_furniture = True
            continue
        start = length
        if line.isspace():
            if after_furniture:
                soft_blanks.add(start)
            else:
                blanks_before.append(start)
        else:
            blanks_before.clear()
            after_furniture = False
        if "___" in line and _RULE_LINE.match(line):
            close_block()
            in_block, block_start, current_text = True, start, ""
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
                if number > 0:
                    last_number = number
            elif not stripped:
                if current is not None:
                    current.end = start + len(line)
            elif current is not None and not current_text.rstrip().endswith((".", ".»", ".”")):
                current.end = start + len(line)
                current_text = stripped  # only how the footnote's text ends matters
            elif current is None:
                in_block = False  # a rule line followed by ordinary text: not a footnote block
            else:
                close_block()
        kept.append(line)
        length += len(line)
    close_block()
    cleaned = "".join(kept)
    return Layout(cleaned=cleaned, masked=cleaned, footnotes=footnotes, regions=regions, soft_blanks=soft_blanks)


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


def _examine(
    text: str,
    match: re.Match[str],
    regions: list[tuple[int, int]],
    region_index: int,
    numbers: set[int],
    found: dict[int, tuple[int, int]],
) -> int:
    """Record the footnote marker carried by one digit run, if any; returns the region cursor."""
    start, end = match.span()
    while region_index < len(regions) and regions[region_index][1] <= start:
        region_index += 1
    if region_index < len(regions) and regions[region_index][0] <= start:
        return region_index
    if text[start] in _SUPERSCRIPT_CHARS:
        value = int(match.group(0).translate(_SUPERSCRIPT_DIGITS))
        if value in numbers:
            found[start] = (end, value)
        return region_index
    marker = _marker_in(text, start, end, numbers)
    if marker is not None:
        found[marker[0]] = (end, marker[1])
    return region_index


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
    if any(char in text for char in _SUPERSCRIPT_CHARS):
        runs = _DIGIT_RUN.finditer(text, body_start)
    else:
        # No superscripts (most texts): only ASCII runs that a marker can end, i.e. not followed
        # by "/", "-", a letter… (_marker_in would turn those down).
        runs = _ASCII_RUN_BEFORE_MARKER_END.finditer(text, body_start)
    length = len(text)
    for run in runs:
        if run.group(0).isascii():
            end = run.end()
            if end < length and text[end] not in _AFTER_MARKER:
                continue  # "59/…", "2005-2010": no marker ends here (_marker_in would say so)
            region_index = _examine(text, run, regions, region_index, numbers, found)
        else:
            for match in _DIGITS.finditer(text, run.start(), run.end()):
                region_index = _examine(text, match, regions, region_index, numbers, found)
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
