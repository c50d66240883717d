"""Streaming writer of IATI 2.03 files, and exports that never leave a half-written or invalid file.

`write_activities(stream, activities)` writes an `iati-activities` document to a binary stream with
lxml's incremental `etree.xmlfile`: each activity is built as its own small element tree
(`build.py`), checked against the official schema, serialised and dropped, so memory does not grow
with the number of activities (activities may come from a database iterator).

`export_activities(path, activities)` checks each activity against the IATI rules while writing it
to a temporary file next to `path`, then validates that file against the official schema (streaming,
activity by activity, so in constant memory too), and only then renames it over `path` (an atomic
rename on one file system). Any problem raises `IatiExportError` listing them (schema problems name
the activity's identifier; their lines point into the discarded file), and the destination is left
as it was. The schema is checked once, on the bytes written, not on the trees before them.

The same two functions exist for organisation files.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from lxml import etree

from tcdesk.portfolio.iati.build import build_activity, build_organisation
from tcdesk.portfolio.iati.codes import IATI_VERSION
from tcdesk.portfolio.iati.errors import IatiExportError, IatiIssue
from tcdesk.portfolio.iati.model import Activity
from tcdesk.portfolio.iati.organisation import Organisation
from tcdesk.portfolio.iati.reader import validate_file
from tcdesk.portfolio.iati.rules import check_activity, check_organisation
from tcdesk.portfolio.iati.schema import DocumentKind, validate_element
from tcdesk.portfolio.iati.values import ValueProblem, format_datetime

MAX_ISSUES = 200


@dataclass
class WriteSummary:
    """What a write produced (counts of what the file holds)."""

    activities: int = 0
    organisations: int = 0
    transactions: int = 0
    budgets: int = 0
    results: int = 0
    bytes: int = 0


def write_activities(
    stream: IO[bytes],
    activities: Iterable[Activity],
    *,
    generated_at: datetime | None = None,
    validate: bool = True,
    check_rules: bool = True,
) -> WriteSummary:
    """Write an `iati-activities` document with these activities to a binary stream.

    With `validate`, each activity is validated against the schema before it is written; with
    `check_rules`, also against the IATI rules of `rules.py` (percentages adding up to 100, dates
    in order…). The first activity in breach stops the writing; the activities after it are still
    checked (not written) so that the error lists every problem, up to 200. The stream then holds a
    partial document: write to a file through `export_activities` to be safe from that.
    """
    summary = WriteSummary()

    def count(activity: Activity) -> None:
        summary.activities += 1
        summary.transactions += len(activity.transactions)
        summary.budgets += len(activity.budgets)
        summary.results += len(activity.results)

    _write(
        stream,
        activities,
        "activities",
        build_activity,
        check_activity if check_rules else None,
        count,
        generated_at=generated_at,
        validate=validate,
    )
    return summary


def write_organisations(
    stream: IO[bytes],
    organisations: Iterable[Organisation],
    *,
    generated_at: datetime | None = None,
    validate: bool = True,
    check_rules: bool = True,
) -> WriteSummary:
    """Write an `iati-organisations` document (usually with one organisation) to a binary stream."""
    summary = WriteSummary()

    def count(organisation: Organisation) -> None:
        summary.organisations += 1
        summary.budgets += len(organisation.total_budgets)

    _write(
        stream,
        organisations,
        "organisations",
        build_organisation,
        check_organisation if check_rules else None,
        count,
        generated_at=generated_at,
        validate=validate,
    )
    return summary


def export_activities(
    destination: str | os.PathLike,
    activities: Iterable[Activity],
    *,
    generated_at: datetime | None = None,
    check_rules: bool = True,
) -> WriteSummary:
    """Write a valid IATI 2.03 activity file at `destination`, or raise IatiExportError and leave it alone."""
    return _export(
        destination,
        "activities",
        lambda stream: write_activities(
            stream, activities, generated_at=generated_at, validate=False, check_rules=check_rules
        ),
    )


def export_organisations(
    destination: str | os.PathLike,
    organisations: Iterable[Organisation],
    *,
    generated_at: datetime | None = None,
    check_rules: bool = True,
) -> WriteSummary:
    """Write a valid IATI 2.03 organisation file at `destination`, or raise IatiExportError and leave it alone."""
    return _export(
        destination,
        "organisations",
        lambda stream: write_organisations(
            stream, organisations, generated_at=generated_at, validate=False, check_rules=check_rules
        ),
    )


_ROOTS: dict[DocumentKind, str] = {"activities": "iati-activities", "organisations": "iati-organisations"}


def _write[R: (Activity, Organisation)](
    stream: IO[bytes],
    records: Iterable[R],
    kind: DocumentKind,
    build: Callable[[R], etree._Element],
    check: Callable[[R], list[IatiIssue]] | None,
    count: Callable[[R], None],
    *,
    generated_at: datetime | None,
    validate: bool,
) -> None:
    iterator = iter(records)
    first = next(iterator, None)
    if first is None:
        noun = "activity" if kind == "activities" else "organisation"
        raise IatiExportError(
            f"nothing to publish: an IATI file holds at least one {noun}",
            issues=[IatiIssue(message=f"no {noun} to write", kind="no_records")],
        )
    generated = format_datetime((generated_at or datetime.now(UTC)).replace(microsecond=0))
    issues: list[IatiIssue] = []
    with etree.xmlfile(stream, encoding="UTF-8") as xml:
        xml.write_declaration()
        with xml.element(_ROOTS[kind], {"version": IATI_VERSION, "generated-datetime": generated}):
            xml.write("\n")
            for record in _chain(first, iterator):
                outcome = _problems(record, kind, build, check, validate=validate)
                if isinstance(outcome, list):
                    issues.extend(outcome[: MAX_ISSUES - len(issues)])
                    if len(issues) >= MAX_ISSUES:
                        break
                    continue
                if not issues:  # after the first problem, records are still checked but no longer written
                    xml.write(outcome, pretty_print=True)
                    count(record)
    if issues:
        noun = "activities" if kind == "activities" else "organisations"
        raise IatiExportError(f"the {noun} are not valid IATI 2.03", issues=issues)


def _chain[R: (Activity, Organisation)](first: R, rest) -> Iterable[R]:
    yield first
    yield from rest


def _problems[R: (Activity, Organisation)](
    record: R,
    kind: DocumentKind,
    build: Callable[[R], etree._Element],
    check: Callable[[R], list[IatiIssue]] | None,
    *,
    validate: bool,
) -> etree._Element | list[IatiIssue]:
    """The record's element when it may be written, else the list of what is wrong with it."""
    identifier = record.identifier
    issues = list(check(record)) if check is not None else []
    try:
        element = build(record)
    except (ValueProblem, ValueError, TypeError) as problem:
        # lxml refuses control characters and other text XML cannot carry with a ValueError.
        return [
            *issues,
            IatiIssue(message=str(problem), kind="unwritable", identifier=identifier, params={"detail": str(problem)}),
        ]
    if validate:
        issues.extend(validate_element(element, kind, identifier=identifier))
    return issues or element


def _export(destination: str | os.PathLike, kind: DocumentKind, write: Callable[[IO[bytes]], WriteSummary]):
    target = Path(destination)
    descriptor, temporary_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    temporary = Path(temporary_name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            summary = write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        # Validate the bytes on disk, not only the trees that were serialised (streaming, constant memory).
        report = validate_file(temporary, kind)
        problems = report.errors
        written = report.activities if kind == "activities" else report.organisations
        expected = summary.activities if kind == "activities" else summary.organisations
        if not problems and written != expected:
            problems = [IatiIssue(message=f"{written} records read back, {expected} written", kind="read_back")]
        if problems:
            raise IatiExportError("the file written is not valid IATI 2.03, nothing was published", issues=problems)
        summary.bytes = temporary.stat().st_size
        temporary.chmod(0o644)  # mkstemp makes it private; the published file is meant to be read
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return summary
