"""The reference-data API: open reads, administrator writes, clear errors."""

import json

import pytest

from tcdesk.core.models import CountryGroupMembership

pytestmark = pytest.mark.django_db


def test_openapi_document_and_docs_are_served(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/auth/token" in spec["paths"] and "/api/core/countries" in spec["paths"]
    assert client.get("/api/docs").status_code == 200


def test_token_endpoint_issues_a_bearer_token_that_authenticates(client, officer):
    officer.set_password("secret-pw")
    officer.save()
    response = client.post(
        "/api/auth/token",
        json.dumps({"username": officer.username, "password": "secret-pw"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/auth/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert me.json()["username"] == officer.username
    assert me.json()["roles"][0]["role"] == "programme_officer"


def test_token_endpoint_refuses_wrong_password(client, officer):
    response = client.post(
        "/api/auth/token",
        json.dumps({"username": officer.username, "password": "wrong"}),
        content_type="application/json",
    )
    assert response.status_code == 401


def test_a_forged_token_is_refused(client):
    assert client.get("/api/auth/me", HTTP_AUTHORIZATION="Bearer tcd_forged").status_code == 401


def test_countries_filter_by_group_as_of_date_with_pagination(client):
    response = client.get("/api/core/countries", {"group": "LDC", "as_of": "2005-12-16", "page_size": 10})
    body = response.json()
    assert body["count"] == 50 and len(body["items"]) == 10
    assert all("LDC" in c["groups"] for c in body["items"])


def test_country_names_follow_the_requested_language(client):
    body = client.get("/api/core/countries/DEU", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert body["name"] == "Allemagne" and body["name_en"] == "Germany"


def test_unknown_country_is_404_and_bad_filter_is_422_naming_the_parameter(client):
    assert client.get("/api/core/countries/XYZ").status_code == 404
    response = client.get("/api/core/countries", {"group": "NOPE"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "group"]


def test_group_members_as_of_a_date(client):
    members_2005 = client.get("/api/core/groups/LDC/members", {"as_of": "2005-12-16"}).json()
    assert len(members_2005) == 50 and "CPV" in members_2005


def test_organisations_filter_by_role(client):
    body = client.get("/api/core/organisations", {"role": "institute"}).json()
    assert body["count"] >= 1 and all("institute" in o["roles"] for o in body["items"])


def test_only_administrators_create_memberships(client, officer, admin_user, api_token_for):
    payload = json.dumps({"group": "SIDS", "country": "FRA", "valid_from": "2030-01-01"})
    refused = client.post("/api/core/memberships", payload, content_type="application/json", **api_token_for(officer))
    assert refused.status_code == 403
    anonymous = client.post("/api/core/memberships", payload, content_type="application/json")
    assert anonymous.status_code == 401
    created = client.post(
        "/api/core/memberships", payload, content_type="application/json", **api_token_for(admin_user)
    )
    assert created.status_code == 201 and created.json()["country"] == "FRA"


def test_malformed_membership_payload_is_422_naming_fields_and_writes_nothing(client, admin_user, api_token_for):
    before = CountryGroupMembership.objects.count()
    auth = api_token_for(admin_user)
    response = client.post(
        "/api/core/memberships",
        json.dumps({"group": "LDC", "valid_from": "not a date"}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    fields = {tuple(d["loc"])[-1] for d in response.json()["detail"]}
    assert {"country", "valid_from"} <= fields
    overlap = client.post(
        "/api/core/memberships",
        json.dumps({"group": "LDC", "country": "MLI", "valid_from": "2010-01-01"}),
        content_type="application/json",
        **auth,
    )
    assert overlap.status_code == 422 and overlap.json()["detail"][0]["loc"] == ["body", "valid_from"]
    unknown = client.post(
        "/api/core/memberships",
        json.dumps({"group": "LDC", "country": "XYZ", "valid_from": "2010-01-01"}),
        content_type="application/json",
        **auth,
    )
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "country"]
    assert CountryGroupMembership.objects.count() == before


def test_session_authenticated_writes_need_csrf(officer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post("/api/core/memberships", "{}", content_type="application/json")
    assert response.status_code == 403


def test_token_endpoint_slows_down_password_guessing(client, officer):
    from tcdesk.accounts.api import TOKEN_ATTEMPTS_PER_MINUTE

    payload = json.dumps({"username": officer.username, "password": "guess"})
    statuses = [
        client.post("/api/auth/token", payload, content_type="application/json").status_code
        for _ in range(TOKEN_ATTEMPTS_PER_MINUTE + 1)
    ]
    assert statuses[:-1] == [401] * TOKEN_ATTEMPTS_PER_MINUTE
    assert statuses[-1] == 429


def test_a_forged_forwarded_for_header_does_not_escape_the_rate_limit(client, officer):
    from tcdesk.accounts.api import TOKEN_ATTEMPTS_PER_MINUTE

    payload = json.dumps({"username": officer.username, "password": "guess"})
    statuses = [
        client.post(
            "/api/auth/token", payload, content_type="application/json", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
        ).status_code
        for n in range(TOKEN_ATTEMPTS_PER_MINUTE + 1)
    ]
    assert statuses[-1] == 429
