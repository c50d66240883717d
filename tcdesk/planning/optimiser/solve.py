"""``solve``: a scenario in, a ``PlanResult`` out, within a time limit, with progress and cancellation."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from .explain import explain_infeasibility, explain_shortfalls
from .greedy import CentsPlan, greedy_cents
from .indexing import ScenarioIndex
from .model import Monitor, build_model, run_highs
from .plan import Plan, PlanResult, Progress, Status, build_plan
from .rounding import RoundingError, round_solution
from .scenario import Scenario

DEFAULT_TIME_LIMIT = 60.0
DEFAULT_MIP_GAP = 1e-4


def greedy_plan(scenario: Scenario) -> Plan:
    """The greedy plan alone (highest priority first, same rules; see ``greedy``)."""
    index = ScenarioIndex(scenario)
    return _as_plan(index, greedy_cents(index))


def solve(
    scenario: Scenario,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    mip_gap: float = DEFAULT_MIP_GAP,
    on_progress: Callable[[Progress], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    explain_time_limit: float | None = None,
) -> PlanResult:
    """Solve the scenario's model (see ``model``) and explain the result.

    The phases: the greedy plan; the linear relaxation (its optimum is ``lp_bound``); that optimum
    without its fractional indivisible requests, rounded to cents (a plan at once, usually within a
    fraction of a percent of the bound; if it is within ``mip_gap`` the solve stops there); the MIP,
    started from the better of those two plans; rounding its solution to cents; explanations.

    ``time_limit`` (seconds) bounds the greedy plan, the relaxation and the MIP together; rounding
    and explanations come after it (and explaining infeasible rules gets ``explain_time_limit``, by
    default what is left of ``time_limit`` but at least 5 s). ``mip_gap`` is the relative gap at
    which the plan counts as optimal (0 proves the optimum). ``on_progress`` receives a
    ``Progress`` at each phase and about every half second during the solver's work;
    ``should_cancel`` is polled as often and stops the solve when it returns true (the result then
    has status ``cancelled`` and the best plan found so far). Exceptions raised by the hooks stop the
    solve and propagate.

    The plan returned is never worse than the greedy plan and holds to the cent: no source
    over-drawn, earmarks and every rule respected.
    """
    started = time.monotonic()

    def elapsed() -> float:
        return time.monotonic() - started

    def report(phase: str, objective: float | None = None, bound: float | None = None, nodes: int | None = None):
        if on_progress is not None:
            on_progress(Progress(phase, elapsed(), objective, bound, _gap(objective, bound), nodes))

    def solver_progress(phase: str, _seconds: float, primal: float | None, dual: float | None, nodes: int):
        if dual is not None and result.lp_bound is not None:
            dual = min(dual, result.lp_bound)  # before its root LP, HiGHS only knows a trivial bound
        report(phase, primal, dual, nodes)

    def _done(outcome: PlanResult) -> PlanResult:
        report("done", outcome.objective, outcome.bound)
        return outcome

    index = ScenarioIndex(scenario)
    greedy = greedy_cents(index)
    greedy_as_plan = _as_plan(index, greedy)
    report("greedy", float(greedy_as_plan.objective))
    warnings = _warnings(index)
    result = _ResultBuilder(index, greedy, greedy_as_plan, warnings, started)
    if should_cancel is not None and should_cancel():
        return result.finish(Status.CANCELLED)

    monitor = Monitor(on_progress=solver_progress if on_progress else None, should_cancel=should_cancel)
    model = build_model(index)
    if elapsed() >= time_limit:
        return result.finish(Status.TIME_LIMIT)  # the time went on the greedy plan: it is the answer
    relaxation = run_highs(
        model, time_limit=time_limit - elapsed(), mip_gap=mip_gap, relax=True, monitor=monitor, phase="lp"
    )
    result.lp_bound = relaxation.objective if relaxation.status == "optimal" else None
    report("lp", relaxation.objective, relaxation.objective)
    if relaxation.status == "infeasible":
        return result.infeasible(explain_time_limit, time_limit - elapsed(), report)
    if relaxation.status in ("cancelled", "time_limit"):
        return result.finish(Status(relaxation.status))
    if not model.integer_columns:
        run = relaxation
    else:
        # The LP optimum without its fractional indivisible requests is a plan at once, usually far
        # better than greedy: the answer if the MIP runs out of time, and its starting point.
        with contextlib.suppress(RoundingError):
            result.consider(round_solution(index, relaxation, round_up=False), quiet=True)
        lp_rounded = None if result.best_value is None else float(result.best_value)
        report("lp-rounding", lp_rounded, result.lp_bound)
        close_enough = _gap(lp_rounded, result.lp_bound)
        if close_enough is not None and close_enough <= mip_gap:
            return _done(result.finish(Status.OPTIMAL))  # already within the gap of a proven bound
        start = _start(index, result.best) if result.best is not None else None
        run = run_highs(
            model,
            time_limit=time_limit - elapsed(),
            mip_gap=mip_gap,
            start=start,
            monitor=monitor,
            phase="mip",
        )
        result.nodes = run.nodes
        result.root_bound = run.root_bound
        report("mip", run.objective, run.bound, run.nodes)
        if run.status == "infeasible":
            return result.infeasible(explain_time_limit, time_limit - elapsed(), report)
    result.bound = run.bound
    if run.has_solution:
        report("rounding", run.objective, run.bound)
        try:
            result.consider(round_solution(index, run))
        except RoundingError as exc:
            result.warnings.append(
                f"the solver's solution could not be rounded to cents ({exc}); the greedy plan is used"
            )
    report("explaining", run.objective, run.bound)
    return _done(result.finish(Status(run.status)))


class _ResultBuilder:
    """Collects the pieces of a ``PlanResult`` as the phases go."""

    def __init__(self, index: ScenarioIndex, greedy: CentsPlan, greedy_plan: Plan, warnings: list[str], started: float):
        self.index = index
        self.greedy = greedy
        self.greedy_plan = greedy_plan
        self.warnings = warnings
        self.started = started
        self.best: CentsPlan | None = greedy if greedy_plan.valid else None
        self.best_value: Fraction | None = index.objective(greedy.amounts) if greedy_plan.valid else None
        self.best_is_greedy = self.best is not None
        self.lp_bound: float | None = None
        self.root_bound: float | None = None
        self.bound: float | None = None
        self.nodes = 0

    def consider(self, candidate: CentsPlan, *, quiet: bool = False) -> None:
        """Keep the candidate if it is valid and at least as good as the best plan so far."""
        if candidate.problems:
            if not quiet:
                self.warnings.append(
                    "the rounded solver plan broke a rule (" + "; ".join(candidate.problems) + "); "
                    "the best other plan is used"
                )
            return
        value = self.index.objective(candidate.amounts)
        if self.best_value is None or value >= self.best_value:
            self.best, self.best_value, self.best_is_greedy = candidate, value, False

    def finish(self, status: Status) -> PlanResult:
        plan = None
        objective = None
        if self.best is not None:
            plan = self.greedy_plan if self.best_is_greedy else _as_plan(self.index, self.best)
            objective = float(plan.objective)
        # The LP optimum bounds the MIP too, and is the tighter bound when the MIP stopped early.
        known = [value for value in (self.bound, self.lp_bound) if value is not None]
        bound = min(known) if known else None
        if status is Status.OPTIMAL and objective is not None and (bound is None or bound < objective):
            bound = objective  # HiGHS's bound is within tolerance of an optimal objective
        return PlanResult(
            status=status,
            currency=self.index.scenario.currency,
            plan=plan,
            greedy=self.greedy_plan,
            objective=objective,
            bound=bound,
            lp_bound=self.lp_bound,
            gap=_gap(objective, bound),
            seconds=time.monotonic() - self.started,
            nodes=self.nodes,
            root_bound=self.root_bound,
            warnings=tuple(self.warnings),
            request_ids=tuple(request.id for request in self.index.scenario.requests),
        )

    def infeasible(self, explain_time_limit: float | None, left: float, report) -> PlanResult:
        report("explaining")
        budget = explain_time_limit if explain_time_limit is not None else max(5.0, left)
        conflict = explain_infeasibility(self.index, time_limit=budget)
        self.best = None
        outcome = self.finish(Status.INFEASIBLE)
        outcome = replace(outcome, conflict=conflict)
        report("done")
        return outcome


def _as_plan(index: ScenarioIndex, cents: CentsPlan) -> Plan:
    shortfalls = explain_shortfalls(index, cents.amounts, cents.flow)
    return build_plan(index, cents.amounts, cents.flow, shortfalls, problems=cents.problems)


def _start(index: ScenarioIndex, plan: CentsPlan) -> tuple[list[float], dict[tuple[int, int], float]]:
    """A plan as a starting solution for HiGHS (fractions, flows in currency units)."""
    fractions = [amount / cost for amount, cost in zip(plan.amounts, index.cost, strict=True)]
    flows = {
        (class_number, pool): cents / 100
        for class_number, draws in enumerate(plan.flow.flow)
        for pool, cents in draws.items()
    }
    return fractions, flows


def _gap(objective: float | None, bound: float | None) -> float | None:
    if objective is None or bound is None:
        return None
    if bound - objective <= 1e-9 * max(1.0, abs(bound)):
        return 0.0
    return (bound - objective) / max(abs(objective), 1e-9)


def _warnings(index: ScenarioIndex) -> list[str]:
    warnings = []
    for pool_number, pool in enumerate(index.pools):
        if index.pool_reach[pool_number] == 0 and pool.cap:
            names = ", ".join(str(index.scenario.sources[s].id) for s in pool.sources)
            warnings.append(f"source(s) {names} may fund no request of the scenario; their money stays unused")
    return warnings
