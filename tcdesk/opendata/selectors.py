"""What the public sees, as plain documents (dicts and lists of JSON types) that the pages, the CSV and
JSON downloads and the open API all render, so that they show the same figures.

Every figure comes from the lower apps' selectors (treaty status, request counts, contributions,
pledged versus paid, flows, training totals); this module only leaves out what is not published:
projects and donors the administrator excluded (`Exclusion`), and everything of a request but its
status. Names are in the active language.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from tcdesk.assistance import selectors as assistance_selectors
from tcdesk.assistance.choices import RequestStatus
from tcdesk.core.models import Country, Theme
from tcdesk.funds import selectors as funds_selectors
from tcdesk.funds.models import Donor, Fund
from tcdesk.mandates.models import Mandate, MandateEvidence, Resolution
from tcdesk.mandates.selectors import registry
from tcdesk.portfolio import selectors as portfolio_selectors
from tcdesk.portfolio.choices import ActivityKind, ProjectStatus
from tcdesk.portfolio.models import Activity, IndicatorPeriod, Project, TrainingEvent
from tcdesk.treaties import selectors as treaty_selectors
from tcdesk.treaties.choices import CountryStatus
from tcdesk.treaties.models import Instrument

from .choices import ExclusionKind
from .models import Exclusion


def _money(value: Decimal) -> str:
    """An amount with its cents, as text (JSON numbers would lose exactness)."""
    return format(Decimal(value).quantize(Decimal("0.01")), "f")


# ---------------------------------------------------------------------------------------------- publication


def published_projects() -> QuerySet[Project]:
    """Projects not excluded from publication."""
    excluded = Exclusion.objects.filter(kind=ExclusionKind.PROJECT).values("project_id")
    return Project.objects.exclude(pk__in=excluded)


def published_donors() -> QuerySet[Donor]:
    """Donors not excluded from publication."""
    excluded = Exclusion.objects.filter(kind=ExclusionKind.DONOR).values("donor_id")
    return Donor.objects.exclude(pk__in=excluded)


def excluded_donor_codes() -> set[str]:
    return set(Exclusion.objects.filter(kind=ExclusionKind.DONOR).values_list("donor__code", flat=True))


# ---------------------------------------------------------------------------------------------- treaties


def treaties_overview(as_of: dt.date) -> dict[str, Any]:
    """Every instrument with its State parties and signatories on `as_of` and how far its data goes."""
    instruments = list(Instrument.objects.all())
    counts = treaty_selectors.party_counts(instruments, as_of)
    coverage = treaty_selectors.data_coverage([i.code for i in instruments])
    return {
        "as_of": as_of.isoformat(),
        "instruments": [
            {
                "code": i.code,
                "short_name": i.short_name,
                "name": i.name,
                "entry_into_force": i.entry_into_force_on.isoformat() if i.entry_into_force_on else None,
                "parties": counts[i.code][0],
                "signatories": counts[i.code][1],
                **coverage[i.code].document(as_of),
            }
            for i in instruments
        ],
    }


def _share(share: treaty_selectors.Share) -> dict[str, Any]:
    return {
        "code": share.code,
        "name": str(share.name),
        "members": share.members,
        "parties": share.parties,
        "signatories": share.signatories,
        "percent": share.percent,
    }


def instrument_document(instrument: Instrument, as_of: dt.date) -> dict[str, Any]:
    """One instrument on `as_of`: parties (since when), signatories, coverage by region and country group
    (membership as at the date), and the number of parties after each change up to the date."""
    status = treaty_selectors.status_document(instrument, as_of)
    names = treaty_selectors.participant_names(status["parties"] + status["signatories"])
    coverage = treaty_selectors.coverage(instrument, as_of)
    return {
        **status,
        "short_name": instrument.short_name,
        "name": instrument.name,
        "names": names,
        "coverage": {kind: [_share(s) for s in shares] for kind, shares in coverage.items()},
        "parties_over_time": [
            [day.isoformat(), count] for day, count in treaty_selectors.parties_over_time(instrument, as_of)
        ],
    }


# ---------------------------------------------------------------------------------------------- countries


def request_counts(country_iso3: str | None = None) -> list[dict[str, Any]]:
    """Requests by status (counts only, drafts apart), in the workflow's order."""
    counts = assistance_selectors.status_counts(country_iso3=country_iso3)
    return [
        {"status": status.value, "label": str(status.label), "count": counts[status.value]}
        for status in RequestStatus
        if counts.get(status.value)
    ]


