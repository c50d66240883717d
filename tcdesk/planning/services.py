"""Writes of the planning app: build and edit scenarios, start, run and cancel solves.

Every function takes keyword arguments, checks the actor's right (callers that are not views, such as
commands, are checked too), runs in one transaction and raises ``ValidationError`` naming the field.
A scenario that changes after a solve goes back to draft: its plan no longer answers it.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import require
from tcdesk.assistance import workflow
from tcdesk.assistance.models import AssistanceRequest
from tcdesk.core.history import note_change_reason
from tcdesk.core.limits import check_text_lengths
from tcdesk.core.models import CountryGroup, Theme
from tcdesk.core.services import background_job_start
from tcdesk.funds.selectors import funding_sources, request_funding

from . import selectors
from .acceptance import MoneyMoved, MoneyMovedError, scenario_accept
from .choices import ScenarioStatus, SolveStatus, SourceOrigin
from .models import Scenario, ScenarioRequest, ScenarioSource, SolveRun
from .optimiser import Progress, ScenarioError, solve

__all__ = ["MoneyMoved", "MoneyMovedError", "scenario_accept"]  # accepting lives in `acceptance`
from .permissions import PLAN_SCENARIO

CENT = Decimal("0.01")
MAX_TIME_LIMIT = 3600


def _money(value: Any, field: str, *, positive: bool = True, allow_none: bool = False) -> Decimal | None:
    if value in (None, "") and allow_none:
        return None
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [_("Enter an amount, e.g. 125000.00.")]}) from None
    if amount < 0 or (positive and amount == 0) or not amount.is_finite():
        raise ValidationError({field: [_("The amount must be greater than zero.")]})
    return amount


def _shares(value: Any, field: str, known: set[str]) -> dict[str, str]:
    """{code: share as text} with each share in (0, 1] and each code a known group or theme."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ValidationError({field: [_("Give a share per code, e.g. {“LDC”: “0.4”}.")]})
    shares = {}
    for code, share in value.items():
        if str(code) not in known:
            raise ValidationError({field: [_("“%(code)s” is not a known code.") % {"code": code}]})
        try:
            number = Decimal(str(share))
        except (InvalidOperation, ValueError):
            number = Decimal(-1)
        if not (0 < number <= 1):
            raise ValidationError(
                {field: [_("The share of “%(code)s” must be between 0 (excluded) and 1.") % {"code": code}]}
            )
        shares[str(code)] = str(number)
    return shares


def _group_codes() -> set[str]:
    return set(CountryGroup.objects.values_list("code", flat=True)) | {selectors.POST_CONFLICT}


def _theme_codes() -> set[str]:
    return set(Theme.objects.values_list("code", flat=True))


def _editable(scenario: Scenario) -> None:
    if not scenario.is_editable:
        raise ValidationError(
            {"scenario": [_("A scenario that is accepted or superseded cannot change; copy it instead.")]}
        )


def _touched(scenario: Scenario, reason: str) -> None:
    """A change after a solve makes the plan stale: back to draft."""
    if scenario.status == ScenarioStatus.SOLVED:
        scenario.status = ScenarioStatus.DRAFT
    note_change_reason(scenario, reason)
    scenario.save()


def _previous_estimates(request_ids: list[int]) -> dict[int, ScenarioRequest]:
    """The latest estimate of each request in an earlier scenario: an officer's (not a default) when
    there is one, else the default an accepted plan was made against (a partly funded request keeps the
    cost it was planned with, so its remaining need is that cost less what the ledger allocated)."""
    found: dict[int, ScenarioRequest] = {}
    for item in ScenarioRequest.objects.filter(
        request_id__in=request_ids, estimated=True, scenario__status=ScenarioStatus.ACCEPTED
    ).order_by("pk"):
        found[item.request_id] = item
    for item in ScenarioRequest.objects.filter(request_id__in=request_ids, estimated=False).order_by("pk"):
        found[item.request_id] = item
    return found


def _funded_so_far(request_ids: list[int]) -> dict[int, Decimal]:
    return dict(request_funding(request_ids=request_ids))


def _estimate_total(item: ScenarioRequest) -> Decimal:
    """The whole estimate of an earlier scenario's request (its ``cost`` is what was still to fund then)."""
    return sum((Decimal(str(value)) for value in (item.cost_by_year or {}).values()), Decimal(0)) or item.cost


