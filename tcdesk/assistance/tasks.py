"""Background work of the assistance app, run by `tcdesk db_worker` through django.tasks."""

from __future__ import annotations

from django.tasks import task

from tcdesk.core.tasks import run_as_job

from .services import priority_recompute


@task()
def recompute_priorities(job_id: int) -> dict:
    """Recompute every request's priority with the weights in force, reporting progress on the job."""
    count = run_as_job(job_id, lambda progress: priority_recompute(progress=progress), message=str)
    return {"recomputed": count}
