"""Bulk import of historical requests (CSV or XLSX, all-or-nothing, with a dry run) and exports.

The export's columns are the import's, so an exported file can be read back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.permissions import has_role
from tcdesk.core.models import Country, CountryGroupMembership, Theme

from .choices import AssistanceType, Decision, EventKind, RequestStatus
from .codes import join_codes, split_codes
from .links import INSTRUMENT_CODE, parse_mandate
from .models import AssistanceRequest, RequestEvent, RequestInstrument, RequestMandateLink

COLUMNS = [
    "reference",
    "country",
    "title",
    "requesting_authority",
    "assistance_types",
    "themes",
    "instruments",
    "mandates",
    "beneficiary_institutions",
    "description",
    "desired_start",
    "desired_end",
    "post_conflict",
    "status",
    "decision",
    "submitted_at",
    "acknowledged_at",
    "decided_at",
    "priority_score",
    "groups_at_submission",
]
REQUIRED = ["country", "title", "requesting_authority", "assistance_types", "description", "status"]
REFERENCE = re.compile(r"^TAR-\d{4}-\d{4,}$")
TRUE = {"yes", "y", "true", "1", "oui", "x"}
FALSE = {"no", "n", "false", "0", "non", ""}


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    dry_run: bool = True
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"rows": self.rows, "created": self.created, "dry_run": self.dry_run, "errors": self.errors}


def check_import_size(name: str, size: int) -> None:
    """Refuse a file larger than TCDESK_MAX_UPLOAD_BYTES before it is read."""
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


# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection"); apostrophes
# in front of one were added by the export to neutralise it.
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")


def neutralise(value: str) -> str:
    """A text cell for a CSV file: a leading apostrophe when a spreadsheet would read a formula."""
    return f"'{value}" if FORMULA_START.match(value) else value


def unneutralise(value: str) -> str:
    """The reverse of `neutralise`, for imported CSV cells."""
    return value[1:] if value.startswith("'") and FORMULA_START.match(value) else value


def read_table(name: str, content: bytes) -> list[dict[str, str]]:
    """Rows of a CSV (UTF-8) or XLSX file as dicts keyed by the lower-cased header.

    XLSX rows are read one at a time from a read-only workbook. In a CSV, the apostrophe the export puts
    in front of a cell that would otherwise be a formula (=, +, -, @) is removed.
    """
    if content[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        return list(_xlsx_rows(content))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": [_("The CSV file must be encoded in UTF-8.")]}) from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None:
        return []
    return [
        {(k or "").strip().lower(): unneutralise((v or "").strip()) for k, v in row.items() if k}
        for row in reader
        if any((v or "").strip() for v in row.values() if isinstance(v, str))
    ]


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
        for row in rows:
            if any(v not in (None, "") for v in row):
                yield {header[i]: _cell(v) for i, v in enumerate(row) if i < len(header) and header[i]}
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken sheet part is the user's file problem too
        raise ValidationError({"file": [_("The XLSX file cannot be read: %(error)s") % {"error": exc}]}) from None
    finally:
        workbook.close()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _is_date_only(value: str) -> bool:
    return bool(value) and "T" not in value and " " not in value


def _datetime(value: str) -> dt.datetime | None:
    """A date and time (UTC unless an offset is given); a date alone is read as 09:00 UTC that day."""
    if not value:
        return None
    if _is_date_only(value):
        parsed = dt.datetime.combine(dt.date.fromisoformat(value), dt.time(9, 0))
    else:
        parsed = dt.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _before(later: dt.datetime, earlier: dt.datetime, *, by_date: bool) -> bool:
    """Whether `later` is before `earlier`; by calendar day (UTC) when either was given as a date only."""
    if by_date:
        return later.astimezone(dt.UTC).date() < earlier.astimezone(dt.UTC).date()
    return later < earlier


def _split(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;,\n]", value or "") if p.strip()]


def _check_row(
    number: int, row: dict, *, countries: set, themes: set, seen: set, existing: set, resolver=None
) -> tuple[dict, list]:
    errors = []

    def error(column: str, message: str) -> None:
        errors.append({"row": number, "field": column, "message": message})

    for column in REQUIRED:
        if not row.get(column):
            error(column, _("This column is required."))
    iso3 = row.get("country", "").upper()
    if iso3 and iso3 not in countries:
        error("country", _("Unknown country code “%(code)s”.") % {"code": row["country"]})
    types = _split(row.get("assistance_types", ""))
    bad_types = sorted(set(types) - set(AssistanceType.values))
    if bad_types:
        error("assistance_types", _("Unknown type(s) of assistance: %(codes)s.") % {"codes": ", ".join(bad_types)})
    theme_codes = _split(row.get("themes", ""))
    bad_themes = sorted(set(theme_codes) - themes)
    if bad_themes:
        error("themes", _("Unknown theme(s): %(codes)s.") % {"codes": ", ".join(bad_themes)})
    instruments = [c.upper() for c in _split(row.get("instruments", ""))]
    bad_instruments = [c for c in instruments if not INSTRUMENT_CODE.match(c)]
    if bad_instruments:
        error("instruments", _("Not an instrument code: %(codes)s.") % {"codes": ", ".join(bad_instruments)})
    mandates = []
    for citation in [p.strip() for p in re.split(r"[;\n]", row.get("mandates", "")) if p.strip()]:
        link = parse_mandate(citation)
        if link is None:
            error("mandates", _("“%(text)s” is not a resolution citation.") % {"text": citation})
            continue
        mandate, problem = resolver.resolve(*link) if resolver is not None else (None, None)
        if problem:
            error("mandates", problem)
        else:
            mandates.append((*link, mandate))
    status = row.get("status", "").strip().lower()
    if status and status not in RequestStatus.values:
        error("status", _("Unknown status “%(value)s”.") % {"value": row["status"]})
    post_conflict = row.get("post_conflict", "").strip().lower()
    if post_conflict not in TRUE | FALSE:
        error("post_conflict", _("Write yes or no."))
    values: dict = {}
    for column, parse in (
        ("desired_start", _date),
        ("desired_end", _date),
        ("submitted_at", _datetime),
        ("acknowledged_at", _datetime),
        ("decided_at", _datetime),
    ):
        try:
            values[column] = parse(row.get(column, ""))
        except ValueError:
            error(column, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": row[column]})
            values[column] = None
    if values["desired_start"] and values["desired_end"] and values["desired_end"] < values["desired_start"]:
        error("desired_end", _("The desired end must not be before the desired start."))
    submitted = values["submitted_at"]
    bad_dates = {e["field"] for e in errors}
    if status and status != RequestStatus.DRAFT and not submitted and "submitted_at" not in bad_dates:
        error("submitted_at", _("A submitted request needs its submission date."))
    for column in ("acknowledged_at", "decided_at"):
        by_date = _is_date_only(row.get("submitted_at", "")) or _is_date_only(row.get(column, ""))
        if values[column] and submitted and _before(values[column], submitted, by_date=by_date):
            error(column, _("This date is before the submission date."))
    if submitted and submitted > timezone.now():
        error("submitted_at", _("The submission date is in the future."))
    decision = row.get("decision", "").strip().lower()
    if not decision:
        decision = {
            RequestStatus.ACCEPTED: Decision.ACCEPTED,
            RequestStatus.PLANNED: Decision.ACCEPTED,
            RequestStatus.DELIVERED: Decision.ACCEPTED,
            RequestStatus.DECLINED: Decision.DECLINED,
        }.get(status, "")
    elif decision not in Decision.values:
        error("decision", _("Write accepted or declined."))
    if decision and not values["decided_at"] and "decided_at" not in bad_dates:
        error("decided_at", _("A decided request needs its decision date."))
    reference = row.get("reference", "").strip().upper()
    if reference:
        if not REFERENCE.match(reference):
            error("reference", _("References look like TAR-2024-0001."))
        elif reference in seen or reference in existing:
            error("reference", _("The reference %(ref)s is already used.") % {"ref": reference})
        seen.add(reference)
    cleaned = {
        **values,
        "row": number,
        "reference": reference,
        "country": iso3,
        "title": row.get("title", "")[:200],
        "requesting_authority": row.get("requesting_authority", "")[:255],
        "assistance_types": types,
        "themes": theme_codes,
        "instruments": sorted(set(instruments)),
        "mandates": sorted({(s, p): m for s, p, m in mandates}.items()),
        "beneficiary_institutions": row.get("beneficiary_institutions", ""),
        "description": row.get("description", ""),
        "post_conflict": post_conflict in TRUE,
        "status": status,
        "decision": decision,
    }
    return cleaned, errors


def request_import(*, actor, name: str, content: bytes, dry_run: bool = True) -> ImportResult:
    """Import historical requests: every row is checked first; one bad row and nothing is written.

    A dry run does the whole import inside a transaction and rolls it back, so it reports exactly what
    a real run would do.
    """
    if not has_role(actor, Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only programme officers import requests."))
    rows = read_table(name, content)
    result = ImportResult(rows=len(rows), dry_run=dry_run)
    if not rows:
        result.errors.append({"row": 0, "field": "file", "message": _("The file has no rows.")})
        return result
    missing = [c for c in REQUIRED if c not in rows[0]]
    if missing:
        result.errors.append(
            {"row": 1, "field": "header", "message": _("Missing column(s): %(cols)s.") % {"cols": ", ".join(missing)}}
        )
        return result
    countries = set(Country.objects.values_list("iso3", flat=True))
    themes = set(Theme.objects.values_list("code", flat=True))
    existing = set(
        AssistanceRequest.objects.filter(
            reference__in=[r.get("reference", "").upper() for r in rows if r.get("reference")]
        ).values_list("reference", flat=True)
    )
    from .services import MandateResolver

    seen: set[str] = set()
    cleaned_rows = []
    resolver = MandateResolver()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        cleaned, errors = _check_row(
            number, row, countries=countries, themes=themes, seen=seen, existing=existing, resolver=resolver
        )
        result.errors.extend(errors)
        cleaned_rows.append(cleaned)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            created = _write(cleaned_rows, actor)
            result.created = len(created)
            if dry_run:
                transaction.set_rollback(True)
    except _RowConflict as conflict:
        result.created = 0
        result.errors.append(
            {
                "row": conflict.row,
                "field": "reference",
                "message": _("The reference %(ref)s is already used (perhaps just now by someone else).")
                % {"ref": conflict.reference},
            }
        )
    return result


class _RowConflict(Exception):
    """A row could not be written (a reference taken meanwhile); the whole import is rolled back."""

    def __init__(self, row: int, reference: str) -> None:
        super().__init__(row, reference)
        self.row = row
        self.reference = reference


def _write(rows: list[dict], actor) -> list[AssistanceRequest]:
    """Write the checked rows. References left empty are numbered per year after the highest one in use,
    skipping the references that other rows of the file give."""
    from .services import _next_reference, priority_recompute

    memberships: dict[str, list] = {}
    for m in CountryGroupMembership.objects.filter(country_id__in={r["country"] for r in rows}):
        memberships.setdefault(m.country_id, []).append(m)
    created = []
    counters: dict[int, int] = {}
    given = {r["reference"] for r in rows if r["reference"]}
    for row in rows:
        submitted = row["submitted_at"]
        reference = row["reference"]
        if not reference:
            year = (submitted or timezone.now()).year
            if year not in counters:
                counters[year] = int(_next_reference(year).rsplit("-", 1)[1])
            while f"TAR-{year}-{counters[year]:04d}" in given:
                counters[year] += 1
            reference = f"TAR-{year}-{counters[year]:04d}"
            counters[year] += 1
        groups = (
            join_codes(m.group_id for m in memberships.get(row["country"], []) if m.covers(submitted.date()))
            if submitted
            else ""
        )
        request = AssistanceRequest(
            reference=reference,
            country_id=row["country"],
            title=row["title"],
            requesting_authority=row["requesting_authority"],
            assistance_types=join_codes(row["assistance_types"]),
            beneficiary_institutions=row["beneficiary_institutions"],
            description=row["description"],
            desired_start=row["desired_start"],
            desired_end=row["desired_end"],
            post_conflict=row["post_conflict"],
            status=row["status"],
            decision=row["decision"],
            country_groups=groups,
            submitted_at=submitted,
            acknowledged_at=row["acknowledged_at"],
            decided_at=row["decided_at"],
        )
        request._change_reason = "import"
        try:
            with transaction.atomic():
                request.save()
        except IntegrityError:
            raise _RowConflict(row["row"], reference) from None
        request.themes.set(row["themes"])
        RequestInstrument.objects.bulk_create(
            [RequestInstrument(request=request, instrument_code=c) for c in row["instruments"]]
        )
        RequestMandateLink.objects.bulk_create(
            [RequestMandateLink(request=request, symbol=s, paragraph=p, mandate=m) for (s, p), m in row["mandates"]]
        )
        RequestEvent.objects.create(
            request=request,
            kind=EventKind.IMPORT,
            to_status=row["status"],
            actor=actor,
            at=submitted or timezone.now(),
            comment=_("Imported from a file of historical requests."),
        )
        created.append(request)
    priority_recompute(queryset=AssistanceRequest.objects.filter(pk__in=[r.pk for r in created]))
    return created


# ---------------------------------------------------------------------------------------------- exports


def export_rows(queryset) -> Iterator[list[str]]:
    """The header, then one row per request (streamed in chunks). Texts are as stored: the CSV and XLSX
    writers below keep a spreadsheet from reading them as formulas."""
    yield COLUMNS
    # The queue defers the long texts a list row does not show; the export writes them, so load them
    # with the rows (not one query per row and field). The priority explanation stays deferred.
    queryset = (
        queryset.defer(None)
        .defer("priority_explanation")
        .select_related("country")
        .prefetch_related("themes", "instruments", "mandate_links")
    )
    for r in queryset.iterator(chunk_size=2000):
        yield [
            r.reference,
            r.country_id,
            r.title,
            r.requesting_authority,
            ";".join(split_codes(r.assistance_types)),
            ";".join(sorted(t.code for t in r.themes.all())),
            ";".join(sorted(i.instrument_code for i in r.instruments.all())),
            ";".join(str(m) for m in r.mandate_links.all()),
            r.beneficiary_institutions,
            r.description,
            r.desired_start.isoformat() if r.desired_start else "",
            r.desired_end.isoformat() if r.desired_end else "",
            "yes" if r.post_conflict else "no",
            r.status,
            r.decision,
            r.submitted_at.isoformat() if r.submitted_at else "",
            r.acknowledged_at.isoformat() if r.acknowledged_at else "",
            r.decided_at.isoformat() if r.decided_at else "",
            str(r.priority_score),
            ";".join(r.group_list),
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


# The priority score is a number (and may be negative); every other column is text.
_NUMBER_COLUMNS = {COLUMNS.index("priority_score")}


def csv_stream(queryset) -> Iterator[str]:
    """CSV in UTF-8 with a BOM; a text starting with =, +, -, @, a tab or a carriage return gets a leading
    apostrophe so that a spreadsheet shows it instead of running it (the import removes it again)."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in export_rows(queryset):
        yield writer.writerow([v if i in _NUMBER_COLUMNS else neutralise(v) for i, v in enumerate(row)])


def xlsx_bytes(queryset) -> bytes:
    """XLSX with every text cell typed as a string, so that none becomes a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Requests"))
    for row in export_rows(queryset):
        cells = []
        for i, value in enumerate(row):
            if i in _NUMBER_COLUMNS and value.lstrip("-").isdigit():
                cells.append(int(value))
                continue
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
