"""Speed of the request queue with 100,000 requests: queue page, list endpoint, overlap detection.

Run: .venv/bin/python bench/bench_assistance.py [--requests 100000] [--repeat 30]

Builds a throw-away SQLite database under /tmp (migrate, reference data, demo accounts, bulk requests
through the demo's bulk loader), then measures with Django's test Client: median and 95th percentile
times and query counts of the queue page and of GET /api/requests for page sizes 25 and 100 (the query
count must not grow with the rows shown), and the time of overlap detection for a new request. Ratios
are against a baseline measured in the same run: one plain query of 50 primary keys.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from benchdb import bench_database

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, repeat: int) -> list[float]:
    function()  # warm-up (templates, caches)
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    workdir, setup_seconds = bench_database()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tcdesk.accounts.models import User
    from tcdesk.assistance import selectors, services
    from tcdesk.assistance.demo import bulk_requests
    from tcdesk.assistance.models import AssistanceRequest
    from tcdesk.core.demo import load_demo as load_accounts

    started = time.perf_counter()
    load_accounts(seed=1, scale=1, progress=lambda *a: None)
    setup_seconds += time.perf_counter() - started
    started = time.perf_counter()
    bulk_requests(count=args.requests, seed=60175)
    load_seconds = time.perf_counter() - started
    total = AssistanceRequest.objects.count()
    print(f"database: {workdir / 'bench.sqlite3'} (SQLite); setup {setup_seconds:.1f} s")
    print(f"requests: {total:,} created in {load_seconds:.1f} s ({total / load_seconds:,.0f}/s)")

    officer = User.objects.get(username="officer")
    client = Client()
    client.force_login(officer)

    def baseline():
        list(AssistanceRequest.objects.values_list("pk")[:50])

    base = statistics.median(timed(baseline, args.repeat * 3))
    rows = []

    def measure(label: str, url: str, params: dict) -> None:
        def call():
            response = client.get(url, params)
            assert response.status_code == 200, (url, response.status_code)

        times = timed(call, args.repeat)
        with CaptureQueriesContext(connection) as ctx:
            call()
        median = statistics.median(times)
        rows.append((label, median, percentile(times, 0.95), len(ctx), median / base))

    for size in (25, 100):
        measure(f"queue page, {size} rows", "/requests/", {"per_page": size})
    measure(
        "queue page, 100 rows, filtered LDC+open", "/requests/", {"per_page": 100, "group": "LDC", "status": "open"}
    )
    for size in (25, 100):
        measure(f"GET /api/requests, {size} rows", "/api/requests", {"page_size": size})

    # Overlap detection per new request (the request's State has ~8,000 requests in the database).
    mali_focal = User.objects.get(username="focal-MLI")
    overlap_times = []
    for index in range(10):
        new = services.request_create(
            actor=mali_focal,
            country_iso3="MLI",
            title=f"Formation des juges d'instruction aux affaires de terrorisme {index}",
            requesting_authority="Ministère de la Justice",
            description="Formation des procureurs et des juges d'instruction aux affaires de terrorisme.",
            assistance_types=["training_judges"],
            theme_codes=["terrorism"],
        )
        start = time.perf_counter()
        matches = selectors.overlaps_for(new, officer)
        overlap_times.append((time.perf_counter() - start) * 1000)
    candidates = AssistanceRequest.objects.filter(country_id="MLI").count()
    with CaptureQueriesContext(connection) as ctx:
        selectors.overlaps_for(new, officer)
    median = statistics.median(overlap_times)
    rows.append(
        (
            f"overlap detection, 1 new request (MLI: {candidates:,})",
            median,
            percentile(overlap_times, 0.95),
            len(ctx),
            median / base,
        )
    )

    print(f"baseline: 50 primary keys in one query, median {base:.3f} ms")
    print(f"{'measure':<52} {'median ms':>10} {'p95 ms':>9} {'queries':>8} {'× baseline':>11}")
    for label, med, p95, queries, ratio in rows:
        print(f"{label:<52} {med:>10.1f} {p95:>9.1f} {queries:>8} {ratio:>11.0f}")
    print(f"top overlap for the last request: {matches[0]['label'] if matches else '—'}")


if __name__ == "__main__":
    main()
