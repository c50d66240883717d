"""What the modules of the request API share: the router they add their endpoints to, the request as
the caller may see it, and the answer to a stale version."""

from django.http import HttpRequest
from ninja import Router

from tcdesk.accounts.rules import Action

from .. import selectors, services
from ..models import AssistanceRequest

router = Router(tags=["assistance requests"])


def visible_request(request: HttpRequest, pk: int, action: Action | None = None) -> AssistanceRequest:
    """The request `pk` for `action` (default: read): 404 when the caller may not see it, 403 when the
    caller sees it but may not take the action."""
    return selectors.get_request_for_user(request.user, pk, action)


def stale_answer(stale: services.StaleVersion) -> tuple[int, dict]:
    """409 with the version to read again: the request changed since the caller read it."""
    return 409, {"detail": "The request changed since you read it.", "current_version": stale.current}
