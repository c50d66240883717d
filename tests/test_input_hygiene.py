"""Input hygiene at the edge (issue 18): bad characters, sizes, shapes and numbers are refused with a
4xx before any view runs, for every API endpoint and page, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import typing
from collections import defaultdict

import pytest
from pydantic import BaseModel

from tcdesk.api import api
from tcdesk.assistance.tests.factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db


def _locs(response) -> list[list]:
    return [error["loc"] for error in response.json()["detail"]]


# ------------------------------------------------------------------------------------------------ NUL


def test_a_nul_in_an_api_string_is_a_422_before_sign_in(client):
    response = client.post(
        "/api/auth/token", {"username": "admin\u0000", "password": "x"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert _locs(response) == [["body", "username"]]
    assert "control character" in response.json()["detail"][0]["msg"].lower()


# ------------------------------------------------------------------------------------------ text length


def test_an_over_long_api_string_is_a_422_naming_it_before_sign_in(client, settings):
    settings.TCDESK_MAX_TEXT_CHARS = 1_000
    body = {"username": "admin", "password": "x", "extra": [{"note": "x" * 1_001}]}
    response = client.post("/api/auth/token", body, content_type="application/json")
    assert response.status_code == 422
    assert _locs(response) == [["body", "extra", 0, "note"]]
    assert "at most 1000 characters" in response.json()["detail"][0]["msg"].replace(",", "")


def test_endpoints_that_take_whole_documents_are_not_held_to_the_text_limit(secretariat_client, settings):
    settings.TCDESK_MAX_TEXT_CHARS = 100
    text = "The General Assembly,\n\n" + "Recalling its resolutions, " * 20 + "\n\n1. Decides to act.\n"
    response = secretariat_client.post("/api/mandates/parse", {"text": text}, content_type="application/json")
    assert response.status_code == 200, response.content
    # the same length elsewhere is refused
    response = secretariat_client.post("/api/requests", {"description": text}, content_type="application/json")
    assert response.status_code == 422 and _locs(response) == [["body", "description"]]


def test_a_whole_document_may_hold_page_breaks_but_no_other_control_character(secretariat_client):
    # Text extracted from a PDF separates its pages with form feeds (A/RES/73/3 as the project extracts it).
    text = "The General Assembly,\n\nRecalling its resolutions,\n\f\n1. Decides to act.\n"
    response = secretariat_client.post("/api/mandates/parse", {"text": text}, content_type="application/json")
    assert response.status_code == 200, response.content
    response = secretariat_client.post(
        "/api/mandates/parse", {"text": text.replace("\f", "\x07")}, content_type="application/json"
    )
    assert response.status_code == 422 and _locs(response) == [["body", "text"]]
    # elsewhere a form feed is refused like any control character
    response = secretariat_client.post("/api/requests", {"description": "a\fb"}, content_type="application/json")
    assert response.status_code == 422 and _locs(response) == [["body", "description"]]


def test_a_string_at_the_limit_passes_the_edge(client, settings):
    settings.TCDESK_MAX_TEXT_CHARS = 1_000
    body = {"username": "admin", "password": "x" * 1_000}
    response = client.post("/api/auth/token", body, content_type="application/json")
    assert response.status_code != 422  # refused for the password, not for its length


def test_an_over_long_query_is_a_422_on_the_api_and_a_400_on_pages(officer_client, settings):
    settings.TCDESK_MAX_TEXT_CHARS = 100
    assert officer_client.get("/api/requests", {"search": "y" * 101}).status_code == 422
    assert officer_client.get("/requests/", {"q": "y" * 101}).status_code == 400


def test_an_over_long_field_of_a_plain_page_form_is_a_400(officer_client, settings):
    settings.TCDESK_MAX_TEXT_CHARS = 100
    # as a browser sends a form without files
    response = officer_client.post(
        "/requests/bulk/", "action=acknowledge&comment=" + "z" * 101, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "at most 100 characters" in response.content.decode()


def test_a_value_the_database_cannot_store_is_a_422_not_a_server_error():
    from django.db import DataError
    from django.test import RequestFactory

    from tcdesk.core.edge import InputHygieneMiddleware

    request = RequestFactory().post("/funds/new/")
    response = InputHygieneMiddleware(lambda r: None).process_exception(request, DataError("value too long"))
    assert response is not None and response.status_code == 400
    assert "too long or out of range" in response.content.decode()


def test_a_code_too_long_for_its_column_is_a_422_on_postgresql(officer_client):
    """A field whose own limit was forgotten still fails safely where the database enforces lengths."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not enforce column lengths")
    response = officer_client.post(
        "/api/portfolio/programmes",
        {"code": "P" * 300, "name_en": "A programme", "scope": "global"},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content


def test_a_control_character_in_a_nested_api_string_names_its_place(officer_client):
    body = {"title": "ok", "nested": [{"x": "bell\u0007"}]}
    response = officer_client.post("/api/requests", body, content_type="application/json")
    assert response.status_code == 422
    assert _locs(response) == [["body", "nested", 0, "x"]]


def test_tabs_and_newlines_stay_allowed_in_api_strings(client):
    response = client.post("/api/auth/token", {"username": "a\tb\nc", "password": "x"}, content_type="application/json")
    assert response.status_code == 401


def test_a_nul_in_an_api_path_or_query_is_a_422(client):
    response = client.get("/api/core/countries/%00%00%00")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path"]
    response = client.get("/api/core/countries?search=%00")
    assert response.status_code == 422
    assert _locs(response) == [["query", "search"]]


def test_a_nul_in_a_page_path_is_a_400_page_not_a_500(officer_client):
    response = officer_client.get("/reference/countries/%00/")
    assert response.status_code == 400


# -------------------------------------------------------------------------------------------- numbers


def test_a_huge_page_number_is_a_422_even_anonymously(client):
    response = client.get("/api/core/countries?page=99999999999999999999999")
    assert response.status_code == 422
    assert _locs(response) == [["query", "page"]]
    assert client.get("/api/core/countries?page=4611686018427387904").status_code == 422


def test_a_page_past_the_end_is_empty(client):
    response = client.get("/api/core/countries?page=100000")
    assert response.status_code in (200, 404)


def test_an_id_past_2_63_is_a_json_404(officer_client):
    response = officer_client.get("/api/requests/99999999999999999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_negative_id_is_a_json_404(officer_client):
    response = officer_client.get("/api/requests/-1")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not found."}


def test_an_integer_past_2_63_in_a_body_is_a_422(officer_client):
    response = officer_client.post("/api/requests", {"mandate_ids": [2**64]}, content_type="application/json")
    assert response.status_code == 422
    assert _locs(response) == [["body", "mandate_ids", 0]]


def test_year_one_dates_are_a_422(client, officer_client):
    response = client.get("/api/core/countries/MLI?as_of=0001-01-01")
    assert response.status_code == 422
    assert _locs(response) == [["query", "as_of"]]
    response = officer_client.post("/api/requests", {"desired_start": "0001-01-01"}, content_type="application/json")
    assert response.status_code == 422
    assert ["body", "desired_start"] in _locs(response)


# --------------------------------------------------------------------------------------------- shapes


@pytest.mark.parametrize("body", ['"lower title"', "null", "[]", "3"])
def test_a_patch_body_that_is_not_an_object_is_a_422(officer_client, body):
    ta_request = AssistanceRequestFactory(title="Keep Me")
    response = officer_client.patch(f"/api/requests/{ta_request.pk}", body, content_type="application/json")
    assert response.status_code == 422
    assert _locs(response) == [["body"]]
    ta_request.refresh_from_db()
    assert ta_request.title == "Keep Me"


def test_deeply_nested_json_is_a_422(secretariat_client):
    body = '{"text": "x", "x": ' + "[" * 5000 + "]" * 5000 + "}"
    response = secretariat_client.post("/api/mandates/resolutions", body, content_type="application/json")
    assert response.status_code == 422
    assert "nested" in response.json()["detail"][0]["msg"]


def test_malformed_json_is_a_422(officer_client):
    response = officer_client.post("/api/requests", "{nope", content_type="application/json")
    assert response.status_code in (400, 422)


def test_a_list_where_a_string_is_expected_is_a_422(client):
    response = client.post("/api/auth/token", {"username": ["admin"], "password": "x"}, content_type="application/json")
    assert response.status_code == 422
    response = client.get("/api/core/countries?search=a&search=b")
    assert response.status_code in (200, 422)


# ------------------------------------------------------------------------------------- authentication


def test_an_anonymous_api_write_is_a_401_not_a_csrf_403(client):
    client = type(client)(enforce_csrf_checks=True)
    response = client.post("/api/requests", {}, content_type="application/json")
    assert response.status_code == 401


def test_a_signed_in_browser_write_without_csrf_is_still_refused(officer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post("/api/requests", {}, content_type="application/json")
    assert response.status_code == 403


# ---------------------------------------------------------------------------------------------- OpenAPI


def test_every_openapi_component_name_is_one_schema():
    """Two schemas of the same class name would share one component (the later wins): the document
    would describe one endpoint with the other's shape."""
    assert duplicate_schema_names() == {}


def _models_in(annotation: object, found: set[type[BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found:
            return
        if annotation.__module__.startswith("tcdesk."):  # not ninja's wrappers of parameters and responses
            found.add(annotation)
        for field in annotation.model_fields.values():
            _models_in(field.annotation, found)
        return
    for argument in typing.get_args(annotation):
        _models_in(argument, found)


def duplicate_schema_names() -> dict[str, list[str]]:
    """{component name: [module.Class, …]} for every name that more than one schema of the API uses."""
    found: set[type[BaseModel]] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.response_models.values():
                    _models_in(model, found)
                for model in operation.models:
                    _models_in(model, found)
    by_name: dict[str, list[str]] = defaultdict(list)
    for model in found:
        by_name[model.__name__].append(f"{model.__module__}.{model.__qualname__}")
    return {name: sorted(paths) for name, paths in by_name.items() if len(paths) > 1}
