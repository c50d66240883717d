"""Background jobs: a row to follow the progress of a task run by `django.tasks`."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ..models import BackgroundJob


@transaction.atomic
def background_job_start(*, name: str, owner: Any, task: Any, **task_kwargs: Any) -> BackgroundJob:
    """Record a job and enqueue its task; the task receives the job id to report progress on."""
    job = BackgroundJob.objects.create(name=name, owner=owner)
    result = task.enqueue(job_id=job.pk, **task_kwargs)
    job.task_result_id = str(result.id)
    job.save(update_fields=["task_result_id"])
    return job
