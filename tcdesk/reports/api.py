"""API of reports: list and define reports, generate versions (background jobs), follow their status,
download their files, write their conclusions. Same services and rules as the pages."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut
from tcdesk.core.limits import InSchema

from . import selectors, services
from .models import CONCLUSIONS_MAX_CHARS, Report, ReportVersion
from .permissions import GENERATE_REPORT, VIEW_REPORT, VIEW_REPORT_SOURCES
from .views import CONTENT_TYPES

router = Router(tags=["reports"])


class VersionOut(Schema):
    id: int
    number: int
    language: str
    status: str
    job: int | None
    paragraphs: int | None
    annex_rows: int | None
    figures: dict
    data_version: str
    docx_size: int | None
    pdf_size: int | None
    seconds: float | None
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    downloads: dict[str, str]


class ReportOut(Schema):
    id: int
    kind: str
    resolution: str | None
    donor: str | None
    instrument: str | None
    period_start: dt.date
    period_end: dt.date
    reporting_paragraph: int | None
    created_by: str | None
    created_at: dt.datetime
    versions: list[VersionOut]


class ReportIn(InSchema):
    resolution: str = ""
    donor: str = ""  # a report to a donor instead: its code
    instrument: str = ""  # a report to a Conference of the Parties instead: the convention's code
    period_start: dt.date
    period_end: dt.date
    language: str | None = None  # also queue a first version in this language


class GenerateIn(InSchema):
    language: str


class ConclusionsIn(InSchema):
    language: str
    text: str = Field(max_length=CONCLUSIONS_MAX_CHARS)


def _version(version: ReportVersion) -> dict:
    downloads = {}
    if version.is_ready:
        downloads = {
            fmt: reverse("reports:version_download", args=[version.report_id, version.pk, fmt]) for fmt in CONTENT_TYPES
        }
    return {
        "id": version.pk,
        "number": version.number,
        "language": version.language,
        "status": version.status,
        "job": version.job_id,
        "paragraphs": version.paragraphs,
        "annex_rows": version.annex_rows,
        "figures": version.figures,
        "data_version": version.data_version,
        "docx_size": version.docx_size,
        "pdf_size": version.pdf_size,
        "seconds": version.seconds,
        "error": version.error,
        "created_at": version.created_at,
        "finished_at": version.finished_at,
        "downloads": downloads,
    }


def _report(report: Report) -> dict:
    return {
        "id": report.pk,
        "kind": report.kind,
        "resolution": report.resolution.symbol if report.resolution_id else None,
        "donor": report.donor.code if report.donor_id else None,
        "instrument": report.instrument_id,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "reporting_paragraph": report.reporting_request.paragraph_number if report.reporting_request_id else None,
        "created_by": report.created_by.username if report.created_by else None,
        "created_at": report.created_at,
        "versions": [_version(v) for v in report.versions.order_by("-number")],
    }


@router.get("", response=list[ReportOut], summary="Reports")
@requires(VIEW_REPORT)
def list_reports(request: HttpRequest):
    return [_report(r) for r in selectors.reports_for(request.user).select_related("reporting_request")]


@router.post("", response={201: ReportOut, 403: ErrorOut, 422: ErrorOut}, summary="Define a report")
@requires(GENERATE_REPORT)
def create_report(request: HttpRequest, payload: ReportIn):
    """A report on a loaded resolution (or to a donor) for a period; with `language`, its first version is
    queued."""
    report = services.report_create(
        actor=request.user,
        resolution=payload.resolution,
        donor=payload.donor,
        instrument=payload.instrument,
        period_start=payload.period_start,
        period_end=payload.period_end,
    )
    if payload.language:
        services.report_generate(actor=request.user, report=report, language=payload.language)
    return 201, _report(report)


@router.get("/{int:report_id}", response={200: ReportOut, 404: ErrorOut}, summary="One report and its versions")
@requires(VIEW_REPORT, per_object=True)
def get_report(request: HttpRequest, report_id: int):
    return _report(selectors.get_report_for_user(request.user, report_id, VIEW_REPORT))


@router.post(
    "/{int:report_id}/versions",
    response={202: VersionOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Generate a version (DOCX and PDF) in a language",
)
@requires(GENERATE_REPORT, per_object=True)
def generate_version(request: HttpRequest, report_id: int, payload: GenerateIn):
    """Queued as a background job: follow `job` at /api/core/jobs/{id} or this version's status."""
    report = selectors.get_report_for_user(request.user, report_id, GENERATE_REPORT)
    version = services.report_generate(actor=request.user, report=report, language=payload.language)
    version.refresh_from_db()
    return 202, _version(version)


@router.get(
    "/{int:report_id}/versions/{int:version_id}",
    response={200: VersionOut, 404: ErrorOut},
    summary="A version's status and figures",
)
@requires(VIEW_REPORT, per_object=True)
def get_version(request: HttpRequest, report_id: int, version_id: int):
    return _version(selectors.get_version_for_user(request.user, report_id, version_id, VIEW_REPORT))


