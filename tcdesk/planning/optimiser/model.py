"""The mixed-integer model of the issue, built for HiGHS (``highspy``) and solved with limits and hooks.

Variables: f_r ∈ [0, 1] per request (integer when indivisible) and z_cp ≥ 0 per (class, pool) pair.
Maximise Σ p_r f_r subject to

* per class c:      Σ_p z_cp − Σ_{r in c} c_r f_r = 0   (each funded amount is paid, earmarks respected)
* per pool p:       Σ_c z_cp ≤ a_p                       (no pool, hence no source, over-drawn)
* per share rule k: Σ_r w_kr c_r f_r ≥ 0                  (minimum group shares, maximum theme shares)
* per country k:    Σ_{r in k} c_r f_r ≤ cap               (when a cap is set)
* f_r = 1 for must-fund requests, f_r = 0 for must-not-fund ones and for requests no pool may fund.

This is the issue's model with sources pooled and requests grouped by class (see ``indexing``), which
leaves the optimum unchanged. Money is scaled to keep coefficients near 1 (HiGHS tolerances are
absolute); the exact amounts in cents are rebuilt afterwards by ``rounding``.

A ``Relaxation`` drops rules (for explanations of infeasibility): a dropped share rule, cap, pool
amount (``money``), must-fund or must-not-fund request (one, or the whole list when the ``RuleRef``
has no key) gets open bounds; ``indivisible`` makes every request continuous; ``earmarks`` lets one
pool of all the money fund every request. ``FeasibilityChecker`` switches those bounds in a loaded
model to answer many "feasible without these rules?" questions quickly.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy

from .indexing import ScenarioIndex
from .rules import RuleKind, RuleRef

INF = highspy.kHighsInf


@dataclass(frozen=True)
class Relaxation:
    """Rules left out of the model (empty: the full model)."""

    dropped: frozenset[RuleRef] = frozenset()

    def keeps(self, ref: RuleRef) -> bool:
        return ref not in self.dropped

    def keeps_kind(self, kind: RuleKind) -> bool:
        return RuleRef(kind) not in self.dropped


@dataclass
class BuiltModel:
    lp: highspy.HighsLp
    request_count: int
    flow_columns: list[tuple[int, int]]  # (class, pool) of each flow column after the requests
    scale: float
    integer_columns: list[int]
    share_rows: list[int] = field(default_factory=list)  # aligned with index.share_rules
    cap_rows: list[tuple[int, float]] = field(default_factory=list)  # (row, cap)
    pool_rows: list[tuple[int, float]] = field(default_factory=list)  # (row, cap)


@dataclass
class SolverRun:
    """What HiGHS returned, in the model's terms (f per request, z per (class, pool))."""

    status: str  # optimal | infeasible | time_limit | cancelled
    has_solution: bool
    fractions: list[float] = field(default_factory=list)
    flows: dict[tuple[int, int], float] = field(default_factory=dict)
    objective: float | None = None
    bound: float | None = None
    root_bound: float | None = None  # the MIP's bound at its root node (relaxation and cuts)
    nodes: int = 0
    seconds: float = 0.0


@dataclass
class Monitor:
    """Progress and cancellation hooks, called from HiGHS's callbacks at most every ``interval`` s."""

    on_progress: Callable[[str, float, float | None, float | None, int], None] | None = None
    should_cancel: Callable[[], bool] | None = None
    interval: float = 0.5
    error: BaseException | None = None
    cancelled: bool = False
    _last: float = 0.0

    def poll(self, phase: str, event) -> None:
        now = time.monotonic()
        if now - self._last < self.interval and not self.cancelled:
            return
        self._last = now
        try:
            if self.should_cancel is not None and self.should_cancel():
                self.cancelled = True
            if self.on_progress is not None:
                data = event.data_out
                primal = data.mip_primal_bound if math.isfinite(data.mip_primal_bound) else None
                dual = data.mip_dual_bound if math.isfinite(data.mip_dual_bound) else None
                nodes = int(data.mip_node_count)
                self.on_progress(phase, data.running_time, primal, dual, nodes if nodes >= 0 else None)
        except BaseException as exc:  # a hook failed: stop the solve and re-raise afterwards
            self.error = exc
            self.cancelled = True
        if self.cancelled:
            event.interrupt()


def _money_scale(index: ScenarioIndex) -> float:
    """A power of ten so that the largest cost is at most about 1,000 model units."""
    largest = max(index.cost, default=100) / 100
    return 10.0 ** max(0, math.ceil(math.log10(max(largest, 1.0))) - 3)


