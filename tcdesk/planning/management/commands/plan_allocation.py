"""tcdesk plan_allocation (--input FILE | --scenario NAME) [--time-limit S] [--mip-gap G] --json: solve a scenario.

The scenario is the JSON document of issue 12 (currency, requests, sources, policy), read without the
database; --scenario NAME solves a stored scenario instead (read, not changed; request ids are the
requests' numbers, source ids their keys). Nothing is written. With --json one document is printed
on standard output (status, objective, bound, gap, greedy_objective, funded, unfunded, …); progress
goes to standard error. Bad
input exits non-zero with one line per problem, each naming the field, and prints nothing on
standard output. An infeasible scenario is an answer, not an error: status "infeasible" and the
conflicting rules, exit status 0.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tcdesk.planning.optimiser import (
    DEFAULT_MIP_GAP,
    DEFAULT_TIME_LIMIT,
    PlanResult,
    Progress,
    Scenario,
    ScenarioError,
    scenario_from_dict,
    solve,
)


def read_scenario_file(path: str) -> Scenario:
    """The scenario in ``path``, or a ``CommandError`` naming the file and every bad field."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"--input: {path}: no such file (or not a regular file).")
    try:
        # parse_float=Decimal keeps amounts written as JSON numbers exact.
        data = json.loads(file.read_text(encoding="utf-8"), parse_float=Decimal)
    except UnicodeDecodeError:
        raise CommandError(f"--input: {path}: not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"--input: {path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    try:
        return scenario_from_dict(data)
    except ScenarioError as exc:
        lines = "\n".join(f"  {error}" for error in exc.errors)
        count = len(exc.errors)
        raise CommandError(f"--input: {path}: {count} problem{'s' if count > 1 else ''}:\n{lines}") from None


def stored_scenario(name: str) -> Scenario:
    """The stored scenario called ``name`` (its requests, its sources valid today and its rules), or a
    ``CommandError`` naming it when there is none or it does not make a valid scenario."""
    from tcdesk.planning.models import Scenario as StoredScenario
    from tcdesk.planning.selectors import optimiser_scenario

    stored = StoredScenario.objects.filter(name=name).first()
    if stored is None:
        known = ", ".join(StoredScenario.objects.order_by("name").values_list("name", flat=True)[:10]) or "none"
        raise CommandError(f"--scenario {name}: no stored scenario has this name (known: {known}).")
    try:
        return optimiser_scenario(stored)
    except ScenarioError as exc:
        lines = "\n".join(f"  {error}" for error in exc.errors)
        raise CommandError(f"--scenario {name}: the stored scenario is not valid:\n{lines}") from None


def _positive_float(option: str, value: str, *, allow_zero: bool = False) -> float:
    try:
        number = float(value)
    except ValueError:
        raise CommandError(f"{option}: '{value}' is not a number.") from None
    if not (number >= 0 if allow_zero else number > 0) or number != number or number == float("inf"):
        raise CommandError(f"{option}: must be {'zero or more' if allow_zero else 'greater than zero'}, got {value}.")
    return number


class Command(BaseCommand):
    help = (
        "Solve a funding scenario (which requests to fund from which money) and print the plan, "
        "the greedy plan's objective and why each unfunded request is unfunded. Nothing is stored."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--input", metavar="FILE", help="A scenario as JSON (see issue 12 for the shape).")
        source.add_argument("--scenario", metavar="NAME", help="A stored scenario.")
        parser.add_argument(
            "--time-limit",
            default=str(DEFAULT_TIME_LIMIT),
            metavar="SECONDS",
            help=f"Stop the solve after this many seconds with the best plan found (default {DEFAULT_TIME_LIMIT:g}).",
        )
        parser.add_argument(
            "--mip-gap",
            default=str(DEFAULT_MIP_GAP),
            metavar="GAP",
            help=f"Relative gap at which a plan counts as optimal; 0 proves the optimum (default {DEFAULT_MIP_GAP:g}).",
        )
        parser.add_argument("--json", action="store_true", help="Print the result as one JSON document.")

    def handle(self, *args, **options):
        time_limit = _positive_float("--time-limit", options["time_limit"])
        mip_gap = _positive_float("--mip-gap", options["mip_gap"], allow_zero=True)
        scenario = read_scenario_file(options["input"]) if options["input"] else stored_scenario(options["scenario"])
        result = solve(
            scenario,
            time_limit=time_limit,
            mip_gap=mip_gap,
            on_progress=self._progress_printer(options["verbosity"]),
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            self._print_summary(result)

    def _progress_printer(self, verbosity: int):
        """Phases on standard error, and during the solve a line every few seconds."""
        last: dict[str, float] = {}

        def report(progress: Progress) -> None:
            if verbosity < 1:
                return
            if progress.phase in ("lp", "mip") and progress.objective is None and progress.bound is None:
                return  # the solver has no figures yet
            now = time.monotonic()
            if progress.phase in last and now - last[progress.phase] < 5:
                return
            last[progress.phase] = now
            figures = []
            if progress.objective is not None:
                figures.append(f"objective {progress.objective:.6g}")
            if progress.bound is not None:
                figures.append(f"bound {progress.bound:.6g}")
            if progress.gap is not None:
                figures.append(f"gap {progress.gap:.4%}")
            self.stderr.write(f"[{progress.seconds:7.2f}s] {progress.phase}: {', '.join(figures) or '…'}")

        return report

    def _print_summary(self, result: PlanResult) -> None:
        write = self.stdout.write
        write(f"status: {result.status.value}")
        if result.conflict is not None:
            write(result.conflict.message)
        if result.plan is None:
            return
        plan = result.plan
        bound = "—" if result.bound is None else f"{result.bound:.6g}"
        gap = "—" if result.gap is None else f"{result.gap:.4%}"
        greedy = f"{result.greedy.objective:.6g}" + ("" if result.greedy.valid else " (breaks a rule)")
        write(f"objective {result.objective:.6g} (bound {bound}, gap {gap}); greedy {greedy}")
        write(f"funded: {len(plan.funded)} requests, {result.currency} {plan.funded_amount:,.2f}")
        for item in plan.funded:
            draws = ", ".join(f"{draw.source} {draw.amount:,.2f}" for draw in item.draws)
            write(f"  {item.request}: {item.amount:,.2f} ({item.fraction:.0%}) from {draws}")
        write(f"unfunded: {len(plan.unfunded)} requests")
        for item in plan.unfunded:
            write(f"  {item.request}: {item.reason.value} — {item.detail}")
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
