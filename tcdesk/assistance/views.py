"""Pages of the assistance app: the queue, a request and its workflow, the dashboard, imports, weights."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import allows, holds, require
from tcdesk.core.access import load_for_user, requires
from tcdesk.core.export import csv_response, xlsx_response
from tcdesk.core.form_errors import add_service_errors
from tcdesk.core.history import history_entries
from tcdesk.core.listing import SortableColumn, list_page, sorted_by
from tcdesk.core.models import BackgroundJob, Country
from tcdesk.core.permissions import READ_HISTORY
from tcdesk.core.services import background_job_start

from . import exchange, explain, selectors, services, tasks, workflow
from .choices import RequestAction
from .extensions import request_panels
from .filters import ALL, MINE, OPEN, OVERDUE, UNASSIGNED, RequestFilter
from .forms import (
    WEIGHT_LABELS,
    AssessmentForm,
    AssignForm,
    AttachmentForm,
    CommentForm,
    ImportForm,
    PartnerActivityForm,
    RequestEditForm,
    RequestForm,
    TransitionForm,
    WeightsForm,
)
from .models import AssistanceRequest, PartnerActivity, PriorityWeights, SavedQueueFilter
from .permissions import (
    ACT_FOR_PROGRAMME,
    CHANGE_REQUEST,
    CHANGE_WEIGHTS,
    CREATE_REQUEST,
    IMPORT_REQUESTS,
    OPEN_QUEUE,
    RECORD_PARTNER_ACTIVITY,
    SAVE_QUEUE_FILTER,
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
    SortableColumn("assignee", gettext_lazy("Assigned to"), "assigned_to__username"),
    SortableColumn("priority", gettext_lazy("Priority"), "priority_score"),
    SortableColumn("submitted", gettext_lazy("Submitted"), "submitted_at"),
    SortableColumn("themes", gettext_lazy("Themes"), None),
]
# The step that moves a request forward comes first on its page; asking for information is a detour.
NEXT_STEP_ORDER = (
    workflow.SUBMIT,
    workflow.RESPOND,
    workflow.ACKNOWLEDGE,
    workflow.ASSESS,
    workflow.ACCEPT,
    workflow.PLAN,
    workflow.DELIVER,
    workflow.CLOSE,
    workflow.REQUEST_INFORMATION,
    workflow.DECLINE,
    workflow.WITHDRAW,
)
CONFIRMED_ACTIONS = (workflow.DECLINE, workflow.WITHDRAW)  # they stop the request: confirmed first
TABS = ("overview", "timeline", "comments", "attachments", "history")


QUEUE_DEFAULT_SORT = "-priority"
QUEUE_SESSION_KEY = "assistance_queue_query"  # the queue's last filters, for "back to the list" and prev/next


def _filtered(request: HttpRequest, params=None, *, open_by_default: bool = False) -> tuple[RequestFilter, QuerySet]:
    """The queue filtered by `params` (default: the page's query). The page shows open work unless a
    status is chosen ("all" shows closed requests too); exports and figures keep their whole scope."""
    params = (request.GET if params is None else params).copy()
    if open_by_default and "status" not in params:
        params["status"] = OPEN
    countries = Country.objects.filter(
        iso3__in=AssistanceRequest.objects.for_user(request.user).order_by().values("country_id").distinct()
    )
    assignees = services.assignable_users() if holds(request.user, VIEW_INTERNAL) else ()
    filterset = RequestFilter(
        params,
        queryset=selectors.queue(request.user),
        country_choices=countries,
        assignee_choices=assignees,
        request=request,
    )
    if not assignees:
        del filterset.filters["assignee"]  # States filter by nothing they cannot see
    queryset = filterset.qs if filterset.is_valid() else selectors.queue(request.user).none()
    return filterset, queryset


def _saved_queue_query(request: HttpRequest) -> str:
    return request.session.get(QUEUE_SESSION_KEY, "")


@requires(OPEN_QUEUE)
def request_list(request: HttpRequest) -> HttpResponse:
    filterset, queryset = _filtered(request, open_by_default=True)
    queryset = queryset.select_related("assigned_to")
    # Who in the programme handles a request is the programme's own business: States do not see it.
    staff = holds(request.user, VIEW_INTERNAL)
    columns = REQUEST_COLUMNS if staff else [c for c in REQUEST_COLUMNS if c.key != "assignee"]
    listing = list_page(request, queryset, columns=columns, default_sort=QUEUE_DEFAULT_SORT, page_size=25)
    # Kept so that a request's page can lead back to this list and to its neighbours in it.
    request.session[QUEUE_SESSION_KEY] = request.GET.urlencode()
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
            "can_triage": holds(request.user, ACT_FOR_PROGRAMME),
            "assignees": services.assignable_users() if holds(request.user, ACT_FOR_PROGRAMME) else (),
            "is_staff_reader": holds(request.user, VIEW_DASHBOARD),
            "quick_filters": _quick_filters(request),
            "saved_filters": SavedQueueFilter.objects.for_user(request.user),
            "can_save_filter": holds(request.user, SAVE_QUEUE_FILTER),
            "shows_assignee": staff,
        },
    )


def _quick_filters(request: HttpRequest) -> list[dict]:
    """One-click views of the queue: open work, mine, not yet assigned, new, overdue, everything."""
    current = request.GET.get("status", OPEN), request.GET.get("assignee", "")
    views = [(gettext_lazy("Open"), OPEN, "")]
    if holds(request.user, ACT_FOR_PROGRAMME):
        views += [(gettext_lazy("Mine"), OPEN, MINE), (gettext_lazy("Not assigned"), OPEN, UNASSIGNED)]
    views += [
        (gettext_lazy("New"), workflow.SUBMITTED, ""),
        (gettext_lazy("Overdue"), OVERDUE, ""),
        (gettext_lazy("All, closed included"), ALL, ""),
    ]
    return [
        {
            "label": label,
            "url": "?" + urlencode({"status": status, **({"assignee": assignee} if assignee else {})}),
            "current": current == (status, assignee) and set(request.GET) <= {"status", "assignee", "sort", "page"},
        }
        for label, status, assignee in views
    ]


def _neighbours(request: HttpRequest, ta_request: AssistanceRequest) -> dict:
    """The previous and next requests in the queue as the user last filtered and sorted it."""
    params = QueryDict(_saved_queue_query(request))
    _filterset, queryset = _filtered(request, params, open_by_default=True)
    ordered, _sort = sorted_by(
        queryset, columns=REQUEST_COLUMNS, sort=params.get("sort"), default_sort=QUEUE_DEFAULT_SORT
    )
    ids = list(ordered.values_list("pk", flat=True)[:NEIGHBOURS_SCANNED])
    if ta_request.pk not in ids:
        return {}
    index = ids.index(ta_request.pk)
    return {
        "position": index + 1,
        "total": len(ids),
        "previous_id": ids[index - 1] if index > 0 else None,
        "next_id": ids[index + 1] if index + 1 < len(ids) else None,
    }


@require_POST
@requires(SAVE_QUEUE_FILTER)
def queue_filter_save(request: HttpRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    try:
        saved = services.queue_filter_save(user=request.user, name=request.POST.get("name", ""), query=query)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(reverse("assistance:request_list") + "?" + query)
    messages.success(request, _("Filter “%(name)s” saved.") % {"name": saved.name})
    return redirect(reverse("assistance:request_list") + "?" + saved.query)


@require_POST
@requires(SAVE_QUEUE_FILTER, per_object=True)
def queue_filter_delete(request: HttpRequest, filter_id: int) -> HttpResponse:
    saved = load_for_user(request.user, SavedQueueFilter, SAVE_QUEUE_FILTER, pk=filter_id)
    services.queue_filter_delete(user=request.user, saved=saved)
    messages.success(request, _("Filter “%(name)s” deleted.") % {"name": saved.name})
    return redirect("assistance:request_list")


NEIGHBOURS_SCANNED = 5000  # beyond this, a request's page does not offer previous/next (the list is too long)


@require_POST
@requires(ACT_FOR_PROGRAMME)
def request_bulk(request: HttpRequest) -> HttpResponse:
    """Acknowledge or assign the requests ticked in the queue; a summary says what happened to each."""
    ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit()]
    assignee = None
    raw_assignee = request.POST.get("assignee", "")
    if raw_assignee.isdigit():
        assignee = services.assignable_users().filter(pk=int(raw_assignee)).first()
    try:
        outcomes = services.requests_bulk(
            actor=request.user, ids=ids, operation=request.POST.get("operation", ""), assignee=assignee
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(reverse("assistance:request_list") + "?" + _saved_queue_query(request))
    done = sum(1 for o in outcomes if o.done)
    return render(
        request,
        "assistance/bulk_result.html",
        {
            "outcomes": outcomes,
            "done": done,
            "not_done": len(outcomes) - done,
            "back": reverse("assistance:request_list") + "?" + _saved_queue_query(request),
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
                # One transaction: the request, its attachments and the submission (the files were
                # already checked by the form; e-mails leave only once everything is committed).
                new = services.request_create(
                    actor=request.user,
                    submit=not form.cleaned_data["save_as_draft"],
                    attachments=form.cleaned_data.get("attachment") or [],
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
                "confirm": a in CONFIRMED_ACTIONS,
            }
            for a in workflow.available_actions(ta_request.status, kinds)
        ]
    # The next step stands apart; the actions that stop a request (decline, withdraw) come last, each
    # behind a confirmation that says what the State will see.
    next_steps = sorted((a for a in actions if not a["confirm"]), key=lambda a: NEXT_STEP_ORDER.index(a["code"]))
    stopping = [a for a in actions if a["confirm"]]
    context = {
        "req": ta_request,
        "tab": tab,
        "tabs": TABS if holds(user, READ_HISTORY) else TABS[:-1],
        "actions": actions,
        "next_step": next_steps[0] if next_steps else None,
        "other_steps": next_steps[1:],
        "stopping_steps": stopping,
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
        "assessment_form": AssessmentForm(),
        "assign_form": AssignForm(initial={"assignee": ta_request.assigned_to_id})
        if workflow.OFFICER in kinds
        else None,
        "queue_url": reverse("assistance:request_list") + "?" + _saved_queue_query(request),
        "neighbours": _neighbours(request, ta_request) if holds(user, OPEN_QUEUE) else {},
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
    if form.cleaned_data["action"] in CONFIRMED_ACTIONS and not form.cleaned_data["confirm"]:
        messages.error(request, _("Tick the confirmation box: this step stops the request. Nothing was done."))
        return render(
            request, "assistance/request_detail.html", _detail_context(request, ta_request, "overview"), status=422
        )
    if form.cleaned_data["action"] == workflow.ASSESS:
        messages.error(request, _("Record the assessment with its form: relevance, feasibility, cost and decision."))
        return redirect(ta_request)
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
@requires(ACT_FOR_PROGRAMME, per_object=True)
def request_assess(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer's assessment: its own fields, then the request is "assessed"."""
    ta_request = selectors.get_request_for_user(request.user, pk, ACT_FOR_PROGRAMME)
    form = AssessmentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            ta_request = services.request_assess(
                ta_request=ta_request,
                actor=request.user,
                relevance=data["relevance"],
                feasibility=data["feasibility"],
                recommended_decision=data["recommended_decision"],
                cost_estimate=data["cost_estimate"],
                cost_currency=data["cost_currency"],
                comment=data["comment"],
                expected_version=data["expected_version"],
            )
        except services.StaleVersion:
            messages.error(
                request, _("Someone changed this request in the meantime; nothing was done. Check and retry.")
            )
            return redirect(ta_request)
        except ValidationError as exc:
            add_service_errors(form, exc, renamed={"action": "__all__"})
        else:
            messages.success(request, _("Assessment of %(ref)s recorded.") % {"ref": ta_request.reference})
            return redirect(ta_request)
    context = _detail_context(request, ta_request, "overview")
    context["assessment_form"] = form
    return render(request, "assistance/request_detail.html", context, status=422)


@require_POST
@requires(ACT_FOR_PROGRAMME, per_object=True)
def request_assign(request: HttpRequest, pk: int) -> HttpResponse:
    ta_request = selectors.get_request_for_user(request.user, pk, ACT_FOR_PROGRAMME)
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            services.request_assign(ta_request=ta_request, actor=request.user, assignee=form.cleaned_data["assignee"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            assignee = form.cleaned_data["assignee"]
            messages.success(
                request,
                _("Assigned to %(name)s.") % {"name": assignee.get_full_name() or assignee.get_username()}
                if assignee
                else _("No longer assigned."),
            )
            return redirect(ta_request)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
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
                internal=form.cleaned_data.get("visibility") == "internal",
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
            stored = services.attachments_add(
                ta_request=ta_request, actor=request.user, uploads=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, ngettext("File attached.", "%(n)s files attached.", len(stored)) % {"n": len(stored)}
            )
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
            content, dry_run = upload.read(), form.cleaned_data["dry_run"]
            try:
                outcome = services.request_import_upload(
                    actor=request.user, name=upload.name, content=content, dry_run=dry_run
                )
                if isinstance(outcome, BackgroundJob):
                    return redirect("assistance:request_import_job", job_id=outcome.pk)
                result = outcome
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


@requires(IMPORT_REQUESTS)
def request_import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """A large import run in a background job: its progress, then the same result as a direct import.
    Only the uploader and administrators see it."""
    job = services.import_job_for_user(request.user, job_id)
    answer = services.import_job_result(job) if job.is_finished else None
    context = {"job": job, "result": services.result_from_answer(answer) if answer else None}
    template = "assistance/import_job.html#progress" if request.htmx else "assistance/import_job.html"
    return render(request, template, context)


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
