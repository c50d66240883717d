"""The UN Treaty Collection's "VIEW XML" file of a status page (MTDSG).

Structure, as read from public code that consumes these files (not from a published schema):
the participants table is a CALS-like table at `Treaty/Participants/Table/TGroup`, with the
column headers in `Thead/Row/Entry` ("Participant", "Signature, Succession to signature(d)",
"Approval(AA), Acceptance(A), Accession(a), Ratification") and one `Tbody/Rows/Row` per
participant. Footnote markers are written as escaped markup inside the name,
`China&lt;superscript&gt;1&lt;/superscript&gt;`; dates can contain tabs ("22 Apr\t 2016").
The files declare `encoding="ISO-8859-1"`. Row numbers are the 1-based index of the row in the
table body. We also accept real `<superscript>`/`<sup>` child elements.
"""

from __future__ import annotations

from lxml import etree

from tcdesk.treaties.status_formats import cells, parsed, table

_FOOTNOTE_TAGS = {"superscript", "sup"}


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _entry_text(entry: etree._Element) -> tuple[str, list[str]]:
    """Text of an Entry, with footnotes taken from superscript child elements."""
    parts: list[str] = [entry.text or ""]
    footnotes: list[str] = []
    for child in entry:
        if not isinstance(child.tag, str):
            pass  # comments, processing instructions and unresolved entities carry no text
        elif _local(child.tag) in _FOOTNOTE_TAGS:
            footnotes.extend(n.strip() for n in "".join(child.itertext()).split(",") if n.strip())
        else:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts), footnotes


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element.iter() if _local(child.tag) == name]


def parse(data: bytes) -> parsed.ParsedStatusTable:
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise parsed.StatusFormatError(
            f"the XML file is not well formed: {error}", "xml_malformed", {"detail": str(error)}
        ) from None
    participants = _children(root, "participants")
    tgroups = _children(participants[0], "tgroup") if participants else []
    if not tgroups:
        raise parsed.StatusFormatError(
            "the XML file has no Participants table; use the 'VIEW XML' file of a treaty's status page",
            "xml_no_participants",
        )
    tgroup = tgroups[0]
    heads = _children(tgroup, "thead")
    header_rows = _children(heads[0], "row") if heads else []
    header = [_entry_text(e)[0] for e in _children(header_rows[0], "entry")] if header_rows else []
    columns = table.columns_from_header([cells.squash(h) for h in header])
    if columns is None:
        raise parsed.StatusFormatError(
            "the XML participants table has no header row naming 'Participant' and its action columns",
            "xml_no_header",
        )
    bodies = _children(tgroup, "tbody")
    result = parsed.ParsedStatusTable(format="untc_xml")
    for number, row in enumerate(_children(bodies[0], "row") if bodies else [], start=1):
        entries = [_entry_text(e) for e in row if _local(e.tag) == "entry"]
        if not entries:
            continue
        name_text, markup_notes = entries[0]
        participant = cells.split_participant(name_text, markup_notes)
        placed = [(column, entries[i + 1][0]) for i, column in enumerate(columns) if i + 1 < len(entries)]
        raw = " | ".join(cells.squash(text) for text, _ in entries)
        rows, problems = table.read_row(number, participant, placed, raw)
        if len(entries) > len(columns) + 1 and any(cells.squash(t) for t, _ in entries[len(columns) + 1 :]):
            rule = "the row has more cells than the header"
            problems.append(parsed.RowProblem(number, participant.name, rule, kind="too_many_cells"))
        result.rows.extend(rows)
        result.problems.extend(problems)
    return result
