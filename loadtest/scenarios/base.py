"""What a load-test scenario is: a kind of user, its share of the users, what it needs prepared in the
database before the load, and what it checks afterwards.

A scenario module defines `SCENARIO = Scenario(...)`. This module imports neither Django nor locust:
`prepare` and `verify` run in a process with Django set up (loadtest.prepare, loadtest.verify), and
`user_class` runs in the locust process (loadtest.locustfile), which imports locust itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Scenario:
    name: str
    weight: int  # share of the simulated users
    user_class: Callable[[], type]  # builds the locust HttpUser subclass (imports locust lazily)
    prepare: Callable[[], dict[str, Any]] | None = None  # Django set up; JSON-able data for the users
    verify: Callable[[dict[str, Any]], list[str]] | None = None  # Django set up, after the load; problems
    report: Callable[[dict[str, int]], str] | None = None  # summary words from the users' counters
    description: str = ""
