"""Pages say when there is no data rather than showing zeros, and keep maintainers' notes to themselves."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_instrument_without_status_data_says_so_instead_of_zero_parties(officer_client):
    listing = officer_client.get(reverse("treaties:instrument_list")).content.decode()
    assert "no status data loaded" in listing
    detail = officer_client.get(reverse("treaties:instrument_detail", args=["UNTOC"])).content.decode()
    assert "No status data loaded for this instrument." in detail and "0 State parties" not in detail


def test_maintainers_notes_are_not_shown(officer_client):
    detail = officer_client.get(reverse("treaties:instrument_detail", args=["UNTOC"])).content.decode()
    assert "UNVERIFIED" not in detail and "Notes on the facts" not in detail
