"""``parse_resolution``: text of a resolution in, structured ``ParsedResolution`` out."""

from __future__ import annotations

import bisect
import re

from .assembly import assemble
from .citations import find_citations
from .errors import ParseError
from .glued_notes import split_running_title_from_notes
from .header import (
    BODY_MARKER_CANDIDATE,
    BODY_NAMES,
    FORMULA_THEN_ADOPTION,
    read_header,
    session_from_symbol,
    symbol_from_filename,
    title_before_body,
)
from .language import LANGUAGES, detect_language
from .layout import SYMBOL, Layout, lay_out, mask_markers, normalise
from .markers import has_superscript_digits
from .parsed import Annex, Citation, Footnote, FootnoteMarker, ParsedResolution, Segment
from .reporting import reporting_requests as _reporting_requests
from .review import review
from .scanning import search_lines
from .segmenting import Element, Notice, flatten, raw_text, segment, segments_of
from .vocabulary import operative_lead, starts_preambular

_FOOTNOTE_NUMBER = re.compile(r"^\s*(?:(?:_{3,}|-{3,})\s*)?(?:\d{1,3}|\*{1,3})\s*")
_FIRST_PARAGRAPH = re.compile(r"(?m)^[ \t]*1\.(?:[ \t]|$)")
_FIRST_PARAGRAPH_CANDIDATE = re.compile(r"\n[ \t]*1\.")
_BODY_MARKER_POSITION = re.compile(rf"(?im)^[ \t]*{BODY_NAMES}[ \t]*(?:,|$|{FORMULA_THEN_ADOPTION})")
_SYMBOL_LINE = re.compile(r"^[ \t]*(?:\S+[ \t]+)?(" + SYMBOL.pattern + r")(?:[ \t]+\S+)?[ \t]*$")


def parse_resolution(text: str, lang: str = "auto", *, source_name: str | None = None) -> ParsedResolution:
    """Parse the text of a resolution as extracted from its PDF.

    ``lang`` is "auto", "en", "fr" or "es". ``source_name`` (the file name) is used only
    to recover the symbol when the text does not print it ("A-RES-60-175-fr.txt").
    Raises ParseError for empty input, scanned PDFs without text, and texts that are
    not resolutions.
    """
    if text is None or not text or text.isspace():  # (no stripped copy of the whole text)
        raise ParseError("The text is empty: expected the text of a resolution.")
    normalised = normalise(text)
    if not _has_words(normalised[:5000]):
        if "\f" in text or "%PDF" in text[:1024]:
            raise ParseError("The text looks like a scanned PDF with no text layer: there are no words to read.")
        raise ParseError("The text has almost no words: expected the text of a resolution.")
    formula = search_lines(_BODY_MARKER_POSITION, BODY_MARKER_CANDIDATE, normalised)
    if lang == "auto":
        # The opening formula ("The General Assembly,", "L'Assemblée générale,", "La Asamblea General,")
        # says the language at once; counting function words is for texts that do not print it.
        lang = _language_of_formula(formula) or detect_language(normalised)
    elif lang not in LANGUAGES:
        raise ParseError(f"Unknown language {lang!r}: expected one of auto, {', '.join(LANGUAGES)}.")

    symbol = _own_symbol(normalised, formula)
    title_read = title_before_body(normalised)
    running_title, body_from = (title_read.title, title_read.body_from) if title_read else (None, 0)
    if running_title:
        # A page header run onto a note's line by an extraction that joins lines (glued_notes).
        normalised = split_running_title_from_notes(normalised, running_title, body_from)
    superscripts = has_superscript_digits(normalised)  # asked once: the search is costly on non-ASCII texts
    layout = lay_out(normalised, symbol, running_title=running_title, body_from=body_from, superscripts=superscripts)
    cleaned = layout.cleaned
    header = read_header(cleaned, lambda: _first_paragraph(cleaned, lang), title_read=title_read)
    _stop_notes_at_the_body(layout, header.body_start)
    mask_markers(layout, header.body_start, superscripts=superscripts)
    masked = layout.masked
    body_regions = [region for region in layout.regions if region[0] >= header.body_start]
    notices: list[Notice] = []
    elements = segment(
        masked, header.body_start, body_regions, lang, layout.soft_blanks, notices, (layout.lines, layout.line_starts)
    )
    if not any(element.kind == "operative" for element in elements) and header.body is not None:
        _unnumbered_operative(elements, masked, lang)
    if not any(element.kind == "operative" for element in elements):
        raise ParseError(
            'This is not a resolution: no numbered operative paragraphs ("1.", "2.", …) were found'
            + (
                " after the opening formula."
                if header.body is not None
                else ', and no opening formula such as "The General Assembly," either.'
            )
        )

    body = header.body or _body_from_symbol(symbol)
    if symbol is None and header.title_number:
        symbol = _symbol_from_number(header.title_number, body)
    if symbol is None and source_name:
        symbol = symbol_from_filename(source_name)
    if header.body is None and symbol is None:
        # Numbered paragraphs alone make no resolution: a court's opinion or a report has them too.
        raise ParseError(
            "This is not a resolution: it has numbered paragraphs, but neither a resolution symbol"
            ' (such as A/RES/60/175) nor an opening formula such as "The General Assembly,".'
        )
    body = body or _body_from_symbol(symbol)

    footnote_spans = [
        (footnote.number, footnote.start, footnote.end)
        for footnote in layout.footnotes
        if footnote.start >= header.body_start
    ]
    segments = segments_of(elements, footnote_spans)
    starts = [item.start for item in segments]

    def element_at(offset: int) -> str:
        position = bisect.bisect_right(starts, offset) - 1
        item = segments[max(position, 0)]
        return f"{item.kind}:{item.ref}"

    footnotes = []
    by_number: dict[int, Footnote] = {}
    for raw in layout.footnotes:
        footnote_text = _FOOTNOTE_NUMBER.sub("", flatten(cleaned[raw.start : raw.end], normalised=True), count=1)
        footnote = Footnote(number=raw.number, text=footnote_text, spans=[(raw.start, raw.end)])
        footnotes.append(footnote)
        by_number.setdefault(raw.number, footnote)
    for offset, number in layout.markers:
        if number in by_number:
            by_number[number].markers.append(FootnoteMarker(number, element_at(offset), offset))

    assembled = assemble(elements, masked, lang)
    annexes = assembled.annexes
    own_footnotes = _share_footnotes(footnotes, annexes, elements)

    operative = assembled.operative
    reporting_requests, session_notes = _reporting_requests(operative, lang)
    parsed = ParsedResolution(
        symbol=symbol,
        language=lang,
        title=header.title,
        session=header.session_words or session_from_symbol(symbol),
        body=body,
        adoption_date=header.adoption_date or assembled.closing_date,
        agenda_item=header.agenda_item,
        plenary_meeting=assembled.plenary_meeting,
        preamble=assembled.preamble,
        operative=operative,
        footnotes=own_footnotes,
        citations=_citations(masked, segments, starts, header.body_start, body),
        reporting_requests=reporting_requests,
        annexes=annexes,
        leftovers=assembled.leftovers,
        cleaned_text=cleaned,
        body_start=header.body_start,
        segments=segments,
    )
    parsed.warnings = review(parsed, footnotes, notices, session_notes, masked, layout.unmatched)
    return parsed