def _project_row(project: Project) -> dict[str, Any]:
    return {
        "identifier": project.iati_identifier,
        "title": project.title_fr if _french() and project.title_fr else project.title_en,
        "status": project.status,
        "status_label": str(ProjectStatus(project.status).label),
        "programme": project.programme.code if project.programme_id else None,
        "start": project.planned_start.isoformat(),
        "end": project.planned_end.isoformat(),
        "countries": [c.country_id for c in project.countries.all()],
        "themes": sorted(t.code for t in project.themes.all()),
        "gender_marker": project.gender_marker,
        "currency": project.currency,
        "budget": _money(sum((b.amount for b in project.budgets.all()), Decimal(0))),
    }


def _french() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "en").startswith("fr")


def _projects(queryset: QuerySet[Project]) -> list[dict[str, Any]]:
    queryset = queryset.select_related("programme").prefetch_related("countries", "themes", "budgets")
    return [_project_row(p) for p in queryset.order_by("iati_identifier")]


def country_document(country: Country, as_of: dt.date) -> dict[str, Any]:
    """A State on `as_of`: its treaty status, the requests it made by status, the published projects
    for it, the trainings held there by sex and the money allocated to its requests by donor."""
    row = treaty_selectors.country_row(country, as_of)
    projects = published_projects().filter(countries__country=country).distinct()
    trainings = TrainingEvent.objects.filter(activity__country=country, activity__project__in=published_projects())
    excluded = excluded_donor_codes()
    money: dict[str, Decimal] = defaultdict(Decimal)
    for flow in funds_selectors.flows(end=as_of, country=country.iso3):
        if flow["donor"] not in excluded:
            money[flow["donor"]] += flow["usd"]
    donor_names = {d.code: d.name for d in Donor.objects.filter(code__in=list(money)).select_related("country")}
    return {
        "iso3": country.iso3,
        "name": country.name,
        "as_of": as_of.isoformat(),
        "treaties": [
            {
                "instrument": entry.instrument.code,
                "short_name": entry.instrument.short_name,
                "status": entry.cell.status,
                "status_label": str(CountryStatus(entry.cell.status).label),
                "since": entry.cell.since.isoformat() if entry.cell.since else None,
            }
            for entry in row
        ],
        "requests": request_counts(country.iso3),
        "projects": _projects(projects),
        "trainings": portfolio_selectors.training_totals(trainings).as_dict(),
        "money": [
            {"donor": code, "name": donor_names.get(code, code or "—"), "usd": _money(usd)}
            for code, usd in sorted(money.items())
        ],
    }


# ---------------------------------------------------------------------------------------------- funding


def funding_document() -> dict[str, Any]:
    """Contributions by donor, fund and year (earmarked or not), pledged versus paid, and the flows
    donor → fund → country and theme (each dollar counted once), for the published donors."""
    donors = published_donors()
    names = {d.code: d.name for d in Donor.objects.select_related("country", "organisation")}
    funds = {f.code: f.name for f in Fund.objects.all()}
    contributions = funds_selectors.contributions_by_year(donors=donors)
    by_year: dict[int, dict[str, Decimal]] = defaultdict(lambda: {"earmarked": Decimal(0), "unearmarked": Decimal(0)})
    for row in contributions:
        by_year[row["year"]]["earmarked" if row["earmarked"] else "unearmarked"] += row["usd"]
    return {
        "currency": "USD",
        "contributions": [
            {
                **row,
                "donor_name": names.get(row["donor"], row["donor"]),
                "fund_name": funds.get(row["fund"], ""),
                "usd": _money(row["usd"]),
            }
            for row in contributions
        ],
        "earmarking": [
            {"year": year, "earmarked": _money(v["earmarked"]), "unearmarked": _money(v["unearmarked"])}
            for year, v in sorted(by_year.items())
        ],
        "pledged_vs_paid": [
            {
                "donor": row["donor"].code,
                "donor_name": row["donor"].name,
                "year": row["year"],
                "pledged": _money(row["pledged"]),
                "paid": _money(row["paid"]),
            }
            for row in funds_selectors.pledged_vs_paid(donors)
        ],
        "flows": [
            {**row, "donor_name": names.get(row["donor"], row["donor"]), "usd": _money(row["usd"])}
            for row in funds_selectors.flows(donors=donors)
        ],
    }


