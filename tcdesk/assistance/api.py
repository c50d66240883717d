"""API of technical-assistance requests (mounted at /api/requests), over the same services as the pages.

Focal points see and act on their own State's requests only; any other request answers 404, as if it
did not exist. Workflow errors are 422 naming the field; a stale `expected_version` is 409.
"""

import datetime as dt

from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from tcdesk.accounts.rules import Action, allows
from tcdesk.core.access import requires
from tcdesk.core.api_errors import ConflictOut, ErrorOut
from tcdesk.core.api_filters import filtered, query_params
from tcdesk.core.imports import check_upload_size
from tcdesk.core.limits import InSchema
from tcdesk.core.models import BackgroundJob
from tcdesk.core.services import background_job_start

from . import explain, selectors, services, tasks, workflow
from .filters import RequestFilter
from .models import (
    CODES_PER_LIST,
    COMMENT_MAX_CHARS,
    DESCRIPTION_MAX_CHARS,
    AssistanceRequest,
    RequestAttachment,
    RequestEvent,
)
from .permissions import (
    CHANGE_REQUEST,
    CHANGE_WEIGHTS,
    CREATE_REQUEST,
    IMPORT_REQUESTS,
    OPEN_QUEUE,
    VIEW_DASHBOARD,
    VIEW_INTERNAL,
    VIEW_REQUEST,
    VIEW_WEIGHTS,
)

router = Router(tags=["assistance requests"])


class RequestOut(Schema):
    id: int
    reference: str
    country: str = Field(alias="country_id")
    title: str
    status: str
    decision: str
    priority_score: int
    post_conflict: bool
    themes: list[str]
    assistance_types: list[str] = Field(alias="assistance_type_list")
    country_groups_at_submission: list[str] = Field(alias="group_list")
    submitted_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    decided_at: dt.datetime | None
    version: int

    @staticmethod
    def resolve_themes(obj: AssistanceRequest) -> list[str]:
        return sorted(t.code for t in obj.themes.all())


class RelatedMandateOut(Schema):
    citation: str = Field(description="As written, e.g. 'A/RES/60/175 op. 5'")
    symbol: str
    paragraph: str
    mandate_id: int | None = Field(description="The mandates registry's mandate; null while it does not hold it")
    url: str | None = Field(description="The mandate's page (or a search of the registry)")


class RequestDetailOut(RequestOut):
    requesting_authority: str
    description: str
    beneficiary_institutions: str
    desired_start: dt.date | None
    desired_end: dt.date | None
    project_reference: str
    instruments: list[str]
    mandates: list[str]
    related_mandates: list[RelatedMandateOut]
    available_actions: list[str]

    @staticmethod
    def resolve_instruments(obj: AssistanceRequest) -> list[str]:
        return [i.instrument_code for i in obj.instruments.all()]

    @staticmethod
    def resolve_mandates(obj: AssistanceRequest) -> list[str]:
        return [str(m) for m in obj.mandate_links.all()]

    @staticmethod
    def resolve_related_mandates(obj: AssistanceRequest) -> list[dict]:
        return [
            {
                "citation": str(link),
                "symbol": link.symbol,
                "paragraph": link.paragraph,
                "mandate_id": link.mandate_id,
                "url": link.mandate.get_absolute_url() if link.mandate else None,
            }
            for link in obj.mandate_links.select_related("mandate")
        ]

    @staticmethod
    def resolve_available_actions(obj: AssistanceRequest, context) -> list[str]:
        user = context["request"].user
        if not allows(user, CHANGE_REQUEST, country=obj.country_id):
            return []
        return workflow.available_actions(obj.status, services.actor_kinds(user, obj))


