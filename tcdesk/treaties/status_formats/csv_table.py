"""A plain CSV file with the header `participant,action,date` (any order, other columns ignored).

`action` is a full word (ratification, formal confirmation, …) or a treaty-collection letter
(a, A, AA, c, d, s; letters are case-sensitive: "a" is accession, "A" acceptance); `date` is ISO
("2011-03-03") or written "3 Mar 2011". Leading `#` lines are comments; `,`, `;` and tab are
accepted as separators. Row numbers count data rows from 1 (header, comments and blank rows not
counted).
"""

from __future__ import annotations

import csv
import io

from tcdesk.treaties.status_formats import cells, parsed

REQUIRED = ("participant", "action", "date")


def header_fields(line: str) -> tuple[str, list[str]] | None:
    """(delimiter, field names) if `line` is a participant/action/date header, else None."""
    for delimiter in (",", ";", "\t"):
        names = [cells.fold(n).strip('"').strip() for n in line.split(delimiter)]
        if all(r in names for r in REQUIRED):
            return delimiter, names
    return None


def _action(word: str, code_from_date: str) -> str | None:
    text = word.strip()
    if text in cells.LETTER_CODES:
        return cells.LETTER_CODES[text]
    folded = cells.fold(text).replace("-", " ").replace("_", " ")
    candidate = folded.replace(" ", "_")
    if candidate in parsed.ACTIONS:
        return candidate
    if not text and code_from_date:
        return cells.LETTER_CODES.get(code_from_date)
    return None


def parse(text: str) -> parsed.ParsedStatusTable:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), None)
    header = header_fields(lines[start]) if start is not None else None
    if start is None or header is None:
        raise parsed.StatusFormatError(
            "the CSV file must start with the header 'participant,action,date'", "csv_no_header"
        )
    delimiter, names = header
    reader = csv.reader(io.StringIO("\n".join(lines[start + 1 :])), delimiter=delimiter)
    where = {name: names.index(name) for name in REQUIRED}
    result = parsed.ParsedStatusTable(format="csv")
    number = 0
    for record in reader:
        if not any(value.strip() for value in record):
            continue
        number += 1
        values = {name: (record[i] if i < len(record) else "") for name, i in where.items()}
        participant = cells.split_participant(values["participant"])
        raw = delimiter.join(record)
        problem = _read(number, participant, values, raw, result)
        if problem:
            rule, kind, params = problem
            result.problems.append(parsed.RowProblem(number, participant.name, rule, kind=kind, params=params))
    return result


def _read(
    number: int,
    participant: cells.ParticipantCell,
    values: dict[str, str],
    raw: str,
    result: parsed.ParsedStatusTable,
) -> tuple[str, str, dict] | None:
    """Append the row to `result`, or return the rule it breaks as (plain English, kind, params)."""
    if not participant.name:
        return "the participant is empty", "empty_participant", {}
    if not values["date"].strip():
        return "the date is empty", "empty_date", {}
    try:
        cell = cells.parse_date_cell(values["date"], allow_iso=True)
    except cells.CellError as error:
        return str(error), error.kind, error.params
    action = _action(values["action"], cell.code)
    word = values["action"].strip()
    if action is None:
        known = ", ".join(sorted(parsed.ACTIONS))
        return (
            f"unknown action '{word}' (use one of {known}, or a letter a, A, AA, c, d, s)",
            "unknown_action_word",
            {"word": word, "known": known},
        )
    if cell.code and word and cells.LETTER_CODES.get(cell.code) != action:
        return (
            f"the date's letter '{cell.code}' contradicts the action '{word}'",
            "letter_contradicts_action",
            {"letter": cell.code, "word": word},
        )
    result.rows.append(parsed.StatusRow(number, participant.name, participant.footnotes, action, cell.date, raw))
    return None
