"""Pages of the planning app: scenarios, their requests, money and rules, solves, and comparisons."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import holds
from tcdesk.core.access import requires
from tcdesk.core.form_errors import add_service_errors

from . import selectors, services
from .forms import PolicyForm, RequestEstimateForm, ScenarioForm, SourceForm, format_shares, parse_shares
from .models import Scenario
from .permissions import ACCEPT_SCENARIO, PLAN_SCENARIO, VIEW_SCENARIO


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@requires(VIEW_SCENARIO, post=PLAN_SCENARIO)
def scenario_list(request: HttpRequest) -> HttpResponse:
    """Every scenario; planners create one here (built from the accepted requests and the funds)."""
    status = 200
    form = ScenarioForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                scenario = services.scenario_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Scenario “%(name)s” created.") % {"name": scenario.name})
                return redirect(scenario)
        status = 422
    scenarios = Scenario.objects.for_user(request.user).select_related("created_by")
    return render(
        request,
        "planning/scenario_list.html",
        {"scenarios": scenarios, "form": form, "can_plan": holds(request.user, PLAN_SCENARIO)},
        status=status,
    )


@requires(VIEW_SCENARIO, per_object=True)
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = selectors.get_scenario_for_user(request.user, pk)
    run = scenario.latest_run()
    return render(request, "planning/scenario_detail.html", _detail_context(request, scenario, run))


def _detail_context(request: HttpRequest, scenario: Scenario, run: Any) -> dict[str, Any]:
    funded, unfunded = selectors.plan_rows(run) if run is not None and run.is_finished else ([], [])
    return {
        "scenario": scenario,
        "items": scenario.requests.all(),
        "sources": scenario.sources.all(),
        "run": run,
        "funded": funded,
        "unfunded": unfunded,
        "conflict": selectors.conflict_labels(run) if run is not None else [],
        "runs": scenario.runs.all()[:10],
        "can_plan": holds(request.user, PLAN_SCENARIO) and scenario.is_editable,
        "can_accept": holds(request.user, ACCEPT_SCENARIO) and scenario.status == "solved",
        "others": Scenario.objects.for_user(request.user).exclude(pk=scenario.pk)[:20],
    }


@requires(VIEW_SCENARIO, post=PLAN_SCENARIO, per_object=True)
def scenario_policy(request: HttpRequest, pk: int) -> HttpResponse:
    """The policy rules: minimum shares of groups, maximum shares of themes, the cap per country."""
    action = PLAN_SCENARIO if request.method == "POST" else None
    scenario = selectors.get_scenario_for_user(request.user, pk, action)
    status = 200
    if request.method == "POST":
        form = PolicyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.scenario_update(
                    actor=request.user,
                    scenario=scenario,
                    min_share=parse_shares(data["min_share"]),
                    max_share_theme=parse_shares(data["max_share_theme"]),
                    country_cap=data["country_cap"],
                    time_limit=data["time_limit"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Rules saved."))
                return redirect(scenario)
        status = 422
    else:
        form = PolicyForm(
            initial={
                "min_share": format_shares(scenario.min_share),
                "max_share_theme": format_shares(scenario.max_share_theme),
                "country_cap": scenario.country_cap,
                "time_limit": scenario.time_limit,
            }
        )
    return render(request, "planning/policy_form.html", {"scenario": scenario, "form": form}, status=status)


@requires(VIEW_SCENARIO, post=PLAN_SCENARIO, per_object=True)
def scenario_request_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """A request's cost estimate by year, divisibility and must/must-not rules (or its removal)."""
    action = PLAN_SCENARIO if request.method == "POST" else None
    scenario = selectors.get_scenario_for_user(request.user, pk, action)
    item = get_object_or_404(scenario.requests, pk=item_pk)
    status = 200
    if request.method == "POST" and request.POST.get("remove") == "yes":
        try:
            services.scenario_request_remove(actor=request.user, item=item)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        return redirect(scenario)
    if request.method == "POST":
        form = RequestEstimateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.scenario_request_update(
                    actor=request.user,
                    item=item,
                    cost_by_year=parse_shares(data["cost_by_year"]),
                    divisible=data["divisible"],
                    must_fund=data["must_fund"],
                    must_not_fund=data["must_not_fund"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Request %(ref)s updated.") % {"ref": item.reference})
                return redirect(scenario)
        status = 422
    else:
        form = RequestEstimateForm(
            initial={
                "cost_by_year": format_shares(item.cost_by_year),
                "divisible": item.divisible,
                "must_fund": item.must_fund,
                "must_not_fund": item.must_not_fund,
            }
        )
    return render(
        request, "planning/request_form.html", {"scenario": scenario, "item": item, "form": form}, status=status
    )


@requires(VIEW_SCENARIO, post=PLAN_SCENARIO, per_object=True)
def scenario_source_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Money entered by hand: "what if a donor gives X", with its earmarks."""
    action = PLAN_SCENARIO if request.method == "POST" else None
    scenario = selectors.get_scenario_for_user(request.user, pk, action)
    status = 200
    form = SourceForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.scenario_source_add(actor=request.user, scenario=scenario, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Source added."))
                return redirect(scenario)
        status = 422
    return render(request, "planning/source_form.html", {"scenario": scenario, "form": form}, status=status)


@requires(PLAN_SCENARIO, per_object=True)
def scenario_source_remove(request: HttpRequest, pk: int, source_pk: int) -> HttpResponse:
    """Remove a source (POST with ``confirm=yes``; without it, nothing changes)."""
    scenario = selectors.get_scenario_for_user(request.user, pk, PLAN_SCENARIO)
    source = get_object_or_404(scenario.sources, pk=source_pk)
    if request.POST.get("confirm") == "yes":
        try:
            services.scenario_source_remove(actor=request.user, source=source)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Source removed."))
    return redirect(scenario)


@requires(PLAN_SCENARIO, per_object=True)
def scenario_sources_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the funds' free balances and earmarks again (money entered by hand stays)."""
    scenario = selectors.get_scenario_for_user(request.user, pk, PLAN_SCENARIO)
    try:
        count = services.scenario_sources_refresh(actor=request.user, scenario=scenario)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("%(count)s sources read from the funds.") % {"count": count})
    return redirect(scenario)


@requires(PLAN_SCENARIO, per_object=True)
def scenario_solve(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a solve in the background; the scenario page follows its progress."""
    scenario = selectors.get_scenario_for_user(request.user, pk, PLAN_SCENARIO)
    try:
        run = services.solve_start(actor=request.user, scenario=scenario)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect(scenario)
    return redirect("planning:run_detail", pk=scenario.pk, run_pk=run.pk)


@requires(ACCEPT_SCENARIO, per_object=True)
def scenario_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Post the plan's allocations to the ledger (all or nothing, balances checked again) and plan the
    funded requests; when money moved since the solve, nothing is posted and the page says what moved."""
    scenario = selectors.get_scenario_for_user(request.user, pk, ACCEPT_SCENARIO)
    try:
        services.scenario_accept(actor=request.user, scenario=scenario)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Scenario accepted: its allocations are posted."))
    return redirect(scenario)


@requires(VIEW_SCENARIO, per_object=True)
def run_detail(request: HttpRequest, pk: int, run_pk: int) -> HttpResponse:
    """A solve: progress while it runs (htmx polls the fragment), then the plan and its explanations."""
    scenario = selectors.get_scenario_for_user(request.user, pk)
    run = get_object_or_404(scenario.runs, pk=run_pk)
    context = _detail_context(request, scenario, run)
    template = "planning/run_detail.html#result" if request.htmx else "planning/run_detail.html"
    return render(request, template, context)


@requires(PLAN_SCENARIO, per_object=True)
def run_cancel(request: HttpRequest, pk: int, run_pk: int) -> HttpResponse:
    scenario = selectors.get_scenario_for_user(request.user, pk, PLAN_SCENARIO)
    run = get_object_or_404(scenario.runs, pk=run_pk)
    try:
        services.solve_cancel(actor=request.user, run=run)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The solve was asked to stop; it keeps the best plan found so far."))
    return redirect("planning:run_detail", pk=scenario.pk, run_pk=run.pk)


@requires(VIEW_SCENARIO)
def compare(request: HttpRequest) -> HttpResponse:
    """Scenarios side by side: funded count and amount by group, theme and region; priority covered."""
    visible = Scenario.objects.for_user(request.user)
    ids = [int(value) for value in request.GET.getlist("s") if value.isdigit()]
    chosen = list(visible.filter(pk__in=ids)) if ids else list(visible[:3])
    return render(
        request,
        "planning/compare.html",
        {"comparison": selectors.comparison(chosen), "all": visible, "chosen": {s.pk for s in chosen}},
    )