def build_model(
    index: ScenarioIndex, relaxation: Relaxation = Relaxation(), *, with_objective: bool = True
) -> BuiltModel:
    """The HiGHS model of ``index`` without the rules in ``relaxation``.

    Every rule has its row or bound whatever the relaxation; a dropped rule only gets open bounds,
    so ``relax_bounds`` can switch rules on and off in a loaded model (see ``FeasibilityChecker``).
    Dropping ``earmarks`` changes the structure instead: one class and one pool.
    """
    scale = _money_scale(index)
    n = index.count
    if relaxation.keeps_kind(RuleKind.EARMARKS):
        class_pools = index.class_pools
        request_class = index.request_class
        pool_caps = [pool.cap / 100 / scale for pool in index.pools]
    else:  # one class, one pool holding all the money
        class_pools = [(0,)]
        request_class = [0] * n
        pool_caps = [sum(pool.cap for pool in index.pools) / 100 / scale]

    rows_lower: list[float] = []
    rows_upper: list[float] = []
    columns: list[list[tuple[int, float]]] = [[] for _ in range(n)]

    def new_row(lower: float, upper: float) -> int:
        rows_lower.append(lower)
        rows_upper.append(upper)
        return len(rows_lower) - 1

    cost = [index.cost[r] / 100 / scale for r in range(n)]
    class_rows = [new_row(0.0, 0.0) for _ in class_pools]
    for r in range(n):
        if request_class[r] >= 0:
            columns[r].append((class_rows[request_class[r]], -cost[r]))
        else:  # no source may fund it: f_r = 0 (a row, so that a must-fund makes the model infeasible)
            columns[r].append((new_row(0.0, 0.0), 1.0))
    share_rows = []
    for rule, weights in zip(index.share_rules, index.weights, strict=True):
        row = new_row(0.0, INF)
        share_rows.append(row)
        for r in range(n):
            if weights[r]:
                columns[r].append((row, weights[r] / rule.scale * cost[r]))
    cap_rows = []
    if index.country_cap is not None:
        cap = index.country_cap / 100 / scale
        by_country: dict[str, list[int]] = {}
        for r, request in enumerate(index.scenario.requests):
            by_country.setdefault(request.country, []).append(r)
        for members in by_country.values():
            if sum(index.cost[r] for r in members) > index.country_cap:
                row = new_row(-INF, cap)
                cap_rows.append((row, cap))
                for r in members:
                    columns[r].append((row, cost[r]))
    pool_rows = [(new_row(-INF, capacity), capacity) for capacity in pool_caps]
    flow_columns: list[tuple[int, int]] = []
    for class_number, pools in enumerate(class_pools):
        for pool in pools:
            flow_columns.append((class_number, pool))
            columns.append([(class_rows[class_number], 1.0), (pool_rows[pool][0], 1.0)])

    lp = highspy.HighsLp()
    lp.num_col_ = len(columns)
    lp.num_row_ = len(rows_lower)
    objective = [float(p) for p in index.priority] if with_objective else [0.0] * n
    lp.col_cost_ = objective + [0.0] * len(flow_columns)
    lp.col_lower_ = [0.0] * lp.num_col_
    lp.col_upper_ = [1.0] * n + [INF] * len(flow_columns)
    lp.row_lower_ = rows_lower
    lp.row_upper_ = rows_upper
    lp.sense_ = highspy.ObjSense.kMaximize
    starts, indices, values = [0], [], []
    for entries in columns:
        for row, value in entries:
            indices.append(row)
            values.append(value)
        starts.append(len(indices))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = indices
    lp.a_matrix_.value_ = values
    built = BuiltModel(
        lp=lp,
        request_count=n,
        flow_columns=flow_columns,
        scale=scale,
        integer_columns=[],
        share_rows=share_rows,
        cap_rows=cap_rows,
        pool_rows=pool_rows,
    )
    bounds = relax_bounds(built, index, relaxation)
    lp.col_lower_ = bounds.col_lower + [0.0] * len(flow_columns)
    lp.col_upper_ = bounds.col_upper + [INF] * len(flow_columns)
    for row, lower, upper in zip(bounds.rows, bounds.row_lower, bounds.row_upper, strict=True):
        rows_lower[row], rows_upper[row] = lower, upper
    lp.row_lower_ = rows_lower
    lp.row_upper_ = rows_upper
    built.integer_columns = [r for r in range(n) if bounds.integer[r]]
    if built.integer_columns:
        kinds = [highspy.HighsVarType.kContinuous] * lp.num_col_
        for r in built.integer_columns:
            kinds[r] = highspy.HighsVarType.kInteger
        lp.integrality_ = kinds
    return built


