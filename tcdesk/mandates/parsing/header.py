"""The header block above the first paragraph, and the closing lines after the last one.

Reads the symbol, body (GA, ECOSOC, SC), session, agenda item, adoption date and title.
Everything not printed in the text stays None.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .ordinals import ordinal_before
from .scanning import search_lines
from .vocabulary import ADOPTS_WHAT_FOLLOWS_ANY

# The opening formula, in any case, with any run of spaces or tabs between its words.
BODY_NAMES = (
    r"(?:The General Assembly|L['’]\s?Assemblée générale|La Asamblea General|"
    r"The Economic and Social Council|Le Conseil économique et social|El Consejo Económico y Social|"
    r"The Security Council|Le Conseil de sécurité|El Consejo de Seguridad)"
).replace(" ", r"[ \t]+")
# The comma is sometimes missing ("The General Assembly" before a single unnumbered paragraph).
# An extraction that joins lines may run the formula into a paragraph that follows it without a comma
# ("The General Assembly Adopts the following political declaration …:", A/RES/73/3).
FORMULA_THEN_ADOPTION = rf"(?=[ \t]+(?:{ADOPTS_WHAT_FOLLOWS_ANY}))"
_BODY_MARKER = re.compile(rf"(?im)^[ \t]*(?P<name>{BODY_NAMES})[ \t]*,?[ \t]*(?:\n|$|{FORMULA_THEN_ADOPTION})")
BODY_MARKER_CANDIDATE = re.compile(r"\n[ \t]*[TLEtle]")
_ARTICLE = re.compile(r"^(?:the|l['’]\s?|la|le|el)\s*")
_BODIES = {
    "general assembly": "GA",
    "assemblée générale": "GA",
    "asamblea general": "GA",
    "economic and social council": "ECOSOC",
    "conseil économique et social": "ECOSOC",
    "consejo económico y social": "ECOSOC",
    "security council": "SC",
    "conseil de sécurité": "SC",
    "consejo de seguridad": "SC",
}
_SESSION_LINE = re.compile(r"(?im)^[ \t]*(?P<words>[\w\- ]{3,60}?)[ \t]+(?:session|período de sesiones)[ \t]*$")
# What a line that _SESSION_LINE matches ends with: "n" or "s" in any case ("ſ" is an "s" to the engine).
_SESSION_LINE_LAST = frozenset("nNsS\u017f")
_AGENDA = re.compile(
    r"(?i)(?:Agenda items?|Points?|Temas?)\s+(?P<item>\d{1,3}(?:\s?\([a-z]\))?(?:\s*(?:and|et|y)\s*\d{1,3}"
    r"(?:\s?\([a-z]\))?)*)(?:\s+(?:de l['’]ordre du jour|del programa))?"
)
_TITLE_NUMBER = re.compile(r"^\s*(?P<number>(?:\d{1,4}/)?\d{1,4}(?:\s?\([IVXLC]+\))?)\s?\.\s+")
_ADOPTED = re.compile(
    r"(?i)(?:adopted by|adoptée par|aprobada por)\s+(?:the |l['’]\s?|la |el )?[\w ]+?\s+(?:on|le|el)\s+"
    r"(?P<date>\d{1,2}(?:er|º)?\s+(?:de\s+)?[a-zéû]+\s+(?:de\s+)?\d{4})"
)
# A header line ("General Assembly", "Distr.: General", "Agenda item 107", "16 December 2005"). Also
# "[…", "…]" and "… session" lines, which is_header_line tells by the line's ends first: written as
# alternatives opening with ".*", they are tried at every length of the line and cost most of the time.
_HEADER_LINE_OPENING = re.compile(
    r"(?i)^\s*(?:United Nations|Nations Unies|Naciones Unidas|General Assembly|Assemblée générale|"
    r"Asamblea General|Economic and Social Council|Conseil économique et social|Consejo Económico y Social|"
    r"Security Council|Conseil de sécurité|Consejo de Seguridad|Distr\..*|Original\s*:.*|"
    r"(?:Resolution adopted|Résolution adoptée|Resolución aprobada).*|"
    r"(?:Agenda item|Point|Tema)s?\s+\d.*|"
    r"\d{1,2}(?:er)?\s+(?:de\s+)?[a-zéû]+\s+(?:de\s+)?\d{4})\s*$"
)
_HEADER_SESSION_LINE = re.compile(r"(?i)^\s*.*\b(?:session|período de sesiones)\s*$")


def is_header_line(line: str) -> bool:
    """Whether a line (without line breaks) is a header line: an opening of _HEADER_LINE_OPENING,
    a bracketed line ("[on the report of …]"), or a line ending with "session" ("Eightieth session").
    The last two are tried only where the line's first or last character allows them."""
    if _HEADER_LINE_OPENING.match(line):
        return True
    last = line.rstrip()[-1:]
    if last == "]" or line.lstrip()[:1] == "[":
        return True  # "[on the report of the Third Committee (A/80/…)]"
    # "session" and "sesiones" end in n or s, in any case ("ſ" is an "s" to the engine).
    return last in _SESSION_LINE_LAST and bool(_HEADER_SESSION_LINE.match(line))