@router.get(
    "/{int:report_id}/versions/{int:version_id}/{fmt}",
    response={200: None, 404: ErrorOut},
    summary="Download a version as DOCX or PDF",
)
@requires(VIEW_REPORT, per_object=True)
def download_version(request: HttpRequest, report_id: int, version_id: int, fmt: str):
    version = selectors.get_version_for_user(request.user, report_id, version_id, VIEW_REPORT)
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Reports are downloaded as DOCX or PDF."))
    stored = getattr(version, fmt)
    if not version.is_ready or not stored:
        raise Http404(
            _("This version has no file yet (its status: %(status)s).") % {"status": version.get_status_display()}
        )
    return FileResponse(
        stored.open("rb"), as_attachment=True, filename=stored.name.rsplit("/", 1)[-1], content_type=CONTENT_TYPES[fmt]
    )


@router.post(
    "/{int:report_id}/conclusions",
    response={201: dict, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Write the conclusions and recommendations (a new wording)",
)
@requires(GENERATE_REPORT, per_object=True)
def write_conclusions(request: HttpRequest, report_id: int, payload: ConclusionsIn):
    report = selectors.get_report_for_user(request.user, report_id, GENERATE_REPORT)
    written = services.conclusions_write(
        actor=request.user, report=report, language=payload.language, text=payload.text
    )
    return 201, {"id": written.pk, "language": written.language, "written_at": written.written_at.isoformat()}


class SourcesQuery(Schema):
    # Optional here so that the permission is checked first; `_period` requires them.
    start: dt.date | None = Field(None, alias="from", description="first day of the period (required)")
    end: dt.date | None = Field(None, alias="to", description="last day of the period (required)")
    theme: str = Field("", description="theme code(s), e.g. terrorism or terrorism,corruption (delivery only)")
    instrument: str = Field("", description="instrument code: only the requests concerning it (requests only)")


def _plain(value):
    """Decimals as strings (exact), the rest as is, through nested lists and dicts."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _period(filters: SourcesQuery) -> tuple[dt.date, dt.date]:
    errors = {}
    if filters.start is None:
        errors["from"] = [_("Give the first day of the period.")]
    if filters.end is None:
        errors["to"] = [_("Give the last day of the period.")]
    if filters.start and filters.end and filters.end < filters.start:
        errors["to"] = [_("The period ends before it starts.")]
    if errors:
        raise ValidationError(errors)
    assert filters.start is not None and filters.end is not None
    return filters.start, filters.end


@router.get(
    "/sources/delivery",
    response={200: dict, 422: ErrorOut},
    summary="The portfolio records behind a report's delivery figures for a theme and period",
)
@requires(VIEW_REPORT_SOURCES)
def delivery_sources(request: HttpRequest, filters: Query[SourcesQuery]):
    """What the report's section on a theme counted: the projects under way (IATI identifiers), the ids of
    the activities that started in the period, training totals by sex and the judges and prosecutors
    trained. The same function computes the report's figures."""
    from tcdesk.core.models import Theme

    start, end = _period(filters)
    themes = tuple(code.strip() for code in filters.theme.split(",") if code.strip())
    unknown = sorted(set(themes) - set(Theme.objects.filter(code__in=themes).values_list("code", flat=True)))
    if unknown or not themes:
        raise ValidationError({"theme": [_("No theme “%(code)s”.") % {"code": ", ".join(unknown) or filters.theme}]})
    found = selectors.delivery_in_period(themes, start, end)
    return {"from": start, "to": end, **found}


@router.get(
    "/sources/assets",
    response={200: dict, 422: ErrorOut},
    summary="The sharing agreements and decisions behind a report's asset-sharing figures",
)
@requires(VIEW_REPORT_SOURCES)
def asset_sources(request: HttpRequest, filters: Query[SourcesQuery]):
    start, end = _period(filters)
    found = selectors.asset_sharing_in_period(start, end)
    return {"from": start, "to": end, **_plain(found)}


@router.get(
    "/sources/requests",
    response={200: dict, 422: ErrorOut},
    summary="The requests behind a report's technical-assistance figures",
)
@requires(VIEW_REPORT_SOURCES)
def request_sources(request: HttpRequest, filters: Query[SourcesQuery]):
    """The references of the requests received (submitted), accepted, declined (decided) and delivered in
    the period; with `instrument`, those concerning the convention and its protocols, as in a report to
    its Conference of the Parties."""
    from .sections.context import Context

    start, end = _period(filters)
    ctx = Context(resolution=None, start=start, end=end, language="en")
    if filters.instrument:
        ctx.instrument = services.instrument_by_code(filters.instrument)
    codes = ctx.instrument_codes()
    found = selectors.assistance_in_period(ctx.start_at, ctx.end_before, instrument_codes=codes)
    return {"from": start, "to": end, "instruments": codes, **found}
