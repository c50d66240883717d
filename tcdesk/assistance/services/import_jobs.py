"""Large request imports run as background jobs (issue 18), so that no web or API request holds a
worker for the length of a 10,000-row import.

The web page and the API import a file of more than TCDESK_IMPORT_SYNC_ROWS rows through
`request_import_job_start`: the file is saved to the private media storage (never served), a
`BackgroundJob` is started, and the task (`tasks.import_requests_file`) runs the very same
`exchange.request_import` (checks, dry run, all-or-nothing) for the uploader, stores the result next to
the job and deletes the file. Only the uploader and administrators read the job and its result.
"""

from __future__ import annotations

import json
import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils.translation import gettext as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import require, roles_of
from tcdesk.core.imports import ImportResult, RowError, read_table
from tcdesk.core.models import BackgroundJob
from tcdesk.core.selectors import get_job_for_user
from tcdesk.core.services import Progress, background_job_start

from ..permissions import IMPORT_REQUESTS

FOLDER = "request-imports"


def sync_rows() -> int:
    """Files with more rows than this are imported in a background job (TCDESK_IMPORT_SYNC_ROWS)."""
    return int(getattr(settings, "TCDESK_IMPORT_SYNC_ROWS", 500))


def _result_path(job_id: int) -> str:
    return f"{FOLDER}/results/{job_id}.json"


def request_import_job_start(*, actor: Any, name: str, content: bytes, dry_run: bool) -> BackgroundJob:
    """Save the uploaded file privately and start the job that imports it for `actor`."""
    from ..tasks import import_requests_file

    require(actor, IMPORT_REQUESTS)
    suffix = PurePath(name).suffix.lower() if PurePath(name).suffix.lower() in (".csv", ".xlsx") else ""
    path = default_storage.save(f"{FOLDER}/uploads/{uuid.uuid4().hex}{suffix}", ContentFile(content))
    try:
        return background_job_start(
            name=_("Import historical requests"),
            owner=actor,
            task=import_requests_file,
            actor_id=actor.pk,
            path=path,
            file_name=name,
            dry_run=dry_run,
        )
    except BaseException:
        default_storage.delete(path)
        raise


def request_import_job_run(
    *, job_id: int, actor_id: int, path: str, file_name: str, dry_run: bool, progress: Progress | None = None
) -> dict[str, Any]:
    """The work of the job: import the saved file, store the result for the status page, delete the
    file (whatever happens). A problem with the file as a whole is reported as the synchronous import
    reports it (row 0, column "file")."""
    from django.contrib.auth import get_user_model

    from .. import exchange

    default_storage.delete(_result_path(job_id))  # a leftover of a job that had this id (a restored database)
    try:
        actor = get_user_model().objects.get(pk=actor_id)
        with default_storage.open(path, "rb") as handle:
            content = handle.read()
        try:
            result = exchange.request_import(
                actor=actor, name=file_name, content=content, dry_run=dry_run, progress=progress
            )
        except ValidationError as exc:
            result = ImportResult(dry_run=dry_run, counts={"created": 0})
            for message in exc.messages:
                result.add_error(0, "file", message)
        answer = result.as_dict()
        if progress:
            progress(_("Finished"), 3, 3)
        default_storage.save(_result_path(job_id), ContentFile(json.dumps(answer).encode()))
        return answer
    finally:
        default_storage.delete(path)


def import_job_for_user(user: Any, job_id: int) -> BackgroundJob:
    """The job if `user` started it or is an administrator; 404 otherwise (auditors included: an import
    result lists another officer's file)."""
    job = get_job_for_user(user, job_id)
    if job.owner_id != user.pk and Role.ADMINISTRATOR not in roles_of(user):
        raise Http404
    return job


def import_job_result(job: BackgroundJob) -> dict[str, Any] | None:
    """The stored result of a finished import job (the synchronous answer's shape), or None."""
    path = _result_path(job.pk)
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        return json.load(handle)


def import_runs_in_job(name: str, content: bytes) -> bool:
    """Whether the file has more rows than TCDESK_IMPORT_SYNC_ROWS (ValidationError if it cannot be read
    or has more than TCDESK_IMPORT_MAX_ROWS, as the synchronous import refuses it)."""
    return len(read_table(name, content)) > sync_rows()


def result_from_answer(answer: dict[str, Any]) -> ImportResult:
    """An `ImportResult` back from its stored `as_dict()` form, for the page that shows results."""
    return ImportResult(
        rows=answer["rows"],
        dry_run=answer["dry_run"],
        counts={"created": answer["created"]},
        errors=[RowError(e["row"], e["field"], e["message"]) for e in answer["errors"]],
        errors_omitted=answer.get("errors_omitted", 0),
    )
