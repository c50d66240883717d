"""Large imports run as background jobs (issue 18): a web or API request over TCDESK_IMPORT_SYNC_ROWS
rows answers at once with a job; the job runs the same all-or-nothing import (dry run included), its
result has the synchronous answer's shape, only the uploader and administrators see it, and the
uploaded file is deleted afterwards. Tasks run immediately in the test settings."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.assistance.models import AssistanceRequest
from tcdesk.core.models import BackgroundJob

from .test_import import _rows

pytestmark = pytest.mark.django_db

BAD_ROW = "ZZZ,Bad,Ministry,training_police,,,,Text,submitted,2019-01-01,,no\n"


@pytest.fixture(autouse=True)
def _low_threshold_and_own_media(settings, tmp_path):
    settings.TCDESK_IMPORT_SYNC_ROWS = 3
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def other_officer(db):
    user = UserFactory(username="other-officer")
    role_assign(user=user, role=Role.PROGRAMME_OFFICER)
    return user


def _uploads_left() -> list[str]:
    folder = "request-imports/uploads"
    return default_storage.listdir(folder)[1] if default_storage.exists(folder) else []


def _post(client, text: str, *, dry_run: bool = False):
    data = {"file": SimpleUploadedFile("r.csv", text.encode())}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("assistance:request_import"), data)


def test_a_small_file_is_still_imported_in_the_request(officer_client):
    response = _post(officer_client, _rows(3))
    assert response.status_code == 302 and response["Location"] == reverse("assistance:request_list")
    assert AssistanceRequest.objects.count() == 3
    assert not BackgroundJob.objects.exists()


def test_a_large_file_is_imported_by_a_job_whose_page_shows_the_outcome(officer_client, officer):
    response = _post(officer_client, _rows(5))
    job = BackgroundJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assistance:request_import_job", kwargs={"job_id": job.pk})
    assert job.owner == officer and job.status == "succeeded" and job.percent == 100
    assert AssistanceRequest.objects.count() == 5
    assert _uploads_left() == []
    page = officer_client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "5 rows read; 5 requests created." in body and "hx-trigger" not in body


def test_a_large_dry_run_goes_through_the_job_and_writes_nothing(officer_client):
    response = _post(officer_client, _rows(5), dry_run=True)
    assert AssistanceRequest.objects.count() == 0
    body = officer_client.get(response["Location"]).content.decode()
    assert "Dry run: the file is valid" in body and "5 rows read; 5 requests would be created." in body


def test_one_bad_row_in_a_large_file_writes_nothing_and_the_page_lists_it(officer_client):
    response = _post(officer_client, _rows(5) + BAD_ROW)
    assert AssistanceRequest.objects.count() == 0
    assert _uploads_left() == []
    body = officer_client.get(response["Location"]).content.decode()
    assert "Problems found: nothing was written" in body
    assert '<td class="num">7</td><td><code>country</code>' in body


def test_only_the_uploader_and_administrators_see_an_import_job(
    officer_client, other_officer, admin_user, admin_client, auditor_client, focal_mli_client, client, api_token_for
):
    response = _post(officer_client, _rows(5))
    job = BackgroundJob.objects.get()
    url = response["Location"]
    client.force_login(other_officer)  # holds the import permission, but did not upload the file
    assert client.get(url).status_code == 404
    assert client.get(f"/api/requests/import/jobs/{job.pk}", **api_token_for(other_officer)).status_code == 404
    assert auditor_client.get(url).status_code == 403
    assert focal_mli_client.get(url).status_code == 403
    assert admin_client.get(url).status_code == 200
    assert client.get(f"/api/requests/import/jobs/{job.pk}", **api_token_for(admin_user)).status_code == 200


def test_a_finished_job_of_another_kind_is_no_import_result(client, officer, api_token_for):
    job = BackgroundJob.objects.create(name="Recompute", owner=officer, status="succeeded")
    assert client.get(f"/api/requests/import/jobs/{job.pk}", **api_token_for(officer)).status_code == 404


def test_a_large_file_over_the_api_answers_202_and_the_poll_gives_the_synchronous_shape(client, officer, api_token_for):
    headers = api_token_for(officer)
    small = client.post(
        "/api/requests/import", {"file": SimpleUploadedFile("r.csv", _rows(3).encode()), "dry_run": "true"}, **headers
    )
    assert small.status_code == 200
    response = client.post(
        "/api/requests/import", {"file": SimpleUploadedFile("r.csv", _rows(5).encode()), "dry_run": "false"}, **headers
    )
    assert response.status_code == 202
    answer = response.json()
    job = BackgroundJob.objects.get()
    assert answer["job"] == job.pk and answer["status_url"] == f"/api/requests/import/jobs/{job.pk}"
    poll = client.get(answer["status_url"], **headers)
    assert poll.status_code == 200
    assert poll.json() == {"rows": 5, "created": 5, "dry_run": False, "errors": []}
    assert set(poll.json()) == set(small.json())
    assert AssistanceRequest.objects.count() == 5
    assert _uploads_left() == []


def test_the_api_poll_gives_the_row_errors_with_422(client, officer, api_token_for):
    headers = api_token_for(officer)
    response = client.post(
        "/api/requests/import",
        {"file": SimpleUploadedFile("r.csv", (_rows(5) + BAD_ROW).encode()), "dry_run": "true"},
        **headers,
    )
    poll = client.get(response.json()["status_url"], **headers)
    assert poll.status_code == 422
    assert poll.json()["created"] == 0 and poll.json()["dry_run"] is True
    assert [(e["row"], e["field"]) for e in poll.json()["errors"]] == [(7, "country")]
    assert AssistanceRequest.objects.count() == 0


def test_a_job_still_waiting_answers_202_with_its_progress(client, officer, officer_client, api_token_for):
    job = BackgroundJob.objects.create(name="Import", owner=officer, progress_done=1, progress_total=3)
    page = officer_client.get(reverse("assistance:request_import_job", kwargs={"job_id": job.pk}))
    assert page.status_code == 200
    assert "hx-trigger" in page.content.decode() and "Waiting for a worker" in page.content.decode()
    poll = client.get(f"/api/requests/import/jobs/{job.pk}", **api_token_for(officer))  # (signs the session out)
    assert poll.status_code == 202 and poll.json()["status"] == "queued" and poll.json()["progress_done"] == 1


def test_a_failed_job_says_so_and_still_deletes_the_file(officer_client, officer, client, api_token_for, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("tcdesk.assistance.exchange.request_import", broken)
    response = _post(officer_client, _rows(5))
    job = BackgroundJob.objects.get()
    assert job.status == "failed" and job.message == "disk on fire"
    assert _uploads_left() == []
    page = officer_client.get(response["Location"]).content.decode()
    assert "The import failed and wrote nothing: disk on fire" in page
    poll = client.get(f"/api/requests/import/jobs/{job.pk}", **api_token_for(officer))
    assert poll.status_code == 500 and poll.json()["status"] == "failed"
