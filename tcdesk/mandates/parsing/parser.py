"""``parse_resolution``: text of a resolution in, structured ``ParsedResolution`` out."""

from __future__ import annotations

import bisect
import re

from .citations import find_citations
from .entities import SECRETARY_GENERAL, addressees_of, find_entities
from .errors import ParseError
from .header import (
    BODY_MARKER_CANDIDATE,
    BODY_NAMES,
    find_closing,
    iso_date,
    read_header,
    session_from_symbol,
    symbol_from_filename,
)
from .language import LANGUAGES, detect_language
from .layout import SYMBOL, lay_out, mask_markers, normalise
from .model import (
    Action,
    Annex,
    AnnexParagraph,
    AnnexSection,
    Citation,
    Footnote,
    FootnoteMarker,
    Operative,
    ParsedResolution,
    Preambular,
    ReportingRequest,
    Segment,
    Subparagraph,
)
from .reporting import reporting_kind, session_named
from .scanning import search_lines
from .segmenting import Element, flatten, raw_text, segment, segments_of, subparagraphs
from .vocabulary import clause_kind, clause_starts, operative_lead, preamble_lead, starts_preambular

_OPERATIVE_NUMBER = re.compile(r"^\s*\d{1,3}\.\s*")
_FOOTNOTE_NUMBER = re.compile(r"^\s*(?:_{3,}\s*)?(?:\d{1,3}|\*{1,3})\s*")
_FIRST_PARAGRAPH = re.compile(r"(?m)^[ \t]*1\.(?:[ \t]|$)")
_FIRST_PARAGRAPH_CANDIDATE = re.compile(r"\n[ \t]*1\.")
_BODY_MARKER_POSITION = re.compile(rf"(?im)^[ \t]*{BODY_NAMES}[ \t]*,")
_SYMBOL_LINE = re.compile(r"^[ \t]*(?:\S+[ \t]+)?(" + SYMBOL.pattern + r")(?:[ \t]+\S+)?[ \t]*$")
# Addressees of a "call"; a call to anyone else (an organ of the United Nations) is a request.
_OUTSIDE_ACTORS = {
    "States",
    "Member States",
    "States parties",
    "Governments",
    "regional economic integration organizations",
    "international organizations",
    "regional organizations",
    "non-governmental organizations",
    "civil society",
    "private sector",
    "donors",
    "development partners",
    "international financial institutions",
    "World Bank",
    "funding agencies",
}