def _stop_notes_at_the_body(layout: Layout, body_start: int) -> None:
    """A footnote block of the header (a note on the title) ends where the body starts: what
    follows the opening formula is never part of it, even when the block's own rules say so.

    Notes of the block that start in the body (a damaged text can make one header note run on into
    the body, up to the next note number) keep a block of their own, from the first of them: every
    footnote lies in a block, so that no text is read both as a note and as a paragraph."""
    for footnote in layout.footnotes:
        if footnote.start < body_start < footnote.end:
            footnote.end = body_start
    regions: list[tuple[int, int]] = []
    for start, end in layout.regions:
        if not start < body_start < end:
            regions.append((start, end))
            continue
        regions.append((start, body_start))
        in_body = [footnote.start for footnote in layout.footnotes if body_start <= footnote.start < end]
        if in_body:
            regions.append((min(in_body), end))
    layout.regions = regions


def _unnumbered_operative(elements: list[Element], masked: str, lang: str) -> None:
    """A resolution whose only operative paragraph is unnumbered ("Adopts the Declaration annexed
    to the present resolution."): its last paragraph before the closing lines or the annex,
    when it opens with an operative verb, is that paragraph."""
    last = None
    for element in elements:
        if element.kind == "preamble":
            last = element
        elif element.kind in ("closing", "annex_heading"):
            break
    if last is None:
        return
    text = flatten(raw_text(masked, last.spans), normalised=True)
    if operative_lead(text, lang)[1] == "other":
        return
    last.kind, last.number, last.ref = "operative", None, 1


def _share_footnotes(footnotes: list[Footnote], annexes: list[Annex], elements: list[Element]) -> list[Footnote]:
    """The resolution's own footnotes; those first called from an annex (or, never called,
    printed after an annex heading) go to that annex."""
    section_of = {f"{element.kind}:{element.ref}": element.section for element in elements}
    annex_starts: list[tuple[int, int]] = []  # (offset of the annex heading, annex index)
    for element in elements:
        if element.kind == "annex_heading" and element.spans:
            annex_starts.append((element.spans[0][0], element.section))
    own = []
    for footnote in footnotes:
        annex_index = None
        if footnote.markers:
            section = section_of.get(footnote.markers[0].element, -1)
            annex_index = section if section >= 0 else None
        elif footnote.spans:
            before = [index for start, index in annex_starts if start <= footnote.spans[0][0]]
            annex_index = before[-1] if before else None
        if annex_index is not None and annex_index < len(annexes):
            annexes[annex_index].footnotes.append(footnote)
        else:
            own.append(footnote)
    return own


