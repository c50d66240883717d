"""Turning one row of a participants table (header-described columns) into StatusRows or problems.

The XML, HTML and text readers all end here once they have split a row into cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from tcdesk.treaties.status_formats import cells, parsed


@dataclass(frozen=True)
class Column:
    """An action column: its header as written and the actions its letters stand for."""

    header: str
    actions: dict[str, str]


def columns_from_header(header_cells: list[str]) -> list[Column] | None:
    """Read the header row; None unless it starts with "Participant" and has an action column.

    Columns whose header names no action (e.g. "Provisional application") are kept with an
    empty mapping so that positions still line up; their cells are reported, not guessed.
    """
    if not header_cells or not cells.is_participant_header(header_cells[0]):
        return None
    columns = [Column(cells.squash(text), cells.parse_action_header(text)) for text in header_cells[1:]]
    if not any(column.actions for column in columns):
        return None
    return columns


def _letter_pairs(column: Column) -> list[list[str]]:
    """[[letter, action], …] of a column ("" is the plain date), JSON-friendly for `RowProblem.params`."""
    return [[code, action] for code, action in column.actions.items()]


def _letters(column: Column) -> str:
    return ", ".join(f"{code or 'plain date'} = {action.replace('_', ' ')}" for code, action in column.actions.items())


def read_cell(row_number: int, participant: str, column: Column, text: str) -> parsed.StatusRow | parsed.RowProblem:
    """One non-empty date cell of a row."""
    try:
        cell = cells.parse_date_cell(text)
    except cells.CellError as error:
        return parsed.RowProblem(
            row_number,
            participant,
            f"{column.header or 'date column'}: {error}",
            kind=error.kind,
            params={**error.params, "column": column.header},
        )
    if cell.bracketed:
        written = cells.squash(text)
        return parsed.RowProblem(
            row_number,
            participant,
            f"the date '{written}' is in square brackets (an action later withdrawn or "
            "superseded, explained in the treaty's footnotes); record it by hand",
            kind="bracketed_date",
            params={"text": written},
        )
    action = column.actions.get(cell.code)
    if action is None:
        params: dict = {"column": column.header}
        if not column.actions:
            kind = "column_not_imported"
            rule = f"column '{column.header}' is not a signature or consent column; its dates are not imported"
        elif cell.code and cell.code not in cells.LETTER_CODES:
            kind = "unknown_letter"
            params.update(letter=cell.code, letters=_letter_pairs(column))
            rule = f"unknown action letter '{cell.code}' after the date (known letters: {_letters(column)})"
        elif cell.code:
            kind = "letter_not_in_column"
            params.update(letter=cell.code, letters=_letter_pairs(column))
            rule = f"letter '{cell.code}' is not an action of column '{column.header}' ({_letters(column)})"
        else:
            kind = "plain_date_not_in_column"
            params.update(letters=_letter_pairs(column))
            rule = f"a plain date is not an action of column '{column.header}' ({_letters(column)})"
        return parsed.RowProblem(row_number, participant, rule, kind=kind, params=params)
    return parsed.StatusRow(row_number, participant, [], action, cell.date, cells.squash(text))


def read_row(
    row_number: int,
    participant_cell: cells.ParticipantCell,
    placed: list[tuple[Column, str]],
    raw: str,
) -> tuple[list[parsed.StatusRow], list[parsed.RowProblem]]:
    """Read a table row whose date cells are already matched to their columns."""
    name = participant_cell.name
    filled = [(column, text) for column, text in placed if cells.squash(text)]
    if not name:
        if not filled:
            return [], []
        rule = "the row has dates but no participant name"
        return [], [parsed.RowProblem(row_number, "", rule, kind="no_participant_name")]
    if participant_cell.bracketed:
        rule = (
            "the participant is in square brackets, which means it has withdrawn from the treaty; the "
            "date of its denunciation is only in the footnotes: add it as a 'denunciation' row in a CSV file"
        )
        return [], [parsed.RowProblem(row_number, name, rule, kind="participant_bracketed")]
    if not filled:
        rule = "the row has no signature or consent date"
        return [], [parsed.RowProblem(row_number, name, rule, kind="no_dates")]
    rows, problems = [], []
    for column, text in filled:
        result = read_cell(row_number, name, column, text)
        if isinstance(result, parsed.RowProblem):
            problems.append(result)
        else:
            footnotes = list(participant_cell.footnotes)
            rows.append(parsed.StatusRow(row_number, name, footnotes, result.action, result.date, raw))
    return rows, problems
