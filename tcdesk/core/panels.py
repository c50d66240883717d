"""Panels: what higher apps show on a lower app's page and in its API (an extension point).

A lower app owns a `Panels` point for a kind of subject (a mandate, a country). A higher app
registers a `PanelProvider`: the objects it holds about a subject that the user may see, a template
to show them and their API form. The owner's page renders `{% include "components/panels.html" %}`
and its API adds `[panel.as_api() for panel in …]`, without knowing the higher app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from .extension_points import ExtensionPoint


@dataclass(frozen=True)
class PanelProvider[S]:
    """One higher app's contribution to a subject's page and API.

    - `key`: a stable name (the API key and the HTML id), e.g. "requests";
    - `title`: the heading (a lazy translation);
    - `template`: renders the panel; it gets `panel` (a `Panel`) in its context;
    - `items(subject, user)`: the objects the user may see, newest first (a queryset or a list), or
      None when the user may see nothing of this kind at all (the panel is then left out, rather
      than shown empty: a donor has no "requests" panel, a focal point an empty one);
    - `as_api(item)`: the item as JSON for the API;
    - `link(subject)`: where to see them all (optional).
    """

    key: str
    title: Any
    template: str
    items: Callable[[S, Any], QuerySet | Sequence[Any] | None]
    as_api: Callable[[Any], dict]
    link: Callable[[S], str | None] | None = None


@dataclass(frozen=True)
class Panel:
    """A provider's panel for one subject and one user."""

    provider: PanelProvider[Any]
    items: list[Any]  # the first `limit` items
    count: int  # how many the user may see in all
    link: str | None = None

    @property
    def key(self) -> str:
        return self.provider.key

    @property
    def title(self) -> Any:
        return self.provider.title

    @property
    def template(self) -> str:
        return self.provider.template

    @property
    def truncated(self) -> bool:
        return self.count > len(self.items)

    def as_api(self) -> dict:
        return {
            "key": self.key,
            "title": str(self.title),
            "count": self.count,
            "items": [self.provider.as_api(item) for item in self.items],
        }


class Panels[S](ExtensionPoint[PanelProvider[S]]):
    """An extension point of panels about one kind of subject."""

    def for_subject(self, subject: S, user: Any, *, limit: int | None = None) -> list[Panel]:
        """The panels the user may see about `subject`, each with at most `limit` items (all if None)."""
        panels = []
        for provider in self:
            found = provider.items(subject, user)
            if found is None:
                continue
            if isinstance(found, QuerySet):
                count = found.count()
                items = list(found[:limit] if limit is not None else found)
            else:
                items = list(found)
                count = len(items)
                items = items[:limit] if limit is not None else items
            link = provider.link(subject) if provider.link else None
            panels.append(Panel(provider=provider, items=items, count=count, link=link))
        return panels
