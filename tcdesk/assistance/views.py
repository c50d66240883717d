"""Pages of the assistance app: the queue, a request and its workflow, the dashboard, imports, weights."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import allows, holds, require
from tcdesk.core.access import requires
from tcdesk.core.export import csv_response, xlsx_response
from tcdesk.core.form_errors import add_service_errors
from tcdesk.core.history import history_entries
from tcdesk.core.listing import SortableColumn, list_page
from tcdesk.core.models import Country
from tcdesk.core.permissions import READ_HISTORY
from tcdesk.core.services import background_job_start

from . import exchange, explain, selectors, services, tasks, workflow
from .choices import RequestAction
from .extensions import request_panels
from .filters import RequestFilter
from .forms import (
    WEIGHT_LABELS,
    AttachmentForm,
    CommentForm,
    ImportForm,
    PartnerActivityForm,
    RequestEditForm,
    RequestForm,
    TransitionForm,
    WeightsForm,
)
from .models import AssistanceRequest, PartnerActivity, PriorityWeights
from .permissions import (
    CHANGE_REQUEST,
    CHANGE_WEIGHTS,
    CREATE_REQUEST,
    IMPORT_REQUESTS,
    OPEN_QUEUE,
    RECORD_PARTNER_ACTIVITY,
    VIEW_DASHBOARD,
    VIEW_INTERNAL,
    VIEW_PARTNER_ACTIVITIES,
    VIEW_REQUEST,
    VIEW_WEIGHTS,
)

REQUEST_COLUMNS = [
    SortableColumn("reference", gettext_lazy("Reference"), "reference"),
    SortableColumn("title", gettext_lazy("Title"), "title"),
    SortableColumn("country", gettext_lazy("State"), "country__name_en"),
    SortableColumn("status", gettext_lazy("Status"), "status"),
    SortableColumn("priority", gettext_lazy("Priority"), "priority_score"),
    SortableColumn("submitted", gettext_lazy("Submitted"), "submitted_at"),
    SortableColumn("themes", gettext_lazy("Themes"), None),
]
TABS = ("overview", "timeline", "comments", "attachments", "history")


def _filtered(request: HttpRequest) -> tuple[RequestFilter, QuerySet]:
    countries = Country.objects.filter(
        iso3__in=AssistanceRequest.objects.for_user(request.user).order_by().values("country_id").distinct()
    )
    filterset = RequestFilter(request.GET, queryset=selectors.queue(request.user), country_choices=countries)
    queryset = filterset.qs if filterset.is_valid() else selectors.queue(request.user).none()
    return filterset, queryset


@requires(OPEN_QUEUE)
def request_list(request: HttpRequest) -> HttpResponse:
    filterset, queryset = _filtered(request)
    listing = list_page(request, queryset, columns=REQUEST_COLUMNS, default_sort="-priority", page_size=25)
    now = timezone.now()
    rows = [(r, r.days_waiting(now)) for r in listing.page]
    template = "assistance/request_list.html#results" if request.htmx else "assistance/request_list.html"
    return render(
        request,
        template,
        {
            "filter": filterset,
            "listing": listing,
            "rows": rows,
            "can_create": holds(request.user, CREATE_REQUEST),
            "is_officer": holds(request.user, IMPORT_REQUESTS),
            "is_staff_reader": holds(request.user, VIEW_DASHBOARD),
        },
    )


def _country_choices(user) -> QuerySet[Country]:
    """The States the user may make requests for (all for officers, their own for a focal point)."""
    if allows(user, CREATE_REQUEST):
        return Country.objects.all()
    return Country.objects.filter(iso3__in=user.scoped_country_codes(Role.STATE_FOCAL_POINT))


@requires(CREATE_REQUEST)
def request_create(request: HttpRequest) -> HttpResponse:
    countries = _country_choices(request.user)
    status = 200
    if request.method == "POST":
        form = RequestForm(request.POST, request.FILES, countries=countries, user=request.user)
        if form.is_valid():
            try:
                # One transaction: the request, its attachment and the submission (the attachment was
                # already checked by the form; e-mails leave only once everything is committed).
                new = services.request_create(
                    actor=request.user,
                    submit=not form.cleaned_data["save_as_draft"],
                    attachment=form.cleaned_data.get("attachment") or None,
                    **form.service_kwargs(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc, renamed={"file": "attachment"})
            else:
                messages.success(request, _("Request %(ref)s recorded.") % {"ref": new.reference})
                return redirect(new)
        status = 422
    else:
        initial = {"country": countries.first()} if countries.count() == 1 else {}
        form = RequestForm(countries=countries, initial=initial, user=request.user)
    return render(request, "assistance/request_form.html", {"form": form}, status=status)


@requires(CHANGE_REQUEST, per_object=True)
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft: the State's focal point or an officer (404 for anyone who may not see it)."""
    ta_request = selectors.get_request_for_user(request.user, pk, CHANGE_REQUEST)
    if ta_request.status != workflow.DRAFT:
        messages.error(request, _("Only a draft can be edited; comment on a submitted request instead."))
        return redirect(ta_request)
    status = 200
    expected = ta_request.version
    if request.method == "POST":
        form = RequestEditForm(request.POST, user=request.user)
        try:
            expected = int(request.POST.get("expected_version", ""))
        except ValueError:
            expected = None
        if form.is_valid():
            try:
                ta_request = services.request_update(
                    ta_request=ta_request, actor=request.user, expected_version=expected, **form.field_kwargs()
                )
            except services.StaleVersion:
                messages.error(
                    request, _("Someone changed this request in the meantime; nothing was done. Check and retry.")
                )
                return redirect("assistance:request_edit", pk=ta_request.pk)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Draft %(ref)s saved.") % {"ref": ta_request.reference})
                return redirect(ta_request)
        status = 422
    else:
        form = RequestEditForm(initial=RequestEditForm.initial_for(ta_request), user=request.user)
    return render(
        request,
        "assistance/request_form.html",
        {"form": form, "req": ta_request, "expected_version": expected},
        status=status,
    )


