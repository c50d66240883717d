"""Reference facts corrected after an audit against public sources (each test names its source)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tcdesk.core import selectors
from tcdesk.core.models import Country, CountryGroupMembership, Region

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
AFTER_THE_SCHEDULED_GRADUATIONS = D("2026-12-01")


def members(group: str, day: str) -> set[str]:
    return set(Country.objects.in_group(group, D(day)).values_list("iso3", flat=True))


def test_senegal_joined_the_ldc_list_on_12_april_2001():
    """UN press release GA/9863 of 12 April 2001: the General Assembly adds Senegal to the list."""
    assert "SEN" not in members("LDC", "2001-04-11")
    assert "SEN" in members("LDC", "2001-04-12")
    assert CountryGroupMembership.objects.get(group_id="LDC", country_id="SEN").verified


def test_bahrain_left_the_sids_list_in_april_2023_leaving_37():
    """Removed at its own request in April 2023 (reported from UNCTAD); the day is not verified."""
    assert len(members("SIDS", "2023-03-31")) == 38 and "BHR" in members("SIDS", "2023-03-31")
    assert len(members("SIDS", "2023-04-30")) == 37 and "BHR" not in members("SIDS", "2023-04-30")
    assert not CountryGroupMembership.objects.get(group_id="SIDS", country_id="BHR").verified


def test_the_french_name_of_southern_asia_is_the_unsd_one():
    assert Region.objects.get(code="034").name_fr == "Asie méridionale"


def test_cook_islands_and_niue_are_states_outside_the_united_nations():
    assert set(Country.objects.filter(un_status="non_member").values_list("iso3", flat=True)) == {"COK", "NIU"}
    assert Country.objects.get(iso3="NIU").subregion_id == "061"  # Polynesia


def test_the_2026_ldc_graduations_are_marked_unconfirmed():
    rows = CountryGroupMembership.objects.filter(group_id="LDC", unconfirmed_change_on=D("2026-11-24"))
    assert {m.country_id for m in rows} == {"BGD", "LAO", "NPL"} and not any(m.verified for m in rows)
    assert selectors.unconfirmed_changes(D("2026-11-23")) == {}
    changes = selectors.unconfirmed_changes(AFTER_THE_SCHEDULED_GRADUATIONS)["LDC"]
    assert {(c.country.iso3, c.counted_as_member) for c in changes} == {("BGD", True), ("LAO", False), ("NPL", True)}


def test_the_count_of_ldcs_after_the_scheduled_graduations_says_it_is_unverified(officer_client, client, monkeypatch):
    day = AFTER_THE_SCHEDULED_GRADUATIONS.isoformat()
    groups = client.get("/api/core/groups", {"as_of": day}).json()
    ldc = next(g for g in groups if g["code"] == "LDC")
    assert ldc["members"] == 43 and ldc["verified"] is False
    assert {(c["iso3"], c["counted_as_member"]) for c in ldc["unconfirmed_changes"]} == {
        ("BGD", True),
        ("LAO", False),
        ("NPL", True),
    }
    assert next(g for g in groups if g["code"] == "SIDS")["verified"] is True
    before = client.get("/api/core/groups", {"as_of": "2025-01-01"}).json()
    assert next(g for g in before if g["code"] == "LDC")["verified"] is True

    page = officer_client.get(reverse("core:group_list"), {"as_of": day}).content.decode()
    assert "Unverified:" in page and "counted as no longer a member" in page and "Lao" in page
    page = officer_client.get(reverse("core:group_detail", args=["LDC"]), {"as_of": day}).content.decode()
    assert "43 members on 2026-12-01" in page and "this count rests on 3 scheduled changes" in page
    # The group table left the home page for the groups page, which says the same on that day.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: AFTER_THE_SCHEDULED_GRADUATIONS)
    groups = officer_client.get(reverse("core:group_list")).content.decode()
    assert "Unverified:" in groups and "Bangladesh" in groups
    officer_client.cookies["django_language"] = "fr"
    page = officer_client.get(reverse("core:group_detail", args=["LDC"]), {"as_of": day}).content.decode()
    assert "Non vérifié :" in page and "compté comme n’étant plus membre" in page
