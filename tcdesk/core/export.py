"""Exports to CSV and XLSX, safe to open in a spreadsheet.

A text cell starting with =, +, -, @, a tab or a carriage return is a formula to a spreadsheet (the
OWASP "CSV injection"): CSV cells get a leading apostrophe (`neutralise`; imports remove it again with
`unneutralise`), XLSX cells are typed as strings. Numbers (int, float, Decimal) stay numbers.
Rows are sequences of values; None is an empty cell; the first row is the header.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone

# Apostrophes in front of a formula were added by an export to neutralise it.
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NUMBER_TYPES = (int, float, Decimal)


def neutralise(value: str) -> str:
    """A text cell for a CSV file: a leading apostrophe when a spreadsheet would read a formula."""
    return f"'{value}" if FORMULA_START.match(value) else value


def unneutralise(value: str) -> str:
    """The reverse of `neutralise`, for imported CSV cells."""
    return value[1:] if value.startswith("'") and FORMULA_START.match(value) else value


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, NUMBER_TYPES) and not isinstance(value, bool):
        return value
    return neutralise(_text(value))


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """CSV in UTF-8 with a byte-order mark (so spreadsheets read the accents), line by line."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([_csv_cell(value) for value in row])


def xlsx_bytes(rows: Iterable[Sequence[Any]], *, sheet: str) -> bytes:
    """An XLSX workbook of one sheet; every text cell typed as a string, so that none becomes a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    for row in rows:
        cells: list[Any] = []
        for value in row:
            if value is None or isinstance(value, NUMBER_TYPES) and not isinstance(value, bool):
                cells.append(value)
                continue
            cell = WriteOnlyCell(worksheet, value=_text(value))
            cell.data_type = "s"
            cells.append(cell)
        worksheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def dated_filename(stem: str, extension: str) -> str:
    """`<stem>-YYYYMMDD.<extension>`, dated today."""
    return f"{stem}-{timezone.now():%Y%m%d}.{extension}"


def csv_response(rows: Iterable[Sequence[Any]], *, stem: str, stream: bool = True) -> HttpResponseBase:
    """A CSV download named `<stem>-YYYYMMDD.csv`; streamed (rows read as they are written) by default."""
    content_type = "text/csv; charset=utf-8"
    response: HttpResponseBase
    if stream:
        response = StreamingHttpResponse(csv_lines(rows), content_type=content_type)
    else:
        response = HttpResponse("".join(csv_lines(rows)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{dated_filename(stem, "csv")}"'
    return response


def xlsx_response(rows: Iterable[Sequence[Any]], *, stem: str, sheet: str) -> HttpResponse:
    """An XLSX download named `<stem>-YYYYMMDD.xlsx`."""
    response = HttpResponse(xlsx_bytes(rows, sheet=sheet), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{dated_filename(stem, "xlsx")}"'
    return response
