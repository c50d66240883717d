"""Writes of the reports app: define a report, generate a version (in a background job), render it,
write its conclusions. Each checks the actor's permission, so commands and views share the rules."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts import rules
from tcdesk.core.limits import text_length_problems
from tcdesk.core.services import background_job_start
from tcdesk.mandates.models import ReportingRequest, Resolution

from . import builder, labels
from .choices import VersionStatus
from .models import Report, ReportConclusions, ReportVersion
from .permissions import GENERATE_REPORT
from .render.docx import render_docx
from .render.html import render_pdf


def resolution_by_symbol(symbol: str) -> Resolution:
    """The loaded resolution with that symbol (case and spaces forgiven), or a ValidationError naming it."""
    cleaned = " ".join((symbol or "").split()).upper()
    found = Resolution.objects.filter(symbol__iexact=cleaned).first()
    if found is None:
        raise ValidationError(
            {"resolution": [_("No resolution %(symbol)s is loaded: load it in Mandates first.") % {"symbol": symbol}]}
        )
    return found


def donor_by_code(code: str) -> Any:
    """The donor with that code (ISO3 of a State, code of an organisation), or a ValidationError naming it."""
    from tcdesk.funds.models import Donor

    found = Donor.objects.filter(code__iexact=(code or "").strip()).first()
    if found is None:
        raise ValidationError({"donor": [_("No donor %(code)s is recorded in Funds.") % {"code": code}]})
    return found


def instrument_by_code(code: str) -> Any:
    """The convention with that tcdesk code or treaty collection reference, or a ValidationError naming it."""
    from tcdesk.treaties.models import Instrument
    from tcdesk.treaties.selectors import get_instrument

    try:
        found = get_instrument(code)
    except Instrument.DoesNotExist:
        found = None
    if found is None or found.parent_id:
        raise ValidationError(
            {
                "instrument": [
                    _("No convention %(code)s is recorded in Treaties (a protocol has no Conference of its own).")
                    % {"code": code}
                ]
            }
        )
    return found


@transaction.atomic
def report_create(
    *,
    actor: Any,
    resolution: str = "",
    donor: str = "",
    instrument: str = "",
    period_start: dt.date | None,
    period_end: dt.date | None,
) -> Report:
    """Define the report on a resolution (the reporting request is found from it), to a donor on its
    contributions, or to the Conference of the Parties to a convention, for a period."""
    rules.require(actor, GENERATE_REPORT)
    if sum(bool((subject or "").strip()) for subject in (resolution, donor, instrument)) != 1:
        raise ValidationError({"resolution": [_("Name one resolution, one donor or one convention.")]})
    builder.check_inputs(start=period_start, end=period_end, language="en")
    assert period_start is not None and period_end is not None
    if instrument:
        return Report.objects.create(
            kind="cop",
            instrument=instrument_by_code(instrument),
            period_start=period_start,
            period_end=period_end,
            created_by=actor,
            created_at=timezone.now(),
        )
    if donor:
        return Report.objects.create(
            kind="donor",
            donor=donor_by_code(donor),
            period_start=period_start,
            period_end=period_end,
            created_by=actor,
            created_at=timezone.now(),
        )
    found = resolution_by_symbol(resolution)
    request = ReportingRequest.objects.filter(resolution=found, kind="report").order_by("paragraph_number").first()
    return Report.objects.create(
        resolution=found,
        reporting_request=request,
        period_start=period_start,
        period_end=period_end,
        created_by=actor,
        created_at=timezone.now(),
    )


@transaction.atomic
def report_generate(*, actor: Any, report: Report, language: str) -> ReportVersion:
    """Queue a new version of the report in `language`; a background job renders its DOCX and PDF."""
    rules.require(actor, GENERATE_REPORT)
    builder.check_inputs(start=report.period_start, end=report.period_end, language=language)
    Report.objects.select_for_update().filter(pk=report.pk).first()  # one version number at a time
    number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = ReportVersion.objects.create(
        report=report, number=number, language=language, generated_by=actor, created_at=timezone.now()
    )
    from . import tasks

    job = background_job_start(
        name=f"Report {report.subject} v{number} ({language})",
        owner=actor,
        task=tasks.generate_report_version,
        version_id=version.pk,
    )
    ReportVersion.objects.filter(pk=version.pk).update(job=job)
    version.refresh_from_db()
    return version


def document_for(report: Report, language: str, *, on: dt.date | None = None):
    """The report's document in `language`, with the conclusions the secretariat wrote in it."""
    from .selectors import latest_conclusions

    return builder.build_document(
        resolution=report.resolution,
        donor=report.donor,
        instrument=report.instrument,
        start=report.period_start,
        end=report.period_end,
        language=language,
        conclusions=latest_conclusions(report, language),
        on=on,
    )


