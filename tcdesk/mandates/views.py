"""Pages of the mandates app: resolutions (list, clean document, upload), the mandate registry with
its CSV export, mandate tracking (status, evidence, timeline, history) and reporting requests."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tcdesk.accounts.rules import holds, require
from tcdesk.core.access import requires
from tcdesk.core.export import csv_response
from tcdesk.core.form_errors import add_service_errors, submitted
from tcdesk.core.history import history_entries
from tcdesk.core.listing import SortableColumn, list_page
from tcdesk.core.permissions import READ_HISTORY

from . import selectors, services
from .choices import PENDING_STATUSES
from .document import build_document
from .filters import MandateFilter, ReportingRequestFilter, ResolutionFilter
from .forms import (
    CorrectionForm,
    EvidenceForm,
    MandateStatusForm,
    ReplacementForm,
    ResolutionDetailsForm,
    ResolutionUploadForm,
)
from .load_summary import last_load_summary
from .models import Mandate, Resolution
from .permissions import LOAD_RESOLUTION, TRACK_MANDATE, VIEW, VIEW_DRAFT
from .review import review_document

RESOLUTION_COLUMNS = [
    SortableColumn("symbol", gettext_lazy("Symbol"), "symbol"),
    SortableColumn("title", gettext_lazy("Title"), "title"),
    SortableColumn("body", gettext_lazy("Body"), "body"),
    SortableColumn("session", gettext_lazy("Session"), "session"),
    SortableColumn("adopted", gettext_lazy("Adopted"), "adoption_date"),
    SortableColumn("language", gettext_lazy("Language"), "language"),
    SortableColumn("open", gettext_lazy("Open mandates"), "open_mandate_count"),
]

MANDATE_COLUMNS = [
    SortableColumn("resolution", gettext_lazy("Resolution"), "resolution__symbol"),
    SortableColumn("paragraph", gettext_lazy("Paragraph"), "order"),
    SortableColumn("action", gettext_lazy("Action"), "action"),
    SortableColumn("addressees", gettext_lazy("Addressees"), None),
    SortableColumn("themes", gettext_lazy("Themes"), None),
    SortableColumn("due", gettext_lazy("Due"), "due_session"),
    SortableColumn("status", gettext_lazy("Status"), "status"),
]

REPORTING_COLUMNS = [
    SortableColumn("session", gettext_lazy("Session"), "to_session"),
    SortableColumn("year", gettext_lazy("Year"), "due_year"),
    SortableColumn("resolution", gettext_lazy("Resolution"), "resolution__symbol"),
    SortableColumn("paragraph", gettext_lazy("Paragraph"), "paragraph_number"),
    SortableColumn("addressee", gettext_lazy("Addressee"), "addressee__name_en"),
    SortableColumn("kind", gettext_lazy("Kind"), "kind"),
    SortableColumn("status", gettext_lazy("Status"), "mandate__status"),
]


# ---------------------------------------------------------------------------------------------
# Resolutions


@requires(VIEW)
def resolution_list(request: HttpRequest) -> HttpResponse:
    filterset = ResolutionFilter(request.GET, queryset=selectors.resolutions_list(request.user))
    listing = list_page(request, filterset.qs, columns=RESOLUTION_COLUMNS, default_sort="-session")
    template = "mandates/resolution_list.html#results" if request.htmx else "mandates/resolution_list.html"
    return render(
        request,
        template,
        {"filter": filterset, "listing": listing, "can_load": holds(request.user, LOAD_RESOLUTION)},
    )


RESOLUTION_TABS = ("document", "mandates", "citations", "source", "history")


@requires(VIEW, per_object=True)
def resolution_detail(request: HttpRequest, symbol: str) -> HttpResponse:
    resolution = selectors.get_resolution_for_user(request.user, symbol)
    tab = request.GET.get("tab", "document")
    tab = tab if tab in RESOLUTION_TABS else "document"
    if tab == "history":
        require(request.user, READ_HISTORY)
    context = {
        "resolution": resolution,
        "tab": tab,
        "tabs": [
            ("document", _("Document")),
            ("mandates", _("Mandates")),
            ("citations", _("Citations")),
            ("source", _("Source text")),
            ("history", _("History")),
        ],
        "can_load": holds(request.user, LOAD_RESOLUTION),
        "counts": {
            "preamble": resolution.paragraphs.filter(kind="preambular").count(),
            "operative": resolution.paragraphs.filter(kind="operative").count(),
            "footnotes": resolution.footnotes.count(),
            "mandates": resolution.mandates.count(),
            "open": resolution.mandates.filter(status__in=PENDING_STATUSES).count(),
        },
        "cited_by": resolution.cited_by.select_related("resolution").order_by("resolution__symbol"),
    }
    if tab == "document":
        context["document"] = build_document(resolution)
    elif tab == "mandates":
        show_all = request.GET.get("all") == "1"
        mandates = selectors.registry(resolution.mandates.all()).order_by("order")
        context["show_all"] = show_all
        context["mandates"] = mandates if show_all else mandates.filter(status__in=PENDING_STATUSES)
        context["reporting_requests"] = resolution.reporting_requests.select_related("addressee", "mandate")
    elif tab == "citations":
        context["citations"] = resolution.citations.select_related("cited_resolution", "paragraph").order_by("pk")
    elif tab == "history":
        context["history"] = history_entries(resolution)
    if holds(request.user, LOAD_RESOLUTION):
        context["details_form"] = ResolutionDetailsForm(
            initial={
                "adoption_date": resolution.adoption_date,
                "agenda_item": resolution.agenda_item,
                "plenary_meeting": resolution.plenary_meeting,
            }
        )
        context["load_summary"] = last_load_summary(resolution)
    return render(request, "mandates/resolution_detail.html", context)


@requires(LOAD_RESOLUTION)
def resolution_upload(request: HttpRequest) -> HttpResponse:
    """Every load is first a review step: the file is read and parsed, and the review page shows
    the structure and what the parser is unsure of; nothing is stored until it is confirmed."""
    status = 200
    if request.method == "POST":
        form = ResolutionUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                draft = services.resolution_draft_create(
                    data=upload.read(),
                    filename=upload.name,
                    user=request.user,
                    lang=form.cleaned_data["lang"],
                    symbol=form.cleaned_data["symbol"] or None,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(draft)
        status = 422
    else:
        form = ResolutionUploadForm()
    waiting = selectors.drafts_waiting(request.user)[:20]
    return render(request, "mandates/resolution_upload.html", {"form": form, "waiting": waiting}, status=status)


@requires(VIEW_DRAFT, per_object=True)
def resolution_review(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = selectors.get_draft_for_user(request.user, draft_id)
    return _review_page(request, draft, CorrectionForm(), status=200)


def _review_page(request: HttpRequest, draft, form, *, status: int) -> HttpResponse:
    document = services.draft_document(draft)
    context = {
        "draft": draft,
        "document": document,
        "review": review_document(document),
        "form": form,
        "can_correct": draft.is_open and holds(request.user, LOAD_RESOLUTION),
        "history": history_entries(draft) if holds(request.user, READ_HISTORY) else None,
    }
    return render(request, "mandates/resolution_review.html", context, status=status)


@require_POST
@requires(LOAD_RESOLUTION, per_object=True)
def resolution_review_correct(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = selectors.get_draft_for_user(request.user, draft_id, LOAD_RESOLUTION)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if value not in ("", None)}
        try:
            services.resolution_draft_correct(draft=draft, user=request.user, correction=data)
        except ValidationError as exc:
            add_service_errors(form, exc, renamed={"correction": None, "draft": None, "at": "before", "chars": "text"})
        else:
            messages.success(request, _("Correction recorded."))
            return redirect(f"{draft.get_absolute_url()}#el-{form.cleaned_data['element'].replace(':', '-')}")
    draft.refresh_from_db()
    return _review_page(request, draft, form, status=422)


@require_POST
@requires(LOAD_RESOLUTION, per_object=True)
def resolution_review_undo(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = selectors.get_draft_for_user(request.user, draft_id, LOAD_RESOLUTION)
    try:
        services.resolution_draft_undo(draft=draft, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Last correction taken back."))
    return redirect(draft)


@require_POST
@requires(LOAD_RESOLUTION, per_object=True)
def resolution_review_confirm(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = selectors.get_draft_for_user(request.user, draft_id, LOAD_RESOLUTION)
    try:
        resolution, created = services.resolution_draft_confirm(draft=draft, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(draft)
    if created:
        messages.success(request, _("Resolution %(symbol)s loaded.") % {"symbol": resolution.symbol})
    else:
        messages.success(
            request,
            _("Resolution %(symbol)s re-loaded: its text was updated and the tracking of its mandates kept.")
            % {"symbol": resolution.symbol},
        )
    return redirect(resolution)


@require_POST
@requires(LOAD_RESOLUTION, per_object=True)
def resolution_review_discard(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = selectors.get_draft_for_user(request.user, draft_id, LOAD_RESOLUTION)
    try:
        services.resolution_draft_discard(draft=draft, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(draft)
    messages.success(request, _("The load was discarded: nothing was stored."))
    return redirect("mandates:resolution_upload")


@require_POST
@requires(LOAD_RESOLUTION, per_object=True)
def resolution_details(request: HttpRequest, symbol: str) -> HttpResponse:
    resolution = selectors.get_resolution_for_user(request.user, symbol, LOAD_RESOLUTION)
    form = ResolutionDetailsForm(request.POST)
    if form.is_valid():
        try:
            services.resolution_update_details(resolution=resolution, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Details saved."))
            return redirect(resolution)
    messages.error(request, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    return redirect(resolution)


# ---------------------------------------------------------------------------------------------
# Mandate registry


def _registry_filter(request: HttpRequest) -> MandateFilter:
    return MandateFilter(request.GET, queryset=selectors.registry(Mandate.objects.for_user(request.user)))


@requires(VIEW)
def mandate_list(request: HttpRequest) -> HttpResponse:
    filterset = _registry_filter(request)
    if request.GET.get("format") == "csv":
        return _mandates_csv(request, filterset)
    listing = list_page(request, filterset.qs, columns=MANDATE_COLUMNS, default_sort="resolution")
    params = request.GET.copy()
    params.pop("page", None)
    params["format"] = "csv"
    template = "mandates/mandate_list.html#results" if request.htmx else "mandates/mandate_list.html"
    return render(request, template, {"filter": filterset, "listing": listing, "csv_query": params.urlencode()})


CSV_HEADER = [
    "resolution",
    "paragraph",
    "action",
    "further_actions",
    "addressees",
    "themes",
    "status",
    "due_session",
    "due_year",
    "superseded_by",
    "renewed_by",
    "text",
    "url",
]


def _mandates_csv(request: HttpRequest, filterset: MandateFilter) -> HttpResponse:
    """The filtered registry as CSV (codes, not labels), safe to open in a spreadsheet."""
    queryset = filterset.qs.order_by("resolution__symbol", "order") if filterset.is_valid() else filterset.qs.none()

    def rows():
        yield CSV_HEADER
        for mandate in queryset:
            yield [
                mandate.resolution.symbol,
                mandate.key,
                mandate.action,
                ";".join(mandate.other_action_list),
                ";".join(a.code for a in mandate.addressees.all()),
                ";".join(sorted(t.code for t in mandate.themes.all())),
                mandate.status,
                mandate.due_session,
                mandate.due_year,
                mandate.superseded_by.symbol if mandate.superseded_by else "",
                mandate.renewed_by.symbol if mandate.renewed_by else "",
                mandate.text,
                request.build_absolute_uri(mandate.get_absolute_url()),
            ]

    return csv_response(rows(), stem="mandates", stream=False)


MANDATE_TABS = ("overview", "history")
ITEMS_SHOWN = 50  # items listed in each panel under a mandate (newest first); the panel says how many there are


def _mandate_context(request: HttpRequest, mandate: Mandate, **forms) -> dict:
    tab = request.GET.get("tab", "overview")
    tab = tab if tab in MANDATE_TABS else "overview"
    if tab == "history":
        require(request.user, READ_HISTORY)
    can_track = holds(request.user, TRACK_MANDATE)
    return {
        "mandate": mandate,
        # What higher apps hold under the mandate (requests, …), limited to what the user may see.
        "panels": selectors.serving(mandate, request.user, limit=ITEMS_SHOWN) if tab == "overview" else [],
        "tab": tab,
        "timeline": selectors.mandate_timeline(mandate),
        "evidence": mandate.evidence.select_related("added_by"),
        "history": history_entries(mandate) if tab == "history" else None,
        "can_track": can_track,
        "status_form": forms.get("status_form") or MandateStatusForm(),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
        "replacement_form": forms.get("replacement_form") or ReplacementForm(),
        "later_resolutions": selectors.later_resolutions(mandate) if can_track else [],
    }


@requires(VIEW, per_object=True)
def mandate_detail(request: HttpRequest, mandate_id: int) -> HttpResponse:
    mandate = selectors.get_mandate_for_user(request.user, mandate_id)
    return render(request, "mandates/mandate_detail.html", _mandate_context(request, mandate))


def _track(request: HttpRequest, mandate_id: int, form_name: str, write, done: str) -> HttpResponse:
    """One tracking form of the mandate page: the service's errors shown inline (422), else back to the page."""
    mandate = selectors.get_mandate_for_user(request.user, mandate_id, TRACK_MANDATE)
    form = {"status_form": MandateStatusForm, "evidence_form": EvidenceForm, "replacement_form": ReplacementForm}[
        form_name
    ](request.POST)
    if submitted(form, lambda data: write(mandate, data)):
        messages.success(request, done)
        return redirect(mandate)
    context = _mandate_context(request, mandate, **{form_name: form})
    return render(request, "mandates/mandate_detail.html", context, status=422)