@transaction.atomic
def scenario_create(
    *,
    actor: Any,
    name: str,
    default_cost: Any,
    currency: str = "USD",
    note: str = "",
    divisible: bool = False,
    time_limit: int = 60,
    with_requests: bool = True,
    with_funds: bool = True,
) -> Scenario:
    """A new scenario holding a snapshot of every accepted request not yet fully funded and (once the
    funds app is there) of every free balance and earmark.

    A request's cost is the latest estimate an officer gave it in another scenario, or
    ``default_cost`` (marked as a default, to be estimated); what the ledger already allocated to it
    is taken off. Its priority is the assistance priority score; its groups are those of its country
    at submission, plus ``post-conflict`` when it is part of post-conflict reconstruction.
    """
    require(actor, PLAN_SCENARIO)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("A scenario needs a name.")]})
    if len(name) > 120:
        raise ValidationError({"name": [_("The name may have at most 120 characters.")]})
    if Scenario.objects.filter(name=name).exists():
        raise ValidationError({"name": [_("A scenario with this name exists already.")]})
    currency = (currency or "").strip().upper()
    if currency != "USD":
        raise ValidationError({"currency": [_("Plans are made in USD (the currency of the funds' balances).")]})
    cost = _money(default_cost, "default_cost")
    check_text_lengths(Scenario, note=note)
    if not 1 <= int(time_limit) <= MAX_TIME_LIMIT:
        raise ValidationError({"time_limit": [_("The time limit must be between 1 and 3600 seconds.")]})
    scenario = Scenario(name=name, currency=currency, created_by=actor, note=note.strip(), time_limit=int(time_limit))
    note_change_reason(scenario, "created")
    scenario.save()
    if with_requests:
        _snapshot_requests(scenario, default_cost=cost, divisible=divisible)
    if with_funds:
        _snapshot_funds(scenario)
    return scenario


def _snapshot_requests(scenario: Scenario, *, default_cost: Decimal | None, divisible: bool) -> None:
    """Every request the ledger may fund (accepted, or planned) whose known cost is not yet covered.

    The cost is the latest estimate of an earlier scenario (see ``_previous_estimates``), else the
    request's own cost estimate when it is in the scenario's currency, else ``default_cost`` (marked as a
    default); a planned request enters only with a known cost (it was planned some other way otherwise).
    What the ledger already allocated to the request is taken off: a partly funded request comes back
    with its remaining need, a fully funded one does not come back.
    """
    candidates = list(
        AssistanceRequest.objects.filter(status__in=[workflow.ACCEPTED, workflow.PLANNED])
        .select_related("country")
        .prefetch_related("themes")
        .order_by("pk")
    )
    ids = [item.pk for item in candidates]
    previous = _previous_estimates(ids)
    funded = _funded_so_far(ids)
    rows = []
    for ta_request in candidates:
        row = _request_row(
            scenario,
            ta_request,
            earlier=previous.get(ta_request.pk),
            funded=funded.get(ta_request.pk, Decimal(0)),
            default_cost=default_cost,
            divisible=divisible,
        )
        if row is not None:
            rows.append(row)
    ScenarioRequest.objects.bulk_create(rows)


def _request_row(
    scenario: Scenario,
    ta_request: AssistanceRequest,
    *,
    earlier: ScenarioRequest | None,
    funded: Decimal,
    default_cost: Decimal | None,
    divisible: bool,
) -> ScenarioRequest | None:
    """The request as the scenario sees it (unsaved), or None when its cost is unknown or covered."""
    year = str((ta_request.desired_start or timezone.now().date()).year)
    if earlier is not None:
        by_year, total, estimated = dict(earlier.cost_by_year), _estimate_total(earlier), earlier.estimated
    elif ta_request.cost_estimate and ta_request.cost_currency == scenario.currency:
        total = Decimal(ta_request.cost_estimate).quantize(CENT)
        by_year, estimated = {year: str(total)}, False
    elif ta_request.status == workflow.ACCEPTED and default_cost is not None:
        by_year, total, estimated = {year: str(default_cost)}, default_cost, True
    else:
        return None  # planned with no known cost: nothing to say about what it still needs
    still = total - funded
    if still <= 0:
        return None  # fully funded already
    groups = list(ta_request.group_list)
    if ta_request.post_conflict:
        groups = [*groups, selectors.POST_CONFLICT]
    return ScenarioRequest(
        scenario=scenario,
        request=ta_request,
        reference=ta_request.reference,
        title=ta_request.title[:200],
        country=ta_request.country_id,
        region=ta_request.country.region_id or "",
        groups=sorted(groups),
        themes=sorted(theme.code for theme in ta_request.themes.all()),
        cost_by_year=by_year,
        cost=still.quantize(CENT),
        estimated=estimated,
        priority=ta_request.priority_score,
        divisible=earlier.divisible if earlier is not None else divisible,
    )


