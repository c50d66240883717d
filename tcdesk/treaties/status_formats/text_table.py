"""The participants table copied as plain text from a status page (or typed by hand).

Lines before the header (title, "STATUS AS AT", entry into force…) are skipped; the header is
the first line whose first cell reads "Participant…" and which names an action column. Cells are
separated by tabs (what browsers produce when copying a table) or by runs of two or more spaces.
When a row has fewer date cells than the header has columns, each cell goes to the column whose
header starts nearest to it; if the header gives no positions (single spaces), the action letter
decides, and a lone plain date is read as the first column's action (a signature), because a
ratification without a signature never appears in these tables.

The table ends at the first line starting with a digit (the footnotes printed after it) or with
a section title ("Declarations", "Notes"…). Row numbers count data rows from 1, not counting the
header, blank lines or lines before the header.
"""

from __future__ import annotations

import re

from tcdesk.treaties.status_formats import cells, parsed, table

_CELL_SPLIT = re.compile(r"\t|\s{2,}")
# A new column starts at a capitalised word not preceded by a comma: "...signature(d) Approval(AA)".
_HEADER_SPLIT = re.compile(r"(?<=[)\w])\s+(?=[A-Z])")
_DATE_WITH_CODE = re.compile(rf"\[?{cells.DATE_PATTERN.pattern}(?:\s+[A-Za-z]{{1,3}}(?![\w]))?\]?")
_SECTION_TITLES = ("declarations", "notes", "note :", "note:", "objections", "reservations", "territorial")


def _split_with_offsets(line: str, separator: re.Pattern[str]) -> list[tuple[int, str]]:
    pieces: list[tuple[int, str]] = []
    position = 0
    for match in [*separator.finditer(line), None]:
        end = match.start() if match else len(line)
        text = line[position:end]
        if text.strip():
            pieces.append((position + len(text) - len(text.lstrip()), text.strip()))
        if match:
            position = match.end()
    return pieces


def _header(line: str) -> tuple[list[table.Column], list[int] | None] | None:
    """Columns of a header line and, when the layout gives them, their start offsets."""
    by_gap = _split_with_offsets(line, _CELL_SPLIT)
    pieces: list[tuple[int, str]] = []
    for offset, text in by_gap:
        for sub in _split_with_offsets(text, _HEADER_SPLIT):
            pieces.append((offset + sub[0], sub[1]))
    columns = table.columns_from_header([text for _, text in pieces])
    if columns is None:
        return None
    aligned = "\t" not in line and len(by_gap) == len(pieces)
    return columns, [offset for offset, _ in pieces[1:]] if aligned else None


def _is_end_of_table(line: str) -> bool:
    stripped = line.strip()
    return stripped[:1].isdigit() or cells.fold(stripped).startswith(_SECTION_TITLES)


def _date_cells(line: str, tabbed: bool) -> tuple[str, list[tuple[int, str]], str]:
    """Split a data line into (participant text, [(offset, date text)], unreadable leftovers)."""
    if tabbed:
        parts = line.split("\t")
        offsets, cursor = [], 0
        for part in parts:
            offsets.append(cursor)
            cursor += len(part) + 1
        return parts[0], list(zip(offsets[1:], parts[1:], strict=True)), ""
    pieces = _split_with_offsets(line, _CELL_SPLIT)
    if not pieces:
        return "", [], ""
    first_offset, first = pieces[0]
    rest = pieces[1:]
    glued = cells.DATE_PATTERN.search(first)
    if glued:  # single spaces: "Afghanistan 29 Dec 2005 25 Mar 2013"
        tail = first[glued.start() :]
        first = first[: glued.start()]
        found = [(first_offset + glued.start() + m.start(), m.group(0)) for m in _DATE_WITH_CODE.finditer(tail)]
        leftover = _DATE_WITH_CODE.sub(" ", tail).strip()
        return first, found + rest, leftover
    return first, rest, ""


def _place(
    date_cells: list[tuple[int, str]], columns: list[table.Column], offsets: list[int] | None, tabbed: bool
) -> list[tuple[table.Column, str]]:
    if tabbed:
        return [(columns[i], text) for i, (_, text) in enumerate(date_cells) if i < len(columns)]
    filled = [(offset, text) for offset, text in date_cells if text.strip()]
    if len(filled) == len(columns):
        return [(column, text) for column, (_, text) in zip(columns, filled, strict=True)]
    placed: list[tuple[table.Column, str]] = []
    for offset, text in filled:
        if offsets:
            index = min(range(len(columns)), key=lambda i: abs(offsets[i] - offset))
        else:
            index = _column_by_letter(text, columns)
        placed.append((columns[index], text))
    return placed


def _column_by_letter(text: str, columns: list[table.Column]) -> int:
    try:
        code = cells.parse_date_cell(text).code
    except cells.CellError:
        return 0
    for index, column in enumerate(columns):
        if code in column.actions:
            return index
    return 0


def parse(text: str) -> parsed.ParsedStatusTable:
    lines = text.splitlines()
    found: tuple[int, list[table.Column], list[int] | None] | None = None
    for index, line in enumerate(lines):
        header = _header(line) if line.strip() else None
        if header:
            found = (index, *header)
            break
    if found is None:
        raise parsed.StatusFormatError(
            "no header line found: the text must contain the table's header row, starting with "
            "'Participant' and naming the columns (e.g. 'Signature', 'Ratification, Accession(a)')",
            "text_no_header",
        )
    start, columns, offsets = found
    tabbed = "\t" in lines[start]
    result = parsed.ParsedStatusTable(format="text")
    number = 0
    for line in lines[start + 1 :]:
        if not line.strip():
            continue
        if _is_end_of_table(line):
            break
        number += 1
        participant_text, date_cells, leftover = _date_cells(line, tabbed)
        participant = cells.split_participant(participant_text)
        placed = _place(date_cells, columns, offsets, tabbed)
        rows, problems = table.read_row(number, participant, placed, line.rstrip())
        if leftover:
            problems.append(
                parsed.RowProblem(
                    number,
                    participant.name,
                    f"cannot read '{leftover}' as a date",
                    kind="unreadable_date_text",
                    params={"text": leftover},
                )
            )
        extra = [text for _, text in date_cells[len(columns) :] if text.strip()] if tabbed else []
        if extra:
            rule = "the row has more cells than the header"
            problems.append(parsed.RowProblem(number, participant.name, rule, kind="too_many_cells"))
        result.rows.extend(rows)
        result.problems.extend(problems)
    return result