def _detail_context(request: HttpRequest, ta_request: AssistanceRequest, tab: str) -> dict:
    user = request.user
    kinds = services.actor_kinds(user, ta_request)
    can_change = allows(user, CHANGE_REQUEST, country=ta_request.country_id)
    actions = []
    if can_change:
        labels = dict(RequestAction.choices)
        actions = [
            {
                "code": a,
                "label": labels[a],
                "needs_comment": workflow.needs_comment(a, kinds),
                "on_behalf": workflow.STATE not in kinds
                and a in (workflow.SUBMIT, workflow.RESPOND, workflow.WITHDRAW),
            }
            for a in workflow.available_actions(ta_request.status, kinds)
        ]
    context = {
        "req": ta_request,
        "tab": tab,
        "tabs": TABS if holds(user, READ_HISTORY) else TABS[:-1],
        "actions": actions,
        "can_change": can_change,
        "can_edit": can_change and ta_request.status == workflow.DRAFT,
        "is_officer": workflow.OFFICER in kinds,
        "is_staff_reader": holds(user, VIEW_INTERNAL),
        "priority_lines": explain.explanation_lines(ta_request.priority_explanation),
        "days_waiting": ta_request.days_waiting(),
        "themes": list(ta_request.themes.all()),
        "instruments": list(ta_request.instruments.all()),
        "mandates": selectors.related_mandates(ta_request),
        "comment_form": CommentForm(officer=workflow.OFFICER in kinds),
        "attachment_form": AttachmentForm(),
    }
    if tab == "overview" and holds(user, VIEW_INTERNAL):
        overlaps = selectors.overlaps_for(ta_request, user)
        for o in overlaps:
            o["reason_labels"] = [explain.reason_label(r) for r in o["reasons"]]
        context["overlaps"] = overlaps
    if tab == "overview":
        context["panels"] = request_panels.for_subject(ta_request, user, limit=20)
    if tab in ("timeline", "comments"):
        events = selectors.timeline(ta_request, user)
        context["events"] = events if tab == "timeline" else [e for e in events if e.kind == "comment"]
    if tab == "attachments":
        context["attachments"] = list(ta_request.attachments.select_related("uploaded_by"))
    if tab == "history":
        context["history"] = history_entries(ta_request)
    return context