class RequestIn(InSchema):
    country: str = Field(min_length=3, max_length=3, description="ISO 3166-1 alpha-3 of the requesting State")
    title: str = Field(max_length=200)
    requesting_authority: str = Field(max_length=255)
    description: str = Field(max_length=DESCRIPTION_MAX_CHARS)
    assistance_types: list[str] = Field(
        description="legislative_drafting, training_judges, …", max_length=CODES_PER_LIST
    )
    themes: list[str] = Field([], max_length=CODES_PER_LIST)
    instruments: list[str] = Field([], description="Instrument codes, e.g. ICSANT, UNTOC", max_length=CODES_PER_LIST)
    mandates: list[str] = Field(
        [],
        description="Citations, e.g. 'A/RES/60/175 op. 5': linked to the registry's mandate when it holds it, kept "
        "as written for a resolution it does not hold; a paragraph missing from a loaded resolution is refused",
    )
    mandate_ids: list[int] = Field([], description="Mandates of the registry (ids from /api/mandates)")
    beneficiary_institutions: str = Field("", max_length=2_000)
    desired_start: dt.date | None = None
    desired_end: dt.date | None = None
    post_conflict: bool = False
    submit: bool = Field(True, description="false keeps the request as a draft")


class RequestPatchIn(InSchema):
    """The fields to change on a draft; the others keep their values."""

    title: str | None = Field(None, max_length=200)
    requesting_authority: str | None = Field(None, max_length=255)
    description: str | None = Field(None, max_length=DESCRIPTION_MAX_CHARS)
    assistance_types: list[str] | None = None
    themes: list[str] | None = None
    instruments: list[str] | None = None
    mandates: list[str] | None = Field(
        None, description="Given with or without `mandate_ids`, the two replace all the related mandates"
    )
    mandate_ids: list[int] | None = None
    beneficiary_institutions: str | None = Field(None, max_length=2_000)
    desired_start: dt.date | None = None
    desired_end: dt.date | None = None
    post_conflict: bool | None = None
    expected_version: int | None = Field(None, description="The `version` you read; a stale one is refused with 409")


class TransitionIn(InSchema):
    action: str = Field(description=", ".join(workflow.ACTIONS))
    comment: str = Field("", max_length=COMMENT_MAX_CHARS)
    expected_version: int = Field(description="The `version` you read; a stale one is refused with 409")
    project_reference: str = ""


class RequestEventOut(Schema):
    id: int
    kind: str
    action: str
    from_status: str
    to_status: str
    actor: str | None
    at: dt.datetime
    comment: str
    visible_to_state: bool

    @staticmethod
    def resolve_actor(obj: RequestEvent) -> str | None:
        return obj.actor.get_username() if obj.actor else None


class CommentIn(InSchema):
    text: str = Field(max_length=COMMENT_MAX_CHARS)
    internal: bool = False


class AttachmentOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    uploaded_at: dt.datetime
    url: str

    @staticmethod
    def resolve_url(obj: RequestAttachment) -> str:
        return f"/api/requests/{obj.request_id}/attachments/{obj.pk}"


class PriorityOut(Schema):
    score: int
    weights_version: int | None
    computed_at: dt.datetime | None
    lines: list[dict]


class OverlapOut(Schema):
    kind: str
    id: int
    label: str
    score: float
    text_similarity: float
    shared_themes: list[str]
    reasons: list[str]
    period_overlap_days: int


class RequestQuery(Schema):
    q: str | None = None
    status: str | None = Field(None, description="a status, 'open' or 'awaiting'")
    country: str | None = Field(None, description="ISO3")
    region: str | None = Field(None, description="M49 code")
    group: str | None = Field(None, description="LDC, EIT, SIDS, LLDC (at submission date)")
    theme: str | None = None
    assistance_type: str | None = None
    post_conflict: bool | None = None
    submitted_from: dt.date | None = None
    submitted_to: dt.date | None = None


class RequestImportOut(Schema):
    rows: int
    created: int
    dry_run: bool
    errors: list[dict]
    errors_omitted: int | None = Field(
        None, description="Problems past TCDESK_IMPORT_MAX_ERRORS, counted but not listed (absent when none)"
    )


def _filtered(request: HttpRequest, filters: RequestQuery):
    params = query_params(filters)
    if "country" in params:
        params["country"] = params["country"].upper()
    return filtered(RequestFilter, params, selectors.queue(request.user))


def _detail(request: HttpRequest, pk: int, action: Action | None = None) -> AssistanceRequest:
    return selectors.get_request_for_user(request.user, pk, action)