_PLENARY = re.compile(
    r"(?im)^[ \t]*(?P<number>\d{1,3})[ \t]*(?:e|ème|re|th|st|nd|rd|ª|a|\.ª)?[ \t]+"
    r"(?:séance[ \t]+plénière|plenary[ \t]+meeting|sesión[ \t]+plenaria)[ \t]*\.?[ \t]*"
    # A meeting that went on after a suspension: "56a sesión plenaria (continuación)" (A/RES/77/247).
    r"(?:\((?:resumed|continued|reprise|suite|continuación)\)[ \t]*)?"
    # Extractions that join lines put the date on the same line: "52nd plenary meeting 1 December 2025".
    r"(?P<date>\d{1,2}(?:er|º)?[ \t]+(?:de[ \t]+)?[^\W\d_]+[ \t]+(?:de[ \t]+)?\d{4}[ \t]*)?$"
)
_DATE = re.compile(r"(?i)^\s*(?P<day>\d{1,2})(?:er|º)?\s+(?:de\s+)?(?P<month>[a-zéû]+)\s+(?:de\s+)?(?P<year>\d{4})\s*$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "janvier", "enero"),
            ("february", "février", "febrero"),
            ("march", "mars", "marzo"),
            ("april", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("june", "juin", "junio"),
            ("july", "juillet", "julio"),
            ("august", "août", "agosto"),
            ("september", "septembre", "septiembre"),
            ("october", "octobre", "octubre"),
            ("november", "novembre", "noviembre"),
            ("december", "décembre", "diciembre"),
        ],
        start=1,
    )
    for name in names
}
_FILENAME_SYMBOL = re.compile(r"(?i)\b([AES])[-_](RES)[-_](\d{1,4})[-_](\d{1,4})\b")


@dataclass(slots=True)
class Header:
    body_start: int
    body: str | None
    title: str | None
    title_number: str | None
    session_words: int | None
    agenda_item: str | None
    adoption_date: str | None


def iso_date(text: str) -> str | None:
    """ "16 décembre 2005" / "16 December 2005" / "16 de diciembre de 2005" → "2005-12-16"."""
    match = _DATE.match(text)
    if not match:
        return None
    month = _MONTHS.get(match.group("month").lower())
    if month is None:
        return None
    return f"{int(match.group('year')):04d}-{month:02d}-{int(match.group('day')):02d}"


def symbol_from_filename(name: str) -> str | None:
    """ "A-RES-60-175-fr.txt" → "A/RES/60/175" (files named after the symbol)."""
    match = _FILENAME_SYMBOL.search(name)
    if not match:
        return None
    return "/".join(part.upper() for part in match.groups())


_GA_SYMBOL_SESSION = re.compile(r"A/RES/(\d{1,3})/")


def session_from_symbol(symbol: str | None) -> int | None:
    """A/RES/60/175 → 60. ECOSOC and Security Council symbols carry years, not sessions."""
    if symbol and (match := _GA_SYMBOL_SESSION.match(symbol)):
        return int(match.group(1))
    return None


