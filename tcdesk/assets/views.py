"""Pages of asset sharing: agreements, cases, the sharing computation, decisions, transfers, reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tcdesk.accounts.rules import holds, require
from tcdesk.core.access import requires
from tcdesk.core.dates import today
from tcdesk.core.form_errors import add_service_errors, submitted
from tcdesk.core.history import history_entries, merged_history
from tcdesk.core.listing import SortableColumn, list_page
from tcdesk.core.models import Country
from tcdesk.core.permissions import READ_HISTORY
from tcdesk.treaties import worldmap

from . import selectors, services
from .choices import PartyRole
from .filters import AgreementFilter, CaseFilter
from .forms import ITEM_FORMS, AgreementForm, CaseForm, DecisionForm, TransferForm, UNShareForm
from .models import ConfiscationCase, SharingAgreement
from .permissions import MANAGE, POST_UN_SHARE, VIEW
from .sharing import SharingError
from .sharing_input import compute_for_case, error_message

REPORT_GROUPS = ("year", "state", "offence", "legal_basis")


def _can_manage(request: HttpRequest) -> bool:
    return holds(request.user, MANAGE)


# ---------------------------------------------------------------------------------------------- agreements


@requires(VIEW)
def agreement_list(request: HttpRequest) -> HttpResponse:
    filters = AgreementFilter(
        request.GET,
        queryset=SharingAgreement.objects.for_user(request.user).select_related(
            "state", "counterpart_state", "counterpart_organisation"
        ),
    )
    columns = [
        SortableColumn("reference", _("Reference"), "reference"),
        SortableColumn("title", _("Title"), "title"),
        SortableColumn("parties", _("Parties"), None),
        SortableColumn("basis", _("Legal basis"), "legal_basis"),
        SortableColumn("rule", _("Rule"), "rule"),
        SortableColumn("status", _("Status"), "status"),
        SortableColumn("date", _("Date"), "concluded_on"),
    ]
    listing = list_page(request, filters.qs, columns=columns, default_sort="reference")
    return render(
        request,
        "assets/agreement_list.html#results" if request.htmx else "assets/agreement_list.html",
        {"filter": filters, "listing": listing, "section": "agreements", "can_manage": _can_manage(request)},
    )


@requires(MANAGE)
def agreement_create(request: HttpRequest) -> HttpResponse:
    form = AgreementForm(request.POST or None)
    created: list[SharingAgreement] = []
    if request.method == "POST" and submitted(
        form, lambda data: created.append(services.agreement_create(actor=request.user, **data))
    ):
        messages.success(request, _("Agreement registered."))
        return redirect(created[0].get_absolute_url())
    return render(request, "assets/form.html", {"form": form, "title": _("Register a sharing agreement")})


@requires(MANAGE, per_object=True)
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.get_agreement_for_user(request.user, pk, MANAGE)
    initial = {name: getattr(agreement, name) for name in services.AGREEMENT_FIELDS}
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and submitted(
        form, lambda data: services.agreement_update(actor=request.user, agreement=agreement, **data)
    ):
        messages.success(request, _("Agreement saved."))
        return redirect(agreement.get_absolute_url())
    return render(
        request,
        "assets/form.html",
        {"form": form, "title": _("Edit %(reference)s") % {"reference": agreement.reference}, "back": agreement},
    )


@requires(VIEW, per_object=True)
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.get_agreement_for_user(request.user, pk)
    tab = "history" if request.GET.get("tab") == "history" else "overview"
    context: dict[str, Any] = {
        "agreement": agreement,
        "tab": tab,
        "cases": ConfiscationCase.objects.for_user(request.user).filter(agreement=agreement),
        "can_manage": _can_manage(request),
    }
    if tab == "history":
        require(request.user, READ_HISTORY)
        context["history"] = history_entries(agreement)
    return render(request, "assets/agreement_detail.html", context)


# ---------------------------------------------------------------------------------------------- cases


@requires(VIEW)
def case_list(request: HttpRequest) -> HttpResponse:
    filters = CaseFilter(
        request.GET, queryset=ConfiscationCase.objects.for_user(request.user).select_related("agreement", "decision")
    )
    columns = [
        SortableColumn("reference", _("Reference"), "reference"),
        SortableColumn("title", _("Title"), "title"),
        SortableColumn("basis", _("Legal basis"), "legal_basis"),
        SortableColumn("realised", _("Realised"), "realised_amount"),
        SortableColumn("order", _("Final order"), "final_order_on"),
        SortableColumn("deadline", _("Request deadline"), "request_deadline"),
        SortableColumn("decided", _("Decided"), None),
    ]
    listing = list_page(request, filters.qs, columns=columns, default_sort="-order")
    return render(
        request,
        "assets/case_list.html#results" if request.htmx else "assets/case_list.html",
        {"filter": filters, "listing": listing, "section": "cases", "can_manage": _can_manage(request)},
    )


@requires(MANAGE)
def case_create(request: HttpRequest) -> HttpResponse:
    form = CaseForm(request.POST or None, agreements=SharingAgreement.objects.for_user(request.user))
    created: list[ConfiscationCase] = []
    if request.method == "POST" and submitted(
        form, lambda data: created.append(services.case_create(actor=request.user, **data))
    ):
        messages.success(request, _("Case recorded. Add its parties, offences, assets, returns and expenses."))
        return redirect(created[0].get_absolute_url())
    return render(request, "assets/form.html", {"form": form, "title": _("Record a confiscation case")})


@requires(MANAGE, per_object=True)
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for_user(request.user, pk, MANAGE)
    initial = {name: getattr(case, name) for name in services.CASE_FIELDS}
    form = CaseForm(request.POST or None, initial=initial, agreements=SharingAgreement.objects.for_user(request.user))
    if request.method == "POST" and submitted(
        form, lambda data: services.case_update(actor=request.user, case=case, **data)
    ):
        messages.success(request, _("Case saved."))
        return redirect(case.get_absolute_url())
    return render(
        request,
        "assets/form.html",
        {"form": form, "title": _("Edit %(reference)s") % {"reference": case.reference}, "back": case},
    )


def _step_rows(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The computation's steps with a label and a detail in the user's language."""
    labels = {
        "realised": _("Realised"),
        "return": _("Returned to"),
        "returned": _("Total returned to prior owners or victims"),
        "expense": _("Expenses of"),
        "expenses": _("Total reasonable expenses (paid back outside the split)"),
        "distributable": _("Distributable = realised − returned − expenses"),
        "un_share": _("UN share (rounded down)"),
        "pool": _("Pool = distributable − UN share"),
        "share": _("Share of"),
    }
    rows = []
    for step in steps:
        p = step.get("params", {})
        detail = ""
        if step["code"] == "return":
            detail = p.get("to", "")
        elif step["code"] == "expense":
            detail = p.get("party", "")
        elif step["code"] == "un_share":
            detail = _("rate %(rate)s") % {"rate": p.get("rate", "")}
        elif step["code"] == "pool":
            detail = _("%(units)s unit(s) left after rounding every share down") % {"units": p.get("leftover_units", 0)}
        elif step["code"] == "share":
            detail = _(
                "%(state)s (%(role)s%(level)s): fraction %(fraction)s, rounded down %(down)s, plus %(extra)s unit(s)"
            ) % {
                "state": p.get("state", ""),
                "role": PartyRole(p["role"]).label if p.get("role") in PartyRole.values else p.get("role", ""),
                "level": f", {p['contribution']}" if p.get("contribution") else "",
                "fraction": p.get("fraction", ""),
                "down": p.get("rounded_down", ""),
                "extra": p.get("extra_units", 0),
            }
        rows.append({**step, "label": labels.get(step["code"], step["code"]), "detail": detail})
    return rows


