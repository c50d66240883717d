"""The gap list of an instrument: its group in the URL, a CSV download, names in the page's language."""

import csv
import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
PARAMS = {"tab": "coverage", "group": "LDC", "as_of": "2008-01-01"}


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_gap_list_downloads_as_csv(officer_client):
    url = reverse("treaties:instrument_detail", args=["ICSANT"])
    page = officer_client.get(url, PARAMS).content.decode()
    assert "?tab=coverage&amp;as_of=2008-01-01&amp;group=LDC&amp;format=csv" in page
    response = officer_client.get(url, {**PARAMS, "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "gaps-ICSANT-LDC-2008-01-01" in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0] == ["iso3", "name", "group", "as_of", "instrument"]
    assert ["MLI", "Mali", "LDC", "2008-01-01", "ICSANT"] in rows
    assert len(rows) - 1 == len(officer_client.get(url, PARAMS).context["gaps"])


def test_the_csv_names_countries_in_the_page_language(officer_client):
    officer_client.cookies["django_language"] = "fr"
    rows = _rows(
        officer_client.get(reverse("treaties:instrument_detail", args=["ICSANT"]), {**PARAMS, "format": "csv"})
    )
    assert any(row[0] == "TCD" and row[1] == "Tchad" for row in rows)


def test_the_group_is_pushed_to_the_url_and_a_history_restore_gets_the_whole_page(officer_client):
    url = reverse("treaties:instrument_detail", args=["ICSANT"])
    page = officer_client.get(url, PARAMS).content.decode()
    assert 'hx-push-url="true"' in page
    restored = officer_client.get(
        url, {**PARAMS, "part": "gaps"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in restored.content.decode()
    fragment = officer_client.get(url, {**PARAMS, "part": "gaps"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "format=csv" in fragment
