"""Budgets of the request import (issue 18): the request reads the uploaded file once and only as far as
it must, the row cap and the cap on listed problems hold for CSV and XLSX alike, archives are checked
for their unpacked size, and the files background imports leave are pruned after their retention."""

from __future__ import annotations

import io
import json
import os
import time
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from tcdesk.assistance import exchange
from tcdesk.assistance.models import AssistanceRequest
from tcdesk.assistance.services import import_jobs, request_import_files_prune
from tcdesk.core import imports
from tcdesk.core.models import BackgroundJob

from .test_import import HEADER, _rows

pytestmark = pytest.mark.django_db

BAD_ROW = "ZZZ,Bad,Ministry,training_police,,,,Text,submitted,2019-01-01,,no\n"


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _xlsx(text: str) -> bytes:
    """The CSV text as the first sheet of a workbook (every cell a string, as typed)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for line in text.splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _content(text: str, kind: str) -> tuple[str, bytes]:
    return (f"r.{kind}", text.encode() if kind == "csv" else _xlsx(text))


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows the import services took from the file, over every read."""
    read = []
    original = imports.iter_table

    def counting(name, content):
        for row in original(name, content):
            read.append(row)
            yield row

    monkeypatch.setattr(import_jobs, "iter_table", counting)
    monkeypatch.setattr(exchange, "read_table", lambda name, content: list(counting(name, content)))
    return read


def test_a_small_file_is_read_once_in_the_request(officer, rows_read, settings):
    settings.TCDESK_IMPORT_SYNC_ROWS = 10
    outcome = import_jobs.request_import_upload(actor=officer, name="r.csv", content=_rows(8).encode(), dry_run=False)
    assert outcome.ok and outcome.counts["created"] == 8
    assert len(rows_read) == 8


def test_a_large_file_is_read_in_the_request_only_up_to_the_threshold(officer, rows_read, settings):
    settings.TCDESK_IMPORT_SYNC_ROWS = 3
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # the job waits
    outcome = import_jobs.request_import_upload(actor=officer, name="r.csv", content=_rows(50).encode(), dry_run=True)
    assert isinstance(outcome, BackgroundJob)
    assert len(rows_read) == 4


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_past_the_row_cap_is_refused_by_its_job_as_a_problem_of_the_file(
    kind, client, officer, api_token_for, settings
):
    settings.TCDESK_IMPORT_SYNC_ROWS = 3
    settings.TCDESK_IMPORT_MAX_ROWS = 8
    name, content = _content(_rows(9), kind)
    headers = api_token_for(officer)
    response = client.post("/api/requests/import", {"file": SimpleUploadedFile(name, content)}, **headers)
    assert response.status_code == 202
    poll = client.get(response.json()["status_url"], **headers)
    assert poll.status_code == 422
    assert [(e["row"], e["field"]) for e in poll.json()["errors"]] == [(0, "file")]
    assert "more than 8 rows" in poll.json()["errors"][0]["message"]
    assert AssistanceRequest.objects.count() == 0


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_at_the_row_cap_is_imported(kind, officer, settings):
    settings.TCDESK_IMPORT_MAX_ROWS = 8
    name, content = _content(_rows(8), kind)
    result = exchange.request_import(actor=officer, name=name, content=content, dry_run=True)
    assert result.ok and result.counts["created"] == 8


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_problems_listed_are_capped_and_the_rest_counted(kind, client, officer, api_token_for, settings):
    settings.TCDESK_IMPORT_MAX_ERRORS = 5
    name, content = _content(HEADER + BAD_ROW * 12, kind)
    response = client.post(
        "/api/requests/import", {"file": SimpleUploadedFile(name, content)}, **api_token_for(officer)
    )
    assert response.status_code == 422
    answer = response.json()
    assert len(answer["errors"]) == 5 and answer["errors_omitted"] == 7
    assert answer["rows"] == 12 and AssistanceRequest.objects.count() == 0


