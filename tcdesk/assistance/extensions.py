"""Extension points of the assistance app, filled by higher apps (funds, portfolio) in `AppConfig.ready()`.

- `request_status_changed` (a `Hook`): a technical-assistance request moved along its workflow
  (submitted, accepted, planned, delivered…). Called inside the transition's transaction, after the
  request and its event are saved: a reaction (funds releasing a reservation when a request is
  declined, portfolio opening a project when one is planned) commits or rolls back with it.
- `request_panels` (`Panels`): what higher apps show on a request's page — the projects answering it
  and what they delivered (portfolio), the money allocated to it (funds).
- `queue_status_filters`: more choices of the queue's status filter (page and API), each with the
  queryset filter it applies (funds: "accepted, not yet funded").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tcdesk.core.extension_points import ExtensionPoint, Hook
from tcdesk.core.panels import Panels

if TYPE_CHECKING:
    from .models import AssistanceRequest


@dataclass(frozen=True)
class RequestStatusChanged:
    """A request went from `from_status` to `to_status` by the workflow `action`, taken by `actor` at `at`."""

    ta_request: AssistanceRequest
    action: str
    from_status: str
    to_status: str
    actor: Any
    at: dt.datetime


request_status_changed: Hook[RequestStatusChanged] = Hook(
    "assistance.request_status_changed", "A request changed status (inside the transition's transaction)."
)

request_panels: Panels[AssistanceRequest] = Panels(
    "assistance.request_panels", "What answers a request (projects, delivery; funds: its funding), per user."
)


@dataclass(frozen=True)
class QueueFilter:
    """A choice of the queue's status filter contributed by a higher app: `apply(queryset)` narrows it."""

    code: str
    label: Any  # a lazy translation
    apply: Callable[[Any], Any]


queue_status_filters: ExtensionPoint[QueueFilter] = ExtensionPoint(
    "assistance.queue_status_filters", "More choices of the request queue's status filter (funds: not yet funded)."
)