@requires(VIEW_REQUEST, per_object=True)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ta_request = selectors.get_request_for_user(request.user, pk)
    tab = request.GET.get("tab", "overview")
    if tab == "history":
        require(request.user, READ_HISTORY)
    tab = tab if tab in TABS else "overview"
    return render(request, "assistance/request_detail.html", _detail_context(request, ta_request, tab))


@require_POST
@requires(CHANGE_REQUEST, per_object=True)
def request_transition(request: HttpRequest, pk: int) -> HttpResponse:
    ta_request = selectors.get_request_for_user(request.user, pk, CHANGE_REQUEST)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for message in errors:
                messages.error(request, f"{form.fields[field].label}: {message}" if field in form.fields else message)
        return render(
            request, "assistance/request_detail.html", _detail_context(request, ta_request, "overview"), status=422
        )
    try:
        ta_request = services.request_transition(
            ta_request=ta_request,
            actor=request.user,
            action=form.cleaned_data["action"],
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["expected_version"],
            project_reference=form.cleaned_data["project_reference"],
        )
    except services.StaleVersion:
        messages.error(request, _("Someone changed this request in the meantime; nothing was done. Check and retry."))
        return redirect(ta_request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        response = render(
            request, "assistance/request_detail.html", _detail_context(request, ta_request, "overview"), status=422
        )
        return response
    messages.success(
        request,
        _("Request %(ref)s is now “%(status)s”.")
        % {"ref": ta_request.reference, "status": ta_request.get_status_display()},
    )
    return redirect(ta_request)


@require_POST
@requires(CHANGE_REQUEST, per_object=True)
def request_comment(request: HttpRequest, pk: int) -> HttpResponse:
    ta_request = selectors.get_request_for_user(request.user, pk, CHANGE_REQUEST)
    form = CommentForm(request.POST, officer=workflow.OFFICER in services.actor_kinds(request.user, ta_request))
    if form.is_valid():
        try:
            services.request_comment(
                ta_request=ta_request,
                actor=request.user,
                text=form.cleaned_data["text"],
                internal=form.cleaned_data.get("internal", False),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Comment added."))
            return redirect(f"{ta_request.get_absolute_url()}?tab=comments")
    context = _detail_context(request, ta_request, "comments")
    context["comment_form"] = form
    return render(request, "assistance/request_detail.html", context, status=422)


@require_POST
@requires(CHANGE_REQUEST, per_object=True)
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    ta_request = selectors.get_request_for_user(request.user, pk, CHANGE_REQUEST)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(ta_request=ta_request, actor=request.user, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("File attached."))
            return redirect(f"{ta_request.get_absolute_url()}?tab=attachments")
    context = _detail_context(request, ta_request, "attachments")
    context["attachment_form"] = form
    return render(request, "assistance/request_detail.html", context, status=422)


@requires(VIEW_REQUEST, per_object=True)
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = selectors.get_attachment_for_user(request.user, pk, attachment_pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@requires(VIEW_DASHBOARD)
def dashboard(request: HttpRequest) -> HttpResponse:
    filterset, queryset = _filtered(request)
    figures = selectors.dashboard_figures(queryset)
    return render(request, "assistance/dashboard.html", {"figures": figures, "filter": filterset})


@requires(VIEW_REQUEST)
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _filterset, queryset = _filtered(request)
    rows = exchange.export_rows(queryset.order_by("reference"))
    if fmt == "xlsx":
        return xlsx_response(rows, stem="requests", sheet=_("Requests"))
    return csv_response(rows, stem="requests")


@requires(IMPORT_REQUESTS)
def request_import(request: HttpRequest) -> HttpResponse:
    result = None
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = exchange.request_import(
                    actor=request.user, name=upload.name, content=upload.read(), dry_run=form.cleaned_data["dry_run"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 422
            else:
                if result.errors:
                    status = 422
                elif not result.dry_run:
                    messages.success(request, _("%(n)s requests imported.") % {"n": result.counts["created"]})
                    return redirect("assistance:request_list")
        else:
            status = 422
    else:
        form = ImportForm()
    return render(
        request,
        "assistance/import.html",
        {"form": form, "result": result, "columns": exchange.COLUMNS, "required": exchange.REQUIRED},
        status=status,
    )


@requires(VIEW_WEIGHTS, post=CHANGE_WEIGHTS)
def weights(request: HttpRequest) -> HttpResponse:
    """The priority weights: everyone on staff reads them; administrators save a new version."""
    current = services.current_weights()
    can_edit = holds(request.user, CHANGE_WEIGHTS)
    status = 200
    if request.method == "POST":
        form = WeightsForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            note = data.pop("note")
            try:
                services.priority_weights_update(actor=request.user, weights=data, note=note)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                job = background_job_start(
                    name=_("Recompute request priorities"), owner=request.user, task=tasks.recompute_priorities
                )
                return redirect("core:job_detail", job_id=job.pk)
        status = 422
    else:
        form = WeightsForm(initial={**current.weights})
    versions = list(PriorityWeights.objects.select_related("created_by")[:20])
    for version in versions:
        version.labelled = _labelled_weights(version.weights)
    return render(
        request,
        "assistance/weights.html",
        {
            "form": form,
            "current": current,
            "current_weights": _labelled_weights(current.weights),
            "versions": versions,
            "can_edit": can_edit,
        },
        status=status,
    )


def _labelled_weights(weights: dict) -> list[tuple[str, str, object]]:
    """(key, label, value) in the form's order; a key no longer known keeps its name as label."""
    ordered = [k for k in WEIGHT_LABELS if k in weights] + [k for k in weights if k not in WEIGHT_LABELS]
    return [(k, str(WEIGHT_LABELS.get(k, k)), weights[k]) for k in ordered]


@requires(VIEW_PARTNER_ACTIVITIES, post=RECORD_PARTNER_ACTIVITY)
def partner_list(request: HttpRequest) -> HttpResponse:
    activities = PartnerActivity.objects.for_user(request.user)
    country = request.GET.get("country", "").upper()
    if country:
        activities = activities.filter(country_id=country)
    activities = activities.select_related("organisation", "country").prefetch_related("themes")
    listing = list_page(
        request,
        activities,
        columns=[
            SortableColumn("partner", gettext_lazy("Partner"), "organisation__code"),
            SortableColumn("title", gettext_lazy("Title"), "title"),
            SortableColumn("country", gettext_lazy("Country"), "country__name_en"),
            SortableColumn("start", gettext_lazy("Start"), "start"),
            SortableColumn("end", gettext_lazy("End"), "end"),
            SortableColumn("source", gettext_lazy("Source"), "source"),
        ],
        default_sort="-start",
    )
    status = 200
    form = None
    if holds(request.user, RECORD_PARTNER_ACTIVITY):
        form = PartnerActivityForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.partner_activity_save(
                        actor=request.user,
                        organisation_code=data["organisation"].code,
                        country_iso3=data["country"].iso3,
                        title=data["title"],
                        description=data["description"],
                        theme_codes=[t.code for t in data["themes"]],
                        start=data["start"],
                        end=data["end"],
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(request, _("Partner activity recorded."))
                    return redirect("assistance:partner_list")
            status = 422
    return render(request, "assistance/partner_list.html", {"listing": listing, "form": form}, status=status)
