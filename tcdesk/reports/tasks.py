"""Background work of the reports app, run by `tcdesk db_worker` through django.tasks."""

from __future__ import annotations

from django.tasks import task

from tcdesk.core.tasks import run_as_job

from .services import version_render


@task()
def generate_report_version(job_id: int, version_id: int) -> dict:
    """Render a queued report version (DOCX and PDF), reporting progress on the job."""
    version = run_as_job(
        job_id,
        lambda progress: version_render(version_id=version_id, progress=progress),
        message=lambda v: f"v{v.number} ({v.language}): {v.paragraphs} paragraphs, {v.docx_size} + {v.pdf_size} bytes",
    )
    return {"version": version.pk, "status": version.status}
