"""API: obtain a token, and see who you are."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import Throttled

from . import services
from .access import requires
from .permissions import VIEW_PROFILE
from .throttling import SharedRateThrottle, sign_in_attempt

router = Router(tags=["auth"])


class TokenIn(Schema):
    # Django's usernames have at most 150 characters; a password is hashed, never stored, and a pass
    # phrase of a few hundred characters must still work.
    username: str = Field(max_length=150)
    password: str = Field(max_length=4_096)


class TokenOut(Schema):
    token: str
    expires_at: dt.datetime | None


class RoleOut(Schema):
    role: str
    country: str | None
    organisation: str | None


class MeOut(Schema):
    username: str
    full_name: str
    roles: list[RoleOut]


# Slows password guessing: a client address gets this many attempts a minute, counted in the shared
# cache so that the limit holds across app servers (Redis in production, see docs/operations.md).
TOKEN_ATTEMPTS_PER_MINUTE = 20


@router.post(
    "/token",
    auth=None,
    response={200: TokenOut, 401: dict[str, str]},
    throttle=[SharedRateThrottle(f"{TOKEN_ATTEMPTS_PER_MINUTE}/m", scope="api-token")],
    summary="Obtain an API token",
)
def obtain_token(request: HttpRequest, payload: TokenIn):
    """Exchange a username and password for a bearer token (valid 90 days); rate-limited per client
    address and per account (429), like the sign-in forms: the account's limit counts failed attempts
    only, so a script that signs in often is never locked out."""
    attempt = sign_in_attempt(None, payload.username)  # the address is limited by the endpoint's throttle
    if attempt.wait is not None:
        raise Throttled(attempt.wait)
    try:
        token, raw_key = services.api_token_issue(username=payload.username, password=payload.password, request=request)
    except PermissionDenied as exc:
        return 401, {"detail": str(exc)}
    attempt.succeeded()
    return {"token": raw_key, "expires_at": token.expires_at}


@router.get("/me", response=MeOut, summary="The signed-in user and their roles")
@requires(VIEW_PROFILE)
def me(request: HttpRequest):
    user = request.user
    return {
        "username": user.username,
        "full_name": user.get_full_name(),
        "roles": [
            {
                "role": a.role,
                "country": a.country_id,
                "organisation": a.organisation.code if a.organisation else None,
            }
            for a in user.role_assignments.select_related("organisation")
        ],
    }
