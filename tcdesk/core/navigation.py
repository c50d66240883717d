"""The main navigation: entries the apps register (`tcdesk.core.extensions.navigation`) in their
`AppConfig.ready()`; an entry whose page does not resolve is left out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavEntry:
    label: Any  # a lazy translation
    url_name: str
    section: str  # the URL prefix that marks the entry as current


def available_navigation() -> list[tuple[NavEntry, str]]:
    """Registered entries, in their order, with their URLs."""
    from .extensions import navigation

    entries = []
    for entry in navigation:
        try:
            entries.append((entry, reverse(entry.url_name)))
        except NoReverseMatch:
            continue
    return entries