@router.get("", response=list[RequestOut], summary="List requests")
@paginate(PageNumberPagination)
@requires(OPEN_QUEUE)
def list_requests(request: HttpRequest, filters: Query[RequestQuery]):
    """Requests the caller may see (focal points: their State's), newest first, with filters."""
    return _filtered(request, filters).order_by("-submitted_at", "-pk")


@router.post("", response={201: RequestDetailOut, 403: ErrorOut, 422: ErrorOut}, summary="Make a request")
@requires(CREATE_REQUEST)
def create_request(request: HttpRequest, payload: RequestIn):
    """A focal point for its own State; an officer on a State's behalf."""
    new = services.request_create(
        actor=request.user,
        country_iso3=payload.country,
        title=payload.title,
        requesting_authority=payload.requesting_authority,
        description=payload.description,
        assistance_types=payload.assistance_types,
        theme_codes=payload.themes,
        instrument_codes=payload.instruments,
        mandates=payload.mandates,
        mandate_ids=payload.mandate_ids,
        beneficiary_institutions=payload.beneficiary_institutions,
        desired_start=payload.desired_start,
        desired_end=payload.desired_end,
        post_conflict=payload.post_conflict,
        submit=payload.submit,
    )
    return 201, _detail(request, new.pk)


@router.get("/dashboard", response={200: dict, 403: ErrorOut}, summary="Queue figures")
@requires(VIEW_DASHBOARD)
def dashboard(request: HttpRequest, filters: Query[RequestQuery]):
    """Open requests by status, region, group and theme; median delays; shares; the oldest waiting."""
    figures = selectors.dashboard_figures(_filtered(request, filters))
    figures["as_of"] = figures["as_of"].isoformat()
    for row in figures["oldest_waiting"]:
        row["submitted_at"] = row["submitted_at"].isoformat()
    return figures


class RequestImportJobOut(Schema):
    job: int
    status: str
    progress_done: int
    progress_total: int
    message: str
    status_url: str


def _job_answer(job) -> dict:
    return {
        "job": job.pk,
        "status": job.status,
        "progress_done": job.progress_done,
        "progress_total": job.progress_total,
        "message": job.message,
        "status_url": reverse("api:import_job", kwargs={"job_id": job.pk}),
    }


@router.post(
    "/import",
    response={200: RequestImportOut, 202: RequestImportJobOut, 403: ErrorOut, 422: RequestImportOut},
    summary="Import historical requests",
    exclude_none=True,
)
@requires(IMPORT_REQUESTS)
def import_requests(request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = True):
    """CSV or XLSX, at most TCDESK_MAX_UPLOAD_BYTES; all-or-nothing; `dry_run` (default true) checks and
    writes nothing. A file of more than TCDESK_IMPORT_SYNC_ROWS rows is imported in a background job:
    the answer is then 202 with the job and the `status_url` to poll for the result."""
    check_upload_size(file.name, file.size)
    content = file.read()
    outcome = services.request_import_upload(actor=request.user, name=file.name, content=content, dry_run=dry_run)
    if isinstance(outcome, BackgroundJob):
        return 202, _job_answer(outcome)
    result = outcome
    return (422 if result.errors else 200), result.as_dict()


@router.get(
    "/import/jobs/{int:job_id}",
    response={
        200: RequestImportOut,
        202: RequestImportJobOut,
        404: ErrorOut,
        422: RequestImportOut,
        500: RequestImportJobOut,
    },
    summary="Progress and result of an import run in the background",
    url_name="import_job",
    exclude_none=True,
)
@requires(IMPORT_REQUESTS)
def import_job(request: HttpRequest, job_id: int):
    """While the job runs: 202 with its progress. Then the import's answer, as a direct import gives it
    (200, or 422 with the row errors); 500 with the job's message if it failed. Only the uploader and
    administrators see it (404 for anyone else)."""
    job = services.import_job_for_user(request.user, job_id)
    if not job.is_finished:
        return 202, _job_answer(job)
    answer = services.import_job_result(job)
    if answer is None:
        if job.status == "failed":
            return 500, _job_answer(job)
        raise Http404
    return (422 if answer["errors"] else 200), answer


