"""The scenarios of the load test, in the order they are reported.

Each name is a module of this package defining `SCENARIO` (see base.py). Adding a kind of user is
adding its module and its name here.
"""

from __future__ import annotations

import importlib

from .base import Scenario

SCENARIOS: list[str] = [
    "visitor",  # anonymous open-data readers
    "officer",  # programme officers working the request queue in the browser
    "focal_point",  # State focal points submitting requests with attachments through the API
    "fund_manager",  # fund managers allocating from one small fund at once: never overdrawn
    "open_data",  # anonymous visitors of the public pages (/open/) and aggregators polling the IATI feed
]


def load_scenarios(names: list[str] | None = None) -> list[Scenario]:
    return [importlib.import_module(f"{__name__}.{name}").SCENARIO for name in (names or SCENARIOS)]
