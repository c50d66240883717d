"""The main navigation: entries the apps register (`tcdesk.core.extensions.navigation`) in their
`AppConfig.ready()`; an entry whose page does not resolve is left out, and so is one whose page the user
may not see (its `action`, the permission its view requires): a menu never offers a refusal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavEntry:
    label: Any  # a lazy translation
    url_name: str
    section: str  # the URL prefix that marks the entry as current
    action: Any = None  # the permission (accounts.rules.Action) the page requires, if any


def available_navigation(user: Any = None) -> list[tuple[NavEntry, str]]:
    """Registered entries, in their order, with their URLs: those the user may open."""
    from tcdesk.accounts.rules import holds

    from .extensions import navigation

    entries = []
    for entry in navigation:
        if entry.action is not None and not holds(user, entry.action):
            continue
        try:
            entries.append((entry, reverse(entry.url_name)))
        except NoReverseMatch:
            continue
    return entries
