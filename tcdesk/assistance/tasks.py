"""Background work of the assistance app, run by `tcdesk db_worker` through django.tasks."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from tcdesk.core.choices import JobStatus
from tcdesk.core.models import BackgroundJob
from tcdesk.core.tasks import job_progress

from .services import priority_recompute


@task()
def recompute_priorities(job_id: int) -> dict:
    """Recompute every request's priority with the weights in force, reporting progress on the job."""
    BackgroundJob.objects.filter(pk=job_id).update(status=JobStatus.RUNNING)
    try:
        count = priority_recompute(progress=job_progress(job_id))
    except Exception as exc:
        BackgroundJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, message=str(exc), finished_at=timezone.now()
        )
        raise
    BackgroundJob.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED,
        message=f"{count}",
        finished_at=timezone.now(),
        progress_done=count,
        progress_total=count,
    )
    return {"recomputed": count}