def read_header(
    cleaned: str,
    first_paragraph_at: int | None | Callable[[], int | None],
    *,
    title_read: TitleRead | None = None,
) -> Header:
    """Read the block before the body marker ("L'Assemblée générale,").

    ``first_paragraph_at`` (an offset, or a function computing it only when needed) is where
    the body starts when no opening formula is printed. ``title_read``: what
    ``title_before_body`` read of the text before page furniture was dropped; its title is
    taken again when the header block is the same text (it most often is).
    """
    marker = search_lines(_BODY_MARKER, BODY_MARKER_CANDIDATE, cleaned)
    if marker:
        body_start = marker.end()
        body = _BODIES.get(_ARTICLE.sub("", " ".join(marker.group("name").lower().split())))
        header_text = cleaned[: marker.start()]
    else:
        if callable(first_paragraph_at):
            first_paragraph_at = first_paragraph_at()
        body_start = first_paragraph_at or 0
        body = None
        header_text = cleaned[:body_start]
    if title_read is not None and title_read.header_text == header_text:
        title, title_number = title_read.title, title_read.number
    else:
        # Page furniture dropped: most lines are the same, and how each reads is known already.
        title, title_number = _title(header_text, title_read.line_kinds if title_read is not None else None)
    session_words = None
    for line in header_text.splitlines():
        # A session line ends with "session" or "sesiones", then spaces or tabs at most: its last
        # letter is tested first, as the lazy words of _SESSION_LINE backtrack up to 60 times a line.
        if line.rstrip(" \t")[-1:] not in _SESSION_LINE_LAST:
            continue
        session_match = _SESSION_LINE.match(line)
        if session_match:
            session_words = ordinal_before(session_match.group("words").split())
            if session_words:
                break
    agenda = _AGENDA.search(header_text)
    adopted = _ADOPTED.search(" ".join(header_text.split()))
    return Header(
        body_start=body_start,
        body=body,
        title=title,
        title_number=title_number,
        session_words=session_words,
        agenda_item=" ".join(agenda.group("item").split()) if agenda else None,
        adoption_date=iso_date(adopted.group("date")) if adopted else None,
    )


@dataclass(frozen=True, slots=True)
class TitleRead:
    """What ``title_before_body`` read: the header block, its title and the title's number."""

    header_text: str
    title: str | None
    number: str | None
    body_from: int  # where the opening formula ends
    line_kinds: dict[str, int] = field(default_factory=dict)  # how _title read each header line


def title_before_body(text: str) -> TitleRead | None:
    """The title printed above the opening formula, and where the formula ends; None without a
    formula. Read from the normalised text before page furniture is dropped, so that the
    running title of page headers can be recognised as furniture."""
    marker = search_lines(_BODY_MARKER, BODY_MARKER_CANDIDATE, text)
    if marker is None:
        return None
    header_text = text[: marker.start()]
    line_kinds: dict[str, int] = {}
    title, number = _title(header_text, line_kinds)
    return TitleRead(header_text, title, number, marker.end(), line_kinds)


# A symbol, a job number or a bar code alone on its line: compiled once (``re.fullmatch`` with a
# pattern string looks the pattern up in the module's cache at every line).
_FURNITURE_LINE = re.compile(r"\s*(?:[AES]/\S+|\d{2}-\d{5}.*|\*\d+\*)\s*")


# How _title reads a header line: it ends a block of title lines, is skipped, or is a title line.
_BREAK, _SKIP, _KEEP = 0, 1, 2


def _line_kind(line: str) -> int:
    """_BREAK, _SKIP or _KEEP: how a line of the header block reads for ``_title``."""
    # The blank test first: it is the cheapest, and a blank line needs no regular expression.
    if not line.strip(" \t\x01"):
        return _BREAK
    # A header line ("General Assembly", "Distr.: General") unless it is a numbered title
    # ("80/1. Participation … during the eightieth session"), looked for only then.
    if is_header_line(line) and not _TITLE_NUMBER.match(line):
        return _BREAK
    if line.strip().startswith(("*", "_")):
        return _BREAK
    if _FURNITURE_LINE.fullmatch(line):
        return _SKIP
    return _KEEP


