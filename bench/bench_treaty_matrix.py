"""Time of the full treaty matrix (all States × all instruments, as at a date) and of the matrix page.

Run: .venv/bin/python bench/bench_treaty_matrix.py [--repeat 30] [--as-of 2025-01-01]

Standalone: a temporary SQLite file under /tmp, migrations, the shipped reference data and the
treaties demo data (instruments, the real status tables of treaties/data/status, synthetic
participation only for instruments without real data). Prints the time per
matrix (median, p95) and its query count, the same for the matrix page through Django's test
Client, and the ratio to a baseline measured in the same run: one plain query fetching every
participation action.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

from benchdb import bench_database

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _measure(function, repeat: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()  # warm-up
    with CaptureQueriesContext(connection) as queries:
        function()
    count = len(queries.captured_queries)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--as-of", default="2025-01-01")
    args = parser.parse_args()

    workdir, setup_seconds = bench_database()
    from django.test import Client

    from tcdesk.accounts.choices import Role
    from tcdesk.accounts.models import User
    from tcdesk.accounts.services import role_assign
    from tcdesk.core.models import Country
    from tcdesk.treaties import demo, selectors
    from tcdesk.treaties.models import Instrument, ParticipationAction

    started = time.perf_counter()
    demo_summary = demo.load_demo(seed=60175, scale=1)
    setup_seconds += time.perf_counter() - started

    as_of = dt.date.fromisoformat(args.as_of)
    states = Country.objects.count()
    instruments = Instrument.objects.count()
    actions = ParticipationAction.objects.count()

    def full_matrix():
        return selectors.status_matrix(as_of, Country.objects.all(), Instrument.objects.all())

    def baseline():
        return list(ParticipationAction.objects.values_list("instrument_id", "country_id", "action", "date"))

    matrix_times, matrix_queries = _measure(full_matrix, args.repeat)
    base_times, base_queries = _measure(baseline, args.repeat)

    user = User.objects.create_user(username="bench-reader", password="x")
    role_assign(user=user, role=Role.PROGRAMME_OFFICER)
    client = Client()
    client.force_login(user)
    url = f"/treaties/matrix/?as_of={as_of.isoformat()}"

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    page_times, page_queries = _measure(page, max(5, args.repeat // 3))
    parties = sum(1 for cell in full_matrix().cells.values() if cell.status == "party")

    med = statistics.median
    print(f"setup (migrate, reference data, treaties demo): {setup_seconds:.1f} s; demo: {demo_summary['synthetic']}")
    print(f"data: {states} States x {instruments} instruments, {actions} actions; {parties} party cells on {as_of}")
    print(
        f"matrix (selectors.status_matrix): median {med(matrix_times) * 1000:.1f} ms, "
        f"p95 {_percentile(matrix_times, 0.95) * 1000:.1f} ms, {matrix_queries} queries"
    )
    print(
        f"baseline (one query fetching all actions): median {med(base_times) * 1000:.1f} ms, "
        f"{base_queries} query; matrix/baseline = {med(matrix_times) / med(base_times):.1f}x"
    )
    print(
        f"matrix page (GET {url}): median {med(page_times) * 1000:.1f} ms, "
        f"p95 {_percentile(page_times, 0.95) * 1000:.1f} ms, {page_queries} queries; "
        f"page/baseline = {med(page_times) / med(base_times):.1f}x"
    )


if __name__ == "__main__":
    main()
