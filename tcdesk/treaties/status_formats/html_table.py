"""The participants table copied (or saved) as HTML from a treaty collection status page.

We look for the first `<table>` having a row whose first cell reads "Participant…"; that row
is the header, the following rows are participants. Footnote markers are `<sup>` (or
`<superscript>`) elements or digits glued to the name. Row numbers are the 1-based index of
the row after the header row.
"""

from __future__ import annotations

from copy import deepcopy

import lxml.html
from lxml import etree

from tcdesk.treaties.status_formats import cells, parsed, table

_FOOTNOTE_TAGS = {"sup", "superscript"}


def _cell_text(cell: etree._Element) -> tuple[str, list[str]]:
    """Text of a cell, with footnote numbers taken out of its <sup> elements."""
    copy = deepcopy(cell)
    footnotes: list[str] = []
    for sup in [e for e in copy.iterdescendants() if e.tag in _FOOTNOTE_TAGS]:
        if any(a.tag in _FOOTNOTE_TAGS for a in sup.iterancestors()):
            continue
        footnotes.extend(n.strip() for n in sup.text_content().split(",") if n.strip())
        sup.drop_tree()  # keeps the text that follows the element
    return copy.text_content(), footnotes


def _row_cells(row: etree._Element) -> list[etree._Element]:
    return [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]


def parse(text: str) -> parsed.ParsedStatusTable:
    try:
        document = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise parsed.StatusFormatError(
            f"the HTML file cannot be read: {error}", "html_unreadable", {"detail": str(error)}
        ) from None
    for html_table in document.iter("table"):
        rows = [r for r in html_table.iter("tr") if r.getparent() is not None]
        for index, row in enumerate(rows):
            header = [cells.squash(_cell_text(c)[0]) for c in _row_cells(row)]
            columns = table.columns_from_header(header)
            if columns is not None:
                return _read_rows(columns, rows[index + 1 :])
    raise parsed.StatusFormatError(
        "no table in the HTML file has a header row starting with 'Participant' and naming its action columns",
        "html_no_table",
    )


def _read_rows(columns: list[table.Column], rows: list[etree._Element]) -> parsed.ParsedStatusTable:
    result = parsed.ParsedStatusTable(format="html")
    for number, row in enumerate(rows, start=1):
        values = [_cell_text(c) for c in _row_cells(row)]
        if not values:
            continue
        name_text, notes = values[0]
        participant = cells.split_participant(name_text, notes)
        placed = [(column, values[i + 1][0]) for i, column in enumerate(columns) if i + 1 < len(values)]
        raw = " | ".join(cells.squash(v) for v, _ in values)
        found, problems = table.read_row(number, participant, placed, raw)
        result.rows.extend(found)
        result.problems.extend(problems)
    return result
