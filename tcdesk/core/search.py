"""Global search: each app answers for its own records (`core.extensions.search_providers`), always
through the user's querysets (`for_user`), so nobody finds what they may not see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Country, Organisation

MIN_QUERY_LENGTH = 2
RESULTS_PER_KIND = 10


@dataclass(frozen=True)
class SearchHit:
    label: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class SearchProvider:
    """One kind of record: its heading, and `find(query, user, limit)` returning the hits the user may see."""

    key: str
    title: Any
    find: Callable[[str, Any, int], list[SearchHit]]


def _countries(query: str, user: Any, limit: int) -> list[SearchHit]:
    found = Country.objects.for_user(user).filter(
        Q(iso3__iexact=query) | Q(name_en__icontains=query) | Q(name_fr__icontains=query) | Q(name_es__icontains=query)
    )
    return [SearchHit(c.name, c.get_absolute_url(), c.iso3) for c in found.order_by("name_en")[:limit]]


def _organisations(query: str, user: Any, limit: int) -> list[SearchHit]:
    found = Organisation.objects.for_user(user).filter(
        Q(acronym__icontains=query)
        | Q(name_en__icontains=query)
        | Q(name_fr__icontains=query)
        | Q(name_es__icontains=query)
    )
    return [SearchHit(o.name, o.get_absolute_url(), o.acronym) for o in found.order_by("name_en")[:limit]]


COUNTRIES = SearchProvider("countries", _("States"), _countries)
ORGANISATIONS = SearchProvider("organisations", _("Organisations"), _organisations)


def search(query: str, user: Any) -> list[tuple[SearchProvider, list[SearchHit]]]:
    """Per kind of record, the hits the user may see (kinds without hits are left out)."""
    from .extensions import search_providers

    query = query.strip()
    if len(query) < MIN_QUERY_LENGTH:
        return []
    results = []
    for provider in search_providers:
        hits = provider.find(query, user, RESULTS_PER_KIND)
        if hits:
            results.append((provider, hits))
    return results


def register() -> None:
    from .extensions import search_providers

    search_providers.register(COUNTRIES, order=80)
    search_providers.register(ORGANISATIONS, order=90)
