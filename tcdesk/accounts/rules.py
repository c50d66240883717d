"""The permission machinery: actions, the roles that may take them and how far (their scope).

Every app declares its actions in its own `permissions.py`, one constant per action, with the rule for
each (which roles, over which objects). Everything that decides "may this user do this?" asks here:
querysets (`restrict`, or `ScopedQuerySet.for_user`), pages and endpoints (`tcdesk.core.access`),
services (`require`). The same table becomes `docs/permissions.md` (`tcdesk permissions_doc`).

Rules that hold for every app, enforced here and nowhere else:
- the auditor reads everything (every read action, over every object) and changes nothing: a write
  action never counts the auditor role, declaring one that grants it is refused, and a write open to
  every signed-in user may reach only their own objects (self-service: one's API tokens);
- a write action is never open to anonymous callers.

This module sits at the bottom of the layers: it knows roles and users, not countries or
organisations (a scope is the key the role assignment names, compared with a model's field).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Self, cast

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.db.models import Q

from .choices import Role


class Scope(StrEnum):
    """How far a grant reaches."""

    ALL = "all"  # every object
    ASSIGNED = "assigned"  # objects of the State or organisation the user's role assignment names
    OWN = "own"  # objects the user owns (a job they started, their own API tokens)


EVERY_ROLE: tuple[str, ...] = tuple(Role.values)
# Programme staff: they read across all States (the auditor is added to every read by the machinery).
STAFF: tuple[str, ...] = (Role.PROGRAMME_OFFICER, Role.FUND_MANAGER, Role.SECRETARIAT, Role.ADMINISTRATOR)


@dataclass(frozen=True, eq=False)
class Action:
    """Something a user may do, and the rule that says who may.

    `grants` maps a role to its scope. `signed_in` is what every signed-in user gets whatever their
    roles; `public` opens a read to anonymous callers too (open data). `writes` marks actions that
    change something: the auditor never gets those.
    """

    code: str
    description: Any  # a lazy translation: shown in the permission table
    writes: bool
    grants: Mapping[str, Scope] = field(default_factory=dict)
    public: bool = False
    signed_in: Scope | None = None
    # Work on the caller's input that reads nothing stored (parsing a file): the auditor's right to read
    # everything does not extend to it; only the roles granted get it.
    computes: bool = False

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"<Action {self.code}>"

    def scope_of(self, role: str) -> Scope | None:
        """The scope a role gets, as the machinery applies it (the auditor rule included)."""
        if role == Role.AUDITOR:
            return None if self.writes or self.computes else Scope.ALL
        return self.grants.get(role)


ACTIONS: dict[str, Action] = {}


def declare(
    code: str,
    description: Any,
    *,
    writes: bool,
    grants: Mapping[str, Scope] | Iterable[str] = (),
    public: bool = False,
    signed_in: Scope | None = None,
    computes: bool = False,
) -> Action:
    """Declare an action of an app (in its `permissions.py`); `grants` is {role: scope}, or roles for ALL."""
    if code in ACTIONS:
        raise ImproperlyConfigured(f"The action {code} is declared twice.")
    if not isinstance(grants, Mapping):
        grants = dict.fromkeys(grants, Scope.ALL)
    unknown = set(grants) - set(Role.values)
    if unknown:
        raise ImproperlyConfigured(f"{code}: unknown role(s) {sorted(unknown)}.")
    if writes and Role.AUDITOR in grants:
        raise ImproperlyConfigured(f"{code}: the auditor changes nothing; a write action cannot grant it.")
    if writes and public:
        raise ImproperlyConfigured(f"{code}: a write action cannot be public.")
    if writes and signed_in not in (None, Scope.OWN):
        # Self-service on one's own things (tokens, jobs) is the only write every signed-in user gets;
        # anything wider would let the auditor change records.
        raise ImproperlyConfigured(f"{code}: a write action opens to every signed-in user only their own objects.")
    action = Action(
        code=code,
        description=description,
        writes=writes,
        grants={Role(r): Scope(s) for r, s in grants.items()},
        public=public,
        signed_in=signed_in,
        computes=computes,
    )
    ACTIONS[code] = action
    return action


def declared_actions() -> list[Action]:
    """Every declared action, by code (the permission table)."""
    return [ACTIONS[code] for code in sorted(ACTIONS)]


# ---------------------------------------------------------------------------------------------- reach


@dataclass(frozen=True)
class Reach:
    """Which objects an action reaches for one user."""

    everything: bool = False
    countries: frozenset[str] = frozenset()
    organisations: frozenset[int] = frozenset()
    own: bool = False

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.countries or self.organisations or self.own)


NOWHERE = Reach()
EVERYWHERE = Reach(everything=True)


def _assignments(user: Any) -> tuple[tuple[str, str | None, int | None], ...]:
    """(role, country, organisation) of each of the user's role assignments, read once per user object."""
    cached = getattr(user, "_rule_assignments", None)
    if cached is None:
        cached = tuple(user.role_assignments.values_list("role", "country_id", "organisation_id"))
        if user.is_superuser and Role.ADMINISTRATOR not in {a[0] for a in cached}:
            cached += ((Role.ADMINISTRATOR, None, None),)
        user._rule_assignments = cached
    return cached


