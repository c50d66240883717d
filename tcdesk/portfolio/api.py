"""API of the portfolio (mounted at /api/portfolio), over the same services and selectors as the pages.

Programmes are read by every signed-in user; projects, activities and trainings by staff and, for the
projects in its State, a focal point (any other answers 404). Officers write. Validation errors are
422 naming the field. The IATI export is a download for staff; the import takes a partner's file.
"""

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from django.http import FileResponse, HttpRequest
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from tcdesk.assistance.selectors import get_request_for_user
from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut, whole_record
from tcdesk.core.export import dated_filename
from tcdesk.core.imports import check_upload_size

from . import iati, publishing, selectors, services
from .models import Activity, Programme, Project
from .permissions import EXPORT_IATI, IMPORT_IATI, MANAGE_PORTFOLIO, VIEW_PROGRAMME, VIEW_PROJECT

router = Router(tags=["portfolio"])


class ProgrammeOut(Schema):
    id: int
    code: str
    name_en: str
    name_fr: str
    scope: str
    region: str | None = Field(alias="region_id")
    country: str | None = Field(alias="country_id")
    themes: list[str]
    start: dt.date | None
    end: dt.date | None

    @staticmethod
    def resolve_themes(obj: Programme) -> list[str]:
        return sorted(t.code for t in obj.themes.all())


class ProgrammeIn(Schema):
    code: str
    name_en: str
    name_fr: str = ""
    scope: str = Field(description="global, regional or country")
    region_code: str | None = None
    country_iso3: str | None = None
    theme_codes: list[str] = []
    description: str = ""
    start: dt.date | None = None
    end: dt.date | None = None


class Share(Schema):
    code: str
    percentage: Decimal


class BudgetRow(Schema):
    year: int
    amount: Decimal


class OrganisationRow(Schema):
    role: int = Field(description="IATI role: 1 funding, 2 accountable, 3 extending, 4 implementing")
    organisation: str | None = Field(None, description="a tcdesk organisation code")
    name: str = ""
    iati_ref: str = ""


class BySexOut(Schema):
    events: int
    total: int
    women: int
    men: int
    other: int


class ProjectOut(Schema):
    id: int
    iati_identifier: str
    programme: str
    title_en: str
    title_fr: str
    status: int
    planned_start: dt.date
    planned_end: dt.date
    actual_start: dt.date | None
    actual_end: dt.date | None
    gender_marker: int
    countries: list[Share]

    @staticmethod
    def resolve_programme(obj: Project) -> str:
        return obj.programme.code

    @staticmethod
    def resolve_countries(obj: Project) -> list[dict]:
        return [{"code": c.country_id, "percentage": c.percentage} for c in obj.countries.all()]


class PeriodOut(Schema):
    start: dt.date
    end: dt.date
    target: Decimal | None
    actual: Decimal | None
    actual_women: int | None
    actual_men: int | None
    actual_other: int | None


class IndicatorOut(Schema):
    id: int
    title: str
    level: str
    parent: str
    counts_people: bool
    baseline_year: int
    baseline_value: Decimal
    periods: list[PeriodOut]

    @staticmethod
    def resolve_level(obj) -> str:
        return "output" if obj.output_id else "outcome"

    @staticmethod
    def resolve_parent(obj) -> str:
        return obj.output.title if obj.output_id else obj.outcome.title

    @staticmethod
    def resolve_periods(obj) -> list:
        return list(obj.periods.all())


class ProjectDetailOut(ProjectOut):
    description: str
    currency: str
    themes: list[str]
    sectors: list[Share]
    regions: list[Share]
    budgets: list[BudgetRow]
    organisations: list[OrganisationRow]
    requests: list[str]
    mandates: list[int]
    trainings_by_sex: BySexOut
    money_by_donor: list[dict] | None = Field(
        description="USD allocated and spent, by donor (as far as one may read it)"
    )
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_themes(obj: Project) -> list[str]:
        return sorted(t.code for t in obj.themes.all())

    @staticmethod
    def resolve_sectors(obj: Project) -> list[dict]:
        return [{"code": s.code, "percentage": s.percentage} for s in obj.sectors.all()]

    @staticmethod
    def resolve_regions(obj: Project) -> list[dict]:
        return [{"code": r.region_id, "percentage": r.percentage} for r in obj.regions.all()]

    @staticmethod
    def resolve_budgets(obj: Project) -> list:
        return list(obj.budgets.all())

    @staticmethod
    def resolve_organisations(obj: Project) -> list[dict]:
        return [
            {
                "role": o.role,
                "organisation": o.organisation.code if o.organisation_id else None,
                "name": o.label,
                "iati_ref": o.iati_ref,
            }
            for o in obj.organisations.select_related("organisation")
        ]

    @staticmethod
    def resolve_requests(obj: Project, context) -> list[str]:
        return [r.reference for r in obj.requests.for_user(context["request"].user)]

    @staticmethod
    def resolve_mandates(obj: Project) -> list[int]:
        return [link.mandate_id for link in obj.mandate_links.all()]

    @staticmethod
    def resolve_trainings_by_sex(obj: Project) -> dict:
        return selectors.training_totals(selectors.trainings_of_project(obj)).as_dict()

    @staticmethod
    def resolve_money_by_donor(obj: Project, context) -> list[dict] | None:
        rows = selectors.money_by_donor(Project.objects.filter(pk=obj.pk), context["request"].user)
        if rows is None:
            return None
        return [row.as_dict() for row in rows]

    @staticmethod
    def resolve_indicators(obj: Project) -> list:
        return list(obj.indicators.select_related("outcome", "output").prefetch_related("periods"))


