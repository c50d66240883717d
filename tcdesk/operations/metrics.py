"""Prometheus metrics: requests and their latency (counted in each process), and the task queue (read
from the database at each scrape).

Under gunicorn every worker process counts its own requests; `PROMETHEUS_MULTIPROC_DIR` (set by
`tcdesk.operations.gunicorn`) makes prometheus_client keep the counts in files there, and a scrape adds
up every worker's files, so whichever worker answers the scrape reports the whole server.
"""

from __future__ import annotations

import os

from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REQUESTS = Counter(
    "tcdesk_http_requests_total",
    "HTTP requests answered, by method, route pattern and status code.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "tcdesk_http_request_duration_seconds",
    "Time to answer an HTTP request, by method and route pattern.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def observe_request(*, method: str, route: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method=method, route=route, status=str(status)).inc()
    LATENCY.labels(method=method, route=route).observe(seconds)


class TaskQueueCollector(Collector):
    """Tasks waiting in the django-tasks-db queue and the age of the oldest, per queue."""

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        waiting = GaugeMetricFamily(
            "tcdesk_tasks_queued", "Background tasks ready to run and not yet taken by a worker.", labels=["queue"]
        )
        oldest = GaugeMetricFamily(
            "tcdesk_tasks_oldest_queued_age_seconds",
            "Age of the oldest task ready to run and not yet taken by a worker (0 when none wait).",
            labels=["queue"],
        )
        running = GaugeMetricFamily("tcdesk_tasks_running", "Background tasks being run.", labels=["queue"])
        now = timezone.now()
        ready = (
            DBTaskResult.objects.ready()
            .values("queue_name")
            .annotate(n=Count("pk"), oldest=Min("enqueued_at"))
            .order_by("queue_name")
        )
        for row in ready:
            waiting.add_metric([row["queue_name"]], row["n"])
            oldest.add_metric([row["queue_name"]], max(0.0, (now - row["oldest"]).total_seconds()))
        if not waiting.samples:
            waiting.add_metric(["default"], 0)
            oldest.add_metric(["default"], 0)
        busy = DBTaskResult.objects.running().values("queue_name").annotate(n=Count("pk")).order_by("queue_name")
        for row in busy:
            running.add_metric([row["queue_name"]], row["n"])
        yield waiting
        yield oldest
        yield running


def exposition() -> bytes:
    """The text a Prometheus scrape reads: this server's request metrics, then the task queue."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests = CollectorRegistry()
        multiprocess.MultiProcessCollector(requests)
    else:
        from prometheus_client import REGISTRY as requests
    queue = CollectorRegistry()
    queue.register(TaskQueueCollector())
    return generate_latest(requests) + generate_latest(queue)
