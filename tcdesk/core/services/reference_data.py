"""Loading the shipped reference data files (`tcdesk/core/data/*.csv`), one named step per file.

`reference_data_load` runs the steps in order in one transaction (all-or-nothing): regions (parents
first), countries, groups, memberships, organisations, themes. It is idempotent: rows are matched on
their keys and updated in place, and group memberships are replaced per group so a corrected file never
leaves stale intervals behind. Errors name the file, the row and the rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..choices import OrganisationRoleKind, RegionLevel
from ..csvdata import read_data_file
from ..models import Country, CountryGroup, CountryGroupMembership, Organisation, OrganisationRole, Region, Theme
from .memberships import _check_interval

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
UN_FOUNDED = dt.date(1945, 10, 24)  # a membership with no known start counts from the UN's founding

Progress = Callable[[str, int, int], None]


def _no_progress(step: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class ReferenceDataSummary:
    """How many rows of each file were loaded."""

    regions: int = 0
    countries: int = 0
    groups: int = 0
    memberships: int = 0
    organisations: int = 0
    themes: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


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


def regions_load(data_dir: Path) -> int:
    """The M49 tree, parents first so that each row's parent is already saved."""
    regions = read_data_file(data_dir / "m49_regions.csv").rows
    pending = {r["code"]: r for r in regions}
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
                    "name_es": row.get("name_es", ""),
                    "parent_id": row["parent_code"] or None,
                    "level": row["level"],
                },
            )
            del pending[row["code"]]
    return len(regions)


def countries_load(data_dir: Path) -> int:
    """UN Member and observer States, each placed in known M49 regions."""
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
                "name_es": row.get("name_es", ""),
                "official_name_en": row.get("official_name_en", ""),
                "official_name_fr": row.get("official_name_fr", ""),
                "official_name_es": row.get("official_name_es", ""),
                "un_status": row["un_status"],
                "un_member_since": _date_or_none(
                    row.get("un_member_since", ""), file="countries.csv", row=number, column="un_member_since"
                ),
                "region_id": row.get("region_m49") or None,
                "subregion_id": row.get("subregion_m49") or None,
                "intermediate_region_id": row.get("intermediate_region_m49") or None,
            },
        )
    return len(countries)


# Translated columns of country_groups.csv; a missing column (an older file) loads as "".
_GROUP_COLUMNS = ("name_en", "name_fr", "name_es", "description_en", "description_fr", "description_es")


def groups_load(data_dir: Path) -> set[str]:
    """The country groups (LDC, EIT, SIDS, LLDC); returns their codes."""
    groups = read_data_file(data_dir / "country_groups.csv").rows
    for row in groups:
        CountryGroup.objects.update_or_create(
            code=row["code"],
            defaults={k: row.get(k, "") for k in _GROUP_COLUMNS},
        )
    return {row["code"] for row in groups}


def memberships_load(data_dir: Path, *, groups: set[str]) -> int:
    """Dated memberships of the given groups, replaced as a whole (no overlap within a country and group)."""
    file = "country_group_memberships.csv"
    known_countries = set(Country.objects.values_list("iso3", flat=True))
    intervals: list[CountryGroupMembership] = []
    for number, row in enumerate(read_data_file(data_dir / file).rows, start=1):
        if row["group"] not in groups:
            raise ValidationError(
                _("country_group_memberships.csv row %(row)s: unknown group “%(group)s”.")
                % {"row": number, "group": row["group"]}
            )
        if row["iso3"] not in known_countries:
            raise ValidationError(
                _("country_group_memberships.csv row %(row)s: unknown country code “%(code)s”.")
                % {"row": number, "code": row["iso3"]}
            )
        membership = CountryGroupMembership(
            group_id=row["group"],
            country_id=row["iso3"],
            valid_from=_date_or_none(row["valid_from"], file=file, row=number, column="valid_from") or UN_FOUNDED,
            valid_to=_date_or_none(row["valid_to"], file=file, row=number, column="valid_to"),
            verified=row.get("verified", "").lower() in {"yes", "true", "1"},
            source=row.get("source", "")[:500],
            unconfirmed_change_on=_date_or_none(
                row.get("unconfirmed_change_on", ""),
                file="country_group_memberships.csv",
                row=number,
                column="unconfirmed_change_on",
            ),
        )
        same_series = [
            m for m in intervals if (m.group_id, m.country_id) == (membership.group_id, membership.country_id)
        ]
        _check_interval(membership, others=same_series, row=number)
        intervals.append(membership)
    CountryGroupMembership.objects.filter(group_id__in=groups).delete()
    CountryGroupMembership.objects.bulk_create(intervals)
    return len(intervals)


def organisations_load(data_dir: Path) -> int:
    """Organisations with their roles and seats; parents are linked once every organisation exists."""
    organisations = read_data_file(data_dir / "organisations.csv").rows
    known_countries = set(Country.objects.values_list("iso3", flat=True))
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
                "name_es": row.get("name_es", ""),
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
    return len(organisations)


def themes_load(data_dir: Path) -> int:
    """The themes taxonomy, top-level themes first."""
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
    return len(themes)


@transaction.atomic
def reference_data_load(*, data_dir: Path = DATA_DIR, progress: Progress = _no_progress) -> ReferenceDataSummary:
    """Load (or refresh) every reference data file, step by step, in one transaction."""
    steps = 6
    regions = regions_load(data_dir)
    progress("regions", 1, steps)
    countries = countries_load(data_dir)
    progress("countries", 2, steps)
    groups = groups_load(data_dir)
    progress("groups", 3, steps)
    memberships = memberships_load(data_dir, groups=groups)
    progress("memberships", 4, steps)
    organisations = organisations_load(data_dir)
    progress("organisations", 5, steps)
    themes = themes_load(data_dir)
    progress("themes", 6, steps)
    return ReferenceDataSummary(
        regions=regions,
        countries=countries,
        groups=len(groups),
        memberships=memberships,
        organisations=organisations,
        themes=themes,
    )
