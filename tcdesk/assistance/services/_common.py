"""What the services of the assistance app share: the stale-version error, the logger, and who may act."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.permissions import has_role

from .. import workflow
from ..models import AssistanceRequest

logger = logging.getLogger(__package__)


class StaleVersion(Exception):  # noqa: N818 - reads as the condition it reports
    """The request changed since the caller read it (another transition won)."""

    def __init__(self, current: int) -> None:
        super().__init__(current)
        self.current = current


# ---------------------------------------------------------------------------------------------- actors


def actor_kinds(user, request: AssistanceRequest | None = None, country_iso3: str | None = None) -> set[str]:
    """The workflow actor kinds a user has for a request (or for a State)."""
    kinds: set[str] = set()
    if has_role(user, Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR):
        kinds.add(workflow.OFFICER)
    iso3 = request.country_id if request is not None else country_iso3
    if iso3 and has_role(user, Role.STATE_FOCAL_POINT) and iso3 in user.scoped_country_codes(Role.STATE_FOCAL_POINT):
        kinds.add(workflow.STATE)
    return kinds


def _require_change(user, request: AssistanceRequest) -> None:
    if not AssistanceRequest.objects.for_user(user, "change").filter(pk=request.pk).exists():
        raise PermissionDenied(_("You may not change this request."))
