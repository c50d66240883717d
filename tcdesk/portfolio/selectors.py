"""Reads of the portfolio that several callers need: objects for a user, totals by sex, panels' items."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from tcdesk.accounts.rules import Action, holds
from tcdesk.assistance.models import PartnerActivity
from tcdesk.assistance.permissions import VIEW_PARTNER_ACTIVITIES
from tcdesk.core.access import load_for_user

from . import duplication
from .models import Activity, ImportedActivity, Programme, Project, TrainingEvent


def get_programme_for_user(user: Any, pk: int, action: Action | None = None) -> Programme:
    return load_for_user(user, Programme.objects.select_related("region", "country"), action, pk=pk)


def get_project_for_user(user: Any, pk: int, action: Action | None = None) -> Project:
    """The project for `action` (default: read): 404 out of sight, 403 in sight but not allowed."""
    return load_for_user(user, Project.objects.select_related("programme"), action, pk=pk)


def get_activity_for_user(user: Any, pk: int, action: Action | None = None) -> Activity:
    return load_for_user(user, Activity.objects.select_related("project", "country"), action, pk=pk)


def get_imported_activity_for_user(user: Any, pk: int) -> ImportedActivity:
    return load_for_user(user, ImportedActivity.objects.all(), pk=pk)


def mandate_choices(user: Any) -> list[tuple[str, list[tuple[int, str]]]]:
    """Mandates of the registry the user may read, grouped by resolution (newest session first), for the
    project form's picker: [(symbol, [(mandate id, "op. 6 — Prie l’Office…"), …]), …]."""
    from tcdesk.mandates.models import Mandate

    groups: dict[str, list[tuple[int, str]]] = {}
    mandates = (
        Mandate.objects.for_user(user)
        .select_related("resolution")
        .only("pk", "key", "text", "order", "resolution__symbol", "resolution__session")
        .order_by("-resolution__session", "resolution__symbol", "order")
    )
    for mandate in mandates:
        text = " ".join(mandate.text.split())
        label = f"op. {mandate.key} — {text[:90]}{'…' if len(text) > 90 else ''}"
        groups.setdefault(mandate.resolution.symbol, []).append((mandate.pk, label))
    return list(groups.items())


def visible_projects(user: Any) -> QuerySet[Project]:
    """The projects the user may read (a focal point: those in its State), without duplicates."""
    visible = Project.objects.for_user(user)
    return Project.objects.filter(pk__in=visible.values("pk"))


@dataclass(frozen=True)
class BySex:
    """Participants in total and by sex (women + men + other or not disclosed = total, always)."""

    total: int = 0
    women: int = 0
    men: int = 0
    other: int = 0
    events: int = 0

    @property
    def women_share(self) -> float | None:
        return round(100 * self.women / self.total, 1) if self.total else None

    def as_dict(self) -> dict[str, int]:
        return {"events": self.events, "total": self.total, "women": self.women, "men": self.men, "other": self.other}


def training_totals(trainings: QuerySet[TrainingEvent]) -> BySex:
    """Totals of these training events, by sex."""
    sums = TrainingEvent.objects.filter(pk__in=trainings.values("pk")).aggregate(
        total=Sum("participants"), women=Sum("women"), men=Sum("men"), other=Sum("other_sex")
    )
    return BySex(
        total=sums["total"] or 0,
        women=sums["women"] or 0,
        men=sums["men"] or 0,
        other=sums["other"] or 0,
        events=trainings.count(),
    )


def trainings_of_project(project: Project) -> QuerySet[TrainingEvent]:
    return TrainingEvent.objects.filter(activity__project=project)


def trainings_of_country(country: Any, user: Any) -> QuerySet[TrainingEvent]:
    """Trainings held in a State, among the projects the user may read."""
    return TrainingEvent.objects.filter(
        activity__country=country, activity__project__in=visible_projects(user)
    ).select_related("activity", "activity__project")


def training_totals_by_theme(user: Any) -> dict[str, BySex]:
    """Training totals by theme of the projects (a training counts under each theme of its project)."""
    rows = (
        TrainingEvent.objects.filter(activity__project__in=visible_projects(user))
        .values("activity__project__themes")
        .annotate(total=Sum("participants"), women=Sum("women"), men=Sum("men"), other=Sum("other_sex"))
    )
    return {
        row["activity__project__themes"]: BySex(
            total=row["total"] or 0, women=row["women"] or 0, men=row["men"] or 0, other=row["other"] or 0
        )
        for row in rows
        if row["activity__project__themes"]
    }


# ------------------------------------------------------------------------------------------- panels