def test_an_xlsx_that_would_unpack_too_large_is_refused_with_422(client, officer, api_token_for):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (300 * 1024 * 1024))
    response = client.post(
        "/api/requests/import", {"file": SimpleUploadedFile("r.xlsx", buffer.getvalue())}, **api_token_for(officer)
    )
    assert response.status_code == 422
    assert "unpack" in json.dumps(response.json())


def test_a_csv_field_past_the_reader_limit_is_a_file_problem_not_a_server_error(officer_client):
    text = HEADER + "MLI,Big,Ministry,training_police,,,," + "x" * 200_000 + ",submitted,2019-01-01,,no\n"
    response = officer_client.post(
        reverse("assistance:request_import"), {"file": SimpleUploadedFile("r.csv", text.encode())}
    )
    assert response.status_code == 422
    assert "cannot be read" in response.content.decode()


# ------------------------------------------------------------------------------------------- pruning


def _age(path: str, days: float) -> None:
    then = time.time() - days * 86400
    os.utime(default_storage.path(path), (then, then))


def _files(kind: str) -> list[str]:
    folder = f"request-imports/{kind}"
    return sorted(default_storage.listdir(folder)[1]) if default_storage.exists(folder) else []


def test_results_and_leftover_uploads_past_their_retention_are_pruned_and_recent_ones_kept():
    for path in ("request-imports/results/1.json", "request-imports/results/2.json"):
        default_storage.save(path, ContentFile(b"{}"))
    for path in ("request-imports/uploads/old.csv", "request-imports/uploads/new.csv"):
        default_storage.save(path, ContentFile(b"x"))
    _age("request-imports/results/1.json", 8)
    _age("request-imports/uploads/old.csv", 8)
    import datetime as dt

    assert request_import_files_prune(older_than=dt.timedelta(days=7)) == {"results": 1, "uploads": 1}
    assert _files("results") == ["2.json"] and _files("uploads") == ["new.csv"]


def test_pruning_with_nothing_stored_deletes_nothing():
    import datetime as dt

    assert request_import_files_prune(older_than=dt.timedelta(days=7)) == {"results": 0, "uploads": 0}


def test_the_command_prunes_with_the_retention_setting_or_the_days_given(settings, capsys):
    settings.TCDESK_IMPORT_FILES_KEEP_DAYS = 7
    default_storage.save("request-imports/results/1.json", ContentFile(b"{}"))
    _age("request-imports/results/1.json", 3)
    call_command("prune_import_files", "--json")
    assert json.loads(capsys.readouterr().out) == {"results": 0, "uploads": 0}
    call_command("prune_import_files", "--days", "2")
    assert "1 result(s) and 0 upload(s) deleted." in capsys.readouterr().out
    assert _files("results") == []


def test_each_import_job_prunes_the_old_files_of_earlier_jobs(officer_client, settings):
    settings.TCDESK_IMPORT_SYNC_ROWS = 3
    default_storage.save("request-imports/results/999.json", ContentFile(b"{}"))
    default_storage.save("request-imports/uploads/dead-worker.csv", ContentFile(b"x"))
    _age("request-imports/results/999.json", 30)
    _age("request-imports/uploads/dead-worker.csv", 30)
    officer_client.post(reverse("assistance:request_import"), {"file": SimpleUploadedFile("r.csv", _rows(5).encode())})
    job = BackgroundJob.objects.get()
    assert job.status == "succeeded"
    assert _files("results") == [f"{job.pk}.json"] and _files("uploads") == []


def test_the_page_of_a_job_whose_result_was_pruned_says_so(officer_client, settings):
    settings.TCDESK_IMPORT_SYNC_ROWS = 3
    response = officer_client.post(
        reverse("assistance:request_import"), {"file": SimpleUploadedFile("r.csv", _rows(5).encode())}
    )
    _age(f"request-imports/results/{BackgroundJob.objects.get().pk}.json", 30)
    call_command("prune_import_files", "--json")
    body = officer_client.get(response["Location"]).content.decode()
    assert "no longer kept" in body
