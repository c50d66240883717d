"""What users may do with their own account, and who administers accounts.

Every signed-in user reads their profile and revokes their own API tokens; administrators manage
users, roles and scopes (in the administration site). The machinery the actions use is `rules`.

The functions below the actions are the vocabulary of the first apps, kept until each app has moved
to its own declared actions.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from .choices import Role
from .rules import Scope, declare

VIEW_PROFILE = declare(
    "accounts.view_profile", _("see one's own profile, roles and API tokens"), writes=False, signed_in=Scope.ALL
)
REVOKE_TOKEN = declare("accounts.revoke_token", _("revoke one's own API tokens"), writes=True, signed_in=Scope.OWN)
ADMINISTER_USERS = declare(
    "accounts.administer_users",
    _("manage users, their roles and scopes in the administration site"),
    writes=True,
    grants=[Role.ADMINISTRATOR],
)

STAFF_READ_ROLES = {
    Role.PROGRAMME_OFFICER,
    Role.FUND_MANAGER,
    Role.SECRETARIAT,
    Role.AUDITOR,
    Role.ADMINISTRATOR,
}


def roles_of(user: Any) -> set[str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return user.role_codes()


def has_role(user: Any, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_administrator(user: Any) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def can_manage_reference_data(user: Any) -> bool:
    """Countries, groups, organisations and themes are edited by administrators only."""
    return is_administrator(user)


def can_read_history(user: Any) -> bool:
    """Change history names the people who made changes, so it is for signed-in users only."""
    return bool(roles_of(user))


def can_read_everything(user: Any) -> bool:
    """Programme staff, the secretariat, auditors and administrators read across all States."""
    return bool(roles_of(user) & STAFF_READ_ROLES)


def is_read_only(user: Any) -> bool:
    """Auditors read everything, including history, and change nothing."""
    roles = roles_of(user)
    return Role.AUDITOR in roles and not (roles - {Role.AUDITOR})
