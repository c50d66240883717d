"""Bulk import of historical requests (CSV or XLSX, all-or-nothing, with a dry run) and exports.

The export's columns are the import's, so an exported file can be read back. Reading the file and
the shape of the result are core's (`tcdesk.core.imports`); checking each row is here; the writes go
through the services (`services.historical_requests_create`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import require
from tcdesk.core.edge import DATE_YEARS
from tcdesk.core.imports import ImportResult, import_transaction, read_table
from tcdesk.core.models import Country, Theme

from .choices import AssistanceType, Decision, RequestStatus
from .codes import split_codes
from .links import INSTRUMENT_CODE, parse_mandate
from .models import AssistanceRequest
from .permissions import IMPORT_REQUESTS

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
MAX_DESCRIPTION = 20_000  # as services.requests.MAX_DESCRIPTION (services import this module)
MAX_BENEFICIARIES = 2_000  # as services.requests.MAX_BENEFICIARIES
REQUIRED = ["country", "title", "requesting_authority", "assistance_types", "description", "status"]
REFERENCE = re.compile(r"^TAR-\d{4}-\d{4,}$")
TRUE = {"yes", "y", "true", "1", "oui", "x"}
FALSE = {"no", "n", "false", "0", "non", ""}


def _in_range(day: dt.date) -> dt.date:
    """Refuse a date outside the years any record of the programme can have (year 1 overflows)."""
    low, high = DATE_YEARS
    if not low <= day.year <= high:
        raise ValueError(day)
    return day


def _date(value: str) -> dt.date | None:
    return _in_range(dt.date.fromisoformat(value[:10])) if value else None


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
    _in_range(parsed.date())
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
    if len(row.get("description", "")) > MAX_DESCRIPTION:
        error("description", _("At most %(max)s characters.") % {"max": f"{MAX_DESCRIPTION:,}"})
    lengths = (("title", 200), ("requesting_authority", 255), ("beneficiary_institutions", MAX_BENEFICIARIES))
    for column, most in lengths:
        if len(row.get(column, "")) > most:
            error(column, _("At most %(max)s characters.") % {"max": f"{most:,}"})
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
        except (ValueError, OverflowError):
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


def request_import(
    *,
    actor,
    name: str,
    content: bytes,
    dry_run: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
    rows: list[dict[str, str]] | None = None,
) -> ImportResult:
    """Import historical requests: every row is checked first; one bad row and nothing is written.

    A dry run does the whole import inside a transaction and rolls it back, so it reports exactly what
    a real run would do. The result counts `created` requests. `progress` (a background job's) is told
    each step: reading, checking, writing. `rows`, when given, are the file's rows already read by the
    caller (`services.request_import_upload` reads a small file once): `content` is then not read again.
    """
    from .services import HistoricalRowConflict, MandateResolver, historical_requests_create

    require(actor, IMPORT_REQUESTS)
    report = progress or (lambda step, done, total: None)
    report(_("Reading the file"), 0, 3)
    if rows is None:
        rows = read_table(name, content)
    report(_("Checking the rows"), 1, 3)
    result = ImportResult(rows=len(rows), dry_run=dry_run, counts={"created": 0})
    if not rows:
        result.add_error(0, "file", _("The file has no rows."))
        return result
    missing = [c for c in REQUIRED if c not in rows[0]]
    if missing:
        result.add_error(1, "header", _("Missing column(s): %(cols)s.") % {"cols": ", ".join(missing)})
        return result
    countries = set(Country.objects.values_list("iso3", flat=True))
    themes = set(Theme.objects.values_list("code", flat=True))
    existing = set(
        AssistanceRequest.objects.filter(
            reference__in=[r.get("reference", "").upper() for r in rows if r.get("reference")]
        ).values_list("reference", flat=True)
    )
    seen: set[str] = set()
    cleaned_rows = []
    resolver = MandateResolver()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        cleaned, errors = _check_row(
            number, row, countries=countries, themes=themes, seen=seen, existing=existing, resolver=resolver
        )
        for error in errors:
            result.add_error(error["row"], error["field"], error["message"])
        cleaned_rows.append(cleaned)
    if result.errors:
        return result
    report(_("Writing the requests"), 2, 3)
    try:
        with import_transaction(dry_run=dry_run):
            result.counts["created"] = len(historical_requests_create(actor=actor, rows=cleaned_rows))
    except HistoricalRowConflict as conflict:
        result.counts["created"] = 0
        result.add_error(
            conflict.row,
            "reference",
            _("The reference %(ref)s is already used (perhaps just now by someone else).")
            % {"ref": conflict.reference},
        )
    return result


# ---------------------------------------------------------------------------------------------- exports


def export_rows(queryset) -> Iterator[list[Any]]:
    """The header, then one row per request (streamed in chunks). Texts are as stored: the writers of
    `tcdesk.core.export` keep a spreadsheet from reading them as formulas; the score stays a number."""
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
            r.priority_score,
            ";".join(r.group_list),
        ]
