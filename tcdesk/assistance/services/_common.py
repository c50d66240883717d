"""What the services of the assistance app share: the stale-version error, the logger, and who may act."""

from __future__ import annotations

import logging

from tcdesk.accounts.rules import allows, require

from .. import workflow
from ..models import AssistanceRequest
from ..permissions import ACT_FOR_PROGRAMME, ACT_FOR_STATE, CHANGE_REQUEST

logger = logging.getLogger(__package__)


class StaleVersion(Exception):  # noqa: N818 - reads as the condition it reports
    """The request changed since the caller read it (another transition won)."""

    def __init__(self, current: int) -> None:
        super().__init__(current)
        self.current = current


# ---------------------------------------------------------------------------------------------- actors


def actor_kinds(user, ta_request: AssistanceRequest | None = None, country_iso3: str | None = None) -> set[str]:
    """The workflow actor kinds a user has for a request (or for a State): the programme's side
    (`ACT_FOR_PROGRAMME`), the State's side (`ACT_FOR_STATE`, its own State only)."""
    iso3 = ta_request.country_id if ta_request is not None else country_iso3
    kinds: set[str] = set()
    if allows(user, ACT_FOR_PROGRAMME, country=iso3):
        kinds.add(workflow.OFFICER)
    if iso3 and allows(user, ACT_FOR_STATE, country=iso3):
        kinds.add(workflow.STATE)
    return kinds


def _require_change(user, ta_request: AssistanceRequest) -> None:
    require(user, CHANGE_REQUEST, country=ta_request.country_id)
