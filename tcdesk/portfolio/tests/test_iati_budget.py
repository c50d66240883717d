"""An IATI import from the site or the API takes at most TCDESK_IATI_SYNC_ACTIVITIES activities (issue
18): each is validated and stored in the request. Past it the file is refused whole, nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tcdesk.portfolio import services
from tcdesk.portfolio.models import ImportedActivity

pytestmark = pytest.mark.django_db

FILE = Path(__file__).resolve().parents[1] / "iati" / "tests" / "fixtures" / "netherlands-mfa-dportal-2021.xml"


def _post(client, *, dry_run: bool = False):
    upload = SimpleUploadedFile("nl.xml", FILE.read_bytes(), "application/xml")
    return client.post("/api/portfolio/iati/import", {"file": upload, "dry_run": "true" if dry_run else "false"})


def test_a_file_past_the_cap_is_refused_whole_through_the_api(officer_client, settings):
    settings.TCDESK_IATI_SYNC_ACTIVITIES = 3
    response = _post(officer_client)
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False and body["created"] == 0
    assert [e["kind"] for e in body["errors"]] == ["too_many_activities"]
    assert "more than 3 activities" in body["errors"][0]["message"]
    assert not ImportedActivity.objects.exists()


def test_a_file_at_the_cap_is_imported(officer_client, settings):
    settings.TCDESK_IATI_SYNC_ACTIVITIES = 4
    response = _post(officer_client)
    assert response.status_code == 200 and response.json()["created"] == 4


def test_the_page_refuses_it_too(officer_client, settings):
    settings.TCDESK_IATI_SYNC_ACTIVITIES = 3
    upload = SimpleUploadedFile("nl.xml", FILE.read_bytes(), "application/xml")
    page = officer_client.post(reverse("portfolio:iati_import"), {"file": upload, "dry_run": "on"})
    assert page.status_code == 422 and "more than 3 activities" in page.content.decode()


def test_the_command_path_takes_any_number(officer, settings):
    settings.TCDESK_IATI_SYNC_ACTIVITIES = 1
    result = services.iati_import(actor=officer, source=FILE.read_bytes(), file_name="nl.xml", dry_run=True)
    assert result["ok"] and result["created"] == 4
