"""Reads of reference data that several pages and endpoints need."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from tcdesk.accounts.rules import Action

from .access import load_for_user
from .models import BackgroundJob, Country, CountryGroup, CountryGroupMembership, Organisation


def countries_with_memberships() -> QuerySet[Country]:
    """Countries with regions and group memberships loaded in a fixed number of queries."""
    return Country.objects.select_related("region", "subregion", "intermediate_region").prefetch_related(
        Prefetch("group_memberships", queryset=CountryGroupMembership.objects.order_by("group_id", "valid_from"))
    )


def groups_on(iso3: str, day: dt.date) -> list[str]:
    """Codes of the groups a country belonged to on a date (LDC, EIT, SIDS, LLDC), sorted."""
    return sorted(
        CountryGroupMembership.objects.covering(day).filter(country_id=iso3).values_list("group_id", flat=True)
    )


def groups_by_country(iso3s: Iterable[str], day: dt.date) -> dict[str, list[str]]:
    """{ISO3: sorted group codes on the date} for many countries in one query (countries in no group
    are left out)."""
    found: dict[str, list[str]] = {}
    memberships = CountryGroupMembership.objects.covering(day).filter(country_id__in=set(iso3s))
    for iso3, group in memberships.order_by("country_id", "group_id").values_list("country_id", "group_id"):
        found.setdefault(iso3, []).append(group)
    return found


class GroupsAtDates:
    """The groups of many countries on many dates (an import's rows, each with its own date), from one
    query of their memberships."""

    def __init__(self, iso3s: Iterable[str]) -> None:
        self._memberships: dict[str, list[CountryGroupMembership]] = {}
        for membership in CountryGroupMembership.objects.filter(country_id__in=set(iso3s)):
            self._memberships.setdefault(membership.country_id, []).append(membership)

    def on(self, iso3: str, day: dt.date) -> list[str]:
        """Sorted codes of the groups the country belonged to on the date."""
        return sorted({m.group_id for m in self._memberships.get(iso3, []) if m.covers(day)})


def members_by_group(day: dt.date) -> dict[str, set[str]]:
    """{group code: ISO3 codes of its members on the date}, in one query."""
    found: dict[str, set[str]] = {}
    for group, iso3 in CountryGroupMembership.objects.covering(day).values_list("group_id", "country_id"):
        found.setdefault(group, set()).add(iso3)
    return found


def group_member_counts(as_of: dt.date) -> list[tuple[CountryGroup, int]]:
    """Each country group with its number of members on a date."""
    groups = list(CountryGroup.objects.all())
    return [(group, Country.objects.in_group(group.code, as_of).count()) for group in groups]


def get_country_for_user(user: Any, iso3: str, action: Action | None = None) -> Country:
    """The country for `action` (default: read): 404 for an unknown code, 403 when not allowed."""
    return load_for_user(user, Country.objects.all(), action, pk=iso3.upper())


def get_organisation_for_user(user: Any, code: str, action: Action | None = None) -> Organisation:
    return load_for_user(user, Organisation.objects.all(), action, code=code)


def get_job_for_user(user: Any, job_id: int) -> BackgroundJob:
    """The job if the user started it (administrators and auditors: any job); 404 otherwise."""
    return load_for_user(user, BackgroundJob.objects.all(), pk=job_id)
