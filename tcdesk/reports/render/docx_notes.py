"""Real Word footnotes and SVG pictures for python-docx, which has no API for them (pure: no Django).

WordprocessingML keeps footnotes in their own part, `/word/footnotes.xml` (ECMA-376 Part 1, 17.11),
related to the main document by the `footnotes` relationship. The part starts with the two special
notes Word expects, the separator (id -1) and the continuation separator (id 0), which
`w:settings/w:footnotePr` names; each real note has a positive id, starts with a `w:footnoteRef` run
(Word prints the note's number there) and is called from the text by a run holding
`w:footnoteReference w:id="…"`. Word and LibreOffice number the notes in the order of their calls, so
the ids only have to be unique. The styles "footnote text" and "footnote reference" are added when the
template lacks them.

A picture is vector when its `a:blip` carries the Office 2016 extension `asvg:svgBlip`, which points to
an SVG part; the blip's own PNG stays as the fallback for readers without SVG support.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
PART_NAME = "/word/footnotes.xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_STYLE, REFERENCE_STYLE = "FootnoteText", "FootnoteReference"

_STYLES = (
    f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{TEXT_STYLE}">'
    '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="284" w:hanging="284"/></w:pPr>'
    '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>',
    f'<w:style {nsdecls("w")} w:type="character" w:styleId="{REFERENCE_STYLE}">'
    '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>'
    '<w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
)
_SPECIAL = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)
# w:settings children that come after w:footnotePr in the schema's sequence (CT_Settings).
_AFTER_FOOTNOTE_PR = ("endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang")


class Footnotes:
    """Collects the notes of one document; `call()` puts a reference in a paragraph, `attach()` writes
    the part once the body is done."""

    def __init__(self, word) -> None:
        self.word = word
        self.notes: list[tuple[int, str, str]] = []  # (id, text, query)
        self._styles()

    def call(self, paragraph, text: str, query: str = "") -> int:
        """Add a note with `text` (and the `query` behind the figure) called at the end of `paragraph`."""
        note_id = len(self.notes) + 1
        self.notes.append((note_id, text, query))
        run = paragraph.add_run()
        properties = run._r.get_or_add_rPr()
        properties.append(parse_xml(f'<w:rStyle {nsdecls("w")} w:val="{REFERENCE_STYLE}"/>'))
        run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{note_id}"/>'))
        return note_id

    def attach(self) -> None:
        """Write `/word/footnotes.xml`, relate it to the document and name the separators in the settings."""
        if not self.notes:
            return
        body = "".join(_note_xml(note_id, text, query) for note_id, text, query in self.notes)
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w", "r")}>'
        xml += _SPECIAL + body + "</w:footnotes>"
        document_part = self.word.part
        part = Part(PackURI(PART_NAME), CONTENT_TYPE, xml.encode("utf-8"), document_part.package)
        document_part.relate_to(part, RT.FOOTNOTES)
        self._settings()

    def _styles(self) -> None:
        styles = self.word.styles.element
        present = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
        for xml in _STYLES:
            element = parse_xml(xml)
            if element.get(qn("w:styleId")) not in present:
                styles.append(element)

    def _settings(self) -> None:
        settings = self.word.settings.element
        if settings.find(qn("w:footnotePr")) is not None:
            return
        element = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        )
        following = next(
            (child for child in settings if child.tag in {qn(f"w:{name}") for name in _AFTER_FOOTNOTE_PR}), None
        )
        if following is not None:
            following.addprevious(element)
        else:
            settings.append(element)


def _note_xml(note_id: int, text: str, query: str) -> str:
    runs = f'<w:r><w:rPr><w:rStyle w:val="{REFERENCE_STYLE}"/></w:rPr><w:footnoteRef/></w:r>'
    runs += '<w:r><w:t xml:space="preserve"> </w:t></w:r>'
    if text:
        runs += f'<w:r><w:t xml:space="preserve">{escape(text)}{" " if query else ""}</w:t></w:r>'
    if query:
        runs += (
            '<w:r><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(query)}</w:t></w:r>'
        )
    return f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{TEXT_STYLE}"/></w:pPr>{runs}</w:p></w:footnote>'


SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def add_svg(word, shape, svg: str, number: int | None) -> None:
    """Give the picture `shape` (from `add_picture`, a PNG) its SVG drawing as the vector version."""
    part = Part(PackURI(f"/word/media/chart{number or 0}.svg"), "image/svg+xml", svg.encode("utf-8"), word.part.package)
    rel_id = word.part.relate_to(part, RT.IMAGE)
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    blip.append(
        parse_xml(
            f'<a:extLst {nsdecls("a", "r")}><a:ext uri="{SVG_EXTENSION}">'
            f'<asvg:svgBlip xmlns:asvg="{SVG_NS}" r:embed="{rel_id}"/></a:ext></a:extLst>'
        )
    )