@dataclass
class RelaxedBounds:
    col_lower: list[float]  # per request
    col_upper: list[float]
    integer: list[bool]
    rows: list[int]  # the rule rows (shares, caps, pools)
    row_lower: list[float]
    row_upper: list[float]


def relax_bounds(built: BuiltModel, index: ScenarioIndex, relaxation: Relaxation) -> RelaxedBounds:
    """Bounds of the request columns and rule rows with the rules of ``relaxation`` opened up."""
    n = index.count
    must_fund = relaxation.keeps_kind(RuleKind.MUST_FUND)
    must_not = relaxation.keeps_kind(RuleKind.MUST_NOT_FUND)
    lower = [
        1.0 if must_fund and index.must_fund[r] and relaxation.keeps(RuleRef(RuleKind.MUST_FUND, index.ids[r])) else 0.0
        for r in range(n)
    ]
    upper = [
        0.0
        if must_not and index.must_not_fund[r] and relaxation.keeps(RuleRef(RuleKind.MUST_NOT_FUND, index.ids[r]))
        else 1.0
        for r in range(n)
    ]
    indivisible = relaxation.keeps_kind(RuleKind.INDIVISIBLE)
    integer = [indivisible and not index.divisible[r] for r in range(n)]
    rows, row_lower, row_upper = [], [], []
    for rule, row in zip(index.share_rules, built.share_rows, strict=True):
        rows.append(row)
        row_lower.append(0.0 if relaxation.keeps(rule.ref) else -INF)
        row_upper.append(INF)
    cap_kept = relaxation.keeps_kind(RuleKind.COUNTRY_CAP)
    money_kept = relaxation.keeps_kind(RuleKind.MONEY)
    for kept, pairs in ((cap_kept, built.cap_rows), (money_kept, built.pool_rows)):
        for row, cap in pairs:
            rows.append(row)
            row_lower.append(-INF)
            row_upper.append(cap if kept else INF)
    return RelaxedBounds(lower, upper, integer, rows, row_lower, row_upper)


class FeasibilityChecker:
    """Answers "is the model without these rules feasible?" quickly, for explanations.

    One HiGHS instance per structure (earmarks kept or pooled) is loaded once; each question only
    changes bounds, which also lets HiGHS start from its previous basis.
    """

    def __init__(self, index: ScenarioIndex):
        self.index = index
        self._loaded: dict[bool, tuple[BuiltModel, highspy.Highs]] = {}

    def _instance(self, earmarks_kept: bool) -> tuple[BuiltModel, highspy.Highs]:
        if earmarks_kept not in self._loaded:
            relaxation = Relaxation() if earmarks_kept else Relaxation(frozenset({RuleRef(RuleKind.EARMARKS)}))
            built = build_model(self.index, relaxation, with_objective=False)
            highs = new_highs()
            highs.passModel(built.lp)
            highs.setOptionValue("presolve", "off")
            highs.setOptionValue("mip_rel_gap", 1.0)  # any feasible point answers the question
            self._loaded[earmarks_kept] = (built, highs)
        return self._loaded[earmarks_kept]

    def feasible(self, dropped: frozenset[RuleRef], *, time_limit: float) -> bool | None:
        """True or False; ``None`` when the time ran out before an answer."""
        built, highs = self._instance(RuleRef(RuleKind.EARMARKS) not in dropped)
        bounds = relax_bounds(built, self.index, Relaxation(dropped))
        n = self.index.count
        if n:
            columns = list(range(n))
            highs.changeColsBounds(n, columns, bounds.col_lower, bounds.col_upper)
            kinds = [
                highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous for flag in bounds.integer
            ]
            highs.changeColsIntegrality(n, columns, kinds)
        if bounds.rows:
            highs.changeRowsBounds(len(bounds.rows), bounds.rows, bounds.row_lower, bounds.row_upper)
        highs.setOptionValue("time_limit", max(0.05, time_limit))
        highs.run()
        status = highs.getModelStatus()
        if status in (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return False
        if status in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kModelEmpty):
            return True
        return True if highs.getInfo().primal_solution_status == 2 else None


_banner_lock = threading.Lock()
_banner_shown = False