class ProjectIn(Schema):
    programme: str = Field(description="programme code")
    iati_identifier: str
    title_en: str
    title_fr: str = ""
    description: str
    status: int = 1
    planned_start: dt.date
    planned_end: dt.date
    actual_start: dt.date | None = None
    actual_end: dt.date | None = None
    currency: str = "USD"
    gender_marker: int | None = Field(None, description="0, 1 or 2 (required)")
    theme_codes: list[str] = []
    sectors: list[Share] = []
    countries: list[Share] = Field([], description="ISO3 codes")
    regions: list[Share] = Field([], description="M49 codes")
    budgets: list[BudgetRow] = []
    organisations: list[OrganisationRow] = []
    mandate_ids: list[int] = []


class AnswerIn(Schema):
    request_id: int


class ActivityOut(Schema):
    id: int
    project: str
    kind: str
    title: str
    country: str | None = Field(alias="country_id")
    start: dt.date
    end: dt.date
    training: dict | None

    @staticmethod
    def resolve_project(obj: Activity) -> str:
        return obj.project.iati_identifier

    @staticmethod
    def resolve_training(obj: Activity) -> dict | None:
        training = getattr(obj, "training", None) if obj.kind == "training" else None
        if training is None:
            return None
        return {
            "place": training.place,
            "target_group": training.target_group,
            "participants": training.participants,
            "women": training.women,
            "men": training.men,
            "other": training.other_sex,
            "by_role": [
                {"role": r.role, "women": r.women, "men": r.men, "other": r.other_sex} for r in training.roles.all()
            ],
            "pre_score": training.pre_score,
            "post_score": training.post_score,
        }


class ActivityIn(Schema):
    kind: str
    title: str
    description: str = ""
    country: str | None = None
    start: dt.date
    end: dt.date


class RoleRow(Schema):
    role: str
    women: int = 0
    men: int = 0
    other: int = 0


class TrainingIn(Schema):
    title: str
    description: str = ""
    country: str | None = None
    start: dt.date
    end: dt.date
    place: str
    target_group: str
    participants: int
    women: int
    men: int
    other: int = Field(description="other or not disclosed")
    roles: list[RoleRow] = []
    pre_score: Decimal | None = None
    post_score: Decimal | None = None


class PeriodIn(Schema):
    start: dt.date
    end: dt.date
    target: Decimal | None = None
    actual: Decimal | None = None
    target_women: int | None = None
    target_men: int | None = None
    target_other: int | None = None
    actual_women: int | None = None
    actual_men: int | None = None
    actual_other: int | None = None


class IndicatorIn(Schema):
    outcome: str = Field(description="the outcome's title (created when new)")
    output: str = Field(
        "", description="the output's title under that outcome (created when new); empty: the outcome's indicator"
    )
    title: str
    measure: int = 1
    counts_people: bool = False
    baseline_year: int
    baseline_value: Decimal
    periods: list[PeriodIn] = []


class IatiImportOut(Schema):
    activities: int
    transactions: int
    budgets: int
    created: int
    updated: int
    rejected: int
    errors: list[dict]
    warnings: list[dict]
    dry_run: bool
    ok: bool


class ProjectQuery(Schema):
    country: str | None = Field(None, description="ISO3")
    status: int | None = None
    programme: str | None = Field(None, description="programme code")


# ------------------------------------------------------------------------------------------- endpoints


