"""Background work of the core app, run by `tcdesk db_worker` through django.tasks."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from .choices import JobStatus
from .models import BackgroundJob
from .services import reference_data_load


def job_progress(job_id: int):
    """A progress callback that records each step on the job row, for the polling page."""

    def report(step: str, done: int, total: int) -> None:
        BackgroundJob.objects.filter(pk=job_id).update(
            status=JobStatus.RUNNING, progress_done=done, progress_total=total, message=step
        )

    return report


@task()
def reload_reference_data(job_id: int) -> dict:
    """Reload the shipped reference data files, reporting progress on the job."""
    BackgroundJob.objects.filter(pk=job_id).update(status=JobStatus.RUNNING)
    try:
        summary = reference_data_load(progress=job_progress(job_id))
    except Exception as exc:
        BackgroundJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, message=str(exc), finished_at=timezone.now()
        )
        raise
    BackgroundJob.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED,
        message=", ".join(f"{k}: {v}" for k, v in summary.as_dict().items()),
        finished_at=timezone.now(),
    )
    return summary.as_dict()
