"""Cut the body into preambular, operative and annex paragraphs, with source spans.

Works line by line over the cleaned text from the body start. Footnote blocks are
skipped (they are segments of their own), so a paragraph interrupted by a page break
simply gets a second span. Every character from the body start to the end of the text
lands in exactly one segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .header import find_closing
from .model import Segment, Span
from .scanning import finditer_lines
from .vocabulary import starts_preambular

_OPERATIVE_START = re.compile(r"^[ \t]*(\d{1,3})\.(?=[ \t]|$|\n|[A-ZÀ-Ý])")
_ANNEX_HEADING = re.compile(r"^[ \t]*(?P<heading>(?:Annexe|Annex|Anexo)(?:[ \t]+(?:[IVX]+|\d{1,2}))?)[ \t]*$")
_SUBPARAGRAPH = re.compile(r"(?m)^[ \t]*\(?([a-z]{1,2})\)[ \t]+")
_SUBPARAGRAPH_CANDIDATE = re.compile(r"\n[ \t]*\(?[a-z]{1,2}\)")
_HYPHEN_BREAK = re.compile(r"(\w+)-[ \t]*\n[ \t]*(?=(\w))")
_HYPHEN_AT_LINE_END = re.compile(r"-[ \t]*\n")  # starts with a literal: the engine searches fast
_RULE = re.compile(r"_{3,}")
_KEEP_HYPHEN = frozenset(
    [
        "soixante",
        "quatre",
        "vingt",
        "dix",
        "non",
        "anti",
        "co",
        "self",
        "cross",
        "counter",
        "sous",
        "semi",
        "inter",
        "multi",
        "post",
        "pre",
        "ex",
        "socio",
        "quasi",
        "well",
        "long",
        "short",
        "high",
        "low",
        "full",
        "part",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "follow",
    ]
)


@dataclass(slots=True)
class Element:
    kind: str  # preamble, operative, annex_heading, annex, closing
    number: int | None
    spans: list[Span] = field(default_factory=list)
    section: int = 0

    def add(self, start: int, end: int) -> None:
        if self.spans and self.spans[-1][1] == start:
            self.spans[-1] = (self.spans[-1][0], end)
        else:
            self.spans.append((start, end))


def _dehyphenate(match: re.Match[str]) -> str:
    word, following = match.group(1), match.group(2)
    if following[:1].isupper() or word.lower() in _KEEP_HYPHEN or word.isdigit():
        return word + "-"
    return word


def flatten(raw: str) -> str:
    """Paragraph text as one line: markers dropped, hyphenated breaks joined, spaces collapsed."""
    raw = raw.replace("\x00", "")
    if "-" in raw and _HYPHEN_AT_LINE_END.search(raw):
        raw = _HYPHEN_BREAK.sub(_dehyphenate, raw)
    if "___" in raw:
        raw = _RULE.sub(" ", raw)
    text = " ".join(raw.split())  # much faster than a regular expression on long texts
    # Masking a marker can leave "Millénaire ," when a space preceded it in the source.
    return text.replace(" ,", ",") if " ," in text else text


def raw_text(masked: str, spans: list[Span]) -> str:
    return "".join(masked[start:end] for start, end in spans)


def subparagraphs(raw: str) -> list[tuple[str, str]]:
    """Lettered sub-paragraphs "(a)" / "a)" at line starts, in sequence from "a"."""
    if ")" not in raw:
        return []  # every label closes with a parenthesis
    starts: list[tuple[str, int, int]] = []
    expected = "a"
    for match in finditer_lines(_SUBPARAGRAPH, _SUBPARAGRAPH_CANDIDATE, raw):
        if match.group(1) == expected:
            starts.append((expected, match.start(), match.end()))
            expected = chr(ord(expected) + 1) if expected != "z" else "aa"
    result = []
    for position, (label, _start, text_start) in enumerate(starts):
        end = starts[position + 1][1] if position + 1 < len(starts) else len(raw)
        result.append((label, flatten(raw[text_start:end])))
    return result


def _lines(text: str, start: int, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each body line outside footnote regions, end including the newline.

    A line cut by the start of a region ends there. The text between regions is split once
    with ``str.split`` (only "\\n" ends a line) instead of searching line by line.
    """
    lines: list[tuple[int, int]] = []
    append = lines.append
    position = start
    length = len(text)
    region_index = 0
    while position < length:
        while region_index < len(regions) and regions[region_index][1] <= position:
            region_index += 1
        if region_index < len(regions) and regions[region_index][0] <= position:
            position = regions[region_index][1]
            continue
        chunk_end = regions[region_index][0] if region_index < len(regions) else length
        line_start = position
        for part in text[position:chunk_end].split("\n"):
            line_end = line_start + len(part) + 1
            if line_end > chunk_end:  # the last piece: no newline before the region or the end
                if line_start < chunk_end:
                    append((line_start, chunk_end))
                break
            append((line_start, line_end))
            line_start = line_end
        position = chunk_end
    return lines


