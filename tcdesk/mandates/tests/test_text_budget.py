"""A resolution text past TCDESK_RESOLUTION_MAX_CHARS is refused before it is parsed (issue 18): the
parser's time grows with the text, and parsing runs in the request."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def parser_calls(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr("tcdesk.mandates.services.reading.parse_resolution", lambda text, *a, **k: calls.append(1))
    return calls


def test_a_text_past_the_cap_is_refused_with_422_naming_the_limit(
    client, secretariat, api_token_for, settings, parser_calls
):
    settings.TCDESK_RESOLUTION_MAX_CHARS = 1000
    text = "The General Assembly,\n1. Requests " + "A/RES/ " * 200
    response = client.post(
        "/api/mandates/parse", {"text": text}, content_type="application/json", **api_token_for(secretariat)
    )
    assert response.status_code == 422
    assert "at most 1,000 characters" in str(response.json())
    assert parser_calls == []


def test_a_load_past_the_cap_stores_nothing(client, secretariat, api_token_for, settings, parser_calls):
    from tcdesk.mandates.models import Resolution, ResolutionDraft

    settings.TCDESK_RESOLUTION_MAX_CHARS = 1000
    # Counted before, not assumed empty: the mandates tests' session resolution may share the database.
    before = (Resolution.objects.count(), ResolutionDraft.objects.count())
    response = client.post(
        "/api/mandates/resolutions",
        {"text": "x" * 1001, "confirm": True},
        content_type="application/json",
        **api_token_for(secretariat),
    )
    assert response.status_code == 422
    assert (Resolution.objects.count(), ResolutionDraft.objects.count()) == before


def test_a_text_at_the_cap_is_read(settings):
    from tcdesk.mandates.services import reading

    settings.TCDESK_RESOLUTION_MAX_CHARS = 1000

    source = reading.read_source(data=b"x" * 1000, filename="r.txt")
    assert len(source.text) == 1000
