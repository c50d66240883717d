"""Pages of the reports app: the list (and defining a report), a report with its versions, generating,
the conclusions, the HTML preview and the downloads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tcdesk.accounts.rules import holds
from tcdesk.core.access import requires
from tcdesk.core.form_errors import add_service_errors

from . import builder, selectors, services
from .forms import ConclusionsForm, GenerateForm, ReportForm
from .permissions import GENERATE_REPORT, VIEW_REPORT
from .render.html import render_html

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@requires(VIEW_REPORT, post=GENERATE_REPORT)
def report_list(request: HttpRequest) -> HttpResponse:
    """Every report one may read; the secretariat and officers define a new one here."""
    can_generate = holds(request.user, GENERATE_REPORT)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.report_create(
                    actor=request.user,
                    resolution=data["resolution"],
                    donor=data["donor"],
                    instrument=data["instrument"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                )
                if data.get("language"):
                    version = services.report_generate(actor=request.user, report=report, language=data["language"])
                    if version.job_id:
                        return redirect("core:job_detail", job_id=version.job_id)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(report)
        status = 422
    reports = selectors.reports_for(request.user)
    return render(
        request,
        "reports/report_list.html",
        {"reports": reports, "form": form, "can_generate": can_generate},
        status=status,
    )


@requires(VIEW_REPORT, per_object=True)
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, report_id, VIEW_REPORT)
    return _detail(request, report)


def _detail(request: HttpRequest, report, *, generate_form=None, conclusions_form=None, status: int = 200):
    versions = list(report.versions.select_related("generated_by", "job").order_by("-number"))
    conclusions = list(report.conclusions.select_related("author").order_by("-written_at", "-pk")[:10])
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "versions": versions,
            "conclusions": conclusions,
            "can_generate": holds(request.user, GENERATE_REPORT),
            "generate_form": generate_form or GenerateForm(initial={"language": request.LANGUAGE_CODE[:2]}),
            "conclusions_form": conclusions_form or ConclusionsForm(initial={"language": request.LANGUAGE_CODE[:2]}),
            "languages": builder.LANGUAGES,
        },
        status=status,
    )


@require_POST
@requires(GENERATE_REPORT, per_object=True)
def report_generate(request: HttpRequest, report_id: int) -> HttpResponse:
    """Queue a new version in the language chosen; the job page shows its progress."""
    report = selectors.get_report_for_user(request.user, report_id, GENERATE_REPORT)
    form = GenerateForm(request.POST)
    if form.is_valid():
        try:
            version = services.report_generate(
                actor=request.user, report=report, language=form.cleaned_data["language"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Version %(number)s is being generated.") % {"number": version.number})
            return redirect("core:job_detail", job_id=version.job_id) if version.job_id else redirect(report)
    return _detail(request, report, generate_form=form, status=422)


@require_POST
@requires(GENERATE_REPORT, per_object=True)
def report_conclusions(request: HttpRequest, report_id: int) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, report_id, GENERATE_REPORT)
    form = ConclusionsForm(request.POST)
    if form.is_valid():
        try:
            services.conclusions_write(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The conclusions are saved; the next version will include them."))
            return redirect(report)
    return _detail(request, report, conclusions_form=form, status=422)


@requires(VIEW_REPORT, per_object=True)
def report_preview(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report as it would be generated now, in the language asked (`?lang=fr`), in the browser."""
    report = selectors.get_report_for_user(request.user, report_id, VIEW_REPORT)
    language = request.GET.get("lang") or request.LANGUAGE_CODE[:2]
    if language not in builder.LANGUAGES:
        language = "en"
    document = services.document_for(report, language, on=timezone.localdate())
    return render(
        request,
        "reports/report_preview.html",
        {
            "report": report,
            "language": language,
            "body": render_html(document, on=timezone.localdate(), standalone=False),
        },
    )


@requires(VIEW_REPORT, per_object=True)
def version_download(request: HttpRequest, report_id: int, version_id: int, fmt: str) -> FileResponse:
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