def _snapshot_funds(scenario: Scenario) -> int:
    rows = [
        ScenarioSource(
            scenario=scenario,
            key=source.key,
            label=str(source.label)[:200],
            origin=SourceOrigin.FUNDS,
            fund=source.fund or "",
            earmark=source.earmark,
            amount=Decimal(source.amount).quantize(CENT),
            themes=sorted(source.themes or []),
            regions=sorted(source.regions or []),
            countries=sorted(source.countries or []),
            request_ids=sorted(int(value) for value in source.requests or []),
            valid_from=source.valid_from,
            valid_to=source.valid_to,
        )
        for source in funding_sources(currency=scenario.currency)
        if Decimal(source.amount) > 0
    ]
    ScenarioSource.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def scenario_sources_refresh(*, actor: Any, scenario: Scenario) -> int:
    """Read the funds' free balances and earmarks again (money entered by hand stays); the number read."""
    require(actor, PLAN_SCENARIO)
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    _editable(scenario)
    scenario.sources.filter(origin=SourceOrigin.FUNDS).delete()
    count = _snapshot_funds(scenario)
    _touched(scenario, "money read again from the funds")
    return count


@transaction.atomic
def scenario_update(*, actor: Any, scenario: Scenario, **changes: Any) -> Scenario:
    """Change the policy rules (``min_share``, ``max_share_theme``, ``country_cap``), ``time_limit``,
    ``note`` or ``name``; unknown group or theme codes and shares outside (0, 1] are refused."""
    require(actor, PLAN_SCENARIO)
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    _editable(scenario)
    allowed = {"min_share", "max_share_theme", "country_cap", "time_limit", "note", "name"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({sorted(unknown)[0]: [_("This field cannot be changed.")]})
    if "min_share" in changes:
        scenario.min_share = _shares(changes["min_share"], "min_share", _group_codes())
    if "max_share_theme" in changes:
        scenario.max_share_theme = _shares(changes["max_share_theme"], "max_share_theme", _theme_codes())
    if "country_cap" in changes:
        scenario.country_cap = _money(changes["country_cap"], "country_cap", allow_none=True)
    if "time_limit" in changes:
        try:
            limit = int(changes["time_limit"])
        except (TypeError, ValueError):
            limit = 0
        if not 1 <= limit <= MAX_TIME_LIMIT:
            raise ValidationError({"time_limit": [_("The time limit must be between 1 and 3600 seconds.")]})
        scenario.time_limit = limit
    if "note" in changes:
        scenario.note = str(changes["note"] or "").strip()
        check_text_lengths(Scenario, note=scenario.note)
    if "name" in changes:
        name = str(changes["name"] or "").strip()
        if not name or len(name) > 120:
            raise ValidationError({"name": [_("A scenario needs a name of at most 120 characters.")]})
        if Scenario.objects.filter(name=name).exclude(pk=scenario.pk).exists():
            raise ValidationError({"name": [_("A scenario with this name exists already.")]})
        scenario.name = name
    _touched(scenario, "policy changed")
    return scenario


def _estimate(cost_by_year: Any) -> tuple[dict[str, str], Decimal]:
    """An officer's estimate by year, checked: {year: amount as text} in year order, and its total."""
    if not isinstance(cost_by_year, dict) or not cost_by_year:
        raise ValidationError({"cost_by_year": [_("Give at least one year and its amount.")]})
    cleaned = {}
    for year, amount in cost_by_year.items():
        if not str(year).isdigit() or not 2000 <= int(year) <= 2100:
            raise ValidationError({"cost_by_year": [_("“%(year)s” is not a year.") % {"year": year}]})
        cleaned[str(int(year))] = str(_money(amount, "cost_by_year", positive=False))
    total = sum((Decimal(value) for value in cleaned.values()), Decimal(0))
    if total <= 0:
        raise ValidationError({"cost_by_year": [_("The estimate must add up to more than zero.")]})
    return dict(sorted(cleaned.items())), total


@transaction.atomic
def scenario_request_update(
    *,
    actor: Any,
    item: ScenarioRequest,
    cost_by_year: dict[str, Any] | None = None,
    divisible: bool | None = None,
    must_fund: bool | None = None,
    must_not_fund: bool | None = None,
) -> ScenarioRequest:
    """Set a request's cost estimate by year (the cost becomes their sum), divisibility, must/must-not."""
    require(actor, PLAN_SCENARIO)
    scenario = Scenario.objects.select_for_update().get(pk=item.scenario_id)
    _editable(scenario)
    item = ScenarioRequest.objects.get(pk=item.pk)
    if cost_by_year is not None:
        cleaned, total = _estimate(cost_by_year)
        funded = _funded_so_far([item.request_id]).get(item.request_id, Decimal(0))
        if total <= funded:
            raise ValidationError(
                {
                    "cost_by_year": [
                        _("The ledger already allocated %(funded)s to this request; the estimate must be more.")
                        % {"funded": funded.quantize(CENT)}
                    ]
                }
            )
        # The estimate is the whole cost; the scenario funds what the ledger has not allocated yet.
        item.cost_by_year, item.cost, item.estimated = cleaned, total - funded, False
    if divisible is not None:
        item.divisible = bool(divisible)
    if must_fund is not None:
        item.must_fund = bool(must_fund)
    if must_not_fund is not None:
        item.must_not_fund = bool(must_not_fund)
    if item.must_fund and item.must_not_fund:
        raise ValidationError({"must_fund": [_("A request cannot be both a must-fund and a must-not-fund.")]})
    note_change_reason(item, "estimate or rule changed")
    item.save()
    _touched(scenario, "request changed")
    return item


@transaction.atomic
def scenario_request_add(
    *,
    actor: Any,
    scenario: Scenario,
    request_id: Any,
    cost_by_year: dict[str, Any] | None = None,
    divisible: bool | None = None,
) -> ScenarioRequest:
    """Put a request (back) into the scenario: one the ledger may fund (accepted or planned), not yet
    fully funded. Its cost is ``cost_by_year`` when given (the officer's estimate), else the latest
    known estimate (see ``scenario_create``); what the ledger allocated to it is taken off."""
    require(actor, PLAN_SCENARIO)
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    _editable(scenario)
    try:
        number = int(request_id)
    except (TypeError, ValueError):
        number = 0
    ta_request = (
        AssistanceRequest.objects.select_related("country").prefetch_related("themes").filter(pk=number).first()
    )
    if ta_request is None:
        raise ValidationError({"request": [_("There is no request with this number.")]})
    if ta_request.status not in (workflow.ACCEPTED, workflow.PLANNED):
        raise ValidationError({"request": [_("Only an accepted or planned request can be funded.")]})
    if scenario.requests.filter(request=ta_request).exists():
        raise ValidationError({"request": [_("The scenario holds this request already.")]})
    funded = _funded_so_far([ta_request.pk]).get(ta_request.pk, Decimal(0))
    earlier = _previous_estimates([ta_request.pk]).get(ta_request.pk)
    if cost_by_year is not None:
        cleaned, total = _estimate(cost_by_year)
        earlier = ScenarioRequest(cost_by_year=cleaned, cost=total, estimated=False, divisible=bool(divisible))
    item = _request_row(scenario, ta_request, earlier=earlier, funded=funded, default_cost=None, divisible=False)
    if item is None:
        if earlier is None and not (ta_request.cost_estimate and ta_request.cost_currency == scenario.currency):
            raise ValidationError({"cost_by_year": [_("No estimate of this request is known: give one.")]})
        raise ValidationError(
            {
                "request": [
                    _("The ledger already allocated %(funded)s to this request: it is fully funded.")
                    % {"funded": funded.quantize(CENT)}
                ]
            }
        )
    if divisible is not None:
        item.divisible = bool(divisible)
    note_change_reason(item, "added to the scenario")
    item.save()
    _touched(scenario, "request added")
    return item


@transaction.atomic
def scenario_request_remove(*, actor: Any, item: ScenarioRequest) -> None:
    """Leave a request out of the scenario."""
    require(actor, PLAN_SCENARIO)
    scenario = Scenario.objects.select_for_update().get(pk=item.scenario_id)
    _editable(scenario)
    ScenarioRequest.objects.filter(pk=item.pk).delete()
    _touched(scenario, "request removed")


def _codes(value: Any, field: str, known: set[str] | None = None) -> list[str]:
    if value in (None, ""):
        return []
    items = [part.strip() for part in value.split(",")] if isinstance(value, str) else [str(v).strip() for v in value]
    items = sorted({item for item in items if item})
    if known is not None:
        bad = [item for item in items if item not in known]
        if bad:
            raise ValidationError({field: [_("“%(code)s” is not a known code.") % {"code": bad[0]}]})
    return items


@transaction.atomic
def scenario_source_add(
    *,
    actor: Any,
    scenario: Scenario,
    label: str,
    amount: Any,
    themes: Any = None,
    regions: Any = None,
    countries: Any = None,
    request_ids: Any = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> ScenarioSource:
    """Money entered by hand ("what if a donor gives X"), with the same earmarks a fund may have."""
    require(actor, PLAN_SCENARIO)
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    _editable(scenario)
    label = (label or "").strip()
    if not label or len(label) > 200:
        raise ValidationError({"label": [_("A source needs a label of at most 200 characters.")]})
    money = _money(amount, "amount")
    ids = _codes(request_ids, "request_ids")
    if any(not value.isdigit() for value in ids):
        raise ValidationError({"request_ids": [_("Requests are given by their numbers, e.g. 12, 15.")]})
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError({"valid_to": [_("The end of validity comes before its start.")]})
    number = scenario.sources.filter(origin=SourceOrigin.MANUAL).count() + 1
    while scenario.sources.filter(key=f"manual:{number}").exists():
        number += 1
    source = ScenarioSource(
        scenario=scenario,
        key=f"manual:{number}",
        label=label,
        origin=SourceOrigin.MANUAL,
        amount=money,
        themes=_codes(themes, "themes", _theme_codes()),
        regions=_codes(regions, "regions"),
        countries=[code.upper() for code in _codes(countries, "countries")],
        request_ids=sorted(int(value) for value in ids),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    note_change_reason(source, "entered by hand")
    source.save()
    _touched(scenario, "source added")
    return source


@transaction.atomic
def scenario_source_remove(*, actor: Any, source: ScenarioSource) -> None:
    require(actor, PLAN_SCENARIO)
    scenario = Scenario.objects.select_for_update().get(pk=source.scenario_id)
    _editable(scenario)
    ScenarioSource.objects.filter(pk=source.pk).delete()
    _touched(scenario, "source removed")


# -- solving ---------------------------------------------------------------------------------------


def solve_start(*, actor: Any, scenario: Scenario, time_limit: int | None = None) -> SolveRun:
    """Queue a solve of the scenario as a background task (a ``BackgroundJob`` shows its progress)."""
    require(actor, PLAN_SCENARIO)
    with transaction.atomic():
        scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
        _editable(scenario)
        if scenario.runs.filter(status__in=[SolveStatus.QUEUED, SolveStatus.RUNNING]).exists():
            raise ValidationError({"scenario": [_("A solve of this scenario is already under way.")]})
        if not scenario.requests.exists():
            raise ValidationError({"scenario": [_("The scenario holds no request to fund.")]})
        limit = scenario.time_limit if time_limit is None else int(time_limit)
        if not 1 <= limit <= MAX_TIME_LIMIT:
            raise ValidationError({"time_limit": [_("The time limit must be between 1 and 3600 seconds.")]})
        run = SolveRun.objects.create(scenario=scenario, started_by=actor, time_limit=limit)
    from .tasks import solve_scenario  # tasks import services

    job = background_job_start(
        name=_("Solve of scenario “%(name)s”") % {"name": scenario.name},
        owner=actor,
        task=solve_scenario,
        run_id=run.pk,
    )
    SolveRun.objects.filter(pk=run.pk, job__isnull=True).update(job=job)
    run.refresh_from_db()
    return run


@transaction.atomic
def solve_cancel(*, actor: Any, run: SolveRun) -> SolveRun:
    """Ask a running solve to stop (it keeps the best plan found); a queued one is cancelled at once."""
    require(actor, PLAN_SCENARIO)
    run = SolveRun.objects.select_for_update().get(pk=run.pk)
    if run.is_finished:
        raise ValidationError({"run": [_("This solve has finished already.")]})
    run.cancel_requested = True
    if run.status == SolveStatus.QUEUED:
        run.status, run.finished_at = SolveStatus.CANCELLED, timezone.now()
    run.save(update_fields=["cancel_requested", "status", "finished_at"])
    return run


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(repr(value)).quantize(Decimal("0.000001"))


def solve_execute(*, run_id: int, progress: Any = None) -> SolveRun:
    """Run a queued solve (the background task's body): progress on the run row, cancellation polled
    from it, the outcome, plan and explanations stored; the scenario becomes solved when there is a plan.

    The solver runs outside any transaction (it may take minutes); each write is its own statement.
    """
    run = SolveRun.objects.select_related("scenario").get(pk=run_id)
    if run.status != SolveStatus.QUEUED or run.cancel_requested:
        if run.status == SolveStatus.QUEUED:
            SolveRun.objects.filter(pk=run_id).update(status=SolveStatus.CANCELLED, finished_at=timezone.now())
        return SolveRun.objects.get(pk=run_id)
    SolveRun.objects.filter(pk=run_id).update(status=SolveStatus.RUNNING, phase="start")
    scenario = run.scenario
    try:
        problem = selectors.optimiser_scenario(scenario)
    except ScenarioError as exc:
        message = "; ".join(str(error) for error in exc.errors)
        SolveRun.objects.filter(pk=run_id).update(status=SolveStatus.FAILED, error=message, finished_at=timezone.now())
        raise ValidationError({"scenario": [message]}) from None
    amounts = {source["id"]: source["amount"] for source in selectors.scenario_document(scenario)["sources"]}
    phases = ["greedy", "lp", "lp-rounding", "mip", "rounding", "explaining", "done"]
    last = {"at": 0.0}

    def on_progress(step: Progress) -> None:
        now = time.monotonic()
        if now - last["at"] < 0.5 and step.phase not in ("done", "greedy"):
            return
        last["at"] = now
        SolveRun.objects.filter(pk=run_id).update(
            phase=step.phase, objective=_decimal(step.objective), bound=_decimal(step.bound), gap=step.gap
        )
        if progress is not None:
            progress(step.phase, phases.index(step.phase) + 1 if step.phase in phases else 0, len(phases))

    def should_cancel() -> bool:
        return SolveRun.objects.filter(pk=run_id, cancel_requested=True).exists()

    try:
        result = solve(problem, time_limit=float(run.time_limit), on_progress=on_progress, should_cancel=should_cancel)
    except Exception as exc:
        SolveRun.objects.filter(pk=run_id).update(status=SolveStatus.FAILED, error=str(exc), finished_at=timezone.now())
        raise
    document = result.to_dict()
    with transaction.atomic():
        run = SolveRun.objects.select_for_update().get(pk=run_id)
        run.status = result.status.value
        run.phase = "done"
        run.objective = _decimal(result.objective)
        run.bound = _decimal(result.bound)
        run.lp_bound = _decimal(result.lp_bound)
        run.gap = result.gap
        run.greedy_objective = _decimal(result.greedy_objective)
        run.seconds = result.seconds
        run.result = document
        run.explanations = {"conflict": document["conflict"], "warnings": document["warnings"]}
        run.source_amounts = amounts
        run.finished_at = timezone.now()
        run.save()
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        # A scenario changed while its solve ran stays a draft: this plan answers the earlier version.
        unchanged = locked.updated_at <= run.created_at
        if result.plan is not None and locked.status == ScenarioStatus.DRAFT and unchanged:
            locked.status = ScenarioStatus.SOLVED
            note_change_reason(locked, "solved")
            locked.save()
    return run
