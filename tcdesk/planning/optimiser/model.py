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

A ``Relaxation`` drops rules (for explanations of infeasibility): each dropped ``RuleRef`` is left
out, ``money`` lifts the pool amounts, ``earmarks`` lets every pool fund every request.
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


@dataclass
class SolverRun:
    """What HiGHS returned, in the model's terms (f per request, z per (class, pool))."""

    status: str  # optimal | infeasible | time_limit | cancelled
    has_solution: bool
    fractions: list[float] = field(default_factory=list)
    flows: dict[tuple[int, int], float] = field(default_factory=dict)
    objective: float | None = None
    bound: float | None = None
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
    """The HiGHS model of ``index`` without the rules in ``relaxation``."""
    scale = _money_scale(index)
    n = index.count
    keep_money = relaxation.keeps_kind(RuleKind.MONEY)
    keep_earmarks = relaxation.keeps_kind(RuleKind.EARMARKS)
    keep_integrality = relaxation.keeps_kind(RuleKind.INDIVISIBLE)
    if keep_earmarks:
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
    lower = [0.0] * n
    upper = [1.0] * n
    for r in range(n):
        if request_class[r] >= 0:
            columns[r].append((class_rows[request_class[r]], -cost[r]))
        else:  # no source may fund it: f_r = 0 (a row, so that a must-fund makes the model infeasible)
            columns[r].append((new_row(0.0, 0.0), 1.0))
        if index.must_fund[r] and relaxation.keeps(RuleRef(RuleKind.MUST_FUND, index.ids[r])):
            lower[r] = 1.0
        if index.must_not_fund[r] and relaxation.keeps(RuleRef(RuleKind.MUST_NOT_FUND, index.ids[r])):
            upper[r] = 0.0

    for rule, weights in zip(index.share_rules, index.weights, strict=True):
        if not relaxation.keeps(rule.ref):
            continue
        row = new_row(0.0, INF)
        for r in range(n):
            if weights[r]:
                columns[r].append((row, weights[r] / rule.scale * cost[r]))
    if index.country_cap is not None and relaxation.keeps_kind(RuleKind.COUNTRY_CAP):
        cap = index.country_cap / 100 / scale
        by_country: dict[str, list[int]] = {}
        for r, request in enumerate(index.scenario.requests):
            by_country.setdefault(request.country, []).append(r)
        for members in by_country.values():
            if sum(index.cost[r] for r in members) > index.country_cap:
                row = new_row(-INF, cap)
                for r in members:
                    columns[r].append((row, cost[r]))

    pool_rows = [new_row(-INF, capacity) for capacity in pool_caps] if keep_money else []
    flow_columns: list[tuple[int, int]] = []
    for class_number, pools in enumerate(class_pools):
        for pool in pools:
            entries = [(class_rows[class_number], 1.0)]
            if keep_money:
                entries.append((pool_rows[pool], 1.0))
            flow_columns.append((class_number, pool))
            columns.append(entries)

    lp = highspy.HighsLp()
    lp.num_col_ = len(columns)
    lp.num_row_ = len(rows_lower)
    objective = [float(p) for p in index.priority] if with_objective else [0.0] * n
    lp.col_cost_ = objective + [0.0] * len(flow_columns)
    lp.col_lower_ = lower + [0.0] * len(flow_columns)
    lp.col_upper_ = upper + [INF] * len(flow_columns)
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
    integer_columns = [r for r in range(n) if keep_integrality and not index.divisible[r]] if n else []
    if integer_columns:
        kinds = [highspy.HighsVarType.kContinuous] * lp.num_col_
        for r in integer_columns:
            kinds[r] = highspy.HighsVarType.kInteger
        lp.integrality_ = kinds
    return BuiltModel(lp=lp, request_count=n, flow_columns=flow_columns, scale=scale, integer_columns=integer_columns)


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
    if has_solution:
        values = list(highs.getSolution().col_value)
        n = model.request_count
        run.fractions = values[:n]
        run.flows = {column: values[n + k] * model.scale for k, column in enumerate(model.flow_columns)}
        run.objective = float(info.objective_function_value)
        if not is_mip and status == "optimal":
            run.bound = run.objective
    return run
