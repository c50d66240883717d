"""Imports from files: reading CSV and XLSX tables, and the one shape of an import's result.

Every import is all-or-nothing with a dry run: each row is checked first and every problem listed
(row, column, the rule it breaks); one bad row and nothing is written; a dry run does the whole
import inside `import_transaction(dry_run=True)`, which rolls it back, so it reports exactly what a
real run would do. The writes themselves go through the app's services.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .export import unneutralise
from .uploads import check_archive, is_zip


@dataclass(frozen=True)
class RowError:
    """A problem with one row (row 1 is the header; 0 is the file as a whole) and one column."""

    row: int
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        # "rule" is the key the project's import contracts name; "message" the one the first API used.
        return {"row": self.row, "field": self.field, "message": self.message, "rule": self.message}


@dataclass
class ImportResult:
    """What an import read, did (or, in a dry run, would do) and refused."""

    rows: int = 0
    dry_run: bool = True
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    errors_omitted: int = 0

    def add_error(self, row: int, field: str, message: str) -> None:
        """Record a problem; past TCDESK_IMPORT_MAX_ERRORS they are only counted (`errors_omitted`),
        so that a file of bad rows gives a short answer."""
        if len(self.errors) >= max_errors():
            self.errors_omitted += 1
            return
        self.errors.append(RowError(row, field, message))

    @property
    def ok(self) -> bool:
        return not self.errors and not self.errors_omitted

    def as_dict(self) -> dict[str, Any]:
        """{"rows", <counts>…, "dry_run", "errors": [{"row", "field", "message", "rule"}]}"""
        return {
            "rows": self.rows,
            **self.counts,
            "dry_run": self.dry_run,
            "errors": [error.as_dict() for error in self.errors],
            **({"errors_omitted": self.errors_omitted} if self.errors_omitted else {}),
        }


@contextlib.contextmanager
def import_transaction(*, dry_run: bool) -> Iterator[None]:
    """One transaction for the writes of an import, rolled back at the end of a dry run."""
    with transaction.atomic():
        yield
        if dry_run:
            transaction.set_rollback(True)


def check_upload_size(name: str, size: int) -> None:
    """Refuse a file larger than TCDESK_MAX_UPLOAD_BYTES before it is read (ValidationError on `file`)."""
    limit = settings.TCDESK_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            {
                "file": [
                    _("“%(name)s” is %(size)s MB; import files may be at most %(limit)s MB.")
                    % {"name": name, "size": f"{size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
                ]
            }
        )


def max_rows() -> int:
    return int(getattr(settings, "TCDESK_IMPORT_MAX_ROWS", 10_000))


def max_errors() -> int:
    return int(getattr(settings, "TCDESK_IMPORT_MAX_ERRORS", 200))


# A sheet's data ends after this many blank rows in a row (formatting can reach row 1,048,576).
BLANK_ROWS_END_DATA = 1000


def read_table(name: str, content: bytes, *, limit: int | None = None) -> list[dict[str, str]]:
    """Every row of a CSV (UTF-8) or XLSX file (`iter_table`, read to the end) as a list."""
    return list(iter_table(name, content, limit=limit))


def iter_table(name: str, content: bytes, *, limit: int | None = None) -> Iterator[dict[str, str]]:
    """Rows of a CSV (UTF-8) or XLSX file as dicts keyed by the lower-cased header; empty rows skipped.

    Rows are produced one at a time as the file is read, so a caller that needs only the first rows
    (the request import, deciding whether a file goes to a background job) reads only those. A file
    with more than TCDESK_IMPORT_MAX_ROWS rows (or `limit`, when lower: an import done in a web request
    stays within its time budget) is refused (ValidationError on `file`) as soon as the row past the
    limit is read. An XLSX archive is checked for its unpacked size before it is opened
    (the check happens here, at the call, not at the first row), its rows read one at a time from a
    read-only workbook, and its data ends after BLANK_ROWS_END_DATA blank rows. A CSV is decoded as it
    is read (no second copy of the whole text). In a CSV, the apostrophe an export put in front of a
    cell that would otherwise be a formula is removed (`tcdesk.core.export`).
    """
    if is_zip(content) or name.lower().endswith(".xlsx"):
        check_archive(content, name=name)
        return _capped(_xlsx_rows(content), limit)
    return _capped(_csv_rows(content), limit)


def _csv_rows(content: bytes) -> Iterator[dict[str, str]]:
    stream = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
    try:
        reader = csv.DictReader(stream)
        if reader.fieldnames is None:
            return
        for row in reader:
            if any((v or "").strip() for v in row.values() if isinstance(v, str)):
                yield {(k or "").strip().lower(): unneutralise((v or "").strip()) for k, v in row.items() if k}
    except UnicodeDecodeError:
        raise ValidationError({"file": [_("The CSV file must be encoded in UTF-8.")]}) from None
    except csv.Error as exc:
        raise ValidationError({"file": [_("The CSV file cannot be read: %(error)s") % {"error": exc}]}) from None


def _capped(rows: Iterator[dict[str, str]], lower: int | None) -> Iterator[dict[str, str]]:
    limit = max_rows() if lower is None else min(lower, max_rows())
    for count, row in enumerate(rows):
        if count == limit:
            raise ValidationError(
                {
                    "file": [
                        _("The file has more than %(max)s rows; split it into smaller files.") % {"max": f"{limit:,}"}
                    ]
                }
            )
        yield row


def _xlsx_rows(content: bytes) -> Iterator[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's file problem
        raise ValidationError({"file": [_("The XLSX file cannot be read: %(error)s") % {"error": exc}]}) from None
    try:
        rows = sheet.iter_rows(values_only=True)
        first = next(rows, None)
        if first is None:
            return
        header = [str(h or "").strip().lower() for h in first]
        blank = 0
        for row in rows:
            if any(v not in (None, "") for v in row):
                blank = 0
                yield {header[i]: _cell(v) for i, v in enumerate(row) if i < len(header) and header[i]}
            else:
                blank += 1
                if blank >= BLANK_ROWS_END_DATA:
                    return
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken sheet part is the user's file problem too
        raise ValidationError({"file": [_("The XLSX file cannot be read: %(error)s") % {"error": exc}]}) from None
    finally:
        workbook.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