def projects_of_country(country: Any, user: Any) -> QuerySet[Project] | None:
    """Projects with the State among their recipient countries; None when the user reads no project."""
    visible = Project.objects.for_user(user)
    if visible.query.is_empty():
        return None
    return (
        visible_projects(user).filter(countries__country=country).select_related("programme").order_by("-planned_start")
    )


def trainings_panel_of_country(country: Any, user: Any) -> list[BySex] | None:
    """One item: the State's training totals by sex (None when the user reads no project)."""
    if Project.objects.for_user(user).query.is_empty():
        return None
    totals = training_totals(trainings_of_country(country, user))
    return [totals] if totals.events else []


def partner_activities_of_country(country: Any, user: Any) -> QuerySet[PartnerActivity] | None:
    """Partners' activities in the State (recorded by hand or imported from IATI)."""
    visible = PartnerActivity.objects.for_user(user, VIEW_PARTNER_ACTIVITIES)
    if visible.query.is_empty():
        return None
    return visible.filter(country=country).select_related("organisation").order_by("-start", "pk")


def projects_under_mandate(mandate: Any, user: Any) -> QuerySet[Project] | None:
    visible = Project.objects.for_user(user)
    if visible.query.is_empty():
        return None
    return visible_projects(user).filter(mandate_links__mandate=mandate).select_related("programme")


def trainings_under_mandate(mandate: Any, user: Any) -> QuerySet[TrainingEvent] | None:
    if Project.objects.for_user(user).query.is_empty():
        return None
    return (
        TrainingEvent.objects.filter(
            activity__project__in=visible_projects(user).filter(mandate_links__mandate=mandate)
        )
        .select_related("activity", "activity__country", "activity__project")
        .order_by("-activity__start")
    )


def projects_answering_request(ta_request: Any, user: Any) -> QuerySet[Project] | None:
    visible = Project.objects.for_user(user)
    if visible.query.is_empty():
        return None
    return visible_projects(user).filter(request_links__request=ta_request).select_related("programme")


def delivery_for_request(ta_request: Any, user: Any) -> QuerySet[Activity] | None:
    """Activities of the projects answering the request, in the requesting State."""
    projects = projects_answering_request(ta_request, user)
    if projects is None:
        return None
    return (
        Activity.objects.filter(project__in=projects)
        .select_related("project", "country", "training")
        .order_by("-start")
    )


# ------------------------------------------------------------------------------------------- money


@dataclass(frozen=True)
class FundableProject:
    """What the funds app needs to know of a project (earmark checks, display)."""

    label: str
    countries: tuple[str, ...]
    themes: tuple[str, ...]
    regions: tuple[str, ...]
    url: str


def fundable_project(pk: int) -> FundableProject | None:
    """The funds app's view of a project (the "project" fundable), None when there is no such project."""
    project = Project.objects.filter(pk=pk).prefetch_related("countries", "themes", "regions").first()
    if project is None:
        return None
    return FundableProject(
        label=f"{project.iati_identifier} {project.title_en}",
        countries=tuple(c.country_id for c in project.countries.all()),
        themes=tuple(t.code for t in project.themes.all()),
        regions=tuple(r.region_id for r in project.regions.all()),
        url=project.get_absolute_url(),
    )


@dataclass(frozen=True)
class DonorMoney:
    """Money (USD equivalent) a donor's earmarks put into projects: allocated and spent."""

    donor: str
    name: str
    allocated_usd: Decimal
    spent_usd: Decimal

    def as_dict(self) -> dict[str, str]:
        cents = Decimal("0.01")
        return {
            "donor": self.donor,
            "name": self.name,
            "allocated_usd": str(self.allocated_usd.quantize(cents)),
            "spent_usd": str(self.spent_usd.quantize(cents)),
        }


def money_by_donor(projects: Any, user: Any) -> list[DonorMoney] | None:
    """Allocations to these projects and their expenditure, by donor (unearmarked money under "—"), as
    far as the user may read allocations (a donor: its own); None when it may read none."""
    from tcdesk.funds.models import Allocation, Expenditure
    from tcdesk.funds.permissions import VIEW_CONTRIBUTION

    if not holds(user, VIEW_CONTRIBUTION):
        return None
    allocations = Allocation.objects.for_user(user).filter(
        fundable_kind="project", fundable_id__in=projects.values("pk")
    )
    by_donor: dict[str, list] = {}
    for code, name, usd in allocations.values_list(
        "earmark__agreement__donor__code", "earmark__agreement__donor__name_en", "usd_amount"
    ):
        row = by_donor.setdefault(code or "", [name or "", Decimal(0), Decimal(0)])
        row[1] += usd
    spent = Expenditure.objects.filter(allocation__in=allocations).values_list(
        "allocation__earmark__agreement__donor__code", "usd_amount"
    )
    for code, usd in spent:
        by_donor.setdefault(code or "", ["", Decimal(0), Decimal(0)])[2] += usd
    return [
        DonorMoney(donor=code or "—", name=name or code or "—", allocated_usd=allocated, spent_usd=spent_usd)
        for code, (name, allocated, spent_usd) in sorted(by_donor.items())
    ]


