"""Writes of the accounts app: tokens and role assignments."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import SCOPED_ROLES, Role
from .models import ApiToken, RoleAssignment, User

TOKEN_LIFETIME = dt.timedelta(days=90)


# A user keeps at most this many tokens: issuing one more removes the oldest (scripts that ask for a
# token on every run would otherwise add a row each time, forever).
MAX_TOKENS_PER_USER = 20


@transaction.atomic
def api_token_issue(*, username: str, password: str, name: str = "", request=None) -> tuple[ApiToken, str]:
    """Check the credentials and issue a new API token; returns the token row and the raw key (shown once)."""
    user = authenticate(request, username=username, password=password)
    if user is None or not user.is_active:
        raise PermissionDenied(_("Invalid username or password."))
    return api_token_create(user=user, name=name or "api")


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new named token for a signed-in user (from the profile page); the user's expired tokens and
    those past MAX_TOKENS_PER_USER (oldest first) are removed. Returns the row and the raw key."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Name the token (what will use it).")]})
    if len(name) > 100:
        raise ValidationError({"name": [_("At most 100 characters.")]})
    raw_key = "tcd_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_prefix=raw_key[:12],
        key_hash=ApiToken.hash_key(raw_key),
        expires_at=timezone.now() + TOKEN_LIFETIME,
        password_fingerprint=user.get_session_auth_hash(),
    )
    ApiToken.objects.filter(user=user, expires_at__lte=timezone.now()).delete()
    keep = ApiToken.objects.filter(user=user).order_by("-created_at", "-pk").values_list("pk", flat=True)
    ApiToken.objects.filter(user=user).exclude(pk__in=list(keep[:MAX_TOKENS_PER_USER])).delete()
    return token, raw_key


@transaction.atomic
def api_tokens_revoke_all(*, user: User) -> int:
    """Revoke every token of a user (after a password change or reset); returns how many."""
    deleted, _by_model = ApiToken.objects.filter(user=user).delete()
    return deleted


@transaction.atomic
def api_tokens_prune(*, unused_for: dt.timedelta = TOKEN_LIFETIME) -> int:
    """Delete expired tokens, tokens issued under a password since changed, and tokens unused for
    `unused_for`; returns how many (`tcdesk prune_api_tokens`)."""
    now = timezone.now()
    stale = (
        ApiToken.objects.filter(expires_at__lte=now)
        | ApiToken.objects.filter(last_used_at__lt=now - unused_for)
        | ApiToken.objects.filter(last_used_at__isnull=True, created_at__lt=now - unused_for)
    )
    pks = set(stale.values_list("pk", flat=True))
    for token in ApiToken.objects.select_related("user").exclude(pk__in=pks).iterator():
        if token.password_fingerprint and not token.matches_password_of(token.user):
            pks.add(token.pk)
    deleted, _by_model = ApiToken.objects.filter(pk__in=pks).delete()
    return deleted


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    """Revoke a token: it stops authenticating at once."""
    token.delete()


@transaction.atomic
def role_assign(
    *, user: User, role: str, country_id: str | None = None, organisation_id: int | None = None
) -> RoleAssignment:
    """Give a user a role; focal points need a State, donors a State or an organisation."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role “%(role)s”.") % {"role": role}})
    if role == Role.STATE_FOCAL_POINT and not country_id:
        raise ValidationError({"country": _("A State focal point must act for a State.")})
    if role == Role.DONOR and not (country_id or organisation_id):
        raise ValidationError({"country": _("A donor must act for a State or an organisation.")})
    if role not in SCOPED_ROLES and (country_id or organisation_id) and role != Role.PROGRAMME_OFFICER:
        # Officers may be attached to an office; other unscoped roles act for the whole programme.
        raise ValidationError({"role": _("This role does not take a scope.")})
    scope: dict[str, Any] = {"country_id": country_id, "organisation_id": organisation_id}
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, role=role, **scope)
    user.forget_roles()
    return assignment


@transaction.atomic
def user_language_set(*, user: User, language: str) -> User:
    """Record the language a user reads tcdesk in (pages, e-mails, generated files); "" follows the browser."""
    from django.conf import settings

    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": [_("Choose one of the languages offered.")]})
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user