@router.get("/programmes", response=list[ProgrammeOut], summary="List programmes")
@paginate(PageNumberPagination)
@requires(VIEW_PROGRAMME)
def list_programmes(request: HttpRequest):
    return Programme.objects.for_user(request.user).prefetch_related("themes")


@router.post("/programmes", response={201: ProgrammeOut, 403: ErrorOut, 422: ErrorOut}, summary="Create a programme")
@requires(MANAGE_PORTFOLIO)
def create_programme(request: HttpRequest, payload: ProgrammeIn):
    return 201, services.programme_save(actor=request.user, **payload.dict())


@router.get("/programmes/{programme_id}", response=ProgrammeOut, summary="A programme")
@requires(VIEW_PROGRAMME, per_object=True)
def get_programme(request: HttpRequest, programme_id: int):
    return selectors.get_programme_for_user(request.user, programme_id)


@router.get("/projects", response=list[ProjectOut], summary="List projects")
@paginate(PageNumberPagination)
@requires(VIEW_PROJECT)
def list_projects(request: HttpRequest, filters: Query[ProjectQuery]):
    """The projects the caller may read (a focal point: those in its State)."""
    projects = selectors.visible_projects(request.user).select_related("programme").prefetch_related("countries")
    if filters.country:
        projects = projects.filter(countries__country=filters.country.upper())
    if filters.status is not None:
        projects = projects.filter(status=filters.status)
    if filters.programme:
        projects = projects.filter(programme__code=filters.programme.upper())
    return projects.order_by("iati_identifier")


def _project_kwargs(payload: ProjectIn) -> dict:
    data = payload.dict()
    programme = Programme.objects.filter(code=data.pop("programme").upper()).first()
    if programme is None:
        from django.core.exceptions import ValidationError

        raise ValidationError({"programme": ["Unknown programme code."]})
    for key in ("sectors", "countries", "regions"):
        data[key] = [(row["code"], row["percentage"]) for row in data[key]]
    data["budgets"] = [(row["year"], row["amount"]) for row in data["budgets"]]
    return {"programme": programme, **data}


@router.post("/projects", response={201: ProjectDetailOut, 403: ErrorOut, 422: ErrorOut}, summary="Create a project")
@requires(MANAGE_PORTFOLIO)
def create_project(request: HttpRequest, payload: ProjectIn):
    return 201, services.project_save(actor=request.user, **_project_kwargs(payload))


@router.get("/projects/{project_id}", response=ProjectDetailOut, summary="A project")
@requires(VIEW_PROJECT, per_object=True)
def get_project(request: HttpRequest, project_id: int):
    """With its sectors, places, budgets, organisations, requests, training totals by sex and results."""
    return selectors.get_project_for_user(request.user, project_id)