def segment(
    masked: str,
    body_start: int,
    regions: list[tuple[int, int]],
    lang: str,
    soft_blanks: set[int] | frozenset[int] = frozenset(),
) -> list[Element]:
    """Split the body into elements; footnote regions are left to the caller.

    Blank lines starting at an offset in ``soft_blanks`` (page-break artefacts) do not count as
    paragraph separators: after them a paragraph starts only where its opening words say so.

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
    last_content = ""
    in_annex_title = False
    title_lines = 0
    closing_at = -1
    preamble_count = 0
    annex_heading_count = 0
    # The plenary-meeting line is searched once; the loop only compares offsets.
    closing_match = find_closing(masked, body_start)
    closing_line = masked.rfind("\n", 0, closing_match.start()) + 1 if closing_match else -1
    for line_start, line_end in _lines(masked, body_start, regions):
        line = masked[line_start:line_end]
        stripped = line.strip()
        if "\x00" in stripped:
            stripped = stripped.replace("\x00", "")
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
            if in_annex_title and title_lines:
                in_annex_title = False  # a blank line after the title ends it
            continue
        new: Element | None = None
        if line_start == closing_line and mode == "main" and expected_operative > 1 and closing_at < 0:
            closing_at = line_start
            new = Element("closing", None)
        if new is None and expected_operative > 1 and "An" in line:
            annex = _ANNEX_HEADING.match(line)
            if annex and (blank_before or mode != "main" or closing_at >= 0):
                mode = "annex"
                expected_annex = 1
                section = annex_heading_count
                annex_heading_count += 1
                new = Element("annex_heading", section)
                new.section = section
                in_annex_title = True
                title_lines = -1  # the heading line itself is counted below
        if new is None and mode == "main" and closing_at < 0:
            number = _OPERATIVE_START.match(line) if stripped[0].isdigit() else None
            if number and int(number.group(1)) == expected_operative:
                new = Element("operative", expected_operative)
                expected_operative += 1
            elif expected_operative == 1 and (
                current is None
                or (
                    last_content.endswith((",", ";", ":"))
                    and stripped[0].isupper()
                    and (blank_before or starts_preambular(stripped, lang))
                )
            ):
                preamble_count += 1
                new = Element("preamble", preamble_count)
        if new is None and mode == "annex" and current is not None:
            section = current.section
            number = _OPERATIVE_START.match(line)
            if number and int(number.group(1)) == expected_annex:
                new = Element("annex", expected_annex, section=section)
                expected_annex += 1
                in_annex_title = False
            elif current.kind == "annex_heading" and in_annex_title:
                pass  # title lines stay with the heading
            elif blank_before and expected_annex == 1 and stripped[0].isupper():
                new = Element("annex", None, section=section)
        if new is not None:
            if current is not None and span_end >= 0:
                current.spans.append((span_start, span_end))
            span_start = span_end = -1
            if current is None and not elements and line_start > body_start:
                span_start, span_end = body_start, line_start  # leading blank lines go to the first element
            elements.append(new)
            current = new
        if current is None:
            preamble_count += 1
            current = Element("preamble", preamble_count)
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
        blank_before = False
    if current is not None and span_end >= 0:
        current.spans.append((span_start, span_end))
    return elements


def segments_of(elements: list[Element], footnote_spans: list[tuple[int, int, int]]) -> list[Segment]:
    """Flat, ordered list of body segments: element spans plus footnotes (number, start, end)."""
    segments = [
        Segment(element.kind, element.number if element.number is not None else -1, start, end)
        for element in elements
        for start, end in element.spans
    ]
    segments += [Segment("footnote", number, start, end) for number, start, end in footnote_spans]
    segments.sort(key=lambda item: item.start)
    return segments
