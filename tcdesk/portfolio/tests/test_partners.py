"""Partners' activities imported from IATI: the page and API with their filters, and the projects of
ours they may duplicate (op. 15), on real publishers' files (`iati/tests/fixtures`, SOURCES.md)."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from tcdesk.portfolio import duplication, services
from tcdesk.portfolio.models import ImportedActivity
from tcdesk.portfolio.tests import factories

FIXTURES = Path(__file__).resolve().parents[1] / "iati" / "tests" / "fixtures"


def footprint(key, countries, sectors, start=None, end=None, text="", categories=()):
    return duplication.Footprint(
        key=key,
        label=key,
        countries=frozenset(countries),
        sectors=frozenset(sectors),
        categories=frozenset(categories),
        start=start,
        end=end,
        text=text,
    )


# --------------------------------------------------------------------------------------- pure rules


def test_same_state_same_sector_same_time_is_a_possible_duplicate_and_says_why():
    partner = footprint("p", {"MLI"}, {"15130"}, dt.date(2026, 1, 1), dt.date(2026, 12, 31), "judicial training")
    ours = footprint("ours", {"MLI", "NER"}, {"15130", "15190"}, dt.date(2026, 6, 1), dt.date(2027, 6, 1))
    [match] = duplication.possible_duplicates(partner, [ours])
    assert match.reasons == ["same_country", "same_sector", "overlapping_period"]
    assert match.countries == ["MLI"] and match.sectors == ["15130"] and match.period_overlap_days == 214


@pytest.mark.parametrize(
    ("countries", "sectors", "start", "end"),
    [
        ({"COL"}, {"15130"}, dt.date(2026, 1, 1), dt.date(2026, 12, 31)),  # another State
        ({"MLI"}, {"31120"}, dt.date(2026, 1, 1), dt.date(2026, 12, 31)),  # another line of work
        ({"MLI"}, {"15130"}, dt.date(2024, 1, 1), dt.date(2024, 12, 31)),  # another time
    ],
)
def test_work_elsewhere_in_another_sector_or_at_another_time_is_not_a_duplicate(countries, sectors, start, end):
    partner = footprint("p", {"MLI"}, {"15130"}, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert duplication.possible_duplicates(partner, [footprint("ours", countries, sectors, start, end)]) == []


def test_a_shared_category_counts_less_than_a_shared_sector_and_an_unknown_period_does_not_exclude():
    partner = footprint("p", {"MLI"}, set(), categories={"151"})
    same_sector = footprint("a", {"MLI"}, {"15130"})
    partner_sector = footprint("p2", {"MLI"}, {"15130"})
    [category_match] = duplication.possible_duplicates(partner, [same_sector], min_score=0)
    [sector_match] = duplication.possible_duplicates(partner_sector, [same_sector], min_score=0)
    assert category_match.reasons == ["same_country", "same_category"] and category_match.categories == ["151"]
    assert sector_match.score > category_match.score


def test_sector_keys_keep_dac_codes_only():
    five, three = duplication.sector_keys([("15130", "1"), ("151", "2"), ("15130", None), ("1.1", "99"), ("X", "1")])
    assert (five, three) == ({"15130"}, {"151"})
    assert duplication.search_keys(["mli", "NER", ""]) == " MLI NER "


# --------------------------------------------------------------------------------------- pages, API


@pytest.fixture
def partners(officer, db):
    """Real publishers' files: UNDP (Argentina, Bolivia, Paraguay, Senegal; DAC 16050/16011) and the
    food-security file (six publishers, Haiti, Nigeria, Congo…)."""
    for name in ("undp-dportal-2022.xml", "foodsecurity-dportal-2022.xml"):
        result = services.iati_import(actor=officer, source=(FIXTURES / name).read_bytes(), file_name=name)
        assert result["ok"], result["errors"]
    return ImportedActivity.objects.all()


@pytest.fixture
def argentina_project(officer, db):
    """A project of ours in Argentina in 2020 in basic social services (16050), like UNDP's activity."""
    return factories.project(
        officer,
        title_en="Social services for victims of trafficking in Argentina",
        title_fr="Services sociaux aux victimes de la traite en Argentine",
        planned_start=dt.date(2020, 3, 1),
        planned_end=dt.date(2021, 2, 28),
        actual_start=None,
        budgets=[(2020, Decimal(100000)), (2021, Decimal(20000))],
        sectors=[("16050", Decimal(70)), ("15130", Decimal(30))],
        countries=[("ARG", Decimal(100))],
    )


def test_the_page_filters_by_country_and_sector_and_counts_possible_duplication(
    officer_client, partners, argentina_project
):
    url = reverse("portfolio:partner_list")
    page = officer_client.get(url).content.decode()
    assert "XM-DAC-41114-PROJECT-00127336" in page and "DE-1-202033942-0" in page
    argentina = officer_client.get(url, {"country": "arg"}).content.decode()
    assert "RRF COVID-19 Argentina" in argentina and "Recuperacion socioeconomica" not in argentina
    assert "1 project" in argentina
    by_sector = officer_client.get(url, {"sector": "16050"}).content.decode()
    assert "PROJECT-00127335" in by_sector and "PROJECT-00127333" not in by_sector  # Senegal is 16011
    by_category = officer_client.get(url, {"sector": "160"}).content.decode()
    assert "PROJECT-00127333" in by_category
    assert "No imported activity matches." in officer_client.get(url, {"country": "ZZZ"}).content.decode()


def test_the_detail_page_names_the_project_it_may_duplicate_and_why(officer_client, partners, argentina_project):
    activity = ImportedActivity.objects.get(iati_identifier="XM-DAC-41114-PROJECT-00127336")
    page = officer_client.get(reverse("portfolio:partner_detail", args=[activity.pk])).content.decode()
    assert argentina_project.iati_identifier in page
    assert "same State, same DAC sector, overlapping period" in page


def test_the_page_in_french(officer_client, partners):
    page = officer_client.get(reverse("portfolio:partner_list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Activités des partenaires (IATI)" in page


def test_the_api_filters_and_gives_possible_duplicates(officer_client, partners, argentina_project):
    listed = officer_client.get("/api/portfolio/iati/imported", {"country": "HTI"}).json()
    assert [item["iati_identifier"] for item in listed["items"]] == ["DE-1-202033942-0"]
    assert officer_client.get("/api/portfolio/iati/imported", {"sector": "311"}).json()["count"] == 2
    activity = ImportedActivity.objects.get(iati_identifier="XM-DAC-41114-PROJECT-00127336")
    detail = officer_client.get(f"/api/portfolio/iati/imported/{activity.pk}").json()
    [match] = detail["possible_duplicates"]
    assert match["project_id"] == argentina_project.pk
    assert match["reasons"][:3] == ["same_country", "same_sector", "overlapping_period"]
    assert detail["budgets"] == [] and detail["countries"] == [["ARG", "100"]]


def test_a_focal_point_and_a_donor_do_not_read_partners_imports(focal_mli_client, donor_nor_client, partners):
    activity = ImportedActivity.objects.first()
    for client in (focal_mli_client, donor_nor_client):
        assert client.get(reverse("portfolio:partner_list")).status_code == 403
        assert client.get(f"/api/portfolio/iati/imported/{activity.pk}").status_code in (403, 404)


def test_an_unknown_imported_activity_is_404(officer_client, db):
    assert officer_client.get("/api/portfolio/iati/imported/999999").status_code == 404
    assert officer_client.get(reverse("portfolio:partner_detail", args=[999999])).status_code == 404