# ---------------------------------------------------------------------------------------------- delivery


def _count(rows: list[str | None]) -> list[dict[str, Any]]:
    return [{"code": key, "count": n} for key, n in sorted(Counter(r for r in rows if r).items())]


def _people(period: IndicatorPeriod, kind: str) -> dict[str, Any]:
    value = getattr(period, kind)
    return {
        "value": None if value is None else format(value.normalize(), "f"),
        "women": getattr(period, f"{kind}_women"),
        "men": getattr(period, f"{kind}_men"),
        "other": getattr(period, f"{kind}_other"),
    }


def delivery_document() -> dict[str, Any]:
    """Published projects (by country, theme and programme), their activities by kind and country,
    trainings with participants by sex (in all and by theme), and results against targets."""
    projects = published_projects()
    rows = _projects(projects)
    activities = Activity.objects.filter(project__in=projects)
    trainings = TrainingEvent.objects.filter(activity__project__in=projects)
    themes = {t.code: t.name for t in Theme.objects.all()}
    by_theme = []
    for theme in sorted({code for row in rows for code in row["themes"]}):
        totals = portfolio_selectors.training_totals(trainings.filter(activity__project__themes=theme))
        by_theme.append({"theme": theme, "name": themes.get(theme, theme), **totals.as_dict()})
    periods = (
        IndicatorPeriod.objects.filter(indicator__project__in=projects)
        .select_related("indicator__project")
        .order_by("indicator__project__iati_identifier", "indicator__pk", "start")
    )
    return {
        "projects": rows,
        "projects_by_country": _count([c for row in rows for c in row["countries"]]),
        "projects_by_theme": _count([t for row in rows for t in row["themes"]]),
        "projects_by_programme": _count([row["programme"] for row in rows]),
        "activities_by_kind": [
            {"kind": kind, "label": str(ActivityKind(kind).label), "count": n}
            for kind, n in sorted(Counter(activities.values_list("kind", flat=True)).items())
        ],
        "activities_by_country": _count(list(activities.values_list("country_id", flat=True))),
        "trainings": portfolio_selectors.training_totals(trainings).as_dict(),
        "trainings_by_theme": by_theme,
        "results": [
            {
                "project": p.indicator.project.iati_identifier,
                "indicator": p.indicator.title,
                "baseline": format(p.indicator.baseline_value.normalize(), "f"),
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "target": _people(p, "target"),
                "actual": _people(p, "actual"),
            }
            for p in periods
        ],
    }


# ---------------------------------------------------------------------------------------------- mandates


def mandates_document() -> dict[str, Any]:
    """The resolutions loaded, each operative paragraph's mandate with its status and public evidence
    (the links recorded as evidence; internal notes and who recorded them are not shown)."""
    evidence: dict[int, list[dict[str, str]]] = defaultdict(list)
    for item in MandateEvidence.objects.exclude(url="").order_by("added_at", "pk"):
        evidence[item.mandate_id].append({"url": item.url, "description": item.text})
    mandates: dict[int, list[Mandate]] = defaultdict(list)
    for mandate in registry().order_by("resolution_id", "order", "pk"):
        mandates[mandate.resolution_id].append(mandate)
    return {
        "resolutions": [
            {
                "symbol": resolution.symbol,
                "title": resolution.title,
                "session": resolution.session,
                "adopted": resolution.adoption_date.isoformat() if resolution.adoption_date else None,
                "mandates": [
                    {
                        "paragraph": m.paragraph_number,
                        "subparagraph": m.subparagraph_label,
                        "lead": m.lead,
                        "text": m.text,
                        "status": m.status,
                        "status_label": str(m.get_status_display()),
                        "evidence": evidence.get(m.pk, []),
                    }
                    for m in mandates.get(resolution.pk, [])
                ],
            }
            for resolution in Resolution.objects.defer("source_text", "parsed").order_by("-session", "symbol")
        ]
    }
