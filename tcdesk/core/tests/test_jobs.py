"""Background jobs through django.tasks, and the page that shows their progress."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tcdesk.core.models import BackgroundJob

pytestmark = pytest.mark.django_db


def test_an_administrator_reloads_reference_data_in_the_background_and_sees_it_finish(admin_client):
    response = admin_client.post(reverse("core:reference_reload"))
    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("core:job_detail", kwargs={"job_id": job.pk})
    page = admin_client.get(response["Location"])
    assert job.status == "succeeded" and job.percent == 100
    assert "countries: 197" in page.content.decode()  # 193 Members, 2 observers, Cook Islands and Niue


def test_progress_fragment_polls_until_the_job_is_finished(admin_user, admin_client):
    job = BackgroundJob.objects.create(name="x", owner=admin_user, status="running", progress_done=2, progress_total=4)
    fragment = admin_client.get(reverse("core:job_detail", kwargs={"job_id": job.pk}), HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert "<html" not in body and 'hx-trigger="every 1s"' in body and "50%" in body
    BackgroundJob.objects.filter(pk=job.pk).update(status="succeeded")
    body = admin_client.get(
        reverse("core:job_detail", kwargs={"job_id": job.pk}), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "hx-trigger" not in body


def test_only_the_owner_sees_a_job(admin_user, officer_client, auditor_client):
    job = BackgroundJob.objects.create(name="x", owner=admin_user)
    assert officer_client.get(reverse("core:job_detail", kwargs={"job_id": job.pk})).status_code == 404
    assert officer_client.get(f"/api/core/jobs/{job.pk}").status_code == 404
    assert auditor_client.get(reverse("core:job_detail", kwargs={"job_id": job.pk})).status_code == 200


def test_officers_cannot_start_a_reload(officer_client):
    assert officer_client.post(reverse("core:reference_reload")).status_code == 403
    assert not BackgroundJob.objects.exists()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_database_queue_and_worker_run_the_task(admin_user, monkeypatch):
    from django.core.management import call_command

    # The worker closes "old" connections between tasks; inside the test's transaction that would
    # close the test's own connection, so connection housekeeping is switched off here.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    from tcdesk.core import services, tasks

    job = services.background_job_start(name="reload", owner=admin_user, task=tasks.reload_reference_data)
    assert BackgroundJob.objects.get(pk=job.pk).status == "queued"
    call_command("db_worker", batch=True, interval=0)
    job.refresh_from_db()
    assert job.status == "succeeded" and job.progress_done == job.progress_total == 6
