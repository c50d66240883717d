"""API of funding plans (mounted at /api/planning), over the same services as the pages.

Planners (fund managers, programme officers, administrators) build, change and solve scenarios; the
programme's other staff and the auditor read them; focal points and donors are refused (403).
Bad input is 422 naming the field.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut
from tcdesk.core.limits import InSchema

from . import selectors, services
from .models import NOTE_MAX_CHARS, Scenario, ScenarioRequest, ScenarioSource, SolveRun
from .permissions import ACCEPT_SCENARIO, PLAN_SCENARIO, VIEW_SCENARIO

router = Router(tags=["funding plans"])


class ScenarioOut(Schema):
    id: int
    name: str
    currency: str
    status: str
    note: str
    min_share: dict[str, str]
    max_share_theme: dict[str, str]
    country_cap: Decimal | None
    time_limit: int
    created_at: dt.datetime


class ScenarioRequestOut(Schema):
    id: int
    request: int = Field(alias="request_id")
    reference: str
    title: str
    country: str
    region: str
    groups: list[str]
    themes: list[str]
    cost_by_year: dict[str, str]
    cost: Decimal
    default_estimate: bool = Field(alias="estimated")
    priority: int
    divisible: bool
    must_fund: bool
    must_not_fund: bool


class ScenarioSourceOut(Schema):
    id: int
    key: str
    label: str
    origin: str
    fund: str
    earmark: int | None
    amount: Decimal
    themes: list[str]
    regions: list[str]
    countries: list[str]
    requests: list[int] = Field(alias="request_ids")
    valid_from: dt.date | None
    valid_to: dt.date | None


class RunOut(Schema):
    id: int
    status: str
    phase: str
    time_limit: int
    cancel_requested: bool
    objective: Decimal | None
    bound: Decimal | None
    lp_bound: Decimal | None
    gap: float | None
    greedy_objective: Decimal | None
    seconds: float | None
    created_at: dt.datetime
    finished_at: dt.datetime | None
    job: int | None = Field(alias="job_id")
    error: str
    result: dict[str, Any] = Field(description="The plan_allocation --json document (funded, unfunded, conflict…)")


class ScenarioDetailOut(ScenarioOut):
    requests: list[ScenarioRequestOut]
    sources: list[ScenarioSourceOut]
    latest_run: RunOut | None


class ScenarioIn(InSchema):
    name: str
    default_cost: Decimal = Field(description="Cost of requests no officer has estimated yet")
    currency: str = "USD"
    note: str = Field("", max_length=NOTE_MAX_CHARS)
    divisible: bool = False
    time_limit: int = 60


class PolicyIn(InSchema):
    name: str | None = None
    note: str | None = Field(None, max_length=NOTE_MAX_CHARS)
    min_share: dict[str, str] | None = Field(None, description='{"LDC": "0.4", "post-conflict": "0.1"}')
    max_share_theme: dict[str, str] | None = Field(None, description='{"corruption": "0.5"}')
    country_cap: Decimal | None = None
    clear_country_cap: bool = False
    time_limit: int | None = None


class ScenarioRequestIn(InSchema):
    cost_by_year: dict[str, str] | None = Field(None, description='{"2027": "80000.00"}')
    divisible: bool | None = None
    must_fund: bool | None = None
    must_not_fund: bool | None = None


class SourceIn(InSchema):
    label: str
    amount: Decimal
    themes: list[str] = []
    regions: list[str] = []
    countries: list[str] = []
    requests: list[int] = []
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class SolveIn(InSchema):
    time_limit: int | None = None


class FiguresOut(Schema):
    scenario: int
    name: str
    run: int | None
    status: str | None
    funded_count: int
    funded_amount: Decimal
    requested_amount: Decimal
    priority_covered: float | None
    by_group: dict[str, dict[str, Any]]
    by_theme: dict[str, dict[str, Any]]
    by_region: dict[str, dict[str, Any]]


class CompareQuery(Schema):
    ids: str = Field("", description="Scenario ids, comma-separated (default: the three newest)")


def _detail(scenario: Scenario) -> dict[str, Any]:
    return {
        **{field: getattr(scenario, field) for field in ScenarioOut.model_fields},
        "requests": list(scenario.requests.all()),
        "sources": list(scenario.sources.all()),
        "latest_run": scenario.latest_run(),
    }


@router.get("/scenarios", response=list[ScenarioOut])
@requires(VIEW_SCENARIO)
def scenario_list(request: HttpRequest):
    return Scenario.objects.for_user(request.user)


@router.post("/scenarios", response={201: ScenarioDetailOut, 422: ErrorOut})
@requires(PLAN_SCENARIO)
def scenario_create(request: HttpRequest, payload: ScenarioIn):
    """A scenario with every accepted request not yet fully funded and the funds' free balances."""
    scenario = services.scenario_create(actor=request.user, **payload.dict())
    return 201, _detail(scenario)