def money_panel_of_country(country: Any, user: Any) -> list[DonorMoney] | None:
    projects = projects_of_country(country, user)
    if projects is None:
        return None
    return money_by_donor(projects, user)


# ------------------------------------------------------------------------------------------- partners


def imported_activities(
    user: Any, *, country: str = "", sector: str = "", publisher: str = "", text: str = ""
) -> QuerySet[ImportedActivity]:
    """Partners' imported IATI activities the user may read, filtered: `country` an ISO3 code among the
    recipient countries, `sector` a DAC 5-digit code or 3-digit category, `publisher` (identifier or
    name, part of it) and `text` (part of the title or identifier)."""
    activities = ImportedActivity.objects.for_user(user)
    if country.strip():
        activities = activities.filter(country_codes__contains=f" {country.strip().upper()} ")
    if sector.strip():
        activities = activities.filter(sector_codes__contains=f" {sector.strip()} ")
    if publisher.strip():
        activities = activities.filter(
            Q(reporting_org_ref__icontains=publisher.strip()) | Q(reporting_org_name__icontains=publisher.strip())
        )
    if text.strip():
        activities = activities.filter(Q(title__icontains=text.strip()) | Q(iati_identifier__icontains=text.strip()))
    return activities


def partner_footprint(activity: ImportedActivity) -> duplication.Footprint:
    five, three = duplication.sector_keys((row[0], row[1]) for row in activity.sectors or [])
    return duplication.Footprint(
        key=f"partner:{activity.pk}",
        label=activity.title,
        countries=frozenset(row[0] for row in activity.countries or []),
        sectors=five,
        categories=three,
        start=activity.start,
        end=activity.end,
        text=" ".join([activity.title, activity.partner_activity.description if activity.partner_activity else ""]),
    )


def _candidate_projects(user: Any, countries: Iterable[str]) -> list[Project]:
    """Our projects (that the user may read) in any of these States, with their countries and sectors."""
    return list(
        visible_projects(user)
        .filter(countries__country__in=list(countries))
        .distinct()
        .prefetch_related("countries", "sectors")
    )


def _project_footprint(project: Project) -> duplication.Footprint:
    return duplication.Footprint(
        key=f"project:{project.pk}",
        label=project.iati_identifier,
        countries=frozenset(c.country_id for c in project.countries.all()),
        sectors=frozenset(s.code for s in project.sectors.all()),
        start=project.actual_start or project.planned_start,
        end=project.actual_end or project.planned_end,
        text=f"{project.title_en} {project.title_fr}",
    )


def possible_duplicates(activity: ImportedActivity, user: Any, limit: int = 10) -> list[dict[str, Any]]:
    """Our projects (that the user may read) which may duplicate a partner's activity, closest first:
    each with the project's id, IATI identifier and title, the score and the reasons."""
    partner = partner_footprint(activity)
    by_key = {f"project:{p.pk}": p for p in _candidate_projects(user, partner.countries)}
    footprints = [_project_footprint(project) for project in by_key.values()]
    found = []
    for match in duplication.possible_duplicates(partner, footprints, limit=limit):
        project = by_key[match.key]
        found.append({**match.as_dict(), "project": project})
    return found


def duplicate_counts(activities: list[ImportedActivity], user: Any) -> dict[int, int]:
    """How many of our projects may duplicate each of these partner activities (one page of a list).

    One query set for the whole page, not one per row: the projects in any of the page's States are
    read once, and each activity is compared with those sharing one of its States (the candidates
    `possible_duplicates` would read, so the counts agree with the activity's page)."""
    partners = {activity.pk: partner_footprint(activity) for activity in activities}
    countries = set().union(*(partner.countries for partner in partners.values())) if partners else set()
    footprints = [_project_footprint(project) for project in _candidate_projects(user, countries)] if countries else []
    return {
        pk: len(duplication.possible_duplicates(partner, [f for f in footprints if f.countries & partner.countries]))
        for pk, partner in partners.items()
    }