def _title(header_text: str, line_kinds: dict[str, int] | None = None) -> tuple[str | None, str | None]:
    """The title is the last group of non-header lines; "60/175. " before it is its number.

    ``line_kinds`` remembers how each line reads (the header block is read twice, before and
    after page furniture is dropped, and the regular expressions are most of the work).
    """
    kinds = line_kinds if line_kinds is not None else {}
    blocks: list[list[str]] = [[]]
    for line in header_text.splitlines():
        kind = kinds.get(line)
        if kind is None:
            kind = kinds[line] = _line_kind(line)
        if kind == _BREAK:
            if blocks[-1]:
                blocks.append([])
            continue
        if kind == _SKIP:
            continue
        blocks[-1].append(line.strip())
    blocks = [block for block in blocks if block]
    if not blocks:
        return None, None
    numbered = [block for block in blocks if _TITLE_NUMBER.match(block[0])]
    block = numbered[-1] if numbered else blocks[-1]
    title = " ".join(" ".join(block).split())
    number = _TITLE_NUMBER.match(title)
    if number:
        return title[number.end() :].strip() or None, number.group("number")
    return title, None


# Where _PLENARY can match (a superset): after the meeting's number comes a space or a tab, or an
# ordinal suffix (a letter, or ".ª"); a numbered paragraph ("12. Requests") is ruled out at once.
_PLENARY_CANDIDATE = re.compile(r"\n[ \t]*\d{1,3}(?:[ \t]|[^\W\d_]|\.ª)")


def find_closing(text: str, start: int) -> re.Match[str] | None:
    """The "64e séance plénière" line after the last operative paragraph, if printed."""
    return search_lines(_PLENARY, _PLENARY_CANDIDATE, text, start)


# The meeting's number and ordinal, then the words: where a closing line glued to the end of the last
# paragraph starts ("…arms control”. 52nd plenary meeting 1 December 2025").
_GLUED_CLOSING_START = re.compile(r"[.;:!?”»\"')][ \t]+(\d{1,3}(?:e|ème|re|th|st|nd|rd|ª|a|\.ª)?[ \t\n]+)$")
_MEETING_WORDS = ("plenar", "plénière")  # "plenary", "plenaria": one search of the text for both
_CLOSING_REACH = 80  # a closing line is short


def split_glued_closing(text: str) -> str:
    """The text with a closing line ("52nd plenary meeting 1 December 2025") that an extraction joining
    lines ran onto the end of the last paragraph, after its full stop, put on a line of its own (and
    made one line again where a layout extraction then wrapped it).

    Why: the closing is read only at a line's start; glued, it is read as the paragraph's last words
    and the meeting is lost. Only the few places holding the meeting's word are looked at."""
    cuts: list[tuple[int, int]] = []  # (start, end) of each glued closing
    for word in _MEETING_WORDS:
        at = text.find(word)
        while at >= 0:
            before = _GLUED_CLOSING_START.search(text, max(0, at - 20), at)
            if before is not None:
                start = before.start(1)
                # The closing runs to its line's end, or to the next line's when wrapped; it is short,
                # so the line ends are looked for within reach (a long line is no closing).
                limit = min(len(text), start + _CLOSING_REACH)
                line_end = text.find("\n", at, limit)
                ends = [line_end, text.find("\n", line_end + 1, limit)] if line_end >= 0 else [-1]
                for end in ends:
                    if end < 0 and limit < len(text):
                        break
                    closing = text[start : limit if end < 0 else end].rstrip()
                    if _PLENARY.fullmatch(closing.replace("\n", " ")):
                        cuts.append((start, start + len(closing)))
                        break
            at = text.find(word, at + len(word))
    if not cuts:
        return text
    pieces = []
    done = 0
    for start, end in sorted(cuts):
        pieces += [text[done:start].rstrip(" \t"), "\n\n", text[start:end].replace("\n", " ")]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)
