"""Budgets (issue 18): every input that costs work has a limit, checked before the work starts."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tcdesk.core.edge import max_request_bytes
from tcdesk.core.imports import ImportResult, read_table
from tcdesk.core.uploads import BudgetUploadHandler, check_archive

pytestmark = pytest.mark.django_db

IMPORT_HEADER = "country,title,requesting_authority,assistance_types,themes,description,status,submitted_at,reference\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_declared_body_past_the_limit_is_refused_before_anything_reads_it(client):
    """Anonymous, with the CSRF cookie: before the sign-in redirect, nothing is spooled."""
    response = client.post(
        "/requests/new/",
        data=b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(max_request_bytes() + 1),
    )
    assert response.status_code == 413
    response = client.post(
        "/api/requests/import",
        data=b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(max_request_bytes() + 1),
    )
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_the_upload_handler_stops_a_body_sent_without_a_length(settings):
    settings.TCDESK_MAX_UPLOAD_BYTES = 1000
    handler = BudgetUploadHandler()
    assert handler.receive_data_chunk(b"x" * 1000, 0) == b"x" * 1000
    with pytest.raises(RequestDataTooBig):
        for _ in range(2000):
            handler.receive_data_chunk(b"x" * 1024, 0)


def test_an_anonymous_oversized_multipart_upload_is_a_400_not_spooled(settings):
    settings.TCDESK_MAX_UPLOAD_BYTES = 1000
    client = Client(enforce_csrf_checks=True)
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"x" * (2 * 1024 * 1024))
    response = client.post("/requests/new/", {"file": big})
    assert response.status_code in (400, 413)


def test_a_docx_zip_bomb_is_refused_before_it_is_opened():
    bomb = _zip({"word/document.xml": b"\0" * (300 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        check_archive(bomb, name="report.docx")
    assert "unpack" in str(refused.value)


def test_a_request_attachment_that_is_a_zip_bomb_is_refused(focal_mli_client, focal_mli):
    from tcdesk.assistance.tests.factories import AssistanceRequestFactory

    ta_request = AssistanceRequestFactory(country_id="MLI", submitted_by=focal_mli)
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (300 * 1024 * 1024)})
    response = focal_mli_client.post(
        f"/api/requests/{ta_request.pk}/attachments", {"file": SimpleUploadedFile("bomb.docx", bomb)}
    )
    assert response.status_code == 422
    assert "unpack" in str(response.json())


def test_an_xlsx_import_bomb_is_refused():
    bomb = _zip({"xl/worksheets/sheet1.xml": b" " * (300 * 1024 * 1024)})
    with pytest.raises(ValidationError):
        read_table("rows.xlsx", bomb)


def test_an_import_file_past_the_row_cap_is_refused_without_reading_it_all(settings):
    settings.TCDESK_IMPORT_MAX_ROWS = 10
    rows = IMPORT_HEADER + "MLI,t,a,training_police,terrorism,d,submitted,2019-03-01,\n" * 11
    with pytest.raises(ValidationError) as refused:
        read_table("rows.csv", rows.encode())
    assert "more than 10 rows" in str(refused.value)
    assert len(read_table("rows.csv", (IMPORT_HEADER + "MLI,t,a,x,y,d,s,2019-03-01,\n" * 10).encode())) == 10


def test_the_errors_of_an_import_are_capped_and_counted(settings):
    settings.TCDESK_IMPORT_MAX_ERRORS = 3
    result = ImportResult()
    for row in range(10):
        result.add_error(row, "title", "bad")
    assert len(result.errors) == 3 and result.as_dict()["errors_omitted"] == 7
    assert not result.ok


def test_year_one_dates_in_an_import_are_row_errors(officer):
    from tcdesk.assistance.exchange import request_import

    row = "MLI,Old,Ministry,training_police,terrorism,Police,submitted,0001-01-01T00:00:00+05:00,\n"
    result = request_import(actor=officer, name="r.csv", content=(IMPORT_HEADER + row).encode(), dry_run=True)
    assert [(e.row, e.field) for e in result.errors] == [(2, "submitted_at")]


def test_descriptions_are_bounded(focal_mli_client):
    body = {
        "country": "MLI",
        "title": "Training",
        "requesting_authority": "Ministry",
        "description": "x" * 20_001,
        "assistance_types": ["training_police"],
    }
    response = focal_mli_client.post("/api/requests", body, content_type="application/json")
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [["body", "description"]]


@pytest.mark.parametrize("persona", ["officer", "focal_mli", "donor_nor", "auditor", "finance"])
def test_only_those_who_load_resolutions_may_parse(request, persona, client, api_token_for):
    user = request.getfixturevalue(persona)
    response = client.post("/api/mandates/parse", {"text": "x"}, content_type="application/json", **api_token_for(user))
    assert response.status_code == 403
