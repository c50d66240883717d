"""The global search finds requests, mandates, instruments, States and organisations the user may see."""

import pytest
from django.urls import reverse

from tcdesk.assistance.tests.factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db


def _found(response) -> dict[str, list[str]]:
    return {provider.key: [hit.label for hit in hits] for provider, hits in response.context["results"]}


def test_officers_find_requests_and_states(officer_client):
    AssistanceRequestFactory(title="Cybercrime legislation for Mali")
    found = _found(officer_client.get(reverse("core:search"), {"q": "Mali"}))
    assert any("Cybercrime legislation" in label for label in found["requests"])
    assert "Mali" in found["countries"]


def test_a_focal_point_never_finds_another_states_requests(focal_col_client):
    AssistanceRequestFactory(title="Cybercrime legislation for Mali")
    response = focal_col_client.get(reverse("core:search"), {"q": "Cybercrime"})
    assert "requests" not in _found(response)
    assert "Nothing found" in response.content.decode()


def test_a_one_letter_query_asks_for_more(officer_client):
    assert "at least two characters" in officer_client.get(reverse("core:search"), {"q": "M"}).content.decode()
