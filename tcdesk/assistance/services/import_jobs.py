"""Large request imports run as background jobs (issue 18), so that no web or API request holds a
worker for the length of a 10,000-row import.

The web page and the API import a file of more than TCDESK_IMPORT_SYNC_ROWS rows through
`request_import_job_start`: the file is saved to the private media storage (never served), a
`BackgroundJob` is started, and the task (`tasks.import_requests_file`) runs the very same
`exchange.request_import` (checks, dry run, all-or-nothing) for the uploader, stores the result next to
the job and deletes the file. Only the uploader and administrators read the job and its result.

`request_import_upload` is what the page and the API call: it reads the file once, only as far as it
needs to (the first TCDESK_IMPORT_SYNC_ROWS + 1 rows): a small file is imported from the rows read; a
larger one is handed to the job, which reads it in the worker (where a file past
TCDESK_IMPORT_MAX_ROWS is refused, as a problem of the file, row 0).

Stored results are kept TCDESK_IMPORT_FILES_KEEP_DAYS days (the job's page shows them meanwhile), then
deleted by `request_import_files_prune`, which each import job runs when it finishes and
`tcdesk prune_import_files` runs on demand (cron); it also deletes uploads left behind by a job that
never ran or whose worker died.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import uuid
from itertools import islice
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import require, roles_of
from tcdesk.core.imports import ImportResult, RowError, iter_table
from tcdesk.core.models import BackgroundJob
from tcdesk.core.selectors import get_job_for_user
from tcdesk.core.services import Progress, background_job_start

from ..permissions import IMPORT_REQUESTS

FOLDER = "request-imports"


def sync_rows() -> int:
    """Files with more rows than this are imported in a background job (TCDESK_IMPORT_SYNC_ROWS)."""
    return int(getattr(settings, "TCDESK_IMPORT_SYNC_ROWS", 500))


def keep_for() -> dt.timedelta:
    """How long stored results (and uploads left behind) are kept (TCDESK_IMPORT_FILES_KEEP_DAYS)."""
    return dt.timedelta(days=float(getattr(settings, "TCDESK_IMPORT_FILES_KEEP_DAYS", 7)))


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
        # The worker cleans up after earlier jobs as well (a missing cron job leaves no pile of files).
        with contextlib.suppress(OSError):
            request_import_files_prune(older_than=keep_for())


def request_import_files_prune(*, older_than: dt.timedelta) -> dict[str, int]:
    """Delete the stored results and uploads of request imports last written more than `older_than`
    ago; returns how many of each were deleted ({"results": n, "uploads": n}).

    An upload normally lives only while its job runs, so one this old belongs to a job that never ran
    or whose worker died (the job, if it ever runs, fails saying the file is missing). A result this old
    has been shown; the job's page then says the result is no longer kept."""
    cutoff = timezone.now() - older_than
    deleted = {}
    for kind in ("results", "uploads"):
        folder = f"{FOLDER}/{kind}"
        names = default_storage.listdir(folder)[1] if default_storage.exists(folder) else []
        count = 0
        for file_name in names:
            path = f"{folder}/{file_name}"
            with contextlib.suppress(FileNotFoundError):  # another worker pruning at the same time
                if default_storage.get_modified_time(path) < cutoff:
                    default_storage.delete(path)
                    count += 1
        deleted[kind] = count
    return deleted


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


def request_import_upload(*, actor: Any, name: str, content: bytes, dry_run: bool) -> ImportResult | BackgroundJob:
    """Import an uploaded file in the request if it is small, else start its background job.

    The file is read once and only as far as needed: its first TCDESK_IMPORT_SYNC_ROWS + 1 rows. With
    no more rows than that, they are imported as read (`exchange.request_import(rows=…)`) and the
    result is returned; otherwise the file is saved and the job returned, and the worker reads it
    (the request's work stays bounded by the threshold, whatever the file holds). ValidationError if
    the file cannot be read."""
    from .. import exchange

    require(actor, IMPORT_REQUESTS)
    head = list(islice(iter_table(name, content), sync_rows() + 1))
    if len(head) > sync_rows():
        return request_import_job_start(actor=actor, name=name, content=content, dry_run=dry_run)
    return exchange.request_import(actor=actor, name=name, content=content, dry_run=dry_run, rows=head)


def result_from_answer(answer: dict[str, Any]) -> ImportResult:
    """An `ImportResult` back from its stored `as_dict()` form, for the page that shows results."""
    return ImportResult(
        rows=answer["rows"],
        dry_run=answer["dry_run"],
        counts={"created": answer["created"]},
        errors=[RowError(e["row"], e["field"], e["message"]) for e in answer["errors"]],
        errors_omitted=answer.get("errors_omitted", 0),
    )
