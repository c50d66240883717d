"""Background work of the planning app, run by `tcdesk db_worker` through django.tasks."""

from __future__ import annotations

from django.tasks import task

from tcdesk.core.tasks import run_as_job


@task()
def solve_scenario(job_id: int, run_id: int) -> dict:
    """Solve a scenario (a queued ``SolveRun``), reporting its phases on the job."""
    from .services import solve_execute  # services import this module to enqueue it

    run = run_as_job(
        job_id,
        lambda progress: solve_execute(run_id=run_id, progress=progress),
        message=lambda run: f"{run.status}: objective {run.objective}",
    )
    return {"run": run.pk, "status": run.status}
