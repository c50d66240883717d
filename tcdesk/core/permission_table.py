"""The permission table: every declared action, every page and every API endpoint with what it needs.

Read by `tcdesk permissions_doc` (which writes `docs/permissions.md`) and by the role test
(`tests/test_permissions.py`), so the documentation, the declarations and the behaviour are one table.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import Action, Scope, declared_actions

from .access import Requirement, requirement_of

# Pages anyone opens without a declared action: signing in and out, choosing the language.
OPEN_PAGES = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "set_language",
        # Resetting a forgotten password is done signed out, by a link sent by e-mail.
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
    }
)
# Endpoints outside the rules: obtaining a token is the API's sign-in.
OPEN_ENDPOINTS = frozenset({("POST", "/api/auth/token")})
SKIPPED_NAMESPACES = frozenset({"admin", "api"})  # the admin site checks is_staff itself; the API is below


def tcdesk_apps() -> list[Any]:
    return [config for config in apps.get_app_configs() if config.name.startswith("tcdesk.")]


def app_actions() -> list[Action]:
    """The actions the installed apps declare in their `permissions.py`, by code."""
    labels = set()
    for config in tcdesk_apps():
        labels.add(config.label)
        try:
            importlib.import_module(f"{config.name}.permissions")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.permissions":
                raise
    return [action for action in declared_actions() if action.code.split(".")[0] in labels]


@dataclass(frozen=True)
class Page:
    route: str  # e.g. "mandates/registry/<int:mandate_id>/"
    name: str  # e.g. "mandates:mandate_detail"
    requirement: Requirement | None


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # e.g. "/api/mandates/mandates/{int:mandate_id}"
    requirement: Requirement | None
    anonymous: bool  # the endpoint answers callers without credentials

    @property
    def action(self) -> Action | None:
        return self.requirement.action_for(self.method) if self.requirement else None


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[Page]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield Page(route=route, name=f"{namespace}{pattern.name}", requirement=requirement_of(pattern.callback))


def pages() -> list[Page]:
    """Every page of the site (admin and API apart), in URL order."""
    return list(_walk(get_resolver().url_patterns))


def endpoints() -> list[Endpoint]:
    """Every operation of the JSON API, in router order."""
    from tcdesk.accounts.auth import Anonymous

    api = importlib.import_module("tcdesk.api").api  # the project's API (the top of the layers)
    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                anonymous = any(isinstance(a, Anonymous) for a in operation.auth_callbacks or []) or (
                    operation.auth_param is None
                )
                for method in operation.methods:
                    found.append(
                        Endpoint(
                            method=method,
                            path=f"/api{prefix}{path}".rstrip("/") or "/api",
                            requirement=requirement_of(operation.view_func),
                            anonymous=anonymous,
                        )
                    )
    return found


# ---------------------------------------------------------------------------------------------- document

SCOPE_TEXT = {Scope.ALL: "all", Scope.ASSIGNED: "own State/organisation", Scope.OWN: "own"}


def cell(action: Action, role: str) -> str:
    """What a role gets for an action, as the machinery applies it (every-signed-in-user grants included)."""
    scopes = {s for s in (action.scope_of(role), action.signed_in) if s is not None}
    if action.public or Scope.ALL in scopes:
        return "all"
    return " + ".join(SCOPE_TEXT[s] for s in (Scope.ASSIGNED, Scope.OWN) if s in scopes) or "—"


def _needs(requirement: Requirement | None, method: str) -> str:
    if requirement is None:
        return "open"
    action = requirement.action_for(method)
    return f"`{action.code}`" + (" (on the object)" if requirement.per_object else "")


def markdown() -> str:
    """docs/permissions.md."""
    roles = list(Role)
    with translation.override("en"):
        lines = [
            "# Permissions",
            "",
            "<!-- Generated by `tcdesk permissions_doc` from the apps' permissions.py and the views' "
            "`@requires`; do not edit by hand. -->",
            "",
            "Who may do what, as the code applies it. Each app declares its actions in its `permissions.py`;",
            "the machinery (`tcdesk/accounts/rules.py`) applies them everywhere: querysets (`for_user`), pages",
            "and endpoints (`@requires`, `load_for_user`: 404 when the object is out of sight, 403 when it is",
            "in sight but the action is not allowed) and services. The role test (`tests/test_permissions.py`)",
            "checks every page and endpoint against this table for every demo role.",
            "",
            "Scopes: **all** (every object), **own State/organisation** (objects of the State or organisation",
            "named in the user's role assignment), **own** (objects the user owns). The auditor reads",
            "everything and changes nothing, for every app (the machinery adds the one and refuses the other).",
            "",
            "## Actions",
            "",
            "| Action | What | Anonymous | " + " | ".join(str(role.label) for role in roles) + " |",
            "|---|---|---|" + "---|" * len(roles),
        ]
        for action in app_actions():
            lines.append(
                f"| `{action.code}` | {str(action.description)[:1].upper()}{str(action.description)[1:]} | "
                + ("all" if action.public else "—")
                + " | "
                + " | ".join(cell(action, role) for role in roles)
                + " |"
            )
        lines += ["", "## Pages", "", "| Page | Name | GET needs | POST needs |", "|---|---|---|---|"]
        for page in pages():
            lines.append(
                f"| `/{page.route}` | `{page.name}` | {_needs(page.requirement, 'GET')} | "
                f"{_needs(page.requirement, 'POST')} |"
            )
        lines += ["", "## API endpoints", "", "| Method | Path | Needs | Anonymous callers |", "|---|---|---|---|"]
        for endpoint in endpoints():
            lines.append(
                f"| {endpoint.method} | `{endpoint.path}` | {_needs(endpoint.requirement, endpoint.method)} | "
                f"{'yes' if endpoint.anonymous else 'no (401)'} |"
            )
    return "\n".join(lines) + "\n"
