"""Demo portfolio (clearly synthetic): programmes, projects answering the demo's accepted requests,
trainings with participants by sex in several States, and results.

Runs after the assistance demo (INSTALLED_APPS order): each accepted demo request gets a project in
its State (which moves the request to "planned" through the workflow), each planned one is linked
to a project too; projects serve the mandates the request cites. Deterministic for a seed; `scale`
multiplies the trainings per project. Codes and identifiers are made up (`…-DEMO-…`).

Money (`demo_funding`, after the funds demo): each project is paid by an allocation through the funds
services, and the trainings it held are recorded as expenditure under it, so project, country and
donor pages show money from the ledger. Projects keep their identity from one run to the next (found
by IATI identifier), so a rerun posts nothing twice.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.assistance import workflow
from tcdesk.assistance.models import AssistanceRequest, RequestMandateLink
from tcdesk.assistance.services import notifications_muted
from tcdesk.core.demo import demo_user

from . import demo_funding, services
from .models import Activity, Outcome, Programme, Project
from .publishing import REPORTING_ORG_REF

SYNTHETIC = "[Synthetic demo data] "
PREFIX = f"{REPORTING_ORG_REF}-DEMO-"

# code, English, French, scope, region (M49), country, themes
PROGRAMMES = [
    (
        "DEMO-GLOTIP",
        "Global programme against trafficking in persons",
        "Programme mondial contre la traite des personnes",
        "global",
        None,
        None,
        ["trafficking_in_persons", "smuggling_of_migrants"],
    ),
    (
        "DEMO-GLOTPB",
        "Global programme on strengthening the legal regime against terrorism",
        "Programme mondial de renforcement du régime juridique contre le terrorisme",
        "global",
        None,
        None,
        ["terrorism", "terrorist_financing"],
    ),
    (
        "DEMO-GLOCOR",
        "Global programme against corruption",
        "Programme mondial contre la corruption",
        "global",
        None,
        None,
        ["corruption", "money_laundering", "asset_recovery"],
    ),
    (
        "DEMO-GLOOC",
        "Global programme against transnational organized crime",
        "Programme mondial contre la criminalité transnationale organisée",
        "global",
        None,
        None,
        ["organized_crime", "firearms", "drugs", "cybercrime"],
    ),
    (
        "DEMO-AFR0610",
        "Programme of action for Africa, 2006–2010",
        "Programme d’action pour l’Afrique, 2006-2010",
        "regional",
        "002",
        None,
        ["criminal_justice", "crime_prevention", "post_conflict"],
    ),
]
# Theme of a request -> programme and DAC sectors (shares add up to 100).
PLAN = {
    "trafficking_in_persons": ("DEMO-GLOTIP", [("15190", 50), ("15180", 30), ("15130", 20)]),
    "smuggling_of_migrants": ("DEMO-GLOTIP", [("15190", 70), ("15136", 30)]),
    "terrorism": ("DEMO-GLOTPB", [("15130", 60), ("15210", 40)]),
    "terrorist_financing": ("DEMO-GLOTPB", [("15130", 50), ("15210", 50)]),
    "corruption": ("DEMO-GLOCOR", [("15113", 80), ("15130", 20)]),
    "money_laundering": ("DEMO-GLOCOR", [("15113", 100)]),
    "asset_recovery": ("DEMO-GLOCOR", [("15113", 100)]),
    "firearms": ("DEMO-GLOOC", [("15240", 70), ("15210", 30)]),
    "drugs": ("DEMO-GLOOC", [("16063", 100)]),
}
AFRICA = {"MLI", "SLE", "NGA"}
GROUPS = ["judges", "prosecutors", "police", "customs", "fiu", "central_authorities"]
PLACES = {
    "MLI": "Bamako",
    "COL": "Bogotá",
    "UKR": "Kyiv",
    "AFG": "Kabul",
    "HTI": "Port-au-Prince",
    "NPL": "Kathmandu",
    "SLE": "Freetown",
    "KGZ": "Bishkek",
    "MDA": "Chișinău",
    "TLS": "Dili",
    "PER": "Lima",
    "NGA": "Abuja",
}


def load_demo(*, seed: int, scale: int, progress) -> dict:
    with notifications_muted(), transaction.atomic():
        return _load(seed=seed, scale=max(1, scale), progress=progress)


def _load(*, seed: int, scale: int, progress) -> dict:
    rng = random.Random(seed)
    officer = demo_user("officer", first_name="Omar", last_name="Officer")
    role_assign(user=officer, role=Role.PROGRAMME_OFFICER)
    programmes = {}
    for code, name_en, name_fr, scope, region, country, themes in PROGRAMMES:
        existing = Programme.objects.filter(code=code).first()
        programmes[code] = services.programme_save(
            actor=officer,
            programme=existing,
            code=code,
            name_en=name_en,
            name_fr=name_fr,
            scope=scope,
            region_code=region,
            country_iso3=country,
            theme_codes=themes,
            description=SYNTHETIC + "A programme of the demo portfolio.",
            start=dt.date(2006, 1, 1) if code == "DEMO-AFR0610" else None,
            end=dt.date(2010, 12, 31) if code == "DEMO-AFR0610" else None,
        )
    wanted = (
        AssistanceRequest.objects.filter(
            status__in=[workflow.ACCEPTED, workflow.PLANNED], description__startswith=SYNTHETIC
        )
        .select_related("country")
        .prefetch_related("themes")
        .order_by("pk")
    )
    today = timezone.localdate()
    counts = {"programmes": len(programmes), "projects": 0, "trainings": 0, "requests_planned": 0, "indicators": 0}
    funding = demo_funding.DemoFunding.start(today=today)
    kept: set[str] = set()
    for number, ta_request in enumerate(wanted, start=1):
        theme = next((t.code for t in ta_request.themes.all() if t.code in PLAN), "terrorism")
        programme_code, sectors = PLAN[theme]
        if ta_request.country_id in AFRICA and rng.random() < 0.4:
            programme_code = "DEMO-AFR0610"
        start = today - dt.timedelta(days=rng.randint(60, 500))
        end = start + dt.timedelta(days=rng.randint(400, 900))
        mandates = list(
            RequestMandateLink.objects.filter(request=ta_request, mandate__isnull=False).values_list(
                "mandate_id", flat=True
            )
        )
        identifier = f"{PREFIX}{ta_request.country_id}-{number:03d}"
        existing = Project.objects.filter(iati_identifier=identifier).first()
        project = services.project_save(
            actor=officer,
            project=existing,
            programme=programmes[programme_code],
            iati_identifier=identifier,
            title_en=f"{ta_request.title} ({ta_request.country.name_en})"[:250],
            title_fr=f"{ta_request.title} ({ta_request.country.name_fr})"[:250],
            description=SYNTHETIC + f"Answers request {ta_request.reference}: {ta_request.title}.",
            status=2,
            planned_start=start,
            planned_end=end,
            actual_start=start + dt.timedelta(days=rng.randint(0, 30)),
            gender_marker=rng.choice([1, 1, 2, 0]),
            theme_codes=[t.code for t in ta_request.themes.all()],
            sectors=[(code, Decimal(share)) for code, share in sectors],
            countries=[(ta_request.country_id, Decimal(100))],
            budgets=[(year, Decimal(rng.randrange(80_000, 400_000, 1000))) for year in range(start.year, end.year + 1)],
            organisations=[
                {"role": 2, "name": "Programme office (demo)", "iati_ref": REPORTING_ORG_REF},
                {"role": 4, "name": ta_request.requesting_authority[:255]},
            ],
            mandate_ids=mandates,
        )
        kept.add(identifier)
        counts["requests_planned"] += ta_request.status == workflow.ACCEPTED
        if not project.request_links.filter(request=ta_request).exists():
            services.project_answer_request(actor=officer, project=project, ta_request=ta_request)
        counts["projects"] += 1
        # Delivery and results are redrawn on each run (no money hangs on them; expenditure references
        # name the project and the training's rank, so a rerun finds what it recorded).
        Activity.objects.filter(project=project).delete()
        Outcome.objects.filter(project=project).delete()
        project.indicators.all().delete()
        trained = _trainings(rng, officer, project, ta_request.country_id, today, scale)
        counts["trainings"] += len(trained)
        _results(officer, project, trained, start)
        counts["indicators"] += 1
        funding.fund_project(project=project, ta_request=ta_request, trainings=trained)
        if progress:
            progress("portfolio", number, len(wanted))
    stale = Project.objects.filter(iati_identifier__startswith=PREFIX).exclude(iati_identifier__in=kept)
    for project in stale:
        funding.release_project(project)
    stale.delete()
    Programme.objects.filter(code__startswith="DEMO-", projects__isnull=True).exclude(code__in=programmes).delete()
    return {**counts, **funding.counts}


def _trainings(rng, officer, project, iso3: str, today: dt.date, scale: int) -> list:
    trained = []
    for index in range(rng.randint(1, 3) * scale):
        group = rng.choice(GROUPS)
        women, men, other = rng.randint(4, 18), rng.randint(4, 18), rng.randint(0, 2)
        start = min(project.planned_start + dt.timedelta(days=30 + 45 * index), today - dt.timedelta(days=3))
        other_group = rng.choice([g for g in GROUPS if g != group])
        split = (women // 2, men // 2, 0)
        trained.append(
            services.training_save(
                actor=officer,
                project=project,
                title=f"Training course for {group.replace('_', ' ')} ({index + 1})",
                description=SYNTHETIC.strip(),
                country_iso3=iso3,
                start=start,
                end=start + dt.timedelta(days=rng.randint(1, 4)),
                place=PLACES.get(iso3, "Capital"),
                target_group=group,
                participants=women + men + other,
                women=women,
                men=men,
                other_sex=other,
                roles=[(group, women - split[0], men - split[1], other), (other_group, *split)],
                pre_score=Decimal(rng.randint(35, 60)),
                post_score=Decimal(rng.randint(65, 90)),
            )
        )
    return trained


def _results(officer, project, trained, start: dt.date) -> None:
    outcome = services.outcome_save(
        actor=officer, project=project, title="Criminal justice officials apply the law and the instruments"
    )
    output = services.output_save(actor=officer, outcome=outcome, title="Officials trained")
    women = sum(t.women for t in trained)
    men = sum(t.men for t in trained)
    other = sum(t.other_sex for t in trained)
    target_women, target_men = women + 5, men + 5
    services.indicator_save(
        actor=officer,
        project=project,
        output=output,
        title="Criminal justice officials trained",
        counts_people=True,
        baseline_year=start.year - 1,
        baseline_value=Decimal(0),
        periods=[
            {
                "start": start,
                "end": project.planned_end,
                "target": Decimal(target_women + target_men),
                "actual": Decimal(women + men + other),
                "target_women": target_women,
                "target_men": target_men,
                "target_other": 0,
                "actual_women": women,
                "actual_men": men,
                "actual_other": other,
            }
        ],
    )
