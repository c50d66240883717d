"""Writes of programmes and projects (with sectors, places, budgets, organisations, requests, mandates)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import require
from tcdesk.assistance import workflow
from tcdesk.assistance.models import AssistanceRequest
from tcdesk.assistance.services import request_transition
from tcdesk.core.limits import text_length_problems
from tcdesk.core.models import Country, Organisation, Region, Theme
from tcdesk.mandates.models import Mandate

from ..choices import GenderMarker, OrgRole, ProgrammeScope, ProjectStatus
from ..models import (
    Programme,
    Project,
    ProjectBudget,
    ProjectCountry,
    ProjectMandate,
    ProjectOrganisation,
    ProjectRegion,
    ProjectRequest,
    ProjectSector,
)
from ..permissions import MANAGE_PORTFOLIO
from ..publishing import REPORTING_ORG_REF
from ._common import Errors, add, check_percentages, check_period, decimal_or_error, duplicates

_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*$")
_SECTOR = re.compile(r"^\d{5}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _themes(errors: Errors, codes: Iterable[str]) -> list[Theme]:
    codes = list(dict.fromkeys(codes))
    themes = list(Theme.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {t.code for t in themes})
    if unknown:
        add(errors, "themes", _("Unknown theme(s): %(codes)s.") % {"codes": ", ".join(unknown)})
    return themes


@transaction.atomic
def programme_save(
    *,
    actor: Any,
    programme: Programme | None = None,
    code: str,
    name_en: str,
    name_fr: str = "",
    scope: str,
    region_code: str | None = None,
    country_iso3: str | None = None,
    theme_codes: Iterable[str] = (),
    description: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Programme:
    """Create or change a programme: a global one has no place, a regional one a region, a country one a State."""
    require(actor, MANAGE_PORTFOLIO)
    errors: Errors = text_length_problems(Programme, description=description)
    code = (code or "").strip().upper()
    if not code:
        add(errors, "code", _("Give the programme a code."))
    elif Programme.objects.filter(code=code).exclude(pk=programme.pk if programme else 0).exists():
        add(errors, "code", _("Another programme already uses the code “%(code)s”.") % {"code": code})
    if not (name_en or "").strip():
        add(errors, "name_en", _("Give the programme a name in English."))
    if scope not in ProgrammeScope.values:
        add(errors, "scope", _("Unknown scope “%(scope)s”.") % {"scope": scope})
    if scope == ProgrammeScope.REGIONAL and not region_code:
        add(errors, "region", _("A regional programme needs its region."))
    if scope == ProgrammeScope.COUNTRY and not country_iso3:
        add(errors, "country", _("A country programme needs its State."))
    if region_code and not Region.objects.filter(code=region_code).exists():
        add(errors, "region", _("Unknown region code “%(code)s”.") % {"code": region_code})
    if country_iso3 and not Country.objects.filter(iso3=country_iso3.upper()).exists():
        add(errors, "country", _("Unknown country code “%(code)s”.") % {"code": country_iso3})
    themes = _themes(errors, theme_codes)
    check_period(errors, "end", start, end)
    if errors:
        raise ValidationError(errors)
    programme = programme or Programme()
    programme.code = code
    programme.name_en, programme.name_fr = name_en.strip(), (name_fr or "").strip()
    programme.scope = scope
    programme.region_id = region_code if scope == ProgrammeScope.REGIONAL else None
    programme.country_id = country_iso3.upper() if scope == ProgrammeScope.COUNTRY and country_iso3 else None
    programme.description = description
    programme.start, programme.end = start, end
    programme.save()
    programme.themes.set(themes)
    return programme


@transaction.atomic
def project_save(
    *,
    actor: Any,
    project: Project | None = None,
    programme: Programme,
    iati_identifier: str,
    title_en: str,
    title_fr: str = "",
    description: str,
    status: int = ProjectStatus.PIPELINE,
    planned_start: dt.date,
    planned_end: dt.date,
    actual_start: dt.date | None = None,
    actual_end: dt.date | None = None,
    currency: str = "USD",
    gender_marker: int | None,
    theme_codes: Iterable[str] = (),
    sectors: Sequence[tuple[str, Decimal | str]] = (),
    countries: Sequence[tuple[str, Decimal | str]] = (),
    regions: Sequence[tuple[str, Decimal | str]] = (),
    budgets: Sequence[tuple[int, Decimal | str]] = (),
    organisations: Sequence[dict] = (),
    mandate_ids: Iterable[int] = (),
) -> Project:
    """Create or change a project with everything IATI publishes about it, validated as a whole.

    Rules: DAC sectors are 5-digit codes, once each, their percentages adding up to 100; recipient
    countries and regions together add up to 100 (IATI's rule); the gender marker is 0, 1 or 2; an
    end is never before its start; one budget per year; each organisation has an IATI role.
    """
    require(actor, MANAGE_PORTFOLIO)
    errors: Errors = text_length_problems(Project, description=description)
    iati_identifier = (iati_identifier or "").strip()
    if not _IDENTIFIER.match(iati_identifier):
        add(errors, "iati_identifier", _("An IATI identifier has letters, digits, dots, hyphens and underscores only."))
    elif not iati_identifier.startswith(f"{REPORTING_ORG_REF}-"):
        add(
            errors,
            "iati_identifier",
            _("An IATI identifier starts with the publisher's identifier: %(prefix)s-…")
            % {"prefix": REPORTING_ORG_REF},
        )
    elif Project.objects.filter(iati_identifier=iati_identifier).exclude(pk=project.pk if project else 0).exists():
        add(
            errors,
            "iati_identifier",
            _("Another project already has the IATI identifier “%(id)s”.") % {"id": iati_identifier},
        )
    if not (title_en or "").strip():
        add(errors, "title_en", _("Give the project a title in English."))
    if not (description or "").strip():
        add(errors, "description", _("Describe the project (IATI requires a description)."))
    if status not in ProjectStatus.values:
        add(errors, "status", _("Unknown IATI activity status “%(code)s”.") % {"code": status})
    if gender_marker is None or gender_marker == "":
        add(errors, "gender_marker", _("The gender equality marker is required (0, 1 or 2)."))
    elif int(gender_marker) not in GenderMarker.values:
        add(errors, "gender_marker", _("The gender equality marker is 0, 1 or 2."))
    if not _CURRENCY.match(currency or ""):
        add(errors, "currency", _("A currency is a three-letter ISO 4217 code."))
    if planned_start is None:
        add(errors, "planned_start", _("Give the planned start."))
    if planned_end is None:
        add(errors, "planned_end", _("Give the planned end."))
    check_period(errors, "planned_end", planned_start, planned_end)
    check_period(errors, "actual_end", actual_start, actual_end)
    themes = _themes(errors, theme_codes)

    sector_codes = [code for code, _share in sectors]
    for code in sector_codes:
        if not _SECTOR.match(code or ""):
            add(errors, "sectors", _("“%(code)s” is not a DAC 5-digit sector code.") % {"code": code})
    if duplicates(sector_codes):
        add(
            errors,
            "sectors",
            _("Each sector once: %(codes)s repeated.") % {"codes": ", ".join(duplicates(sector_codes))},
        )
    if not sectors:
        add(errors, "sectors", _("Give at least one DAC 5-digit sector."))
    check_percentages(errors, "sectors", [share for _code, share in sectors], what=_("sector"))

    country_codes = [code.upper() for code, _share in countries]
    known_countries = set(Country.objects.filter(iso3__in=country_codes).values_list("iso3", flat=True))
    for code in country_codes:
        if code not in known_countries:
            add(errors, "countries", _("Unknown country code “%(code)s”.") % {"code": code})
    if duplicates(country_codes):
        add(
            errors,
            "countries",
            _("Each country once: %(codes)s repeated.") % {"codes": ", ".join(duplicates(country_codes))},
        )
    region_codes = [code for code, _share in regions]
    known_regions = set(Region.objects.filter(code__in=region_codes).values_list("code", flat=True))
    for code in region_codes:
        if code not in known_regions:
            add(errors, "regions", _("Unknown region code “%(code)s”.") % {"code": code})
    if not countries and not regions and programme.scope != ProgrammeScope.GLOBAL:
        add(errors, "countries", _("Give the recipient countries or regions."))
    check_percentages(
        errors,
        "countries",
        [share for _code, share in countries] + [share for _code, share in regions],
        what=_("recipient country and region"),
    )

    years = [int(year) for year, _amount in budgets]
    if duplicates(years):
        add(
            errors,
            "budgets",
            _("One budget per year: %(years)s repeated.") % {"years": ", ".join(map(str, duplicates(years)))},
        )
    for _year, amount in budgets:
        value = decimal_or_error(errors, "budgets", amount)
        if value is not None and value < 0:
            add(errors, "budgets", _("A budget is not negative."))
    for year in years:
        if planned_start and planned_end and not planned_start.year <= year <= planned_end.year:
            add(errors, "budgets", _("The budget year %(year)s is outside the planned period.") % {"year": year})

    org_rows = []
    for index, row in enumerate(organisations, start=1):
        role = row.get("role")
        if role not in OrgRole.values:
            add(
                errors,
                "organisations",
                _("Organisation %(n)s: unknown IATI role “%(role)s”.") % {"n": index, "role": role},
            )
            continue
        organisation = None
        if row.get("organisation"):
            organisation = Organisation.objects.filter(code=row["organisation"]).first()
            if organisation is None:
                add(errors, "organisations", _("Unknown organisation code “%(code)s”.") % {"code": row["organisation"]})
                continue
        elif not (row.get("name") or "").strip():
            add(errors, "organisations", _("Organisation %(n)s: give a known organisation or a name.") % {"n": index})
            continue
        org_rows.append((organisation, (row.get("name") or "").strip(), (row.get("iati_ref") or "").strip(), role))
    mandates = list(Mandate.objects.filter(pk__in=list(mandate_ids)))
    if len(mandates) != len(set(mandate_ids)):
        add(errors, "mandates", _("Unknown mandate(s)."))
    if errors:
        raise ValidationError(errors)

    project = project or Project()
    project.programme = programme
    project.iati_identifier = iati_identifier
    project.title_en, project.title_fr = title_en.strip(), (title_fr or "").strip()
    project.description = description.strip()
    project.status = int(status)
    project.planned_start, project.planned_end = planned_start, planned_end
    project.actual_start, project.actual_end = actual_start, actual_end
    project.currency = currency
    project.gender_marker = int(gender_marker)  # type: ignore[arg-type]
    project.save()
    project.themes.set(themes)
    project.sectors.all().delete()
    ProjectSector.objects.bulk_create(
        ProjectSector(project=project, code=c, percentage=Decimal(str(p))) for c, p in sectors
    )
    project.countries.all().delete()
    ProjectCountry.objects.bulk_create(
        ProjectCountry(project=project, country_id=c.upper(), percentage=Decimal(str(p))) for c, p in countries
    )
    project.regions.all().delete()
    ProjectRegion.objects.bulk_create(
        ProjectRegion(project=project, region_id=c, percentage=Decimal(str(p))) for c, p in regions
    )
    project.budgets.all().delete()
    ProjectBudget.objects.bulk_create(
        ProjectBudget(project=project, year=int(y), amount=Decimal(str(a))) for y, a in budgets
    )
    project.organisations.all().delete()
    ProjectOrganisation.objects.bulk_create(
        ProjectOrganisation(project=project, organisation=o, name=n, iati_ref=r, role=role)
        for o, n, r, role in org_rows
    )
    project.mandate_links.exclude(mandate__in=mandates).delete()
    for mandate in mandates:
        ProjectMandate.objects.get_or_create(project=project, mandate=mandate)
    return project


@transaction.atomic
def project_answer_request(*, actor: Any, project: Project, ta_request: AssistanceRequest) -> ProjectRequest:
    """Link a State's request to the project that answers it. An accepted request moves to "planned"
    through the request workflow (its event and history say so); a planned or delivered one is linked
    as it is; any other is refused."""
    require(actor, MANAGE_PORTFOLIO)
    if ProjectRequest.objects.filter(project=project, request=ta_request).exists():
        raise ValidationError({"request": [_("The project already answers this request.")]})
    if ta_request.status == workflow.ACCEPTED:
        request_transition(
            ta_request=ta_request,
            actor=actor,
            action=workflow.PLAN,
            comment=_("Answered by project %(project)s.") % {"project": project.iati_identifier},
            project_reference=project.iati_identifier[:60],
        )
    elif ta_request.status not in (workflow.PLANNED, workflow.DELIVERED):
        raise ValidationError(
            {
                "request": [
                    _(
                        "Only an accepted, planned or delivered request can be answered by a project "
                        "(this one is “%(status)s”)."
                    )
                    % {"status": ta_request.get_status_display()}
                ]
            }
        )
    return ProjectRequest.objects.create(project=project, request=ta_request)