@require_POST
@requires(TRACK_MANDATE, per_object=True)
def mandate_status(request: HttpRequest, mandate_id: int) -> HttpResponse:
    def write(mandate: Mandate, data: dict) -> None:
        services.mandate_status_change(
            mandate=mandate, to_status=data["status"], user=request.user, comment=data["comment"]
        )

    return _track(request, mandate_id, "status_form", write, _("Status changed."))


@require_POST
@requires(TRACK_MANDATE, per_object=True)
def mandate_evidence(request: HttpRequest, mandate_id: int) -> HttpResponse:
    def write(mandate: Mandate, data: dict) -> None:
        services.mandate_evidence_add(mandate=mandate, user=request.user, **data)

    return _track(request, mandate_id, "evidence_form", write, _("Evidence added."))


@require_POST
@requires(TRACK_MANDATE, per_object=True)
def mandate_replace(request: HttpRequest, mandate_id: int) -> HttpResponse:
    def write(mandate: Mandate, data: dict) -> None:
        later = Resolution.objects.filter(symbol=services.normalise_symbol(data["resolution"])).first()
        if later is None:
            raise ValidationError({"resolution": [_("No loaded resolution has this symbol: load it first.")]})
        service = services.mandate_mark_superseded if data["how"] == "superseded" else services.mandate_mark_renewed
        service(mandate=mandate, by=later, user=request.user, comment=data["comment"])

    return _track(request, mandate_id, "replacement_form", write, _("Mandate updated."))


# ---------------------------------------------------------------------------------------------
# Reporting requests


@requires(VIEW)
def reporting_list(request: HttpRequest) -> HttpResponse:
    filterset = ReportingRequestFilter(request.GET, queryset=selectors.reporting_requests(request.user))
    listing = list_page(request, filterset.qs, columns=REPORTING_COLUMNS, default_sort="session")
    template = "mandates/reporting_list.html#results" if request.htmx else "mandates/reporting_list.html"
    return render(request, template, {"filter": filterset, "listing": listing})