@router.get("/scenarios/{int:scenario_id}", response=ScenarioDetailOut)
@requires(VIEW_SCENARIO, per_object=True)
def scenario_detail(request: HttpRequest, scenario_id: int):
    return _detail(selectors.get_scenario_for_user(request.user, scenario_id))


@router.patch("/scenarios/{int:scenario_id}", response={200: ScenarioDetailOut, 422: ErrorOut})
@requires(PLAN_SCENARIO, per_object=True)
def scenario_update(request: HttpRequest, scenario_id: int, payload: PolicyIn):
    """Change the rules (fields left out stay as they are)."""
    scenario = selectors.get_scenario_for_user(request.user, scenario_id, PLAN_SCENARIO)
    changes = payload.dict(exclude_unset=True)
    if changes.pop("clear_country_cap", False):
        changes["country_cap"] = None
    changes = {key: value for key, value in changes.items() if value is not None or key == "country_cap"}
    return _detail(services.scenario_update(actor=request.user, scenario=scenario, **changes))


@router.patch("/scenarios/{int:scenario_id}/requests/{int:item_id}", response={200: ScenarioRequestOut, 422: ErrorOut})
@requires(PLAN_SCENARIO, per_object=True)
def scenario_request_update(request: HttpRequest, scenario_id: int, item_id: int, payload: ScenarioRequestIn):
    """A request's cost estimate by year, divisibility, must-fund / must-not-fund."""
    scenario = selectors.get_scenario_for_user(request.user, scenario_id, PLAN_SCENARIO)
    item = get_object_or_404(ScenarioRequest, scenario=scenario, pk=item_id)
    return services.scenario_request_update(actor=request.user, item=item, **payload.dict())


class ScenarioRequestAddIn(InSchema):
    request: int = Field(description="The request's number (an accepted or planned request)")
    cost_by_year: dict[str, str] | None = Field(
        None, description='The officer\'s estimate, {"2027": "80000.00"}; default: the latest known estimate'
    )
    divisible: bool | None = None


@router.post("/scenarios/{int:scenario_id}/requests", response={201: ScenarioRequestOut, 422: ErrorOut})
@requires(PLAN_SCENARIO, per_object=True)
def scenario_request_add(request: HttpRequest, scenario_id: int, payload: ScenarioRequestAddIn):
    """Put a request (back) into the scenario: accepted or planned, not yet fully funded; what the
    ledger allocated to it already is taken off its cost."""
    scenario = selectors.get_scenario_for_user(request.user, scenario_id, PLAN_SCENARIO)
    data = payload.dict()
    item = services.scenario_request_add(
        actor=request.user,
        scenario=scenario,
        request_id=data["request"],
        cost_by_year=data["cost_by_year"],
        divisible=data["divisible"],
    )
    return 201, item


@router.delete("/scenarios/{int:scenario_id}/requests/{int:item_id}", response={204: None, 422: ErrorOut})
@requires(PLAN_SCENARIO, per_object=True)
def scenario_request_remove(request: HttpRequest, scenario_id: int, item_id: int):
    """Leave a request out of the scenario (422 once the scenario is accepted or superseded)."""
    scenario = selectors.get_scenario_for_user(request.user, scenario_id, PLAN_SCENARIO)
    item = get_object_or_404(ScenarioRequest, scenario=scenario, pk=item_id)
    services.scenario_request_remove(actor=request.user, item=item)
    return 204, None


@router.delete("/scenarios/{int:scenario_id}/sources/{int:source_id}", response={204: None, 422: ErrorOut})
@requires(PLAN_SCENARIO, per_object=True)
def scenario_source_remove(request: HttpRequest, scenario_id: int, source_id: int):
    """Leave a source out of the scenario, the funds' or one entered by hand ("read the balances
    again" brings the funds' back)."""
    scenario = selectors.get_scenario_for_user(request.user, scenario_id, PLAN_SCENARIO)
    source = get_object_or_404(ScenarioSource, scenario=scenario, pk=source_id)
    services.scenario_source_remove(actor=request.user, source=source)
    return 204, None


@router.get("/scenarios/{int:scenario_id}/runs", response=list[RunOut])
@requires(VIEW_SCENARIO, per_object=True)
def run_list(request: HttpRequest, scenario_id: int):
    """Every solve of the scenario, the newest first."""
    scenario = selectors.get_scenario_for_user(request.user, scenario_id)
    return scenario.runs.order_by("-created_at", "-pk")


@router.post("/scenarios/{int:scenario_id}/sources", response={201: ScenarioSourceOut, 422: ErrorOut})
@requires(PLAN_SCENARIO, per_object=True)
def scenario_source_add(request: HttpRequest, scenario_id: int, payload: SourceIn):
    """Money entered by hand, with its earmarks (empty lists: no restriction)."""
    scenario = selectors.get_scenario_for_user(request.user, scenario_id, PLAN_SCENARIO)
    data = payload.dict()
    data["request_ids"] = data.pop("requests")
    source: ScenarioSource = services.scenario_source_add(actor=request.user, scenario=scenario, **data)
    return 201, source


