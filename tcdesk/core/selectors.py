"""Reads of reference data that several pages and endpoints need."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from .models import Country, CountryGroup, CountryGroupMembership


def countries_with_memberships() -> QuerySet[Country]:
    """Countries with regions and group memberships loaded in a fixed number of queries."""
    return Country.objects.select_related("region", "subregion", "intermediate_region").prefetch_related(
        Prefetch("group_memberships", queryset=CountryGroupMembership.objects.order_by("group_id", "valid_from"))
    )


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
        found[row.group_id].append(
            UnconfirmedChange(row.group_id, row.country, row.unconfirmed_change_on, row.covers(as_of))
        )
    return dict(found)


def get_country_for_user(user, iso3: str, action: str = "view") -> Country:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Country.objects.for_user(user, action), pk=iso3.upper())


def get_organisation_for_user(user, code: str, action: str = "view"):
    from django.shortcuts import get_object_or_404

    from .models import Organisation

    return get_object_or_404(Organisation.objects.for_user(user, action), code=code)


def get_job_for_user(user, job_id: int):
    from django.shortcuts import get_object_or_404

    from .models import BackgroundJob

    return get_object_or_404(BackgroundJob.objects.for_user(user), pk=job_id)
