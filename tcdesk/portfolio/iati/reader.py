"""Streaming reader of IATI 2.03 files from partners: one activity (or organisation) at a time.

    report = ReadReport()
    for activity in read_activities(path_or_binary_file, report=report):
        ...  # store it
    report.as_dict()  # {"activities", "rejected", "transactions", "budgets", "errors": [...]}

How a file is read:
- The root element is looked at first, from the first bytes: a file that is not XML, whose root is
  not `iati-activities`, or whose `version` is not 2.03 is refused at once (`IatiFileError`),
  without reading the rest of a 100 MB upload.
- Then the file is parsed incrementally (64 KiB at a time). Each `iati-activity` is validated
  against the official schema on its own and turned into an `Activity`, then cleared from memory,
  so memory stays flat whatever the file's size. A schema-valid document is exactly a valid root
  (its attributes, and nothing but activities or other namespaces' elements under it, no text)
  with schema-valid activities, and the reader checks all of that: full validation, in pieces.
- An activity the schema (or a closed IATI code list) rejects is reported in `report.errors` with
  the lines of its problems, counted in `report.rejected`, and passed over; reading goes on.
- XML that breaks off (a truncated download) or is not well-formed raises `IatiFileError` with
  its line once the reader gets there, after the activities before it were yielded: callers that
  store what they read do it in one transaction and roll back on that error (or do a dry run first).

The parser neither loads DTDs nor resolves external entities nor touches the network.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from lxml import etree

from tcdesk.portfolio.iati.codes import IATI_VERSION
from tcdesk.portfolio.iati.errors import IatiFileError, IatiIssue
from tcdesk.portfolio.iati.model import Activity
from tcdesk.portfolio.iati.organisation import Organisation
from tcdesk.portfolio.iati.parse import RecordProblem, parse_activity, parse_organisation
from tcdesk.portfolio.iati.schema import DocumentKind, validate_element
from tcdesk.portfolio.iati.values import ValueProblem, parse_datetime

CHUNK_SIZE = 1 << 16
Source = str | os.PathLike | IO[bytes] | bytes

_ROOTS: dict[DocumentKind, tuple[str, str]] = {
    "activities": ("iati-activities", "iati-activity"),
    "organisations": ("iati-organisations", "iati-organisation"),
}
_ROOT_ATTRIBUTES = frozenset({"version", "generated-datetime", "linked-data-default"})
_PEEK_STEP = 1024
# No DTD loading, no network, no external entities (entities declared inside the file are expanded).
_PARSER_OPTIONS = {"resolve_entities": "internal", "load_dtd": False, "no_network": True}


@dataclass
class ReadReport:
    """What a read found: counts of the records read (and so storable) and the problems, with lines.

    `activities`/`organisations` count the records that were read; `rejected` those passed over;
    `transactions` and `budgets` are those of the records read. Errors beyond `max_errors` are
    counted in `errors_omitted` only, so that a broken 100 MB file cannot fill memory with them.
    """

    kind: DocumentKind | None = None
    version: str | None = None
    activities: int = 0
    organisations: int = 0
    rejected: int = 0
    transactions: int = 0
    budgets: int = 0
    errors: list[IatiIssue] = field(default_factory=list)
    errors_omitted: int = 0
    max_errors: int = 1000

    def add(self, issue: IatiIssue) -> None:
        if len(self.errors) < self.max_errors:
            self.errors.append(issue)
        else:
            self.errors_omitted += 1

    def as_dict(self) -> dict:
        counts = (
            {"activities": self.activities} if self.kind != "organisations" else {"organisations": self.organisations}
        )
        return {
            **counts,
            "rejected": self.rejected,
            "transactions": self.transactions,
            "budgets": self.budgets,
            "errors": [issue.as_dict() for issue in self.errors],
            "errors_omitted": self.errors_omitted,
        }


def read_activities(source: Source, *, validate: bool = True, report: ReadReport | None = None) -> Iterator[Activity]:
    """The activities of an IATI 2.03 activity file, one at a time (see the module's docstring)."""
    report = report if report is not None else ReadReport()
    for activity in _read(source, "activities", parse_activity, validate=validate, report=report):
        report.activities += 1
        report.transactions += len(activity.transactions)
        report.budgets += len(activity.budgets)
        yield activity


def read_organisations(
    source: Source, *, validate: bool = True, report: ReadReport | None = None
) -> Iterator[Organisation]:
    """The organisation records of an IATI 2.03 organisation file, one at a time."""
    report = report if report is not None else ReadReport()
    for organisation in _read(source, "organisations", parse_organisation, validate=validate, report=report):
        report.organisations += 1
        report.budgets += (
            len(organisation.total_budgets)
            + len(organisation.recipient_org_budgets)
            + len(organisation.recipient_region_budgets)
            + len(organisation.recipient_country_budgets)
        )
        yield organisation


def validate_file(source: Source, kind: DocumentKind = "activities") -> ReadReport:
    """Validate a file of any size against the schema, in constant memory, without building dataclasses.

    The report counts the schema-valid records (`activities` or `organisations`) and lists every
    schema problem with its line; file-level problems raise `IatiFileError` as when reading.
    """
    report = ReadReport()
    counter = "activities" if kind == "activities" else "organisations"
    for transactions, budgets in _read(source, kind, _counts, validate=True, report=report):
        setattr(report, counter, getattr(report, counter) + 1)
        report.transactions += transactions
        report.budgets += budgets
    return report


def _counts(element: etree._Element) -> tuple[int, int]:
    """Transactions and budgets of a valid record, counted on the element (nothing else is built)."""
    transactions = sum(1 for _ in element.iterchildren("transaction"))
    budget_tags = (
        "budget",
        "total-budget",
        "recipient-org-budget",
        "recipient-region-budget",
        "recipient-country-budget",
    )
    return transactions, sum(1 for _ in element.iterchildren(*budget_tags))


def _read[R](
    source: Source,
    kind: DocumentKind,
    parse: Callable[[etree._Element], R],
    *,
    validate: bool,
    report: ReadReport,
) -> Iterator[R]:
    report.kind = kind
    root_tag, record_tag = _ROOTS[kind]
    with _opened(source) as stream:
        chunks, root = _peek_root(stream)
        report.version = root.get("version")
        _check_root(root, kind, report)
        parser = etree.XMLPullParser(
            events=("end",), tag=record_tag, remove_comments=True, remove_pis=True, **_PARSER_OPTIONS
        )
        seen = 0
        for chunk in _chunks(chunks, stream):
            try:
                parser.feed(chunk)
                events = list(parser.read_events())
            except etree.XMLSyntaxError as error:
                raise _syntax_error(error, truncated=False) from None
            for _event, element in events:
                seen += 1
                record = _record(element, kind, parse, validate=validate, report=report)
                _forget(element, record_tag, report)
                if record is not None:
                    yield record
        try:
            parsed_root = parser.close()
        except etree.XMLSyntaxError as error:
            raise _syntax_error(error, truncated=True) from None
        _check_strays(parsed_root, list(parsed_root), record_tag, report)
        if parsed_root.text and parsed_root.text.strip():
            report.add(_stray_text(parsed_root, parsed_root.text))
    if seen == 0:
        report.add(
            IatiIssue(
                message=f"the file holds no <{record_tag}>",
                kind="no_records",
                line=root.sourceline,
                params={"element": record_tag},
            )
        )


def _record[R](
    element: etree._Element,
    kind: DocumentKind,
    parse: Callable[[etree._Element], R],
    *,
    validate: bool,
    report: ReadReport,
) -> R | None:
    """The record of one element, or None after reporting why it was passed over."""
    identifier = element.findtext("iati-identifier" if kind == "activities" else "organisation-identifier")
    identifier = identifier.strip() if identifier else None
    parent = element.getparent()
    if parent is None or parent.getparent() is not None:
        report.rejected += 1
        report.add(
            IatiIssue(
                message=f"<{element.tag}> must sit directly under the root element",
                kind="misplaced",
                line=element.sourceline,
                identifier=identifier,
                params={"element": element.tag},
            )
        )
        return None
    if validate:
        issues = validate_element(element, kind, identifier=identifier)
        if issues:
            report.rejected += 1
            for issue in issues:
                report.add(issue)
            return None
    try:
        return parse(element)
    except RecordProblem as problem:
        report.rejected += 1
        report.add(
            IatiIssue(
                message=problem.message,
                kind=problem.kind,
                line=problem.line,
                identifier=identifier,
                params=problem.params,
            )
        )
        return None


def _forget(element: etree._Element, record_tag: str, report: ReadReport) -> None:
    """Free a processed record and whatever came before it under the root (constant memory).

    What came before is checked on its way out: besides records, the schema allows only elements
    of other namespaces directly under the root, and no text.
    """
    element.clear(keep_tail=True)  # the tail (text after the record) is checked with the record's siblings
    parent = element.getparent()
    if parent is not None:
        previous = list(element.itersiblings(preceding=True))
        _check_strays(parent, previous, record_tag, report)
        for sibling in previous:
            parent.remove(sibling)


def _check_strays(root: etree._Element, children: list[etree._Element], record_tag: str, report: ReadReport) -> None:
    for child in children:
        tag = child.tag
        if isinstance(tag, str) and tag != record_tag and not tag.startswith("{"):
            report.add(
                IatiIssue(
                    message=f"<{tag}> is not allowed directly under <{root.tag}>",
                    kind="schema",
                    line=child.sourceline,
                    params={"element": tag},
                )
            )
        if child.tail and child.tail.strip():
            report.add(_stray_text(root, child.tail))


def _stray_text(root: etree._Element, text: str) -> IatiIssue:
    # The line of the text itself is not known; like libxml2, report the root's.
    return IatiIssue(
        message=f"<{root.tag}> holds text {text.strip()[:40]!r}, where only elements are allowed",
        kind="schema",
        line=root.sourceline,
        params={"text": text.strip()[:40]},
    )


class _opened:
    """A binary stream over a path, an open binary file (left open) or bytes."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.owned: IO[bytes] | None = None

    def __enter__(self) -> IO[bytes]:
        if isinstance(self.source, bytes):
            return io.BytesIO(self.source)
        if isinstance(self.source, str | os.PathLike):
            self.owned = Path(self.source).open("rb")
            return self.owned
        return self.source

    def __exit__(self, *exc_info) -> None:
        if self.owned is not None:
            self.owned.close()


def _chunks(first: list[bytes], stream: IO[bytes]) -> Iterator[bytes]:
    yield from first
    while chunk := stream.read(CHUNK_SIZE):
        yield chunk


def _peek_root(stream: IO[bytes]) -> tuple[list[bytes], etree._Element]:
    """Read just enough of the file to see its root element; return the bytes read and the root.

    The bytes go to the parser a kilobyte at a time, so that it stops soon after the root's start
    tag; a syntax error after that tag is left for the main parse to report with its line.
    """
    peeker = etree.XMLPullParser(events=("start",), **_PARSER_OPTIONS)
    chunks: list[bytes] = []
    while chunk := stream.read(CHUNK_SIZE):
        chunks.append(chunk)
        for offset in range(0, len(chunk), _PEEK_STEP):
            try:
                peeker.feed(chunk[offset : offset + _PEEK_STEP])
            except etree.XMLSyntaxError as error:
                root = next((element for _event, element in peeker.read_events()), None)
                if root is not None:
                    return chunks, root
                detail = _libxml_message(error)
                raise IatiFileError(
                    f"not an IATI file: this is not XML ({detail})",
                    kind="not_xml",
                    line=error.lineno or 1,
                    params={"detail": detail},
                ) from None
            for _event, element in peeker.read_events():
                return chunks, element
    if not any(chunk.strip() for chunk in chunks):
        raise IatiFileError("the file is empty", kind="empty")
    raise IatiFileError("not an IATI file: this is not XML (no root element)", kind="not_xml", line=1)


def _check_root(root: etree._Element, kind: DocumentKind, report: ReadReport) -> None:
    root_tag = _ROOTS[kind][0]
    tag = root.tag if isinstance(root.tag, str) else ""
    other_kind: DocumentKind = "organisations" if kind == "activities" else "activities"
    if tag == _ROOTS[other_kind][0]:
        wanted = "activity" if kind == "activities" else "organisation"
        found = "organisation" if kind == "activities" else "activity"
        raise IatiFileError(
            f"this is an IATI {found} file, not an IATI {wanted} file (root element <{tag}>)",
            kind="wrong_file_type",
            line=root.sourceline,
            params={"root": tag, "expected": root_tag},
        )
    if tag != root_tag:
        raise IatiFileError(
            f"not an IATI file: the root element is <{_display_tag(tag)}>, not <{root_tag}>",
            kind="not_iati",
            line=root.sourceline,
            params={"root": _display_tag(tag), "expected": root_tag},
        )
    version = root.get("version")
    if version is None:
        raise IatiFileError(
            f"not IATI 2.03: <{root_tag}> has no version attribute",
            kind="not_2_03",
            line=root.sourceline,
            params={"version": None},
        )
    if version.strip() != IATI_VERSION:
        raise IatiFileError(
            f"not IATI 2.03: the file says version {version!r}; tcdesk reads IATI 2.03 files only",
            kind="not_2_03",
            line=root.sourceline,
            params={"version": version},
        )
    # The root's other attributes, as the schema constrains them (the activities are checked one by one).
    for name in root.attrib:
        if not name.startswith("{") and name not in _ROOT_ATTRIBUTES:
            report.add(
                IatiIssue(
                    message=f"<{root_tag}> has an attribute {name!r} that IATI does not define",
                    kind="schema",
                    line=root.sourceline,
                    params={"attribute": name},
                )
            )
    generated = root.get("generated-datetime")
    if generated is not None:
        try:
            parse_datetime(generated)
        except ValueProblem as problem:
            report.add(
                IatiIssue(
                    message=f"<{root_tag}> generated-datetime: {problem}",
                    kind="schema",
                    line=root.sourceline,
                    params={"attribute": "generated-datetime", "value": generated},
                )
            )


def _display_tag(tag: str) -> str:
    if tag.startswith("{"):
        namespace, local = tag[1:].split("}", 1)
        return f"{local} xmlns={namespace!r}"
    return tag


def _libxml_message(error: etree.XMLSyntaxError) -> str:
    message = error.msg or str(error)
    # lxml appends "(<string>, line N)" or "line N, column M"; the line is reported on its own.
    return message.split(", line ")[0].removesuffix(" (<string>").strip()


def _syntax_error(error: etree.XMLSyntaxError, *, truncated: bool) -> IatiFileError:
    detail = _libxml_message(error)
    if truncated:
        return IatiFileError(
            f"the file ends before its XML is complete (cut short?): {detail}",
            kind="truncated",
            line=error.lineno or None,
            params={"detail": detail},
        )
    return IatiFileError(
        f"the XML is not well-formed: {detail}",
        kind="malformed",
        line=error.lineno or None,
        params={"detail": detail},
    )