def render_files(document, *, on: dt.date, formats: tuple[str, ...] = ("docx", "pdf")) -> dict[str, bytes]:
    """The document's bytes in each format asked for."""
    found: dict[str, bytes] = {}
    if "docx" in formats:
        found["docx"] = render_docx(document, labels.renderer_labels(document.language), on=on)
    if "pdf" in formats:
        found["pdf"] = render_pdf(document, on=on)
    return found


def version_render(*, version_id: int, progress=None) -> ReportVersion:
    """Compute and render a queued version, store its files and figures; on error the version says why.

    Not one transaction: rendering takes seconds and must not hold the database; the version row is
    written once at the end (ready, with its files) or marked failed (no file kept)."""
    version = ReportVersion.objects.select_related("report__resolution", "report__donor", "report__instrument").get(
        pk=version_id
    )
    report = version.report
    started = time.monotonic()
    ReportVersion.objects.filter(pk=version.pk).update(status=VersionStatus.RUNNING)
    step = progress or (lambda *args: None)
    try:
        on = timezone.localdate(version.created_at)
        step("compute", 1, 4)
        document = document_for(report, version.language, on=on)
        step("docx", 2, 4)
        files = render_files(document, on=on, formats=("docx",))
        step("pdf", 3, 4)
        files.update(render_files(document, on=on, formats=("pdf",)))
        symbol = report.subject.replace("/", "-")
        stem = f"{symbol}_{report.period_start}_{report.period_end}_v{version.number}_{version.language}"
        with transaction.atomic():
            version.docx.save(f"{stem}.docx", ContentFile(files["docx"]), save=False)
            version.pdf.save(f"{stem}.pdf", ContentFile(files["pdf"]), save=False)
            figures = document.figures
            version.figures = {
                k: (str(v) if not isinstance(v, int | float | type(None)) else v) for k, v in figures.items()
            }
            version.paragraphs = document.numbered_paragraphs()
            version.annex_rows = int(figures.get("annex_rows") or 0)
            version.data_version = builder.fingerprint(document)
            version.docx_size, version.pdf_size = len(files["docx"]), len(files["pdf"])
            version.status = VersionStatus.READY
            version.seconds = round(time.monotonic() - started, 2)
            version.finished_at = timezone.now()
            version.error = ""
            version.save()
        step("done", 4, 4)
    except Exception as exc:
        ReportVersion.objects.filter(pk=version.pk).update(
            status=VersionStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    return version


@transaction.atomic
def conclusions_write(*, actor: Any, report: Report, language: str, text: str) -> ReportConclusions:
    """A new wording of the report's conclusions in `language` (earlier ones are kept, with their authors)."""
    rules.require(actor, GENERATE_REPORT)
    errors = {}
    if language not in builder.LANGUAGES:
        errors["language"] = [_("Reports are written in English, French or Spanish.")]
    if not (text or "").strip():
        errors["text"] = [_("Write at least one paragraph.")]
    errors.update(text_length_problems(ReportConclusions, text=(text or "").strip()))
    if errors:
        raise ValidationError(errors)
    return ReportConclusions.objects.create(
        report=report, language=language, text=text.strip(), author=actor, written_at=timezone.now()
    )
