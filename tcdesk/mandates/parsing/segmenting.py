"""Cut the body into preambular, operative and annex paragraphs, with source spans.

Works line by line over the cleaned text from the body start. Footnote blocks are
skipped (they are segments of their own), so a paragraph interrupted by a page break
simply gets a second span. Every character from the body start to the end of the text
lands in exactly one segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import attrgetter

from .body_lines import laid_out_lines, split_lines
from .header import find_closing
from .inline_numbers import inline_number, run_on_number, run_on_preambles
from .lookahead import HEADING_MAX, OPERATIVE_START, TITLE_GOES_ON, Lookahead, numbered
from .paragraph_text import _SUBPARAGRAPH, _SUBPARAGRAPH_CANDIDATE, flatten, raw_text, subparagraphs
from .parsed import Segment, Span
from .vocabulary import adopts_what_follows, opens_usual_preamble, starts_preambular

# Re-exported: the paragraph text helpers were first written here, and callers import them from here.
__all__ = [
    "_SUBPARAGRAPH",
    "_SUBPARAGRAPH_CANDIDATE",
    "Element",
    "Notice",
    "flatten",
    "raw_text",
    "segment",
    "segments_of",
    "subparagraphs",
]

_ANNEX_HEADING = re.compile(r"^[ \t]*(?P<heading>(?:Annexe|Annex|Anexo)(?:[ \t]+(?:[IVX]+|\d{1,2}))?)[ \t]*$")
ANNEX_WITH_TITLE = re.compile(
    r"^[ \t]*(?P<heading>(?:Annexe|Annex|Anexo)(?:[ \t]+(?:[IVX]+|\d{1,2}))?)[ \t]+"
    r"(?P<title>[A-Z0-9«“\"][^\n]{2,400}?)[ \t]*$"
)
_ANNEX_WITH_TITLE = ANNEX_WITH_TITLE
ANNEX_HEADING = _ANNEX_HEADING


@dataclass(slots=True)
class Element:
    """A piece of the body: a paragraph, a heading, the closing lines or text left over.

    ``kind`` is preamble, operative, heading (a subheading between paragraphs, or an annex's
    section heading), closing, annex_heading (an annex's heading and title), annex (an annex
    paragraph) or leftover (text that belongs to no paragraph, shown to the user). ``number``
    is the number as printed (None when unnumbered); ``ref`` names the element uniquely within
    its kind ("operative:3", "annex:12": annex paragraphs are counted across annexes);
    ``section`` is the annex an element belongs to (-1 for the resolution itself).
    ``subtitle_at``: where the subtitle starts under the title of a declaration adopted inline.
    """

    kind: str
    number: int | None
    spans: list[Span] = field(default_factory=list)
    section: int = -1
    ref: int = 0
    subtitle_at: int | None = None

    def add(self, start: int, end: int) -> None:
        if self.spans and self.spans[-1][1] == start:
            self.spans[-1] = (self.spans[-1][0], end)
        else:
            self.spans.append((start, end))


@dataclass(slots=True)
class Notice:
    """Something the segmenter noticed about the numbering: a jump ("3." after 1) or a repeat."""

    code: str  # numbering_jump | numbering_repeat
    element: Element
    expected: int
    found: int


_SENTENCE_END = (".", ";", ":", ".”", ".»", ";”", ":”")
# Endings after which the next line may open a paragraph, a heading or a leftover.
_MAY_END = (".", ",", ";", ":", "”", "»", ")")
_MAY_END_CHARS = frozenset(_MAY_END)  # all one character: a set look-up of the last one will do


def segment(
    masked: str,
    body_start: int,
    regions: list[tuple[int, int]],
    lang: str,
    soft_blanks: set[int] | frozenset[int] = frozenset(),
    notices: list[Notice] | None = None,
    laid_out: tuple[list[str], list[int]] | None = None,
) -> list[Element]:
    """Split the body into elements; footnote regions are left to the caller.

    Blank lines starting at an offset in ``soft_blanks`` (page-break artefacts) do not count as
    paragraph separators: after them a paragraph starts only where its opening words say so.
    Numbering jumps and repeats are appended to ``notices``. ``laid_out``: the lines of
    ``masked`` and their starts, as ``Layout`` keeps them (the text is then not split again).

    Most lines merely continue the current element: they cost a strip and a few
    comparisons. The current element's last span is kept open in two integers and stored
    when it stops growing (``Element.add`` semantics: touching spans are merged).
    """
    elements: list[Element] = []
    current: Element | None = None
    span_start = span_end = -1  # the current element's open span; -1: none
    expected_operative = 1
    expected_annex = 1
    mode = "main"
    blank_before = True
    any_blank = True
    last_content = ""
    in_annex_title = False
    title_lines = 0
    closing_at = -1
    closing_lines = 0  # lines of the closing block read so far (the meeting, then the date)
    preamble_count = 0
    items_open = False  # a preambular paragraph's items whose letters were lost are being read
    run_on_needles: dict[int, tuple[str, str]] = {}  # expected number -> " N. ", " N+1. "
    annex_heading_count = 0
    # "Adopts the following political declaration …:" opened the body: the declaration's title and
    # paragraphs follow, read like an annex's until the closing lines.
    declaration_follows = False
    inline_declaration = False
    counters: dict[str, int] = {}
    notices = notices if notices is not None else []
    # The plenary-meeting line is searched once; the loop only compares offsets.
    closing_match = find_closing(masked, body_start)
    closing_line = masked.rfind("\n", 0, closing_match.start()) + 1 if closing_match else -1
    line_texts: list[str] = []  # each line's text (its newline, which strip() drops, may be left out)
    lines = (
        laid_out_lines(laid_out[0], laid_out[1], len(masked), body_start, regions, line_texts)
        if laid_out is not None
        else None
    )
    if lines is None:
        line_texts.clear()
        lines = split_lines(masked, body_start, regions, line_texts)
    ahead = Lookahead(masked, lines, line_texts)

    def start_element(kind: str, number: int | None, section: int = -1) -> Element:
        counters[kind] = counters.get(kind, 0) + 1
        ref = number if kind in ("operative", "preamble") and number is not None else counters[kind]
        return Element(kind, number, section=section, ref=ref)

    index = -1
    carry: tuple[int, int] | None = None  # the rest of a line cut after an inline heading
    preambles_ahead: list[int] = []  # where the next run-on preambular paragraphs of the line start
    last_index = len(lines) - 1
    while carry is not None or index < last_index:
        if carry is not None:
            (line_start, line_end), carry = carry, None
            if preambles_ahead and (mode != "main" or expected_operative != 1):
                preambles_ahead.clear()  # the operative paragraphs have begun: no preamble is cut there
            if preambles_ahead and preambles_ahead[0] < line_end:
                # The next run-on preambular paragraph of the line ends this piece (each piece is read
                # on its own: reading the rest of a long line for each would be quadratic).
                carry, line_end = (preambles_ahead[0], line_end), preambles_ahead.pop(0)
            line = masked[line_start:line_end]
        else:
            index += 1
            line_start, line_end = lines[index]
            # With or without its newline: every test below reads a line alike either way, but for
            # _inline_number, which is given the line as cut from the text.
            line = line_texts[index]
        stripped = line.strip()
        if "\x00" in stripped:
            stripped = stripped.replace("\x00", "")
        if current is not None and (mode == "annex" or closing_at < 0):
            expected = expected_annex if mode == "annex" else expected_operative
            needles = run_on_needles.get(expected)
            if needles is None:
                needles = run_on_needles[expected] = (f" {expected}. ", f" {expected + 1}. ")
            # Two substring tests rule out nearly every line before the closer look.
            if (needles[0] in line or needles[1] in line) and (
                cut := run_on_number(masked[line_start:line_end], expected, lang)
            ):
                # "… Development.2 2. We acknowledge …": an extraction that ran two paragraphs into one line.
                carry = (line_start + cut, line_end)
                line_end = line_start + cut
                line = masked[line_start:line_end]
                stripped = line.strip().replace("\x00", "")
        if (
            mode == "main"
            and expected_operative == 1
            and closing_at < 0
            and (current is None or current.kind == "preamble")
            and "," in line
            and (cuts := run_on_preambles(line, lang))
        ):
            # "… the views expressed on it, Recalling its relevant resolutions …": preambular
            # paragraphs that an extraction ran into one line. (A paragraph number cut off after them
            # goes back to the rest, where it is found again.)
            cut = cuts[0]
            preambles_ahead[:] = [line_start + later for later in cuts[1:]]
            carry = (line_start + cut, carry[1] if carry is not None else line_end)
            line_end = line_start + cut
            line = masked[line_start:line_end]
            stripped = line.strip().replace("\x00", "")
        if (
            stripped
            and span_end == line_start
            and not any_blank
            # After the closing lines only annex paragraphs go on this way (not a heading, whose
            # next line may hold "… 3. We …"): there the closing lines' rules do not apply.
            and (closing_at < 0 or (mode == "annex" and current is not None and current.kind != "heading"))
            and line_start != closing_line
            and not in_annex_title
            and not stripped[0].isdigit()
            and last_content[-1:] not in _MAY_END_CHARS  # not .endswith(_MAY_END), "" included
            and not stripped.startswith(("Ann", "Anex"))
        ):
            # Most lines go on with the current paragraph: nothing before them ended a sentence or a
            # clause, no blank line or page break sets them apart, and they open with no number.
            span_end = line_end
            last_content = stripped
            continue
        inline_heading = False
        if stripped and current is not None and (mode == "annex" or (expected_operative > 1 and closing_at < 0)):
            expected = expected_annex if mode == "annex" else expected_operative
            if (blank_before or last_content.endswith(_SENTENCE_END) or current.kind == "heading") and (
                cut := inline_number(masked[line_start:line_end], expected)
            ):
                # "Global context and shared commitments 3. We gather…": a heading, then paragraph 3.
                # (A run-on paragraph already cut off the line's end goes on right after: one piece.)
                carry = (line_start + cut, carry[1] if carry is not None else line_end)
                line_end = line_start + cut
                line = masked[line_start:line_end]
                stripped = line.strip().replace("\x00", "")
                inline_heading = True
        if not stripped:
            if current is not None:
                if span_end == line_start:
                    span_end = line_end
                else:
                    if span_end >= 0:
                        current.spans.append((span_start, span_end))
                    span_start, span_end = line_start, line_end
            if line_start not in soft_blanks:
                blank_before = True
            any_blank = True  # a page break too: headings are set apart either way
            # A blank line after the title ends it; not a page break after "… high-level meeting of the".
            title_goes_on = (
                inline_declaration and line_start in soft_blanks and last_content.rsplit(None, 1)[-1] in TITLE_GOES_ON
            )
            if in_annex_title and title_lines and not title_goes_on:
                in_annex_title = False
            continue
        new: Element | None = None
        aside: Element | None = None  # an element that does not interrupt the current one
        annex_opens: int | None = None  # an annex heading begins here: where its count of title lines starts
        if (
            line_start == closing_line
            and (mode == "main" or inline_declaration)
            and current is not None
            and closing_at < 0
        ):
            closing_at = line_start
            closing_lines = 1
            new = start_element("closing", None)
            mode, inline_declaration = "main", False
        if (
            new is None
            and declaration_follows
            and current is not None
            and current.kind == "operative"
            and last_content.endswith(":")
            and not stripped[0].isdigit()
        ):
            # The adopted text begins after the colon (a blank line or only a page break between): its
            # title, then its paragraphs.
            declaration_follows, inline_declaration = False, True
            annex_opens = 0  # the title's first line is the heading's own: a blank line after it ends it
        if inline_heading and (current is None or current.kind != "heading"):
            new = start_element("heading", None, current.section if current is not None else -1)
        if new is None and annex_opens is None and current is not None and "An" in line:
            annex = _ANNEX_HEADING.match(line)
            if annex is None and (closing_at >= 0 or mode == "annex") and any_blank:
                # "Annex Awaza Political Declaration": an extraction that joins the heading and the title
                # (set apart by a blank line or a page break: an annex often opens a page).
                annex = _ANNEX_WITH_TITLE.match(line)
            if annex and (blank_before or mode != "main" or closing_at >= 0):
                annex_opens = -1  # the heading line itself is counted below
        if annex_opens is not None:
            mode, expected_annex, in_annex_title, title_lines = "annex", 1, True, annex_opens
            section = annex_heading_count
            annex_heading_count += 1
            new = start_element("annex_heading", section, section)
        if (
            new is None
            and mode == "main"
            and closing_at < 0
            and expected_operative == 1
            and not stripped[0].isdigit()
            and (current is None or blank_before or last_content.endswith((",", ";", ":")))
            and adopts_what_follows(stripped, lang)
        ):
            new = start_element("operative", None)
            declaration_follows = True
        if new is None and mode == "main" and closing_at < 0:
            number = numbered(line) if stripped[0].isdigit() else None
            paragraph_start = current is None or blank_before or last_content.endswith(_SENTENCE_END)
            if number is not None and number == expected_operative:
                new = start_element("operative", number)
                expected_operative += 1
            elif (
                number is not None
                and expected_operative > 1
                and expected_operative < number <= expected_operative + 3
                and paragraph_start
                and _opens_sentence(stripped)
            ):
                new = start_element("operative", number)
                notices.append(Notice("numbering_jump", new, expected_operative, number))
                expected_operative = number + 1
            elif number is not None and 1 <= number < expected_operative and blank_before and _opens_sentence(stripped):
                if current is not None:
                    notices.append(Notice("numbering_repeat", current, expected_operative, number))
            elif (
                expected_operative == 1
                and current is not None
                and any_blank
                and len(stripped) <= HEADING_MAX
                and stripped[0].isupper()
                and not stripped.endswith((",", ";", ":", "."))
                and ahead.heading_before(index, 1)
            ):
                new = start_element("heading", None)  # a subheading above the first operative paragraph
            elif expected_operative == 1 and (
                current is None
                or (
                    last_content.endswith((",", ";", ":"))
                    and stripped[0].isupper()
                    and (
                        blank_before
                        or (
                            starts_preambular(stripped, lang)
                            and not _LIST_CONTINUES[lang].match(stripped)
                            and not (_TITLE_CASE_GOES_ON.match(stripped) and not opens_usual_preamble(stripped, lang))
                        )
                    )
                )
            ):
                if (
                    current is not None
                    and current.kind == "preamble"
                    and (items_open or last_content.endswith(":"))
                    and not opens_usual_preamble(stripped, lang)
                ):
                    # "… a major contribution to:" then "International peace and security,": an item
                    # of the paragraph whose letter extraction lost, not a paragraph of its own.
                    items_open = True
                else:
                    preamble_count += 1
                    new = start_element("preamble", preamble_count)
            elif (
                expected_operative > 1
                and any_blank
                and last_content.endswith(_SENTENCE_END)
                and stripped[0].isupper()
                and ahead.heading_before(index, expected_operative)
            ):
                new = start_element("heading", None)
        if new is None and mode == "main" and closing_at >= 0 and current is not None and current.kind != "leftover":
            closing_lines += 1
            if closing_lines > 2 or not _DATE_LINE.match(stripped):
                new = start_element("leftover", None)
        if new is None and mode == "annex" and current is not None:
            section = current.section
            number = numbered(line) if stripped[0].isdigit() else None
            paragraph_start = blank_before or last_content.endswith(_SENTENCE_END) or current.kind == "annex_heading"
            if number is not None and number == expected_annex:
                new = start_element("annex", expected_annex, section)
                expected_annex += 1
                in_annex_title = False
            elif (
                number is not None
                and expected_annex > 1
                and expected_annex < number <= expected_annex + 3
                and paragraph_start
                and _opens_sentence(stripped)
            ):
                new = start_element("annex", number, section)
                notices.append(Notice("numbering_jump", new, expected_annex, number))
                expected_annex = number + 1
                in_annex_title = False
            elif current.kind == "annex_heading" and in_annex_title:
                pass  # title lines stay with the heading
            elif (
                inline_declaration
                and current.kind == "annex_heading"
                and current.subtitle_at is None
                and ahead.subtitle(stripped, index)
            ):
                current.subtitle_at = line_start  # "United to end tuberculosis: …" under the declaration's title
            elif (
                expected_annex > 1
                and any_blank
                and last_content.endswith(_SENTENCE_END)
                and stripped[0].isupper()
                and ahead.heading_before(index, expected_annex)
            ):
                new = start_element("heading", None, section)
            elif (
                (blank_before or (inline_declaration and any_blank and current.kind == "annex_heading"))
                and expected_annex == 1
                and stripped[0].isupper()
                and current.kind != "heading"
            ):
                # (A page break between an inline declaration's title and its opening also sets it apart.)
                new = start_element("annex", None, section)
        if (
            new is None
            and current is not None
            and current.kind in ("preamble", "operative", "annex")
            and blank_before
            and _interrupts(stripped, last_content)
        ):
            following = ahead.next_content(index)
            if following is not None and following[1] and ahead.text(following[0])[:1].islower():
                # A short line alone between blank lines, in the middle of a sentence that goes on in
                # lower case after it: page debris (a running title that is not the title).
                aside = start_element("leftover", None, current.section)
        if aside is not None:
            if span_end >= 0 and current is not None:
                current.spans.append((span_start, span_end))
            span_start = span_end = -1
            aside.spans.append((line_start, line_end))
            elements.append(aside)
            blank_before = any_blank = False
            continue
        if new is not None:
            items_open = False
            if current is not None and span_end >= 0:
                current.spans.append((span_start, span_end))
            span_start = span_end = -1
            if current is None and not elements and line_start > body_start:
                span_start, span_end = body_start, line_start  # leading blank lines go to the first element
            elements.append(new)
            current = new
        if current is None:
            preamble_count += 1
            current = start_element("preamble", preamble_count)
            elements.append(current)
            span_start, span_end = body_start, line_start
        if span_end == line_start:
            span_end = line_end
        else:
            if span_end >= 0:
                current.spans.append((span_start, span_end))
            span_start, span_end = line_start, line_end
        if in_annex_title:
            title_lines += 1
        last_content = stripped
        blank_before = any_blank = False
    if current is not None and span_end >= 0:
        current.spans.append((span_start, span_end))
    return elements


_DATE_LINE = re.compile(r"^\d{1,2}(?:er|º)?\s+(?:de\s+)?[^\W\d_]+\s+(?:de\s+)?\d{4}\.?$")


# "Production,\nStockpiling and Use of Chemical Weapons": a list of nouns going on, not a paragraph
# opening with a participle.
# "Recalling and reaffirming …" goes on with a list of leads; the conjunctions are the document's
# language's only ("o" is Spanish "or" but an English line may well read "Recalling o…").
_LIST_CONTINUES = {
    lang: re.compile(rf"^\S+[ \t]+(?:{words})\b")
    for lang, words in {"en": "and|or|nor", "fr": "et|ou|ni", "es": "y|e|o|u|ni"}.items()
}


# "…disarmament agenda,\nSecuring Our Common Future: An Agenda for Disarmament,": a title the line wrap
# put at a line's start, whose first word ends in -ing; a paragraph's participle is followed by a
# lower-case word ("Recalling further the …"), or by a capital after one of the usual words.
_TITLE_CASE_GOES_ON = re.compile(r"^[A-Z][a-z]+ing[ \t]+(?:[A-Z][a-z]*[ \t,:]+){2}")


def _opens_sentence(line: str) -> bool:
    """Whether a numbered line opens a paragraph: nothing, or a capital, after its number."""
    rest = OPERATIVE_START.sub("", line, count=1).lstrip()
    return not rest or rest[0].isupper() or rest[0] in '«“"('


def _interrupts(line: str, before: str) -> bool:
    """A short line that cannot end or begin a sentence, after a long line (an extraction that
    joins lines into paragraphs) that has not ended one."""
    return (
        len(line) <= 100
        and len(before) > 150
        and line[0].isupper()
        and not line.endswith((".", ",", ";", ":", ")"))
        and not before.endswith((".", ",", ";", ":"))
        and numbered(line) is None
    )


_START = attrgetter("start")


def segments_of(elements: list[Element], footnote_spans: list[tuple[int, int, int]]) -> list[Segment]:
    """Flat, ordered list of body segments: element spans plus footnotes (number, start, end)."""
    segments = [Segment(element.kind, element.ref, start, end) for element in elements for start, end in element.spans]
    segments += [Segment("footnote", number, start, end) for number, start, end in footnote_spans]
    segments.sort(key=_START)
    return segments
