"""Pages of the portfolio: programmes, projects (results chart, trainings, totals by sex), activities and
trainings, answering requests, IATI export and import."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tcdesk.accounts.rules import holds, require
from tcdesk.assistance.selectors import get_request_for_user
from tcdesk.core.access import requires
from tcdesk.core.export import dated_filename
from tcdesk.core.form_errors import add_service_errors
from tcdesk.core.history import history_entries
from tcdesk.core.imports import check_upload_size
from tcdesk.core.permissions import READ_HISTORY

from . import charts, iati, publishing, selectors, services
from .choices import ActivityKind, ProjectStatus
from .forms import (
    ActivityForm,
    AnswerRequestForm,
    IatiImportForm,
    IndicatorForm,
    ProgrammeForm,
    ProjectForm,
    TrainingForm,
)
from .models import Activity, IatiImport, Indicator, Output, Programme, Project, TrainingEvent, TrainingRole
from .permissions import EXPORT_IATI, IMPORT_IATI, MANAGE_PORTFOLIO, VIEW_PROGRAMME, VIEW_PROJECT

PROJECT_TABS = ("overview", "activities", "results", "history")


def _tabs(names: tuple[str, ...]) -> list[tuple[str, str]]:
    labels = {
        "overview": _("Overview"),
        "activities": _("Activities and trainings"),
        "results": _("Results"),
        "history": _("History"),
    }
    return [(name, labels[name]) for name in names]


# ------------------------------------------------------------------------------------------ programmes


@requires(VIEW_PROGRAMME)
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.for_user(request.user).select_related("region", "country").prefetch_related("themes")
    return render(
        request,
        "portfolio/programme_list.html",
        {"programmes": programmes, "can_manage": holds(request.user, MANAGE_PORTFOLIO)},
    )


@requires(VIEW_PROGRAMME, per_object=True)
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.get_programme_for_user(request.user, pk)
    projects = selectors.visible_projects(request.user).filter(programme=programme)
    trainings = TrainingEvent.objects.filter(activity__project__in=projects)
    return render(
        request,
        "portfolio/programme_detail.html",
        {
            "programme": programme,
            "projects": projects.prefetch_related("countries__country"),
            "totals": selectors.training_totals(trainings),
            "can_manage": holds(request.user, MANAGE_PORTFOLIO),
        },
    )


def _programme_initial(programme: Programme) -> dict:
    return {
        "code": programme.code,
        "name_en": programme.name_en,
        "name_fr": programme.name_fr,
        "scope": programme.scope,
        "region_code": programme.region_id or "",
        "country_iso3": programme.country_id or "",
        "theme_codes": list(programme.themes.all()),
        "description": programme.description,
        "start": programme.start,
        "end": programme.end,
    }


def _programme_form(request: HttpRequest, programme: Programme | None) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, initial=_programme_initial(programme) if programme else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data, theme_codes=[t.code for t in form.cleaned_data["theme_codes"]])
        try:
            programme = services.programme_save(actor=request.user, programme=programme, **data)
        except ValidationError as exc:
            add_service_errors(
                form, exc, renamed={"region": "region_code", "country": "country_iso3", "themes": "theme_codes"}
            )
        else:
            messages.success(request, _("Programme saved."))
            return redirect(programme)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "portfolio/form.html", {"form": form, "title": _("Programme"), "back": programme}, status=status
    )


@requires(MANAGE_PORTFOLIO)
def programme_create(request: HttpRequest) -> HttpResponse:
    return _programme_form(request, None)


@requires(MANAGE_PORTFOLIO, per_object=True)
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _programme_form(request, selectors.get_programme_for_user(request.user, pk, MANAGE_PORTFOLIO))


# -------------------------------------------------------------------------------------------- projects


@requires(VIEW_PROJECT)
def project_list(request: HttpRequest) -> HttpResponse:
    projects = (
        selectors.visible_projects(request.user).select_related("programme").prefetch_related("countries__country")
    )
    country = (request.GET.get("country") or "").upper()
    if country:
        projects = projects.filter(countries__country=country)
    status = request.GET.get("status")
    if status and status.isdigit():
        projects = projects.filter(status=int(status))
    programme = request.GET.get("programme")
    if programme and programme.isdigit():
        projects = projects.filter(programme_id=int(programme))
    return render(
        request,
        "portfolio/project_list.html",
        {
            "projects": projects,
            "statuses": ProjectStatus.choices,
            "country": country,
            "status": status,
            "can_manage": holds(request.user, MANAGE_PORTFOLIO),
            "can_export": holds(request.user, EXPORT_IATI),
            "can_import": holds(request.user, IMPORT_IATI),
        },
    )


def _progress_rows(project: Project) -> list[charts.Progress]:
    rows = []
    for indicator in Indicator.objects.filter(project=project).prefetch_related("periods"):
        periods = list(indicator.periods.all())
        target = next((p.target for p in reversed(periods) if p.target is not None), None)
        actual = next((p.actual for p in reversed(periods) if p.actual is not None), None)
        rows.append(
            charts.Progress(
                label=indicator.title,
                baseline=float(indicator.baseline_value),
                target=float(target) if target is not None else None,
                actual=float(actual) if actual is not None else None,
            )
        )
    return rows


@requires(VIEW_PROJECT, per_object=True)
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for_user(request.user, pk)
    tab = request.GET.get("tab", "overview")
    tab = tab if tab in PROJECT_TABS else "overview"
    if tab == "history":
        require(request.user, READ_HISTORY)
    context: dict = {
        "project": project,
        "tab": tab,
        "tabs": _tabs(PROJECT_TABS),
        "can_manage": holds(request.user, MANAGE_PORTFOLIO),
        "totals": selectors.training_totals(selectors.trainings_of_project(project)),
    }
    if tab == "overview":
        context.update(
            sectors=project.sectors.all(),
            countries=project.countries.select_related("country"),
            regions=project.regions.select_related("region"),
            budgets=project.budgets.all(),
            organisations=project.organisations.select_related("organisation"),
            themes=project.themes.all(),
            requests=project.requests.for_user(request.user).select_related("country"),
            mandates=project.mandates.select_related("resolution"),
            answer_form=AnswerRequestForm(),
            money=selectors.money_by_donor(Project.objects.filter(pk=project.pk), request.user),
        )
    elif tab == "activities":
        context["activities"] = project.activities.select_related("country", "training")
        context["by_role"] = TrainingRole.objects.filter(training__activity__project=project).order_by("role")
    elif tab == "results":
        rows = _progress_rows(project)
        context["outcomes"] = project.outcomes.prefetch_related("indicators__periods", "outputs__indicators__periods")
        context["progress"] = rows
        if rows:
            context["chart_svg"] = charts.progress_svg(
                rows,
                title=_("%(project)s: progress against targets") % {"project": project.iati_identifier},
                description=_(
                    "Baseline, latest target and latest actual of each of the %(count)s indicators; "
                    "the tables below give the figures."
                )
                % {"count": len(rows)},
                labels=(_("Baseline"), _("Target"), _("Actual")),
            )
    else:
        context["history"] = history_entries(project)
    return render(request, "portfolio/project_detail.html", context)


def _project_initial(project: Project) -> dict:
    def lines(rows):
        return "\n".join(" ".join(str(v) for v in row) for row in rows)

    return {
        "programme": project.programme,
        "iati_identifier": project.iati_identifier,
        "title_en": project.title_en,
        "title_fr": project.title_fr,
        "description": project.description,
        "status": project.status,
        "planned_start": project.planned_start,
        "planned_end": project.planned_end,
        "actual_start": project.actual_start,
        "actual_end": project.actual_end,
        "currency": project.currency,
        "gender_marker": project.gender_marker,
        "theme_codes": list(project.themes.all()),
        "sectors": lines((s.code, s.percentage) for s in project.sectors.all()),
        "countries": lines((c.country_id, c.percentage) for c in project.countries.all()),
        "regions": lines((r.region_id, r.percentage) for r in project.regions.all()),
        "budgets": lines((b.year, b.amount) for b in project.budgets.all()),
        "organisations": lines((o.role, o.organisation.code) for o in project.organisations.all() if o.organisation_id),
        "mandate_ids": list(project.mandate_links.values_list("mandate_id", flat=True)),
    }


def _project_form(request: HttpRequest, project: Project | None) -> HttpResponse:
    initial = _project_initial(project) if project else {"iati_identifier": f"{publishing.REPORTING_ORG_REF}-"}
    form = ProjectForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_save(
                actor=request.user,
                project=project,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc, renamed={"themes": "theme_codes", "mandates": "mandate_ids"})
        else:
            messages.success(request, _("Project saved."))
            return redirect(project)
    status = 422 if request.method == "POST" else 200
    return render(request, "portfolio/form.html", {"form": form, "title": _("Project"), "back": project}, status=status)


@requires(MANAGE_PORTFOLIO)
def project_create(request: HttpRequest) -> HttpResponse:
    return _project_form(request, None)


@requires(MANAGE_PORTFOLIO, per_object=True)
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _project_form(request, selectors.get_project_for_user(request.user, pk, MANAGE_PORTFOLIO))


@require_POST
@requires(MANAGE_PORTFOLIO, per_object=True)
def project_answer_request(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for_user(request.user, pk, MANAGE_PORTFOLIO)
    form = AnswerRequestForm(request.POST)
    if form.is_valid():
        try:
            ta_request = get_request_for_user(request.user, form.cleaned_data["request_id"])
            services.project_answer_request(actor=request.user, project=project, ta_request=ta_request)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The project now answers request %(ref)s.") % {"ref": ta_request.reference})
    else:
        messages.error(request, _("Give the request's number."))
    return redirect(project)


# ------------------------------------------------------------------------------ activities and trainings


@requires(VIEW_PROJECT, per_object=True)
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_activity_for_user(request.user, pk)
    training = getattr(activity, "training", None) if activity.kind == ActivityKind.TRAINING else None
    return render(
        request,
        "portfolio/activity_detail.html",
        {
            "activity": activity,
            "training": training,
            "roles": training.roles.all() if training else [],
            "can_manage": holds(request.user, MANAGE_PORTFOLIO),
        },
    )


def _activity_form(request: HttpRequest, project: Project, activity: Activity | None) -> HttpResponse:
    training = getattr(activity, "training", None) if activity and activity.kind == ActivityKind.TRAINING else None
    is_training = training is not None or (activity is None and request.GET.get("kind") == "training")
    form_class = TrainingForm if is_training else ActivityForm
    initial = None
    if activity is not None:
        initial = {
            "kind": activity.kind,
            "title": activity.title,
            "description": activity.description,
            "country_iso3": activity.country_id or "",
            "start": activity.start,
            "end": activity.end,
        }
        if training is not None:
            initial.update(
                place=training.place,
                target_group=training.target_group,
                participants=training.participants,
                women=training.women,
                men=training.men,
                other_sex=training.other_sex,
                roles="\n".join(f"{r.role} {r.women} {r.men} {r.other_sex}" for r in training.roles.all()),
                pre_score=training.pre_score,
                post_score=training.post_score,
            )
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if is_training:
                saved = services.training_save(
                    actor=request.user, project=project, training=training, **form.cleaned_data
                ).activity
            else:
                saved = services.activity_save(
                    actor=request.user, project=project, activity=activity, **form.cleaned_data
                )
        except ValidationError as exc:
            add_service_errors(form, exc, renamed={"country": "country_iso3"})
        else:
            messages.success(request, _("Activity saved."))
            return redirect(saved)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "portfolio/form.html",
        {
            "form": form,
            "title": _("Training event") if is_training else _("Activity"),
            "back": activity or project,
            "kind": "training" if is_training else "",
        },
        status=status,
    )


@requires(MANAGE_PORTFOLIO, per_object=True)
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for_user(request.user, pk, MANAGE_PORTFOLIO)
    return _activity_form(request, project, None)


@requires(MANAGE_PORTFOLIO, per_object=True)
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_activity_for_user(request.user, pk, MANAGE_PORTFOLIO)
    return _activity_form(request, activity.project, activity)


@requires(MANAGE_PORTFOLIO, per_object=True)
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    """An indicator with its periods, under an outcome (created when new) or an output of it."""
    project = selectors.get_project_for_user(request.user, pk, MANAGE_PORTFOLIO)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            from django.db import transaction

            with transaction.atomic():
                outcome = project.outcomes.filter(title=data["outcome"].strip()).first() or services.outcome_save(
                    actor=request.user, project=project, title=data["outcome"]
                )
                output: Output | None = None
                if data["output"].strip():
                    output = outcome.outputs.filter(title=data["output"].strip()).first() or services.output_save(
                        actor=request.user, outcome=outcome, title=data["output"]
                    )
                services.indicator_save(
                    actor=request.user,
                    project=project,
                    outcome=None if output else outcome,
                    output=output,
                    title=data["title"],
                    measure=data["measure"],
                    counts_people=data["counts_people"],
                    baseline_year=data["baseline_year"],
                    baseline_value=data["baseline_value"],
                    periods=form.periods_for_service(),
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Indicator saved."))
            return redirect(f"{project.get_absolute_url()}?tab=results")
    status = 422 if request.method == "POST" else 200
    return render(
        request, "portfolio/form.html", {"form": form, "title": _("Indicator"), "back": project}, status=status
    )


# --------------------------------------------------------------------------------------------- IATI


@requires(EXPORT_IATI)
def iati_export(request: HttpRequest) -> HttpResponse:
    """The portfolio (the projects the user may read) as a validated IATI 2.03 file."""
    handle = tempfile.NamedTemporaryFile(suffix=".xml", delete=False)  # noqa: SIM115 (handed to the response)
    handle.close()
    path = Path(handle.name)
    try:
        publishing.export_file(path, selectors.visible_projects(request.user))
    except iati.IatiExportError as error:
        path.unlink(missing_ok=True)
        messages.error(request, _("The export does not validate, nothing was published: %(error)s") % {"error": error})
        return redirect("portfolio:project_list")
    stream = path.open("rb")
    path.unlink()  # the open handle keeps the data until the response is sent (POSIX)
    return FileResponse(
        stream, as_attachment=True, filename=dated_filename("iati-activities", "xml"), content_type="application/xml"
    )


@requires(IMPORT_IATI)
def iati_import(request: HttpRequest) -> HttpResponse:
    form = IatiImportForm(request.POST or None, request.FILES or None, initial={"dry_run": True})
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                check_upload_size(upload.name, upload.size)
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 422
            else:
                result = services.iati_import(
                    actor=request.user,
                    source=upload.open("rb"),
                    file_name=upload.name,
                    dry_run=form.cleaned_data["dry_run"],
                    max_activities=services.request_activities(),
                )
                status = 200 if result["ok"] else 422
        else:
            status = 422
    return render(
        request,
        "portfolio/iati_import.html",
        {
            "form": form,
            "result": result,
            "runs": IatiImport.objects.for_user(request.user).select_related("imported_by")[:20],
        },
        status=status,
    )
