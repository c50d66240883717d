"""Writes of reference data: loading the shipped data files, group memberships, organisations.

Every function runs in one transaction, validates before writing, and raises ValidationError
naming the field (or file row) and the rule it breaks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .choices import OrganisationRoleKind, RegionLevel
from .csvdata import read_data_file
from .models import (
    BackgroundJob,
    Country,
    CountryGroup,
    CountryGroupMembership,
    Organisation,
    OrganisationRole,
    Region,
    Theme,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

Progress = Callable[[str, int, int], None]


def _no_progress(step: str, done: int, total: int) -> None:
    return None


@dataclass
class ReferenceDataSummary:
    regions: int = 0
    countries: int = 0
    groups: int = 0
    memberships: int = 0
    organisations: int = 0
    themes: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _date_or_none(value: str, *, file: str, row: int, column: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            _("%(file)s row %(row)s: %(column)s “%(value)s” is not a date (YYYY-MM-DD).")
            % {"file": file, "row": row, "column": column, "value": value}
        ) from None


@transaction.atomic
def reference_data_load(*, data_dir: Path = DATA_DIR, progress: Progress = _no_progress) -> ReferenceDataSummary:
    """Load (or refresh) regions, countries, groups, memberships, organisations and themes from data files.

    Idempotent: rows are matched on their keys and updated in place; group memberships are
    replaced per group so a corrected file never leaves stale intervals behind.
    """
    summary = ReferenceDataSummary()
    steps = 6

    regions = read_data_file(data_dir / "m49_regions.csv").rows
    pending = {r["code"]: r for r in regions}
    # Parents first, so the self-reference always points to a saved row.
    while pending:
        ready = [r for r in pending.values() if not r["parent_code"] or r["parent_code"] not in pending]
        if not ready:
            raise ValidationError(_("m49_regions.csv: the parent codes form a cycle."))
        for row in ready:
            if row["level"] not in RegionLevel.values:
                raise ValidationError(
                    _("m49_regions.csv: region %(code)s has unknown level “%(level)s”.")
                    % {"code": row["code"], "level": row["level"]}
                )
            Region.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name_en": row["name_en"],
                    "name_fr": row["name_fr"],
                    "parent_id": row["parent_code"] or None,
                    "level": row["level"],
                },
            )
            del pending[row["code"]]
    summary.regions = len(regions)
    progress("regions", 1, steps)

    countries = read_data_file(data_dir / "countries.csv").rows
    region_codes = set(Region.objects.values_list("code", flat=True))
    for number, row in enumerate(countries, start=1):
        for column in ("region_m49", "subregion_m49", "intermediate_region_m49"):
            if row.get(column) and row[column] not in region_codes:
                raise ValidationError(
                    _("countries.csv row %(row)s: %(column)s “%(value)s” is not a known M49 region.")
                    % {"row": number, "column": column, "value": row[column]}
                )
        Country.objects.update_or_create(
            iso3=row["iso3"],
            defaults={
                "iso2": row["iso2"],
                "m49": row["m49"],
                "name_en": row["name_en"],
                "name_fr": row["name_fr"],
                "official_name_en": row.get("official_name_en", ""),
                "official_name_fr": row.get("official_name_fr", ""),
                "un_status": row["un_status"],
                "un_member_since": _date_or_none(
                    row.get("un_member_since", ""), file="countries.csv", row=number, column="un_member_since"
                ),
                "region_id": row.get("region_m49") or None,
                "subregion_id": row.get("subregion_m49") or None,
                "intermediate_region_id": row.get("intermediate_region_m49") or None,
            },
        )
    summary.countries = len(countries)
    progress("countries", 2, steps)

    groups = read_data_file(data_dir / "country_groups.csv").rows
    for row in groups:
        CountryGroup.objects.update_or_create(
            code=row["code"],
            defaults={k: row.get(k, "") for k in ("name_en", "name_fr", "description_en", "description_fr")},
        )
    summary.groups = len(groups)
    progress("groups", 3, steps)

    memberships_file = read_data_file(data_dir / "country_group_memberships.csv")
    known_countries = set(Country.objects.values_list("iso3", flat=True))
    known_groups = {g["code"] for g in groups}
    intervals: list[CountryGroupMembership] = []
    for number, row in enumerate(memberships_file.rows, start=1):
        if row["group"] not in known_groups:
            raise ValidationError(
                _("country_group_memberships.csv row %(row)s: unknown group “%(group)s”.")
                % {"row": number, "group": row["group"]}
            )
        if row["iso3"] not in known_countries:
            raise ValidationError(
                _("country_group_memberships.csv row %(row)s: unknown country code “%(code)s”.")
                % {"row": number, "code": row["iso3"]}
            )
        valid_from = _date_or_none(
            row["valid_from"], file="country_group_memberships.csv", row=number, column="valid_from"
        ) or dt.date(1945, 10, 24)  # unknown start: count the State as a member since the UN began
        membership = CountryGroupMembership(
            group_id=row["group"],
            country_id=row["iso3"],
            valid_from=valid_from,
            valid_to=_date_or_none(
                row["valid_to"], file="country_group_memberships.csv", row=number, column="valid_to"
            ),
            verified=row.get("verified", "").lower() in {"yes", "true", "1"},
            source=row.get("source", "")[:500],
            unconfirmed_change_on=_date_or_none(
                row.get("unconfirmed_change_on", ""),
                file="country_group_memberships.csv",
                row=number,
                column="unconfirmed_change_on",
            ),
        )
        _check_interval(
            membership,
            others=[m for m in intervals if (m.group_id, m.country_id) == (membership.group_id, membership.country_id)],
            row=number,
        )
        intervals.append(membership)
    CountryGroupMembership.objects.filter(group_id__in=known_groups).delete()
    CountryGroupMembership.objects.bulk_create(intervals)
    summary.memberships = len(intervals)
    progress("memberships", 4, steps)

    organisations = read_data_file(data_dir / "organisations.csv").rows
    codes = {o["code"] for o in organisations}
    for number, row in enumerate(organisations, start=1):
        if row.get("country_iso3") and row["country_iso3"] not in known_countries:
            raise ValidationError(
                _("organisations.csv row %(row)s: unknown country code “%(code)s”.")
                % {"row": number, "code": row["country_iso3"]}
            )
        if row.get("parent_code") and row["parent_code"] not in codes:
            raise ValidationError(
                _("organisations.csv row %(row)s: unknown parent “%(code)s”.")
                % {"row": number, "code": row["parent_code"]}
            )
        organisation, _created = Organisation.objects.update_or_create(
            code=row["code"],
            defaults={
                "acronym": row.get("acronym", ""),
                "name_en": row["name_en"],
                "name_fr": row.get("name_fr", ""),
                "country_id": row.get("country_iso3") or None,
                "website": row.get("website", ""),
            },
        )
        roles = {r.strip() for r in row.get("roles", "").split(";") if r.strip()}
        unknown = roles - set(OrganisationRoleKind.values)
        if unknown:
            raise ValidationError(
                _("organisations.csv row %(row)s: unknown role(s) %(roles)s.")
                % {"row": number, "roles": ", ".join(sorted(unknown))}
            )
        OrganisationRole.objects.filter(organisation=organisation).exclude(role__in=roles).delete()
        for role in roles:
            OrganisationRole.objects.get_or_create(organisation=organisation, role=role)
    for row in organisations:
        if row.get("parent_code"):
            Organisation.objects.filter(code=row["code"]).update(
                parent=Organisation.objects.get(code=row["parent_code"])
            )
    summary.organisations = len(organisations)
    progress("organisations", 5, steps)

    themes = read_data_file(data_dir / "themes.csv").rows
    for row in sorted(themes, key=lambda r: bool(r.get("parent_code"))):
        Theme.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_en": row["name_en"],
                "name_fr": row["name_fr"],
                "name_es": row.get("name_es", ""),
                "description_en": row.get("description_en", ""),
                "description_fr": row.get("description_fr", ""),
                "parent_id": row.get("parent_code") or None,
            },
        )
    summary.themes = len(themes)
    progress("themes", 6, steps)
    return summary


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
    # Lock the series so two concurrent inserts cannot both pass the overlap check.
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


@transaction.atomic
def organisation_save(
    *,
    organisation: Organisation | None = None,
    code: str,
    name_en: str,
    name_fr: str = "",
    acronym: str = "",
    country_iso3: str | None = None,
    roles: list[str] | None = None,
    website: str = "",
) -> Organisation:
    """Create or update an organisation and its roles."""
    errors: dict[str, list[str]] = {}
    if country_iso3 and not Country.objects.filter(iso3=country_iso3).exists():
        errors["country"] = [_("Unknown country code “%(code)s”.") % {"code": country_iso3}]
    unknown = set(roles or []) - set(OrganisationRoleKind.values)
    if unknown:
        errors["roles"] = [_("Unknown role(s): %(roles)s.") % {"roles": ", ".join(sorted(unknown))}]
    clash = Organisation.objects.filter(code=code)
    if organisation is not None:
        clash = clash.exclude(pk=organisation.pk)
    if clash.exists():
        errors["code"] = [_("Another organisation already uses the code “%(code)s”.") % {"code": code}]
    if errors:
        raise ValidationError(errors)
    organisation = organisation or Organisation()
    organisation.code = code
    organisation.name_en = name_en
    organisation.name_fr = name_fr
    organisation.acronym = acronym
    organisation.country_id = country_iso3 or None
    organisation.website = website
    organisation.full_clean()
    organisation.save()
    if roles is not None:
        organisation.roles.exclude(role__in=roles).delete()
        for role in roles:
            OrganisationRole.objects.get_or_create(organisation=organisation, role=role)
    return organisation


@transaction.atomic
def background_job_start(*, name: str, owner, task, **task_kwargs) -> BackgroundJob:
    """Record a job and enqueue its task; the task receives the job id to report progress on."""
    job = BackgroundJob.objects.create(name=name, owner=owner)
    result = task.enqueue(job_id=job.pk, **task_kwargs)
    job.task_result_id = str(result.id)
    job.save(update_fields=["task_result_id"])
    return job