def _sharing_context(case: ConfiscationCase) -> dict[str, Any]:
    decision = selectors.decision_of(case)
    if decision is not None:
        return {"decision": decision, "steps": _step_rows(decision.steps), "currency": decision.currency}
    try:
        document, result = compute_for_case(case)
    except SharingError as exc:
        return {"sharing_error": error_message(exc)}
    return {"result": result, "steps": _step_rows(result.steps_as_dicts()), "currency": result.currency}


def _case_context(request: HttpRequest, case: ConfiscationCase, tab: str) -> dict[str, Any]:
    can_manage = _can_manage(request)
    context: dict[str, Any] = {
        "case": case,
        "tab": tab,
        "tabs": [("overview", _("Overview")), ("sharing", _("Sharing")), ("history", _("History"))],
        "parties": case.parties.select_related("state"),
        "offences": case.offences.select_related("instrument"),
        "assets": case.assets.all(),
        "returns": case.returns.all(),
        "expenses": case.expenses.select_related("state"),
        "can_manage": can_manage,
        "can_post_un_share": holds(request.user, POST_UN_SHARE),
        "deadline": next((d for d in selectors.open_deadlines(request.user) if d.case.pk == case.pk), None),
    }
    if can_manage:
        context["item_forms"] = {kind: form_class(prefix=kind) for kind, form_class in ITEM_FORMS.items()}
    if tab == "sharing":
        context.update(_sharing_context(case))
        context["decision_form"] = DecisionForm(initial={"decided_on": today()})
        context["transfer_form"] = TransferForm(initial={"transferred_on": today()})
        context["un_share_form"] = UNShareForm(initial={"received_on": today()})
    if tab == "history":
        require(request.user, READ_HISTORY)
        sources = [(case, "")]
        for related in (case.parties.all(), case.offences.all(), case.assets.all(), case.returns.all()):
            sources += [(obj, str(obj)) for obj in related]
        decision = selectors.decision_of(case)
        if decision is not None:
            sources.append((decision, _("decision")))
            sources += [(t, str(t)) for t in decision.transfers.all()]
        context["history"] = merged_history(*sources)
    return context