@router.post("/scenarios/{int:scenario_id}/sources/refresh", response={200: ScenarioDetailOut, 422: ErrorOut})
@requires(PLAN_SCENARIO, per_object=True)
def scenario_sources_refresh(request: HttpRequest, scenario_id: int):
    """Read the funds' free balances and earmarks again (money entered by hand stays)."""
    scenario = selectors.get_scenario_for_user(request.user, scenario_id, PLAN_SCENARIO)
    services.scenario_sources_refresh(actor=request.user, scenario=scenario)
    scenario.refresh_from_db()
    return _detail(scenario)


@router.post("/scenarios/{int:scenario_id}/solve", response={202: RunOut, 422: ErrorOut})
@requires(PLAN_SCENARIO, per_object=True)
def scenario_solve(request: HttpRequest, scenario_id: int, payload: SolveIn):
    """Start a solve in the background; poll the run for its progress and plan."""
    scenario = selectors.get_scenario_for_user(request.user, scenario_id, PLAN_SCENARIO)
    run = services.solve_start(actor=request.user, scenario=scenario, time_limit=payload.time_limit)
    return 202, run


class MovedOut(Schema):
    source: str
    label: str
    at_solve: Decimal
    now: Decimal | None


class MoneyMovedOut(Schema):
    detail: str
    changes: list[MovedOut]


@router.post(
    "/scenarios/{int:scenario_id}/accept", response={200: ScenarioDetailOut, 409: MoneyMovedOut, 422: ErrorOut}
)
@requires(ACCEPT_SCENARIO, per_object=True)
def scenario_accept(request: HttpRequest, scenario_id: int):
    """Post the plan's allocations (all or nothing). 409 when money moved since the solve: nothing is
    posted and `changes` lists each source whose free amount differs."""
    scenario = selectors.get_scenario_for_user(request.user, scenario_id, ACCEPT_SCENARIO)
    try:
        services.scenario_accept(actor=request.user, scenario=scenario)
    except services.MoneyMovedError as exc:
        changes = [{"source": c.key, "label": c.label, "at_solve": c.at_solve, "now": c.now} for c in exc.changes]
        return 409, {"detail": exc.messages[0], "changes": changes}
    scenario.refresh_from_db()
    return 200, _detail(scenario)


@router.get("/scenarios/{int:scenario_id}/runs/{int:run_id}", response=RunOut)
@requires(VIEW_SCENARIO, per_object=True)
def run_detail(request: HttpRequest, scenario_id: int, run_id: int):
    scenario = selectors.get_scenario_for_user(request.user, scenario_id)
    return get_object_or_404(SolveRun, scenario=scenario, pk=run_id)


@router.post("/scenarios/{int:scenario_id}/runs/{int:run_id}/cancel", response={200: RunOut, 422: ErrorOut})
@requires(PLAN_SCENARIO, per_object=True)
def run_cancel(request: HttpRequest, scenario_id: int, run_id: int):
    """Stop a solve; it keeps the best plan found so far."""
    scenario = selectors.get_scenario_for_user(request.user, scenario_id, PLAN_SCENARIO)
    run = get_object_or_404(SolveRun, scenario=scenario, pk=run_id)
    return services.solve_cancel(actor=request.user, run=run)


def _table(table: dict[str, tuple[int, Decimal]]) -> dict[str, dict[str, Any]]:
    return {key: {"count": count, "amount": str(amount)} for key, (count, amount) in table.items()}


@router.get("/compare", response=list[FiguresOut])
@requires(VIEW_SCENARIO)
def compare(request: HttpRequest, query: Query[CompareQuery]):
    """Scenarios side by side: funded count and amount by group, theme and region; priority covered."""
    visible = Scenario.objects.for_user(request.user)
    ids = [int(part) for part in query.ids.split(",") if part.strip().isdigit()]
    chosen = list(visible.filter(pk__in=ids)) if ids else list(visible[:3])
    return [
        {
            "scenario": figures.scenario.pk,
            "name": figures.scenario.name,
            "run": figures.run.pk if figures.run else None,
            "status": figures.run.status if figures.run else None,
            "funded_count": figures.funded_count,
            "funded_amount": figures.funded_amount,
            "requested_amount": figures.requested_amount,
            "priority_covered": None if figures.priority_covered is None else float(figures.priority_covered),
            "by_group": _table(figures.by_group),
            "by_theme": _table(figures.by_theme),
            "by_region": _table(figures.by_region),
        }
        for figures in selectors.comparison(chosen)["columns"]
    ]
