"""Pages, the API and search in Spanish name countries, regions and instruments in Spanish, from the
reference data's `name_es` columns (UN M49 Spanish names; the instruments' Spanish titles)."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from tcdesk.treaties.models import Instrument

pytestmark = pytest.mark.django_db

UNTOC_ES = "Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional"


def _page(client, url: str, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def test_the_loader_fills_the_spanish_names_of_every_instrument():
    assert not Instrument.objects.filter(name_es="").exists()
    assert not Instrument.objects.filter(short_name_es="").exists()
    untoc = Instrument.objects.get(code="UNTOC")
    assert (untoc.name_es, untoc.short_name_es) == (UNTOC_ES, "Convención contra la Delincuencia Organizada")


def test_a_states_treaty_status_page_in_spanish_names_the_state_and_the_instruments_in_spanish(officer_client):
    body = _page(officer_client, reverse("treaties:country_status", args=["MEX"]), "es")
    assert "México" in body
    assert "Convención contra la Delincuencia Organizada" in body
    assert "Convención contra la Corrupción" in body
    assert "Organized Crime Convention" not in body and ">Mexico<" not in body


def test_an_instrument_page_in_spanish_gives_its_spanish_title(officer_client):
    body = _page(officer_client, reverse("treaties:instrument_detail", args=["UNTOC"]), "es")
    assert UNTOC_ES in body
    assert "Nombre en español" in body


def test_the_country_page_in_spanish_gives_the_spanish_name_and_region(officer_client):
    body = _page(officer_client, reverse("core:country_detail", args=["MEX"]), "es")
    assert "<h1>México" in body
    assert "Estados Unidos Mexicanos" in body  # the official name in Spanish
    assert "América Latina y el Caribe" in body
    # The same page in French stays French: the Spanish name is listed, not used as the title.
    french = _page(officer_client, reverse("core:country_detail", args=["MEX"]), "fr")
    assert "<h1>Mexique" in french


def test_the_api_gives_the_spanish_names_and_finds_a_country_by_its_spanish_name(client):
    countries = client.get("/api/core/countries", {"q": "Países Bajos"}).json()["items"]
    assert [c["iso3"] for c in countries] == ["NLD"]
    assert countries[0]["name_es"] == "Países Bajos (Reino de los)"
    untoc = client.get("/api/treaties/instruments/UNTOC").json()
    assert (untoc["name_es"], untoc["short_name_es"]) == (UNTOC_ES, "Convención contra la Delincuencia Organizada")


def test_global_search_finds_an_instrument_by_its_spanish_title(officer_client):
    body = _page(officer_client, reverse("core:search") + "?q=Delincuencia+Organizada", "es")
    assert "Convención contra la Delincuencia Organizada" in body
