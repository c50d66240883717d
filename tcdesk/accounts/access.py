"""How pages and API endpoints apply the declared rules (`tcdesk.accounts.rules`).

Two pieces, used by every view and endpoint:

- `load_for_user(user, queryset, action, **lookup)` loads the object a URL names: 404 when it does not
  exist *or* lies outside what the user may see (the same answer, so ids cannot be probed), 403 when
  the user may see it but not take `action` on it.
- `@requires(action)` declares the action a view or endpoint needs. Without an object it also enforces
  it (403 when the user may take the action on nothing); with `per_object=True` the view loads its
  object through `load_for_user`, which decides. The declaration is what the role test
  (`tests/test_permissions.py`) and `docs/permissions.md` read, so every view and endpoint carries one.

They live beside the rules, at the bottom of the layers, so that every app's views can use them;
apps import them as `tcdesk.core.access` (accounts, below core, imports them from here).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404

from .rules import Action, ScopedQuerySet, holds, refusal

M = TypeVar("M", bound=models.Model)
F = TypeVar("F", bound=Callable[..., Any])

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def load_for_user(user: Any, queryset: Any, action: Action | None = None, **lookup: Any) -> Any:
    """The object `lookup` names if the user may take `action` on it (default: read it).

    `queryset` is a model or an unrestricted queryset of a `ScopedQuerySet` (select_related and the like
    are kept); the rules are applied here. Raises Http404 when the object is missing or out of the
    user's sight, PermissionDenied when it is in sight but the action is not allowed.
    """
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    if not isinstance(queryset, ScopedQuerySet):
        raise TypeError(f"{queryset.model.__name__}'s queryset does not apply the declared rules (ScopedQuerySet).")
    obj = get_object_or_404(queryset.for_user(user), **lookup)
    if action is None or action is queryset.view_action:
        return obj
    if not queryset.for_user(user, action).filter(pk=obj.pk).exists():
        raise PermissionDenied(refusal(action))
    return obj


@dataclass(frozen=True)
class Requirement:
    """What a view or endpoint declares: the action for safe methods, the one for writes, and whether
    an object decides (the view loads it with `load_for_user`)."""

    read: Action
    write: Action
    per_object: bool

    def action_for(self, method: str) -> Action:
        return self.read if method.upper() in SAFE_METHODS else self.write


def requires(action: Action, *, post: Action | None = None, per_object: bool = False) -> Callable[[F], F]:
    """Declare (and, without an object, enforce) the action a view or API endpoint needs.

    `action` is for GET (and for POST too unless `post` names another action). With `per_object=True`
    nothing is checked here: the view must load its object with `load_for_user(…, action)`.
    Works on Django views and django-ninja operations alike (the first argument is the request).
    """
    requirement = Requirement(read=action, write=post or action, per_object=per_object)

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def guarded(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not per_object:
                needed = requirement.action_for(request.method)
                if not holds(request.user, needed):
                    raise PermissionDenied(refusal(needed))
            return view(request, *args, **kwargs)

        guarded.tcdesk_requirement = requirement  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def requirement_of(view: Any) -> Requirement | None:
    """The requirement a view or endpoint declared with `@requires`, if any."""
    while view is not None:
        found = getattr(view, "tcdesk_requirement", None)
        if found is not None:
            return found
        view = getattr(view, "__wrapped__", None)
    return None
