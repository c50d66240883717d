"""A treaty status file is at most 2 MB (issue 18): reading, matching and comparing its rows run in the
request, in time proportional to the rows; 5 MB of rows held a worker for half a minute."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tcdesk.treaties.models import ParticipationAction
from tcdesk.treaties.services import MAX_IMPORT_BYTES

pytestmark = pytest.mark.django_db


def test_a_status_file_past_two_megabytes_is_refused_before_it_is_read(client, secretariat, api_token_for):
    assert MAX_IMPORT_BYTES == 2 * 1024 * 1024
    rows = b"participant,action,date\n" + b"France,ratification,2002-10-29\n" * (MAX_IMPORT_BYTES // 30 + 1)
    assert len(rows) > MAX_IMPORT_BYTES
    upload = SimpleUploadedFile("s.csv", rows, content_type="text/csv")
    response = client.post(
        "/api/treaties/imports",
        {"instrument": "UNTOC", "dry_run": "false", "file": upload},
        **api_token_for(secretariat),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]
    assert not ParticipationAction.objects.exists()