@requires(VIEW, per_object=True)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for_user(request.user, pk)
    tab = request.GET.get("tab", "overview")
    tab = tab if tab in ("overview", "sharing", "history") else "overview"
    return render(request, "assets/case_detail.html", _case_context(request, case, tab))


@require_POST
@requires(MANAGE, per_object=True)
def case_item_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    case = selectors.get_case_for_user(request.user, pk, MANAGE)
    form_class = ITEM_FORMS.get(kind)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, prefix=kind)
    write = getattr(services, f"case_{kind}_add")
    if submitted(form, lambda data: write(actor=request.user, case=case, **data)):
        messages.success(request, _("Saved."))
        return redirect(case.get_absolute_url())
    context = _case_context(request, case, "overview")
    context["item_forms"][kind] = form
    context["open_item"] = kind
    return render(request, "assets/case_detail.html", context)


def _sharing_page(request: HttpRequest, case: ConfiscationCase, **forms: Any) -> HttpResponse:
    context = _case_context(request, case, "sharing")
    context.update(forms)
    return render(request, "assets/case_detail.html", context)


@require_POST
@requires(MANAGE, per_object=True)
def decision_record(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for_user(request.user, pk, MANAGE)
    form = DecisionForm(request.POST)
    if submitted(form, lambda data: services.decision_record(actor=request.user, case=case, **data)):
        messages.success(request, _("Sharing decision recorded."))
        return redirect(f"{case.get_absolute_url()}?tab=sharing")
    return _sharing_page(request, case, decision_form=form)


@require_POST
@requires(MANAGE, per_object=True)
def transfer_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for_user(request.user, pk, MANAGE)
    decision = selectors.decision_of(case)
    form = TransferForm(request.POST)
    if decision is None:
        form.is_valid()
        form.add_error(None, _("Record the sharing decision first."))
    elif submitted(form, lambda data: services.transfer_record(actor=request.user, decision=decision, **data)):
        messages.success(request, _("Transfer recorded."))
        return redirect(f"{case.get_absolute_url()}?tab=sharing")
    return _sharing_page(request, case, transfer_form=form)


@require_POST
@requires(POST_UN_SHARE, per_object=True)
def un_share_post(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for_user(request.user, pk, POST_UN_SHARE)
    decision = selectors.decision_of(case)
    form = UNShareForm(request.POST)
    if decision is None:
        form.is_valid()
        form.add_error(None, _("Record the sharing decision first."))
    elif form.is_valid():
        try:
            services.un_share_post(actor=request.user, decision=decision, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The UN share is posted to the funds ledger."))
            return redirect(f"{case.get_absolute_url()}?tab=sharing")
    return _sharing_page(request, case, un_share_form=form)


# ---------------------------------------------------------------------------------------------- reports


@requires(VIEW)
def reports(request: HttpRequest) -> HttpResponse:
    by = request.GET.get("by", "year")
    by = by if by in REPORT_GROUPS else "year"
    labels = {
        "year": _("Year"),
        "state": _("State"),
        "offence": _("Offence (convention)"),
        "legal_basis": _("Legal basis"),
    }
    return render(
        request,
        "assets/reports.html",
        {
            "rows": selectors.shared_amounts(request.user, by),
            "by": by,
            "groups": [(key, labels[key]) for key in REPORT_GROUPS],
            "group_label": labels[by],
            "section": "reports",
        },
    )


@requires(VIEW)
def deadlines(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assets/deadlines.html",
        {
            "deadlines": selectors.open_deadlines(request.user),
            "alert_days": selectors.ALERT_DAYS,
            "section": "deadlines",
        },
    )


@requires(VIEW)
def agreement_map(request: HttpRequest) -> HttpResponse:
    counts = selectors.agreements_by_state(request.user)
    countries = {c.iso3: c for c in Country.objects.only("iso3", "m49", "name_en", "name_fr", "name_es")}
    categories = {}
    for iso3, count in counts.items():
        if iso3 in countries:
            categories[countries[iso3].m49] = "many" if count > 1 else "one"
    legend = [("one", _("One agreement")), ("many", _("Several agreements")), ("nodata", _("None recorded"))]
    svg = worldmap.render_map_svg(
        categories,
        title=_("Sharing agreements by State"),
        description=_("World map of the States party to sharing agreements (not terminated): %(count)s States.")
        % {"count": len(categories)},
        legend=legend,
        names={c.m49: c.name for c in countries.values()},
        colours={"one": "#8fc1e3", "many": "#1f5f99", "nodata": "#ededed"},
        element_id="agreements-map",
    )
    rows = sorted(
        ((countries[iso3], count) for iso3, count in counts.items() if iso3 in countries), key=lambda r: r[0].name
    )
    return render(request, "assets/map.html", {"map_svg": svg, "rows": rows, "section": "map"})
