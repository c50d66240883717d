"""The clean document of a resolution: paragraphs with footnote markers linked to their footnotes and
cited resolutions and documents linked to the resolution in tcdesk (or flagged when not loaded).

Text is escaped first; only the links and markers built here are HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .choices import ParagraphKind
from .models import Citation, Paragraph, Resolution


@dataclass
class SubBlock:
    label: str
    html: SafeString


@dataclass
class Block:
    paragraph: Paragraph
    html: SafeString
    subparagraphs: list[SubBlock] = field(default_factory=list)
    mandate_ids: list[int] = field(default_factory=list)


@dataclass
class FootnoteBlock:
    number: int
    html: SafeString
    called_from: list[str]


@dataclass
class AnnexBlock:
    heading: str  # as printed: "Annex", "Annex II"
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    preamble: list[Block]
    operative: list[Block]
    annexes: list[AnnexBlock]
    footnotes: list[FootnoteBlock]
    citations: list[Citation]


def _ref_pattern(ref: str) -> re.Pattern[str]:
    body = r"\s*".join(re.escape(part) for part in ref.split())
    return re.compile(rf"(?<![\w/]){body}(?![\w/])")


def _citation_html(citation: Citation, text: str) -> str:
    if citation.cited_resolution_id:
        return format_html(
            '<a class="citation" href="{}" title="{}">{}</a>',
            citation.cited_resolution.get_absolute_url(),
            citation.target_symbol,
            text,
        )
    title = _("%(symbol)s is not loaded in tcdesk") % {"symbol": citation.target_symbol or citation.ref}
    return format_html('<mark class="citation citation-unresolved" title="{}">{}</mark>', title, text)


def render_text(
    text: str, *, markers: list[dict] | None = None, citations: list[Citation] | None = None, lead: str = ""
) -> SafeString:
    """Escape `text`, link the citations found in it, and put footnote markers at their places.
    The paragraph's lead words, when it opens with them, are set in italics."""
    spans: list[tuple[int, int, Citation]] = []
    taken: list[tuple[int, int]] = []
    for citation in sorted(citations or [], key=lambda c: -len(c.ref)):
        for match in _ref_pattern(citation.ref).finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            spans.append((start, end, citation))
            taken.append((start, end))
    spans.sort(key=lambda span: span[0])
    marks = sorted(markers or [], key=lambda m: (m.get("at", 0), m.get("number", 0)))
    out: list[str] = []
    position = 0
    if lead and text.startswith(lead):
        out.append(format_html('<em class="lead">{}</em>', lead))
        position = len(lead)
    events: list[tuple[int, int, object]] = [(s, 1, (s, e, c)) for s, e, c in spans]
    events += [(min(max(int(m.get("at", 0)), 0), len(text)), 0, m) for m in marks]
    # Markers sit after the text at their offset; when a marker falls inside a citation, after it.
    events.sort(key=lambda ev: (ev[0], -ev[1]))
    for at, kind, payload in events:
        if kind == 1:
            start, end, citation = payload  # type: ignore[misc]
            if start < position:
                continue
            out.append(escape(text[position:start]))
            out.append(_citation_html(citation, text[start:end]))
            position = end
        else:
            number = payload["number"]  # type: ignore[index]
            at = max(at, position)
            out.append(escape(text[position:at]))
            out.append(
                format_html(
                    '<sup class="footnote-ref"><a href="#fn-{0}" id="fnref-{0}-{1}" '
                    'aria-describedby="footnotes-heading">{0}</a></sup>',
                    number,
                    at,
                )
            )
            position = at
    out.append(escape(text[position:]))
    return mark_safe("".join(str(part) for part in out))  # noqa: S308 - every piece is escaped above


def _chapeau(paragraph: Paragraph, subs: list) -> str:
    if not subs:
        return paragraph.text
    index = paragraph.text.find(subs[0].text)
    if index <= 0:
        return paragraph.text
    head = paragraph.text[:index]
    return re.sub(r"\s*\(?" + re.escape(subs[0].label) + r"\)\s*$", "", head).rstrip()


def build_document(resolution: Resolution) -> Document:
    citations = list(resolution.citations.select_related("cited_resolution").order_by("pk"))
    by_element: dict[str, list[Citation]] = {}
    for citation in citations:
        for element in citation.occurrences or []:
            by_element.setdefault(element, []).append(citation)
    unplaced = [c for c in citations if not c.occurrences]
    paragraphs = list(resolution.paragraphs.prefetch_related("subparagraphs", "mandates").order_by("kind", "order"))
    preamble, operative, annex = [], [], []
    for paragraph in paragraphs:
        if paragraph.kind == ParagraphKind.PREAMBULAR:
            element = f"preamble:{paragraph.number}"
        elif paragraph.kind == ParagraphKind.OPERATIVE:
            element = f"operative:{paragraph.number or paragraph.order}"  # a sole unnumbered one is "operative:1"
        else:
            element = f"annex:{paragraph.order}"
        cited = by_element.get(element, []) + unplaced
        subs = list(paragraph.subparagraphs.all())
        chapeau = _chapeau(paragraph, subs)
        markers = [m for m in paragraph.footnote_markers or [] if m.get("at", 0) <= len(chapeau)]
        block = Block(
            paragraph=paragraph,
            html=render_text(chapeau, markers=markers, citations=cited, lead=paragraph.lead),
            subparagraphs=[SubBlock(label=s.label, html=render_text(s.text, citations=cited)) for s in subs],
            mandate_ids=[m.pk for m in paragraph.mandates.all()],
        )
        {ParagraphKind.PREAMBULAR: preamble, ParagraphKind.OPERATIVE: operative}.get(paragraph.kind, annex).append(
            block
        )
    footnotes = [
        FootnoteBlock(
            number=f.number,
            html=render_text(f.text, citations=by_element.get(f"footnote:{f.number}", []) + unplaced),
            called_from=f.called_from or [],
        )
        for f in resolution.footnotes.order_by("number")
    ]
    parsed = resolution.parsed or {}
    described = parsed.get("annexes") if parsed.get("annexes") is not None else [a for a in [parsed.get("annex")] if a]
    annexes = [
        AnnexBlock(heading=item.get("heading") or _("Annex"), title=item.get("title") or "") for item in described
    ]
    for block in annex:
        section = block.paragraph.annex_section or 0
        while len(annexes) <= section:
            annexes.append(AnnexBlock(heading=_("Annex"), title=""))
        annexes[section].blocks.append(block)
    return Document(
        preamble=preamble,
        operative=operative,
        annexes=[item for item in annexes if item.blocks or item.title],
        footnotes=footnotes,
        citations=citations,
    )