@router.get("/weights", response=dict, summary="Priority weights in force")
@requires(VIEW_WEIGHTS)
def get_weights(request: HttpRequest):
    current = services.current_weights()
    return {"version": current.version, "weights": current.weights, "created_at": current.created_at.isoformat()}


class WeightsIn(InSchema):
    weights: dict[str, int]
    note: str = ""


@router.post("/weights", response={201: dict, 403: ErrorOut, 422: ErrorOut}, summary="Save new priority weights")
@requires(CHANGE_WEIGHTS)
def post_weights(request: HttpRequest, payload: WeightsIn):
    """Administrators only: a new version; every score is recomputed (in a background job)."""
    current = services.current_weights()
    weights = services.priority_weights_update(
        actor=request.user, weights={**current.weights, **payload.weights}, note=payload.note
    )
    job = background_job_start(name="Recompute request priorities", owner=request.user, task=tasks.recompute_priorities)
    return 201, {"version": weights.version, "weights": weights.weights, "job": job.pk}


@router.get("/{int:pk}", response={200: RequestDetailOut, 404: ErrorOut}, summary="One request")
@requires(VIEW_REQUEST, per_object=True)
def get_request(request: HttpRequest, pk: int):
    return _detail(request, pk)


@router.patch(
    "/{int:pk}",
    response={200: RequestDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut, 422: ErrorOut},
    summary="Change a draft",
)
@requires(CHANGE_REQUEST, per_object=True)
def update_request(request: HttpRequest, pk: int, payload: RequestPatchIn):
    """Only drafts change (422 otherwise): the State's focal point or an officer. Fields left out keep
    their values; `expected_version`, if given, must be the current one (409 otherwise)."""
    ta_request = _detail(request, pk, CHANGE_REQUEST)
    given = payload.dict(exclude_unset=True)
    expected = given.pop("expected_version", None)
    fields = {
        "title": ta_request.title,
        "requesting_authority": ta_request.requesting_authority,
        "description": ta_request.description,
        "assistance_types": ta_request.assistance_type_list,
        "theme_codes": [t.code for t in ta_request.themes.all()],
        "instrument_codes": [i.instrument_code for i in ta_request.instruments.all()],
        "mandates": [str(m) for m in ta_request.mandate_links.all()],
        "beneficiary_institutions": ta_request.beneficiary_institutions,
        "desired_start": ta_request.desired_start,
        "desired_end": ta_request.desired_end,
        "post_conflict": ta_request.post_conflict,
    }
    if given.get("mandates") is not None or given.get("mandate_ids") is not None:
        # Either one given: together they are the new set of related mandates.
        given["mandates"] = given.get("mandates") or []
        given["mandate_ids"] = given.get("mandate_ids") or []
    renamed = {"themes": "theme_codes", "instruments": "instrument_codes"}
    for name, value in given.items():
        if value is None and name not in ("desired_start", "desired_end"):
            continue
        fields[renamed.get(name, name)] = value
    try:
        services.request_update(ta_request=ta_request, actor=request.user, expected_version=expected, **fields)
    except services.StaleVersion as stale:
        return 409, {"detail": "The request changed since you read it.", "current_version": stale.current}
    return 200, _detail(request, pk)


@router.post(
    "/{int:pk}/transitions",
    response={200: RequestDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut, 422: ErrorOut},
    summary="Take a workflow action",
)
@requires(CHANGE_REQUEST, per_object=True)
def transition(request: HttpRequest, pk: int, payload: TransitionIn):
    """{"action", "comment", "expected_version"}: illegal actions are 422, a stale version 409."""
    ta_request = _detail(request, pk, CHANGE_REQUEST)
    try:
        services.request_transition(
            ta_request=ta_request,
            actor=request.user,
            action=payload.action,
            comment=payload.comment,
            expected_version=payload.expected_version,
            project_reference=payload.project_reference,
        )
    except services.StaleVersion as stale:
        return 409, {"detail": "The request changed since you read it.", "current_version": stale.current}
    return 200, _detail(request, pk)


