"""Background work of the core app, run by `tcdesk db_worker` through django.tasks."""

from __future__ import annotations

from collections.abc import Callable

from django.tasks import task
from django.utils import timezone

from .choices import JobStatus
from .models import BackgroundJob
from .services import Progress, reference_data_load, reminders_send


def job_progress(job_id: int):
    """A progress callback that records each step on the job row, for the polling page."""

    def report(step: str, done: int, total: int) -> None:
        BackgroundJob.objects.filter(pk=job_id).update(
            status=JobStatus.RUNNING, progress_done=done, progress_total=total, message=step
        )

    return report


def run_as_job[T](job_id: int, work: Callable[[Progress], T], *, message: Callable[[T], str]) -> T:
    """Run `work` for a job: running while it goes, failed with the error, succeeded with a message."""
    BackgroundJob.objects.filter(pk=job_id).update(status=JobStatus.RUNNING)
    try:
        result = work(job_progress(job_id))
    except Exception as exc:
        BackgroundJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, message=str(exc), finished_at=timezone.now()
        )
        raise
    BackgroundJob.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED, message=message(result), finished_at=timezone.now()
    )
    return result


@task()
def reload_reference_data(job_id: int) -> dict:
    """Reload the shipped reference data files, reporting progress on the job."""
    summary = run_as_job(
        job_id,
        lambda progress: reference_data_load(progress=progress),
        message=lambda summary: ", ".join(f"{k}: {v}" for k, v in summary.as_dict().items()),
    )
    return summary.as_dict()


@task()
def send_reminders() -> dict:
    """The deadline reminders and the pruning of `tcdesk send_reminders`, for a scheduler that enqueues tasks."""
    return reminders_send().as_dict()
