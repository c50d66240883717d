"""Reads of reference data that several pages and endpoints need."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from tcdesk.accounts.rules import Action

from .access import load_for_user
from .models import BackgroundJob, Country, CountryGroup, CountryGroupMembership, Notification, Organisation


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


@dataclass(frozen=True)
class UnconfirmedChange:
    """A membership change scheduled on `on` that no source confirms; counts after it rest on an assumption."""

    group_code: str
    country: Country
    on: dt.date
    counted_as_member: bool  # what the data assumes on the date asked about


def unconfirmed_changes(as_of: dt.date, group_code: str | None = None) -> dict[str, list[UnconfirmedChange]]:
    """Per group code, the unconfirmed scheduled changes on or before `as_of` (e.g. LDC graduations of 2026).

    A count of members on `as_of` includes these assumptions, so pages and the API say so.
    """
    rows = CountryGroupMembership.objects.filter(unconfirmed_change_on__lte=as_of).select_related("country")
    if group_code:
        rows = rows.filter(group_id=group_code)
    found: dict[str, list[UnconfirmedChange]] = defaultdict(list)
    for row in rows.order_by("group_id", "country__name_en"):
        on = row.unconfirmed_change_on
        assert on is not None  # filtered above
        found[row.group_id].append(UnconfirmedChange(row.group_id, row.country, on, row.covers(as_of)))
    return dict(found)


def get_country_for_user(user: Any, iso3: str, action: Action | None = None) -> Country:
    """The country for `action` (default: read): 404 for an unknown code, 403 when not allowed."""
    return load_for_user(user, Country.objects.all(), action, pk=iso3.upper())


def get_organisation_for_user(user: Any, code: str, action: Action | None = None) -> Organisation:
    return load_for_user(user, Organisation.objects.all(), action, code=code)


def get_job_for_user(user: Any, job_id: int) -> BackgroundJob:
    """The job if the user started it (administrators and auditors: any job); 404 otherwise."""
    return load_for_user(user, BackgroundJob.objects.all(), pk=job_id)


def notifications_of(user: Any) -> QuerySet[Notification]:
    """The user's own notifications, newest first. Each user sees only theirs: the auditor's right to
    read everything does not make another person's notifications part of their list."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.for_user(user).filter(recipient=user)


def unread_notification_count(user: Any) -> int:
    """How many of the user's notifications are unread (shown in the header)."""
    return notifications_of(user).unread().count()
