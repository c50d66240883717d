"""Users, their roles and scopes, and API tokens."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import permissions
from .choices import Role
from .rules import ScopedQuerySet


class User(AbstractUser):
    """A person who signs in to tcdesk. What they may do comes from their role assignments."""

    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def role_codes(self) -> set[str]:
        """The user's roles (administrator for a superuser), read once per user object."""
        from .rules import roles_of

        return roles_of(self)

    def forget_roles(self) -> None:
        """Drop the roles read on this object (after they change)."""
        self._rule_assignments = None

    def scoped_country_codes(self, role: str) -> set[str]:
        return set(self.role_assignments.filter(role=role, country__isnull=False).values_list("country_id", flat=True))


class RoleAssignment(models.Model):
    """One role held by a user, with its scope: the State, organisation or donor the user acts for."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    country = models.ForeignKey(
        "core.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("State"),
        help_text=_("The State a focal point or donor acts for."),
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The organisation a user or donor acts for."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            # NULL scopes compare unequal in SQL, so each scope shape gets its own constraint.
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(country__isnull=True, organisation__isnull=True),
                name="role_assignment_unique_unscoped",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "country"],
                condition=Q(country__isnull=False),
                name="role_assignment_unique_country",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="role_assignment_unique_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(role="state_focal_point") | Q(country__isnull=False),
                name="focal_point_has_state",
            ),
            models.CheckConstraint(
                condition=~Q(role="donor") | Q(country__isnull=False) | Q(organisation__isnull=False),
                name="donor_has_scope",
            ),
        ]

    def __str__(self) -> str:
        scope = self.country_id or (self.organisation and self.organisation.code) or ""
        return f"{self.user} — {self.get_role_display()}{f' ({scope})' if scope else ''}"


class ApiTokenQuerySet(ScopedQuerySet):
    """A user sees (and revokes) only their own tokens."""

    view_action = permissions.VIEW_TOKENS
    scope_fields = {"owner": "user"}


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(_("hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    # The user's password as it was when the token was issued (a keyed hash of its hash, as sessions
    # keep): a token stops authenticating when the password changes, wherever it is changed.
    password_fingerprint = models.CharField(_("password fingerprint"), max_length=128, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.key_prefix}… ({self.user})"

    @staticmethod
    def hash_key(raw_key: str) -> str:
        return hashlib.sha256(raw_key.encode()).hexdigest()

    def is_valid(self) -> bool:
        return self.expires_at is None or self.expires_at > timezone.now()

    def matches_password_of(self, user) -> bool:
        """Whether the user's password is still the one the token was issued under."""
        return constant_time_compare(self.password_fingerprint, user.get_session_auth_hash())