def is_signed_in(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


def roles_of(user: Any) -> set[str]:
    """The user's roles (none for anonymous callers)."""
    if not is_signed_in(user):
        return set()
    return {role for role, _country, _organisation in _assignments(user)}


def reach(user: Any, action: Action) -> Reach:
    """What `action` reaches for `user`: the union of what each of their roles is granted."""
    if action.public:
        return EVERYWHERE
    if not is_signed_in(user):
        return NOWHERE
    everything, own = False, False
    countries: set[str] = set()
    organisations: set[int] = set()
    scopes: list[tuple[Scope | None, str | None, int | None]] = [(action.signed_in, None, None)]
    scopes += [(action.scope_of(role), country, organisation) for role, country, organisation in _assignments(user)]
    for scope, country, organisation in scopes:
        if scope == Scope.ALL:
            everything = True
        elif scope == Scope.OWN:
            own = True
        elif scope == Scope.ASSIGNED:
            if country:
                countries.add(country)
            if organisation:
                organisations.add(organisation)
    if everything:
        return EVERYWHERE
    return Reach(countries=frozenset(countries), organisations=frozenset(organisations), own=own)


def holds(user: Any, action: Action) -> bool:
    """Whether the user may take the action on something (pages and endpoints without one object)."""
    return not reach(user, action).nothing


def allows(
    user: Any,
    action: Action,
    *,
    country: str | None = None,
    organisation: int | None = None,
    owner: Any = None,
) -> bool:
    """Whether the user may take the action on an object with these scope values (its State, its
    organisation, its owner: a user or a user id)."""
    found = reach(user, action)
    if found.everything:
        return True
    if country is not None and country in found.countries:
        return True
    if organisation is not None and organisation in found.organisations:
        return True
    owner_id = getattr(owner, "pk", owner)
    return found.own and owner_id is not None and owner_id == getattr(user, "pk", None)


def require(user: Any, action: Action, **scope: Any) -> None:
    """PermissionDenied (403) unless the user may take the action (on an object with these scope values,
    or, with none given, on something)."""
    allowed = allows(user, action, **scope) if scope else holds(user, action)
    if not allowed:
        raise PermissionDenied(refusal(action))


def refusal(action: Action) -> str:
    """The message of a refusal, naming what the user may not do (descriptions are phrases such as
    "load or re-load resolutions")."""
    from django.utils.translation import gettext as _

    return _("You may not %(action)s.") % {"action": action.description}


def restrict(
    queryset: models.QuerySet,
    user: Any,
    action: Action,
    *,
    country: str | None = None,
    organisation: str | None = None,
    owner: str | None = None,
) -> models.QuerySet:
    """The rows of `queryset` the action reaches for the user. `country`, `organisation` and `owner` name
    the model's fields (lookups) that hold each kind of scope; a scope the model has no field for
    reaches none of its rows."""
    found = reach(user, action)
    if found.everything:
        return queryset.all()
    conditions = []
    if found.countries and country:
        conditions.append(Q(**{f"{country}__in": sorted(found.countries)}))
    if found.organisations and organisation:
        conditions.append(Q(**{f"{organisation}__in": sorted(found.organisations)}))
    if found.own and owner:
        conditions.append(Q(**{owner: user.pk}))
    if not conditions:
        return queryset.none()
    condition = conditions[0]
    for other in conditions[1:]:
        condition |= other
    return queryset.filter(condition)


class ScopedQuerySet(models.QuerySet):
    """A queryset whose `for_user(user, action)` applies the declared rules.

    Subclasses name the action that reads their rows (`view_action`) and the fields that hold a row's
    scope (`scope_fields`: {"country": …, "organisation": …, "owner": …}).
    """

    view_action: ClassVar[Action]
    scope_fields: ClassVar[Mapping[str, str]] = {}

    def for_user(self, user: Any, action: Action | None = None) -> Self:
        """The rows the user may take `action` on (default: read)."""
        return cast(Self, restrict(self, user, action or self.view_action, **self.scope_fields))
