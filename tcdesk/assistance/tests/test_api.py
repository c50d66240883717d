"""The API: the same rules as the pages, with 401/403/404/409/422 naming what went wrong."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tcdesk.assistance.models import AssistanceRequest

from .conftest import walk
from .factories import PartnerActivityFactory

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "country": "MLI",
    "title": "Help to ratify ICSANT",
    "requesting_authority": "Ministère de la Justice",
    "description": "Legislative drafting for the nuclear terrorism convention.",
    "assistance_types": ["legislative_drafting"],
    "themes": ["terrorism"],
    "instruments": ["ICSANT"],
    "mandates": ["A/RES/60/175 op. 6"],
}


def _post(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_anonymous_callers_get_401(client, make_request):
    request = make_request()
    assert client.get("/api/requests").status_code == 401
    assert client.get(f"/api/requests/{request.pk}").status_code == 401


def test_a_focal_point_creates_a_request_with_a_token_and_follows_it(client, focal_mli, api_token_for):
    headers = api_token_for(focal_mli)
    response = _post(client, "/api/requests", PAYLOAD, **headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted" and body["available_actions"] == ["withdraw"]
    listing = client.get("/api/requests", **headers).json()
    assert listing["count"] == 1 and listing["items"][0]["reference"] == body["reference"]
    priority = client.get(f"/api/requests/{body['id']}/priority", **headers).json()
    assert priority["score"] == sum(line["points"] for line in priority["lines"])
    assert any("ICSANT" in line["text"] for line in priority["lines"])


def test_a_focal_point_cannot_create_for_another_state(client, focal_mli, api_token_for):
    response = _post(client, "/api/requests", {**PAYLOAD, "country": "COL"}, **api_token_for(focal_mli))
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "country"]


def test_missing_fields_are_422_naming_them(client, focal_mli, api_token_for):
    response = _post(client, "/api/requests", {"country": "MLI"}, **api_token_for(focal_mli))
    assert response.status_code == 422
    assert "title" in json.dumps(response.json())


def test_another_states_request_is_404_on_every_endpoint(client, focal_col, api_token_for, make_request):
    request = make_request()
    headers = api_token_for(focal_col)
    pk = request.pk
    for path in ["", "/events", "/comments", "/attachments", "/attachments/1", "/priority", "/overlaps"]:
        assert client.get(f"/api/requests/{pk}{path}", **headers).status_code == 404, path
    assert (
        _post(
            client, f"/api/requests/{pk}/transitions", {"action": "withdraw", "expected_version": 2}, **headers
        ).status_code
        == 404
    )
    assert _post(client, f"/api/requests/{pk}/comments", {"text": "hi"}, **headers).status_code == 404
    assert (
        client.post(
            f"/api/requests/{pk}/attachments", {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}, **headers
        ).status_code
        == 404
    )
    assert client.get("/api/requests", **headers).json()["count"] == 0
    assert client.get("/api/requests", {"country": "MLI"}, **headers).json()["count"] == 0
    assert client.get(f"/api/requests/{pk + 999}", **headers).status_code == 404


def test_transitions_refuse_skips_missing_reasons_and_stale_versions(client, officer, api_token_for, make_request):
    request = make_request()
    headers = api_token_for(officer)
    url = f"/api/requests/{request.pk}/transitions"
    response = _post(client, url, {"action": "accept", "expected_version": request.version}, **headers)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "action"]
    ok = _post(client, url, {"action": "acknowledge", "expected_version": request.version}, **headers)
    assert ok.status_code == 200 and ok.json()["status"] == "acknowledged"
    stale = _post(client, url, {"action": "assess", "expected_version": request.version}, **headers)
    assert stale.status_code == 409 and stale.json()["current_version"] == ok.json()["version"]
    request = walk(AssistanceRequest.objects.get(pk=request.pk), officer, "assess")
    response = _post(client, url, {"action": "decline", "expected_version": request.version}, **headers)
    assert response.status_code == 422
    events = client.get(f"/api/requests/{request.pk}/events", **headers).json()
    assert [e["to_status"] for e in events] == ["submitted", "acknowledged", "assessed"]


def test_the_auditor_reads_but_gets_403_on_writes(client, auditor, api_token_for, make_request):
    request = make_request()
    headers = api_token_for(auditor)
    assert client.get(f"/api/requests/{request.pk}", **headers).status_code == 200
    response = _post(
        client, f"/api/requests/{request.pk}/transitions", {"action": "acknowledge", "expected_version": 2}, **headers
    )
    assert response.status_code == 403
    assert _post(client, f"/api/requests/{request.pk}/comments", {"text": "x"}, **headers).status_code == 403
    assert _post(client, "/api/requests", PAYLOAD, **headers).status_code == 403


def test_comments_and_attachments_over_the_api(client, focal_mli, api_token_for, make_request):
    request = make_request()
    headers = api_token_for(focal_mli)
    assert _post(client, f"/api/requests/{request.pk}/comments", {"text": "Any news?"}, **headers).status_code == 201
    assert [c["comment"] for c in client.get(f"/api/requests/{request.pk}/comments", **headers).json()] == ["Any news?"]
    bad = client.post(
        f"/api/requests/{request.pk}/attachments", {"file": SimpleUploadedFile("x.pdf", b"MZ..")}, **headers
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "file"]
    good = client.post(
        f"/api/requests/{request.pk}/attachments", {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 hello")}, **headers
    )
    assert good.status_code == 201
    download = client.get(good.json()["url"], **headers)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


@override_settings(TCDESK_MAX_UPLOAD_BYTES=10)
def test_too_big_uploads_are_refused(client, focal_mli, api_token_for, make_request):
    request = make_request()
    response = client.post(
        f"/api/requests/{request.pk}/attachments",
        {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 " + b"0" * 100)},
        **api_token_for(focal_mli),
    )
    assert response.status_code == 422 and "at most" in response.json()["detail"][0]["msg"]


def test_overlaps_dashboard_and_filters(client, officer, api_token_for, make_request):
    request = make_request()
    make_request(title="Training of judges on terrorism prosecutions")
    PartnerActivityFactory(title="Judges training on terrorism", themes=["terrorism"])
    headers = api_token_for(officer)
    overlaps = client.get(f"/api/requests/{request.pk}/overlaps", **headers).json()
    assert {o["kind"] for o in overlaps} == {"request", "activity"}
    dashboard = client.get("/api/requests/dashboard", **headers).json()
    assert dashboard["open_total"] == 2
    assert client.get("/api/requests", {"group": "LDC", "status": "open"}, **headers).json()["count"] == 2
    bad = client.get("/api/requests", {"status": "nonsense"}, **headers)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "status"]


def test_focal_points_get_403_on_overlaps_and_dashboard(client, focal_mli, api_token_for, make_request):
    request = make_request()
    headers = api_token_for(focal_mli)
    assert client.get(f"/api/requests/{request.pk}/overlaps", **headers).status_code == 403
    assert client.get("/api/requests/dashboard", **headers).status_code == 403


def test_import_over_the_api_with_dry_run(client, officer, focal_mli, api_token_for):
    csv_text = (
        "country,title,requesting_authority,assistance_types,description,status,submitted_at\n"
        "COL,Old,Fiscalía,training_prosecutors,Training,submitted,2021-02-03\n"
    )
    headers = api_token_for(officer)
    response = client.post(
        "/api/requests/import", {"file": SimpleUploadedFile("r.csv", csv_text.encode()), "dry_run": "true"}, **headers
    )
    assert response.status_code == 200 and response.json() == {"rows": 1, "created": 1, "dry_run": True, "errors": []}
    assert not AssistanceRequest.objects.exists()
    response = client.post(
        "/api/requests/import", {"file": SimpleUploadedFile("r.csv", csv_text.encode()), "dry_run": "false"}, **headers
    )
    assert response.json()["created"] == 1 and AssistanceRequest.objects.count() == 1
    response = client.post(
        "/api/requests/import", {"file": SimpleUploadedFile("r.csv", csv_text.encode())}, **api_token_for(focal_mli)
    )
    assert response.status_code == 403


def test_weights_over_the_api(client, admin_user, officer, api_token_for, make_request):
    request = make_request()
    assert _post(client, "/api/requests/weights", {"weights": {"ldc": 40}}, **api_token_for(officer)).status_code == 403
    response = _post(client, "/api/requests/weights", {"weights": {"ldc": 40}}, **api_token_for(admin_user))
    assert response.status_code == 201 and response.json()["version"] == 2
    request.refresh_from_db()
    assert request.weights_version.version == 2
    bad = _post(client, "/api/requests/weights", {"weights": {"ldc": 4000}}, **api_token_for(admin_user))
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "ldc"]


# ---------------------------------------------------------------------------------------------- review fixes


@pytest.mark.parametrize("name", ["@@@.pdf", "....pdf", ".pdf", "../../@@.pdf"])
def test_it_names_an_attachment_without_letters_or_digits_attachment(
    client, focal_mli, api_token_for, make_request, name, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    request = make_request()
    response = client.post(
        f"/api/requests/{request.pk}/attachments",
        {"file": SimpleUploadedFile(name, b"%PDF-1.4 hello")},
        **api_token_for(focal_mli),
    )
    assert response.status_code == 201, response.content
    assert response.json()["original_name"] == "attachment.pdf"


@override_settings(TCDESK_MAX_UPLOAD_BYTES=100)
def test_it_refuses_an_import_file_over_the_upload_limit_over_the_api(client, officer, api_token_for):
    csv_text = "country,title,requesting_authority,assistance_types,description,status,submitted_at\n" + (
        "COL,Old,Fiscalía,training_prosecutors,Training,submitted,2021-02-03\n" * 5
    )
    response = client.post(
        "/api/requests/import",
        {"file": SimpleUploadedFile("r.csv", csv_text.encode()), "dry_run": "false"},
        **api_token_for(officer),
    )
    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["loc"] == ["body", "file"] and "at most" in detail["msg"]
    assert not AssistanceRequest.objects.exists()


def _patch(client, url, data, **headers):
    return client.patch(url, json.dumps(data), content_type="application/json", **headers)


def test_it_lets_the_state_change_its_draft_over_the_api(client, focal_mli, api_token_for, make_request):
    draft = make_request(submit=False)
    headers = api_token_for(focal_mli)
    response = _patch(
        client,
        f"/api/requests/{draft.pk}",
        {"title": "Revised title", "instruments": ["UNTOC"], "expected_version": draft.version},
        **headers,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "Revised title" and body["instruments"] == ["UNTOC"] and body["status"] == "draft"
    assert body["description"] == draft.description and body["themes"] == ["terrorism"]  # left as they were
    assert body["version"] == draft.version + 1


def test_it_answers_404_403_409_and_422_to_patches_that_may_not_apply(
    client, focal_col, focal_mli, auditor, officer, api_token_for, make_request
):
    draft = make_request(submit=False)
    url = f"/api/requests/{draft.pk}"
    assert _patch(client, url, {"title": "x"}, **api_token_for(focal_col)).status_code == 404
    assert _patch(client, url, {"title": "x"}, **api_token_for(auditor)).status_code == 403
    stale = _patch(client, url, {"title": "x", "expected_version": draft.version - 1}, **api_token_for(officer))
    assert stale.status_code == 409 and stale.json()["current_version"] == draft.version
    empty = _patch(client, url, {"title": ""}, **api_token_for(officer))
    assert empty.status_code == 422 and empty.json()["detail"][0]["loc"] == ["body", "title"]
    submitted = make_request()
    refused = _patch(client, f"/api/requests/{submitted.pk}", {"title": "x"}, **api_token_for(focal_mli))
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "status"]
    assert AssistanceRequest.objects.get(pk=draft.pk).title == draft.title


def test_every_request_endpoint_keeps_the_operation_id_of_its_view_whichever_module_defines_it(client):
    """Clients generated from the OpenAPI document name their methods after the operation ids: those of
    /api/requests stay `tcdesk_assistance_api_<view>`, as when the API was one module."""
    from tcdesk.assistance.api import router

    document = client.get("/api/openapi.json").json()
    ids = {
        operation["operationId"]
        for path, operations in document["paths"].items()
        if path == "/api/requests" or path.startswith("/api/requests/")
        for operation in operations.values()
    }
    views = {operation.view_func.__name__ for view in router.path_operations.values() for operation in view.operations}
    assert len(ids) > 15  # the document has the request endpoints
    assert ids == {f"tcdesk_assistance_api_{name}" for name in views}