@router.get("/{int:pk}/events", response={200: list[RequestEventOut], 404: ErrorOut}, summary="Timeline")
@requires(VIEW_REQUEST, per_object=True)
def events(request: HttpRequest, pk: int):
    return list(selectors.timeline(_detail(request, pk), request.user))


@router.get("/{int:pk}/comments", response={200: list[RequestEventOut], 404: ErrorOut}, summary="Comment thread")
@requires(VIEW_REQUEST, per_object=True)
def comments(request: HttpRequest, pk: int):
    return list(selectors.timeline(_detail(request, pk), request.user).filter(kind="comment"))


@router.post(
    "/{int:pk}/comments",
    response={201: RequestEventOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Comment",
)
@requires(CHANGE_REQUEST, per_object=True)
def add_comment(request: HttpRequest, pk: int, payload: CommentIn):
    ta_request = _detail(request, pk, CHANGE_REQUEST)
    return 201, services.request_comment(
        ta_request=ta_request, actor=request.user, text=payload.text, internal=payload.internal
    )


@router.get("/{int:pk}/attachments", response={200: list[AttachmentOut], 404: ErrorOut}, summary="Attachments")
@requires(VIEW_REQUEST, per_object=True)
def attachments(request: HttpRequest, pk: int):
    return list(_detail(request, pk).attachments.all())


@router.post(
    "/{int:pk}/attachments",
    response={201: AttachmentOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Attach a file (multipart)",
)
@requires(CHANGE_REQUEST, per_object=True)
def upload(request: HttpRequest, pk: int, file: File[UploadedFile]):
    """PDF, DOCX, PNG or JPEG (type read from the content), at most TCDESK_MAX_UPLOAD_BYTES."""
    ta_request = _detail(request, pk, CHANGE_REQUEST)
    return 201, services.attachment_add(ta_request=ta_request, actor=request.user, upload=file)


@router.post(
    "/{int:pk}/attachments/batch",
    response={201: list[AttachmentOut], 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Attach several files at once (multipart, repeated `file`)",
)
@requires(CHANGE_REQUEST, per_object=True)
def upload_several(request: HttpRequest, pk: int, file: File[list[UploadedFile]]):
    """All or nothing: every file is checked (type, size, unpacked size; at most
    TCDESK_MAX_ATTACHMENTS_PER_SUBMISSION, together within TCDESK_MAX_UPLOAD_BYTES) before any is stored."""
    ta_request = _detail(request, pk, CHANGE_REQUEST)
    return 201, services.attachments_add(ta_request=ta_request, actor=request.user, uploads=file)


@router.get("/{int:pk}/attachments/{int:attachment_pk}", response={404: ErrorOut}, summary="Download a file")
@requires(VIEW_REQUEST, per_object=True)
def download(request: HttpRequest, pk: int, attachment_pk: int):
    attachment = selectors.get_attachment_for_user(request.user, pk, attachment_pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@router.get("/{int:pk}/priority", response={200: PriorityOut, 404: ErrorOut}, summary="Priority and why")
@requires(VIEW_REQUEST, per_object=True)
def priority_explanation(request: HttpRequest, pk: int):
    ta_request = _detail(request, pk)
    return {
        "score": ta_request.priority_score,
        "weights_version": ta_request.weights_version.version if ta_request.weights_version else None,
        "computed_at": ta_request.priority_computed_at,
        "lines": [{**line, "text": explain.explanation_line(line)} for line in ta_request.priority_explanation],
    }


@router.get("/{int:pk}/overlaps", response={200: list[OverlapOut], 403: ErrorOut, 404: ErrorOut}, summary="Overlaps")
@requires(VIEW_INTERNAL, per_object=True)
def overlaps(request: HttpRequest, pk: int, limit: int = 10):
    """Similar requests and partners' activities (programme staff only)."""
    ta_request = _detail(request, pk, VIEW_INTERNAL)
    return selectors.overlaps_for(ta_request, request.user, limit=min(max(limit, 1), 50))