@router.put(
    "/projects/{project_id}",
    response={200: ProjectDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Change a project",
)
@requires(MANAGE_PORTFOLIO, per_object=True)
def update_project(request: HttpRequest, project_id: int, payload: ProjectIn):
    """Every field is required: a PUT replaces the project's record (422 naming any left out)."""
    project = selectors.get_project_for_user(request.user, project_id, MANAGE_PORTFOLIO)
    whole_record(payload)
    return services.project_save(actor=request.user, project=project, **_project_kwargs(payload))


@router.post(
    "/projects/{project_id}/requests",
    response={201: dict, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Answer a request (it moves to planned)",
)
@requires(MANAGE_PORTFOLIO, per_object=True)
def answer_request(request: HttpRequest, project_id: int, payload: AnswerIn):
    project = selectors.get_project_for_user(request.user, project_id, MANAGE_PORTFOLIO)
    ta_request = get_request_for_user(request.user, payload.request_id)
    link = services.project_answer_request(actor=request.user, project=project, ta_request=ta_request)
    ta_request.refresh_from_db()
    return 201, {
        "project": project.iati_identifier,
        "request": ta_request.reference,
        "status": ta_request.status,
        "linked_at": link.linked_at.isoformat(),
    }


@router.get("/projects/{project_id}/activities", response=list[ActivityOut], summary="A project's activities")
@requires(VIEW_PROJECT, per_object=True)
def list_activities(request: HttpRequest, project_id: int):
    project = selectors.get_project_for_user(request.user, project_id)
    return project.activities.select_related("project", "training").prefetch_related("training__roles")


@router.post(
    "/projects/{project_id}/activities",
    response={201: ActivityOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Add an activity",
)
@requires(MANAGE_PORTFOLIO, per_object=True)
def create_activity(request: HttpRequest, project_id: int, payload: ActivityIn):
    project = selectors.get_project_for_user(request.user, project_id, MANAGE_PORTFOLIO)
    data = payload.dict()
    return 201, services.activity_save(actor=request.user, project=project, country_iso3=data.pop("country"), **data)


@router.post(
    "/projects/{project_id}/trainings",
    response={201: ActivityOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Add a training event",
)
@requires(MANAGE_PORTFOLIO, per_object=True)
def create_training(request: HttpRequest, project_id: int, payload: TrainingIn):
    project = selectors.get_project_for_user(request.user, project_id, MANAGE_PORTFOLIO)
    data = payload.dict()
    data["roles"] = [(r["role"], r["women"], r["men"], r["other"]) for r in data["roles"]]
    training = services.training_save(
        actor=request.user, project=project, country_iso3=data.pop("country"), other_sex=data.pop("other"), **data
    )
    return 201, training.activity


@router.post(
    "/projects/{project_id}/indicators",
    response={201: dict, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Add an indicator",
)
@requires(MANAGE_PORTFOLIO, per_object=True)
def create_indicator(request: HttpRequest, project_id: int, payload: IndicatorIn):
    from django.db import transaction

    project = selectors.get_project_for_user(request.user, project_id, MANAGE_PORTFOLIO)
    data = payload.dict()
    with transaction.atomic():
        outcome = project.outcomes.filter(title=data["outcome"].strip()).first() or services.outcome_save(
            actor=request.user, project=project, title=data["outcome"]
        )
        output = None
        if data["output"].strip():
            output = outcome.outputs.filter(title=data["output"].strip()).first() or services.output_save(
                actor=request.user, outcome=outcome, title=data["output"]
            )
        indicator = services.indicator_save(
            actor=request.user,
            project=project,
            outcome=None if output else outcome,
            output=output,
            title=data["title"],
            measure=data["measure"],
            counts_people=data["counts_people"],
            baseline_year=data["baseline_year"],
            baseline_value=data["baseline_value"],
            periods=data["periods"],
        )
    return 201, {"id": indicator.pk, "outcome": outcome.pk, "output": output.pk if output else None}


@router.get("/activities/{activity_id}", response=ActivityOut, summary="An activity (with its training details)")
@requires(VIEW_PROJECT, per_object=True)
def get_activity(request: HttpRequest, activity_id: int):
    return selectors.get_activity_for_user(request.user, activity_id)


@router.get("/trainings/totals", response=BySexOut, summary="Training participants by sex")
@requires(VIEW_PROJECT)
def training_totals(
    request: HttpRequest, country: str | None = None, programme: str | None = None, theme: str | None = None
):
    """Totals of the trainings of the projects the caller may read, by sex; filter by the State where
    they were held, the programme or the project's theme."""
    trainings = selectors.TrainingEvent.objects.filter(activity__project__in=selectors.visible_projects(request.user))
    if country:
        trainings = trainings.filter(activity__country=country.upper())
    if programme:
        trainings = trainings.filter(activity__project__programme__code=programme.upper())
    if theme:
        trainings = trainings.filter(activity__project__themes=theme)
    return selectors.training_totals(trainings).as_dict()


@router.get("/iati/activities.xml", summary="The portfolio as IATI 2.03 (validated)")
@requires(EXPORT_IATI)
def iati_export(request: HttpRequest):
    """Every project the caller may read, as one IATI 2.03 activity file validated against the schema."""
    handle = tempfile.NamedTemporaryFile(suffix=".xml", delete=False)  # noqa: SIM115 (handed to the response)
    handle.close()
    path = Path(handle.name)
    try:
        publishing.export_file(path, selectors.visible_projects(request.user))
    except iati.IatiExportError as error:
        path.unlink(missing_ok=True)
        from django.core.exceptions import ValidationError

        raise ValidationError({"export": [str(error)]}) from None
    stream = path.open("rb")
    path.unlink()
    return FileResponse(
        stream, as_attachment=True, filename=dated_filename("iati-activities", "xml"), content_type="application/xml"
    )


@router.post(
    "/iati/import",
    response={200: IatiImportOut, 403: ErrorOut, 422: IatiImportOut},
    summary="Import a partner's IATI 2.03 file",
)
@requires(IMPORT_IATI)
def iati_import(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = True):
    """All or nothing; `dry_run` (default true) stores nothing. 422 when the file cannot be read."""
    check_upload_size(file.name, file.size)
    result = services.iati_import(actor=request.user, source=file.open("rb"), file_name=file.name, dry_run=dry_run)
    return (200 if result["ok"] else 422), result


# Partners' imported activities: their own module, whose endpoints go on this router.
from . import api_partners  # noqa: E402, F401
