"""Funds imports from the site or the API take at most TCDESK_IMPORT_SYNC_ROWS rows (issue 18): rows are
written one at a time, and a web request must not hold a worker for minutes. The command takes more."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tcdesk.funds.models import Pledge
from tcdesk.funds.services import contributions_import

pytestmark = pytest.mark.django_db

HEADER = "donor,fund,kind,date,amount,currency,agreement,earmark,reference\n"


def _rows(count: int) -> bytes:
    return (HEADER + "".join(f"NOR,CPCJF,pledge,2026-03-10,100,USD,,,P-{n}\n" for n in range(count))).encode()


def test_the_api_refuses_a_file_past_the_request_cap_and_writes_nothing(finance_client, cpcjf, settings):
    settings.TCDESK_IMPORT_SYNC_ROWS = 3
    response = finance_client.post(
        "/api/funds/contributions/import", {"file": SimpleUploadedFile("c.csv", _rows(4)), "dry_run": "false"}
    )
    assert response.status_code == 422
    assert "more than 3 rows" in str(response.json())
    assert not Pledge.objects.exists()
    at_cap = finance_client.post(
        "/api/funds/contributions/import", {"file": SimpleUploadedFile("c.csv", _rows(3)), "dry_run": "false"}
    )
    assert at_cap.status_code == 200 and at_cap.json()["created"] == 3


def test_the_page_refuses_it_too(finance_client, cpcjf, settings):
    settings.TCDESK_IMPORT_SYNC_ROWS = 3
    response = finance_client.post(
        reverse("funds:contributions_import"), {"file": SimpleUploadedFile("c.csv", _rows(4))}
    )
    assert response.status_code == 422 and "more than 3 rows" in response.content.decode()


def test_the_service_without_a_request_cap_takes_up_to_the_import_cap(cpcjf, finance, settings):
    settings.TCDESK_IMPORT_SYNC_ROWS = 3
    result = contributions_import(actor=finance, name="c.csv", content=_rows(4), dry_run=True)
    assert result.ok and result.counts["pledges"] == 4