def parse_resolution(text: str, lang: str = "auto", *, source_name: str | None = None) -> ParsedResolution:
    """Parse the text of a resolution as extracted from its PDF.

    ``lang`` is "auto", "en", "fr" or "es". ``source_name`` (the file name) is used only
    to recover the symbol when the text does not print it ("A-RES-60-175-fr.txt").
    Raises ParseError for empty input, scanned PDFs without text, and texts that are
    not resolutions.
    """
    if text is None or not text.strip():
        raise ParseError("The text is empty: expected the text of a resolution.")
    normalised = normalise(text)
    if not _has_words(normalised[:5000]):
        if "\f" in text or "%PDF" in text[:1024]:
            raise ParseError("The text looks like a scanned PDF with no text layer: there are no words to read.")
        raise ParseError("The text has almost no words: expected the text of a resolution.")
    if lang == "auto":
        lang = detect_language(normalised)
    elif lang not in LANGUAGES:
        raise ParseError(f"Unknown language {lang!r}: expected one of auto, {', '.join(LANGUAGES)}.")

    symbol = _own_symbol(normalised)
    layout = lay_out(normalised, symbol)
    cleaned = layout.cleaned
    header = read_header(cleaned, lambda: _first_paragraph(cleaned, lang))
    mask_markers(layout, header.body_start)
    masked = layout.masked
    body_regions = [region for region in layout.regions if region[0] >= header.body_start]
    elements = segment(masked, header.body_start, body_regions, lang, layout.soft_blanks)
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
        footnote_text = _FOOTNOTE_NUMBER.sub("", flatten(cleaned[raw.start : raw.end]), count=1)
        footnote = Footnote(number=raw.number, text=footnote_text, spans=[(raw.start, raw.end)])
        footnotes.append(footnote)
        by_number.setdefault(raw.number, footnote)
    for offset, number in layout.markers:
        if number in by_number:
            by_number[number].markers.append(FootnoteMarker(number, element_at(offset), offset))

    preamble: list[Preambular] = []
    operative: list[Operative] = []
    annex_sections: list[AnnexSection] = []
    annex_paragraphs: list[AnnexParagraph] = []
    plenary_meeting = None
    closing_date = None
    for element in elements:
        raw = raw_text(masked, element.spans)
        if element.kind == "preamble":
            paragraph_text = flatten(raw)
            preamble.append(
                Preambular(len(preamble) + 1, preamble_lead(paragraph_text, lang), paragraph_text, list(element.spans))
            )
        elif element.kind == "operative":
            operative.append(_operative(element, raw, lang))
        elif element.kind == "closing":
            closing = find_closing(raw, 0)
            if closing:
                plenary_meeting = int(closing.group("number"))
                for line in raw[closing.end() :].splitlines():
                    if line.strip():
                        closing_date = iso_date(line)
                        break
        elif element.kind == "annex_heading":
            lines = [line.strip() for line in raw.replace("\x00", "").splitlines() if line.strip()]
            heading = lines[0] if lines else "Annex"
            title = " ".join(" ".join(lines[1:]).split()) or None
            annex_sections.append(AnnexSection(heading, title))
        elif element.kind == "annex":
            annex_text = flatten(_OPERATIVE_NUMBER.sub("", raw, count=1) if element.number else raw)
            annex_paragraphs.append(
                AnnexParagraph(
                    section=element.section,
                    number=element.number,
                    text=annex_text,
                    subparagraphs=[Subparagraph(label, sub) for label, sub in subparagraphs(raw)],
                    spans=list(element.spans),
                )
            )
    annex = None
    if annex_sections:
        annex = Annex(title=annex_sections[0].title, sections=annex_sections, paragraphs=annex_paragraphs)

    return ParsedResolution(
        symbol=symbol,
        language=lang,
        title=header.title,
        session=header.session_words or session_from_symbol(symbol),
        body=body,
        adoption_date=header.adoption_date or closing_date,
        agenda_item=header.agenda_item,
        plenary_meeting=plenary_meeting,
        preamble=preamble,
        operative=operative,
        footnotes=footnotes,
        citations=_citations(masked, segments, header.body_start, body),
        reporting_requests=_reporting_requests(operative, lang),
        annex=annex,
        cleaned_text=cleaned,
        body_start=header.body_start,
        segments=segments,
    )


def _has_words(sample: str, enough: int = 40) -> bool:
    """Whether the sample holds at least ``enough`` letters (stops as soon as it does)."""
    letters = 0
    for char in sample:
        if char.isalpha():
            letters += 1
            if letters >= enough:
                return True
    return False


def _own_symbol(text: str) -> str | None:
    """The symbol printed in the header block or alone on header/footer lines."""
    marker = search_lines(_BODY_MARKER_POSITION, BODY_MARKER_CANDIDATE, text)
    header = text[: marker.start()] if marker else text[:1500]
    candidates = [" ".join(match.group(1).split()) for match in SYMBOL.finditer(header)]
    position = text.find("/RES/")
    while position >= 0:
        # A symbol alone on its line (with a page number or job number at most) is a page header.
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        match = _SYMBOL_LINE.match(line)
        if match:
            candidates.append(" ".join(match.group(1).split()))
        position = text.find("/RES/", position + 5)
    if not candidates:
        return None
    return max(dict.fromkeys(candidates), key=candidates.count)


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


