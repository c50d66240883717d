"""The locust side of `make loadtest`: one user class per scenario (loadtest/scenarios), plus the
baseline, a static file served by the same servers. When the run ends, each scenario's figures
(requests, failures, median and 95th percentile over all its requests) go to LOADTEST_RESULTS.

The run is bounded by --run-time and by LOADTEST_MAX_REQUESTS requests, whichever comes first.
"""

from __future__ import annotations

import json
import os

import gevent
from locust import HttpUser, between, events, task
from locust.stats import StatsEntry

from loadtest.scenarios import load_scenarios
from loadtest.scenarios.common import COUNTERS, Servers, next_user_number

BASELINE = "static"
SCENARIOS = load_scenarios()
MAX_REQUESTS = int(os.environ.get("LOADTEST_MAX_REQUESTS", "50000"))

for _scenario in SCENARIOS:
    _user = _scenario.user_class()
    _user.weight = _scenario.weight
    globals()[_user.__name__] = _user
del _scenario, _user  # locust collects every user class in this module's namespace: once each


class StaticFile(HttpUser):
    """The baseline: the project's stylesheet, served by WhiteNoise from the same app servers."""

    weight = 2
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.servers = Servers(next_user_number())

    @task
    def stylesheet(self) -> None:
        self.client.get(self.servers.url("/static/tcdesk/tcdesk.css"), name=f"{BASELINE}: stylesheet")


_sent = 0


@events.request.add_listener
def _bound(**_kwargs) -> None:
    global _sent
    _sent += 1
    if _sent == MAX_REQUESTS:
        gevent.spawn(_stop)


def _stop() -> None:
    if _environment is not None and _environment.runner is not None:
        _environment.runner.quit()


_environment = None


@events.init.add_listener
def _remember(environment, **_kwargs) -> None:
    global _environment
    _environment = environment


@events.quitting.add_listener
def _write_results(environment, **_kwargs) -> None:
    results: dict[str, dict] = {}
    for name in [s.name for s in SCENARIOS] + [BASELINE]:
        total = StatsEntry(environment.stats, name, "", use_response_times_cache=False)
        for entry in environment.stats.entries.values():
            if entry.name.startswith(f"{name}: "):
                total.extend(entry)
        results[name] = {
            "requests": total.num_requests,
            "failures": total.num_failures,
            "median_ms": total.median_response_time if total.num_requests else 0,
            "p95_ms": total.get_response_time_percentile(0.95) if total.num_requests else 0,
        }
    errors = [
        {"name": e.name, "method": e.method, "error": str(e.error), "occurrences": e.occurrences}
        for e in environment.stats.errors.values()
    ]
    with open(os.environ["LOADTEST_RESULTS"], "w", encoding="utf-8") as stream:
        json.dump({"scenarios": results, "errors": errors, "counters": COUNTERS}, stream)
