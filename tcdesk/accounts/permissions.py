"""The permission vocabulary: which roles may do what. Every `for_user` queryset asks here.

Kept free of queries beyond the user's own role list, so it can be called on every row check.
"""

from __future__ import annotations

from typing import Any

from .choices import Role

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