def _has_words(sample: str, enough: int = 40) -> bool:
    """Whether the sample holds at least ``enough`` letters (stops as soon as it does)."""
    letters = 0
    for char in sample:
        if char.isalpha():
            letters += 1
            if letters >= enough:
                return True
    return False


def _language_of_formula(formula: re.Match[str] | None) -> str | None:
    """ "en", "fr" or "es" from the article opening the formula ("The", "L'"/"Le", "La"/"El")."""
    if formula is None:
        return None
    article = formula.group(0).lstrip()[:3].lower()
    if article.startswith("the"):
        return "en"
    if article.startswith(("l'", "l’", "le")):
        return "fr"
    if article.startswith(("la", "el")):
        return "es"
    return None


def _own_symbol(text: str, marker: re.Match[str] | None) -> str | None:
    """The symbol printed in the header block (before ``marker``, the opening formula, when
    printed) or alone on header/footer lines."""
    header = text[: marker.start()] if marker else text[:1500]
    candidates = [" ".join(match.group(1).split()) for match in _symbols_in(header)]
    position = _find_res(text, 0)
    while position >= 0:
        # A symbol alone on its line (with a page number or job number at most) is a page header.
        # Such a line is short: look no further than 80 characters each side (a long line is not
        # one, and searching it whole for every "/RES/" would be quadratic).
        newline = text.rfind("\n", max(0, position - 80), position)
        line_end = text.find("\n", position, position + 80)
        if line_end < 0 and position + 80 < len(text):
            line_end = -2  # no line end within reach: a long line
        if (newline >= 0 or position < 80) and line_end != -2:
            line = text[newline + 1 : line_end if line_end >= 0 else len(text)]
            match = _SYMBOL_LINE.match(line)
            if match:
                candidates.append(" ".join(match.group(1).split()))
        position = _find_res(text, position + 5)
    if not candidates:
        return None
    return max(dict.fromkeys(candidates), key=candidates.count)


def _symbols_in(header: str) -> list[re.Match[str]]:
    """``SYMBOL.finditer(header)``, tried only where a symbol can start: one character before each
    "/RES/" (every symbol reads "A/RES/", "E/RES/" or "S/RES/"). Why: SYMBOL opens with a
    look-behind, which the engine tries at every position of the header."""
    matches = []
    resume = 0  # finditer resumes where the previous match ended
    position = _find_res(header, 1)
    while position >= 0:
        if position - 1 >= resume:
            match = SYMBOL.match(header, position - 1)
            if match:
                matches.append(match)
                resume = match.end()
        position = _find_res(header, position + 1)
    return matches


def _find_res(text: str, start: int) -> int:
    """``text.find("/RES/", start)``, stepping from slash to slash: a one-character search runs at
    memchr speed and slashes are few, while a five-character search reads the whole text."""
    position = text.find("/", start)
    while position >= 0 and not text.startswith("/RES/", position):
        position = text.find("/", position + 1)
    return position


def _first_paragraph(cleaned: str, lang: str) -> int | None:
    """Where the body starts when no opening formula is printed."""
    first_operative = search_lines(_FIRST_PARAGRAPH, _FIRST_PARAGRAPH_CANDIDATE, cleaned)
    limit = first_operative.start() if first_operative else len(cleaned)
    position = 0
    for line in cleaned[:limit].splitlines(keepends=True):
        if starts_preambular(line.strip(), lang) and line.strip()[:1].isupper():
            return position
        position += len(line)
    return first_operative.start() if first_operative else None


def _body_from_symbol(symbol: str | None) -> str | None:
    if not symbol:
        return None
    return {"A": "GA", "E": "ECOSOC", "S": "SC"}.get(symbol[0])


def _symbol_from_number(number: str, body: str | None) -> str | None:
    prefix = {"GA": "A/RES/", "ECOSOC": "E/RES/"}.get(body or "")
    return prefix + number if prefix and "/" in number else None


def _citations(
    masked: str, segments: list[Segment], starts: list[int], body_start: int, own_body: str | None
) -> list[Citation]:
    """Distinct citations in order of first appearance, with the elements citing them (``starts``:
    the segments' start offsets)."""
    citations: dict[tuple[str, str | None, str], Citation] = {}
    for found in find_citations(masked[body_start:], own_body):
        position = bisect.bisect_right(starts, body_start + found.offset) - 1
        if position < 0:
            continue
        item = segments[position]
        if item.kind in ("closing", "annex_heading", "leftover"):
            continue
        key = (found.kind, found.body, found.ref)
        citation = citations.get(key)
        if citation is None:  # built only when first seen (setdefault would build one every time)
            citation = citations[key] = Citation(found.kind, found.body, found.ref)
        where = f"{item.kind}:{item.ref}"
        if where not in citation.occurrences:
            citation.occurrences.append(where)
    return list(citations.values())
