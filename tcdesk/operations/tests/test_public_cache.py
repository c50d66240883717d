"""Anonymous reads of open data come from the shared cache for a short time; nothing personal does."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tcdesk.core.models import Country

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_public_cache_on")]


@pytest.fixture
def _public_cache_on():
    with override_settings(TCDESK_PUBLIC_CACHE_SECONDS=60):
        yield


def test_an_anonymous_read_is_stored_then_served_from_the_cache(client):
    first = client.get("/api/core/countries/MLI")
    assert first.status_code == 200 and first["X-Tcdesk-Cache"] == "miss"
    Country.objects.filter(pk="MLI").update(name_en="Renamed for the test")
    second = client.get("/api/core/countries/MLI")
    assert second["X-Tcdesk-Cache"] == "hit"
    assert second.json() == first.json()
    assert second["Content-Type"] == first["Content-Type"]


def test_each_language_and_query_has_its_own_entry(client):
    client.get("/api/core/countries?page=1")
    assert client.get("/api/core/countries?page=2")["X-Tcdesk-Cache"] == "miss"
    assert client.get("/api/core/countries?page=1", HTTP_ACCEPT_LANGUAGE="fr")["X-Tcdesk-Cache"] == "miss"


def test_signed_in_and_token_callers_are_never_served_or_stored(client, officer_client, officer, api_token_for):
    client.get("/api/core/countries/COL")
    assert "X-Tcdesk-Cache" not in officer_client.get("/api/core/countries/COL")
    assert "X-Tcdesk-Cache" not in client.get("/api/core/countries/COL", **api_token_for(officer))
    # ...and what they read does not become what strangers read.
    officer_client.get("/api/core/countries/UKR")
    assert client.get("/api/core/countries/UKR")["X-Tcdesk-Cache"] == "miss"


def test_refusals_and_pages_outside_the_public_prefixes_are_not_cached(client):
    assert client.get("/api/requests").status_code == 401
    assert "X-Tcdesk-Cache" not in client.get("/api/requests")
    assert client.get("/api/core/countries/XXX").status_code == 404
    assert "X-Tcdesk-Cache" not in client.get("/api/core/countries/XXX")


@override_settings(TCDESK_PUBLIC_CACHE_SECONDS=0)
def test_zero_seconds_turns_the_cache_off(client):
    assert "X-Tcdesk-Cache" not in client.get("/api/core/countries/MLI")


@override_settings(TCDESK_METRICS_TOKEN="t")
def test_answers_from_the_cache_are_counted_under_their_route(client):
    for _ in range(3):
        client.get("/api/core/countries/MLI")
    text = client.get("/metrics", HTTP_AUTHORIZATION="Bearer t").content.decode()
    line = next(
        line
        for line in text.splitlines()
        if line.startswith('tcdesk_http_requests_total{method="GET",route="api/core/countries/<iso3>"')
    )
    assert float(line.rsplit(" ", 1)[1]) >= 3
