"""The request form's pickers: instruments and mandates are ticked by name from searchable lists, not typed
as codes."""

import re

import pytest
from django.urls import reverse

from tcdesk.assistance.models import AssistanceRequest
from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.treaties.services.instruments import instruments_load

pytestmark = pytest.mark.django_db

NEW_REQUEST = {
    "country": "MLI",
    "title": "Help to join the firearms protocol",
    "requesting_authority": "Ministère de la Justice",
    "assistance_types": ["legislative_drafting"],
    "description": "Drafting of the implementing legislation.",
}


def test_instruments_are_offered_by_name_grouped_by_family_and_filterable(focal_mli_client):
    instruments_load()
    body = focal_mli_client.get(reverse("assistance:request_create")).content.decode()
    assert '<div id="id_instruments" class="picker">' in body
    assert re.search(r'value="ICSANT"[^>]*>\s*Nuclear Terrorism Convention \(2005\) — International Convention', body)
    assert "<label>Universal instruments against terrorism</label>" in body
    assert 'data-picker-label="Filter the instruments"' in body and "tcdesk/picker.js" in body
    assert "Codes separated by commas" not in body


def test_instruments_are_named_in_the_page_language(focal_mli_client):
    instruments_load()
    focal_mli_client.cookies["django_language"] = "fr"
    body = focal_mli_client.get(reverse("assistance:request_create")).content.decode()
    assert "Convention sur le terrorisme nucléaire (2005)" in body and "Filtrer les instruments" in body
    focal_mli_client.cookies["django_language"] = "es"
    body = focal_mli_client.get(reverse("assistance:request_create")).content.decode()
    assert "Filtrar los instrumentos" in body and "<label>Instrumentos universales contra el terrorismo</label>" in body


def test_ticked_instruments_are_recorded_and_a_comma_list_still_counts(focal_mli_client):
    instruments_load()
    response = focal_mli_client.post(
        reverse("assistance:request_create"), {**NEW_REQUEST, "instruments": ["FIREARMS_PROTOCOL", "UNTOC"]}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = AssistanceRequest.objects.get(title=NEW_REQUEST["title"])
    assert sorted(i.instrument_code for i in created.instruments.all()) == ["FIREARMS_PROTOCOL", "UNTOC"]
    focal_mli_client.post(
        reverse("assistance:request_create"), {**NEW_REQUEST, "title": "Second", "instruments": "ICSANT, UNCAC"}
    )
    second = AssistanceRequest.objects.get(title="Second")
    assert sorted(i.instrument_code for i in second.instruments.all()) == ["ICSANT", "UNCAC"]


def test_a_badly_formed_code_is_still_refused_by_the_service(focal_mli_client):
    response = focal_mli_client.post(reverse("assistance:request_create"), {**NEW_REQUEST, "instruments": ["untoc!"]})
    assert response.status_code == 422
    assert "Instrument codes are capital letters" in response.content.decode()


def test_a_draft_keeps_an_instrument_the_registry_does_not_list(focal_mli_client):
    instruments_load()
    draft = AssistanceRequestFactory(country_id="MLI", status="draft")
    draft.instruments.create(instrument_code="OLD_CODE")
    body = focal_mli_client.get(reverse("assistance:request_edit", args=[draft.pk])).content.decode()
    assert re.search(r'value="OLD_CODE"[^>]*checked', body) and "<label>Other instruments</label>" in body
