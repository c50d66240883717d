"""Background work of the assistance app, run by `tcdesk db_worker` through django.tasks."""

from __future__ import annotations

from django.tasks import task
from django.utils.translation import gettext as _

from tcdesk.core.tasks import run_as_job

from .services import priority_recompute
from .services.import_jobs import request_import_job_run


@task()
def recompute_priorities(job_id: int) -> dict:
    """Recompute every request's priority with the weights in force, reporting progress on the job."""
    count = run_as_job(job_id, lambda progress: priority_recompute(progress=progress), message=str)
    return {"recomputed": count}


@task()
def import_requests_file(job_id: int, actor_id: int, path: str, file_name: str, dry_run: bool) -> dict:
    """Import a saved request file for its uploader (`services.import_jobs`), reporting progress on the job."""

    def summary(answer: dict) -> str:
        return _("%(rows)s rows read; %(created)s requests created; %(errors)s problems.") % {
            "rows": answer["rows"],
            "created": 0 if answer["dry_run"] else answer["created"],
            "errors": len(answer["errors"]) + answer.get("errors_omitted", 0),
        }

    return run_as_job(
        job_id,
        lambda progress: request_import_job_run(
            job_id=job_id, actor_id=actor_id, path=path, file_name=file_name, dry_run=dry_run, progress=progress
        ),
        message=summary,
    )
