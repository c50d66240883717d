"""Historical requests imported from a CSV or XLSX file: directly, or in a background job for a long file."""

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import File, Form, Schema
from ninja.files import UploadedFile
from pydantic import Field

from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut
from tcdesk.core.imports import check_upload_size
from tcdesk.core.models import BackgroundJob

from .. import services
from ..permissions import IMPORT_REQUESTS
from .base import router


class RequestImportOut(Schema):
    rows: int
    created: int
    dry_run: bool
    errors: list[dict]
    errors_omitted: int | None = Field(
        None, description="Problems past TCDESK_IMPORT_MAX_ERRORS, counted but not listed (absent when none)"
    )


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
    operation_id="tcdesk_assistance_api_import_requests",
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
    operation_id="tcdesk_assistance_api_import_job",
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