def new_highs() -> highspy.Highs:
    """A silent HiGHS instance.

    HiGHS prints its banner from C on standard output when the first instance is made; commands
    print JSON there, so the first construction runs with file descriptor 1 pointed at /dev/null.
    """
    global _banner_shown
    with _banner_lock:
        if not _banner_shown:
            _banner_shown = True
            with _stdout_silenced():
                highs = highspy.Highs()
        else:
            highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    return highs


@contextlib.contextmanager
def _stdout_silenced():
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):  # no real descriptor (embedded, captured): nothing to protect
        yield
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
        yield
        with contextlib.suppress(Exception):
            ctypes.CDLL(None).fflush(None)
    finally:
        os.dup2(saved, 1)
        os.close(saved)


_STATUS = {
    highspy.HighsModelStatus.kOptimal: "optimal",
    highspy.HighsModelStatus.kInfeasible: "infeasible",
    # Every variable is bounded (fractions by 1, draws by costs), so "unbounded or infeasible" is infeasible.
    highspy.HighsModelStatus.kUnboundedOrInfeasible: "infeasible",
    highspy.HighsModelStatus.kTimeLimit: "time_limit",
    highspy.HighsModelStatus.kInterrupt: "cancelled",
    highspy.HighsModelStatus.kModelEmpty: "optimal",
}


def run_highs(
    model: BuiltModel,
    *,
    time_limit: float,
    mip_gap: float,
    relax: bool = False,
    start: tuple[list[float], dict[tuple[int, int], float]] | None = None,
    monitor: Monitor | None = None,
    phase: str = "mip",
) -> SolverRun:
    """Solve ``model`` (its linear relaxation when ``relax``) within ``time_limit`` seconds.

    ``start`` is a feasible solution (fractions, flows) HiGHS starts from, so that the plan it
    returns is never worse than it. ``monitor`` receives progress and may cancel.
    """
    highs = new_highs()
    lp = model.lp
    if relax and model.integer_columns:
        saved = lp.integrality_
        lp.integrality_ = []
        highs.passModel(lp)
        lp.integrality_ = saved
    else:
        highs.passModel(lp)
    highs.setOptionValue("time_limit", max(0.05, float(time_limit)))
    highs.setOptionValue("mip_rel_gap", float(mip_gap))
    highs.setOptionValue("random_seed", 0)
    # Presolve finds little to remove in this already compact model, yet on 10,000 requests it ran
    # for seconds without looking at the time limit or the cancel hook; the solve is faster and
    # stays responsive without it.
    highs.setOptionValue("presolve", "off")
    if start is not None and not relax:
        fractions, flows = start
        values = list(fractions) + [flows.get(column, 0.0) / model.scale for column in model.flow_columns]
        highs.setSolution(len(values), list(range(len(values))), values)
    if monitor is not None:

        def poll(event) -> None:
            monitor.poll(phase, event)

        highs.cbMipInterrupt += poll
        highs.cbSimplexInterrupt += poll
        highs.cbIpmInterrupt += poll
    root: list[float] = []
    if model.integer_columns and not relax:

        def at_root(event) -> None:
            data = event.data_out
            if int(data.mip_node_count) <= 0 and math.isfinite(data.mip_dual_bound):
                root[:] = [float(data.mip_dual_bound)]  # the root bound tightens as cuts are added

        highs.cbMipInterrupt += at_root
    started = time.monotonic()
    highs.run()
    seconds = time.monotonic() - started
    if monitor is not None and monitor.error is not None:
        raise monitor.error
    model_status = highs.getModelStatus()
    status = _STATUS.get(model_status)
    if status is None:
        raise RuntimeError(f"HiGHS stopped with {highs.modelStatusToString(model_status)}")
    info = highs.getInfo()
    is_mip = bool(model.integer_columns) and not relax
    has_solution = info.primal_solution_status == 2 or model_status == highspy.HighsModelStatus.kModelEmpty
    run = SolverRun(status=status, has_solution=has_solution, seconds=seconds)
    if is_mip:
        run.nodes = int(info.mip_node_count)
        if math.isfinite(info.mip_dual_bound) and abs(info.mip_dual_bound) < INF:
            run.bound = float(info.mip_dual_bound)
        if root and abs(root[0]) < INF:
            run.root_bound = root[0] if run.bound is None or int(info.mip_node_count) > 0 else run.bound
    if has_solution:
        values = list(highs.getSolution().col_value)
        n = model.request_count
        run.fractions = values[:n]
        run.flows = {column: values[n + k] * model.scale for k, column in enumerate(model.flow_columns)}
        run.objective = float(info.objective_function_value)
        if not is_mip and status == "optimal":
            run.bound = run.objective
    return run
