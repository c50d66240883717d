"""API authentication: bearer tokens for programs, the session (with CSRF) for the browser."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        api_token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(token)).first()
        if api_token is None or not api_token.is_valid() or not api_token.user.is_active:
            return None
        if not api_token.matches_password_of(api_token.user):  # the password changed since: revoked
            return None
        # Touch last_used_at at most once a minute to keep reads cheap.
        now = timezone.now()
        if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


class Anonymous:
    """Lets an endpoint answer anonymous callers (open data) while still recognising signed-in ones."""

    def __call__(self, request: HttpRequest):
        return True


bearer = BearerToken()


class BrowserSession(SessionAuth):
    """The browser session, with CSRF checks on unsafe methods once there is a session to protect.

    Without a signed-in session there is nothing for a forged request to ride on: the caller is
    simply not authenticated (401), rather than told that a CSRF check failed (403).
    """

    def __call__(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


session = BrowserSession()
api_auth = [bearer, session]
public_auth = [bearer, session, Anonymous()]