def _operative(element: Element, raw: str, lang: str) -> Operative:
    """An operative paragraph with its lead, kind, actions (one per clause) and addressees."""
    text = flatten(_OPERATIVE_NUMBER.sub("", raw, count=1))
    lead, kind = operative_lead(text, lang)
    actions: list[Action] = []
    clauses = clause_starts(text, lang) if lead else []
    first_end = clauses[0].start() if clauses else len(text)
    first_text = text[:first_end]
    first_addressees = addressees_of(first_text[len(lead or "") :], lang) if _directive(kind) else []
    actions.append(Action(_refine(kind, first_addressees), lead or "", first_addressees, first_text))
    for position, clause in enumerate(clauses):
        end = clauses[position + 1].start() if position + 1 < len(clauses) else len(text)
        verb, clause_kind_ = clause_kind(clause.group("verb"), lang)
        clause_text = text[clause.start("verb") : end]
        if clause.group("pronoun"):
            addressees = list(actions[-1].addressees)  # "et lui demande": the previous addressee
        elif _directive(clause_kind_):
            after = text[clause.end("verb") : end]
            addressees = addressees_of(after, lang)
            if not addressees and _HIM.match(after):
                # "Welcomes the report of the Secretary-General, and requests him": the person named before.
                addressees = (
                    list(actions[-1].addressees)
                    or [name for name in find_entities(text[: clause.start()]) if name in _PERSONS][-1:]
                )
        else:
            addressees = []
        actions.append(Action(_refine(clause_kind_, addressees), verb, addressees, clause_text))
    all_addressees: list[str] = []
    for action in actions:
        for name in action.addressees:
            if name not in all_addressees:
                all_addressees.append(name)
    return Operative(
        number=element.number or 0,
        lead=lead,
        text=text,
        subparagraphs=[Subparagraph(label, sub) for label, sub in subparagraphs(raw)],
        addressees=all_addressees,
        kind=actions[0].kind,
        actions=actions,
        spans=list(element.spans),
    )


_PERSONS = frozenset({SECRETARY_GENERAL})
_HIM = re.compile(r"\s*(?:him|her)\b")


def _directive(kind: str) -> bool:
    return kind in ("request", "call", "urging", "invitation", "encouragement", "appreciation")


def _refine(kind: str, addressees: list[str]) -> str:
    """ "Demande" to a United Nations organ ("demande au Secrétaire général de …") is a request;
    to States and other outside actors it is a call."""
    if kind == "call" and addressees and not set(addressees) & _OUTSIDE_ACTORS:
        return "request"
    return kind


def _citations(masked: str, segments: list[Segment], body_start: int, own_body: str | None) -> list[Citation]:
    """Distinct citations in order of first appearance, with the elements citing them."""
    citations: dict[tuple[str, str | None, str], Citation] = {}
    starts = [item.start for item in segments]
    for found in find_citations(masked[body_start:], own_body):
        position = bisect.bisect_right(starts, body_start + found.offset) - 1
        if position < 0:
            continue
        item = segments[position]
        if item.kind in ("closing", "annex_heading"):
            continue
        key = (found.kind, found.body, found.ref)
        citation = citations.setdefault(key, Citation(found.kind, found.body, found.ref))
        where = f"{item.kind}:{item.ref}"
        if where not in citation.occurrences:
            citation.occurrences.append(where)
    return list(citations.values())


def _reporting_requests(operative: list[Operative], lang: str) -> list[ReportingRequest]:
    requests = []
    for paragraph in operative:
        for action in paragraph.actions:
            if action.kind != "request":
                continue
            kind = reporting_kind(action.text, lang)
            if kind is None:
                continue
            requests.append(
                ReportingRequest(
                    paragraph=paragraph.number,
                    addressee=action.addressees[0] if action.addressees else None,
                    to_session=session_named(action.text, lang),
                    kind=kind,
                )
            )
    return requests
