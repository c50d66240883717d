"""Helpers for scenario users, used inside the locust process only."""

from __future__ import annotations

import itertools
import json
import os
from functools import cache
from typing import Any


@cache
def data() -> dict[str, Any]:
    """What loadtest.prepare wrote: the servers' addresses, tokens, each scenario's prepared data."""
    with open(os.environ["LOADTEST_DATA"], encoding="utf-8") as stream:
        return json.load(stream)


class Servers:
    """Round robin over the app servers, per user: consecutive requests of one user go to different
    servers, as behind a load balancer without sticky sessions."""

    def __init__(self, offset: int) -> None:
        hosts = data()["hosts"]
        self._next = itertools.cycle(hosts[offset % len(hosts) :] + hosts[: offset % len(hosts)])

    def url(self, path: str) -> str:
        return next(self._next) + path


_user_numbers = itertools.count()


def next_user_number() -> int:
    return next(_user_numbers)


COUNTERS: dict[str, dict[str, int]] = {}


def count(scenario: str, what: str, by: int = 1) -> None:
    """A scenario's own figure for the summary (e.g. allocations accepted / refused)."""
    bucket = COUNTERS.setdefault(scenario, {})
    bucket[what] = bucket.get(what, 0) + by
