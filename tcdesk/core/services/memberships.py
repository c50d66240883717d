"""Country group memberships: dated intervals that may not overlap for one country and group."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Country, CountryGroup, CountryGroupMembership


def _check_interval(
    membership: CountryGroupMembership, *, others: list[CountryGroupMembership], row: int | None = None
) -> None:
    """Refuse an interval that ends before it starts or overlaps another of the same country and group."""
    where = _("row %(row)s: ") % {"row": row} if row else ""
    if membership.valid_to is not None and membership.valid_to <= membership.valid_from:
        raise ValidationError({"valid_to": where + _("The end date must be after the start date.")})
    for other in others:
        if other.pk is not None and other.pk == membership.pk:
            continue
        starts_before_other_ends = other.valid_to is None or membership.valid_from < other.valid_to
        ends_after_other_starts = membership.valid_to is None or other.valid_from < membership.valid_to
        if starts_before_other_ends and ends_after_other_starts:
            raise ValidationError(
                {
                    "valid_from": where
                    + _("%(country)s is already in %(group)s from %(start)s to %(end)s; periods may not overlap.")
                    % {
                        "country": membership.country_id,
                        "group": membership.group_id,
                        "start": other.valid_from.isoformat(),
                        "end": other.valid_to.isoformat() if other.valid_to else _("today"),
                    }
                }
            )


@transaction.atomic
def group_membership_create(
    *,
    group_code: str,
    country_iso3: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    source: str = "",
    verified: bool = False,
) -> CountryGroupMembership:
    """Record that a country belongs to a group over a period; refuses unknown codes and overlaps."""
    errors = {}
    if not CountryGroup.objects.filter(code=group_code).exists():
        errors["group"] = [_("Unknown country group “%(code)s”.") % {"code": group_code}]
    if not Country.objects.filter(iso3=country_iso3).exists():
        errors["country"] = [_("Unknown country code “%(code)s”.") % {"code": country_iso3}]
    if errors:
        raise ValidationError(errors)
    membership = CountryGroupMembership(
        group_id=group_code,
        country_id=country_iso3,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
        verified=verified,
    )
    # Lock the country row, then read the series: two concurrent inserts for one country queue here, so
    # the second sees the first (locking the series alone locks nothing while it is empty). On
    # PostgreSQL an exclusion constraint refuses overlaps as well (migration core 0003).
    list(Country.objects.select_for_update().filter(iso3=country_iso3).values_list("pk", flat=True))
    existing = list(
        CountryGroupMembership.objects.select_for_update().filter(group_id=group_code, country_id=country_iso3)
    )
    _check_interval(membership, others=existing)
    membership.save()
    return membership


@transaction.atomic
def group_membership_close(*, membership: CountryGroupMembership, valid_to: dt.date) -> CountryGroupMembership:
    """End a membership (e.g. an LDC graduation) on a date: the first day no longer a member."""
    membership.valid_to = valid_to
    others = list(
        CountryGroupMembership.objects.select_for_update()
        .filter(group_id=membership.group_id, country_id=membership.country_id)
        .exclude(pk=membership.pk)
    )
    _check_interval(membership, others=others)
    membership.save(update_fields=["valid_to"])
    return membership
