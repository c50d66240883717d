"""Every status answer says the date its data is as of, and that a later date may be incomplete."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tcdesk.treaties import selectors, services
from tcdesk.treaties.models import Instrument
from tcdesk.treaties.tests.factories import ActionFactory, record

pytestmark = pytest.mark.django_db
API = "/api/treaties"
UNTOC_TABLE = b"participant,action,date\nFrance,ratification,2002-10-29\nMali,signature,2000-12-15\n"
D = dt.date.fromisoformat


@pytest.fixture
def untoc_as_of_2014():
    """UNTOC data imported with its source and "as of" date, as the shipped real tables are."""
    result = services.status_import_run(
        instrument=Instrument.objects.get(code="UNTOC"),
        data=UNTOC_TABLE,
        filename="untoc.csv",
        source="https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12&chapter=18&lang=en",
        data_as_of=D("2014-07-10"),
    )
    assert result.written
    return result


def test_the_status_document_keeps_its_contract_and_says_how_far_the_data_goes(untoc_as_of_2014):
    untoc = Instrument.objects.get(code="UNTOC")
    before = selectors.status_document(untoc, D("2005-12-16"))
    assert {"instrument", "as_of", "parties", "signatories"} <= set(before)
    assert (before["data_as_of"], before["complete"], before["warning"]) == ("2014-07-10", True, None)
    assert before["source"].startswith("https://treaties.un.org/")
    later = selectors.status_document(untoc, D("2020-01-01"))
    assert later["parties"] == ["FRA"] and later["complete"] is False
    assert "as of 10 July 2014" in later["warning"] and "may be incomplete" in later["warning"]


def test_a_partial_table_is_never_complete_and_synthetic_or_undated_data_says_so():
    services.status_import_run(
        instrument=Instrument.objects.get(code="CYBERCRIME_CONVENTION"),
        data=b"participant,action,date\nAlgeria,signature,2025-10-25\n",
        filename="xviii-16.csv",
        data_as_of=D("2025-10-26"),
        partial=True,
        partial_note="30 of the 72 signatories",
    )
    document = selectors.status_document(Instrument.objects.get(code="CYBERCRIME_CONVENTION"), D("2025-10-26"))
    assert (document["complete"], document["partial"]) == (False, True)
    assert "partial (30 of the 72 signatories)" in document["warning"]
    ActionFactory(
        instrument_id="HOSTAGES_1979", country_id="MLI", action="accession", date=D("1990-02-08"), synthetic=True
    )
    hostages = selectors.status_document(Instrument.objects.get(code="HOSTAGES_1979"), D("2005-01-01"))
    assert hostages["synthetic"] is True and "synthetic demo data" in hostages["warning"]
    record("UNCAC", "FRA", "ratification", "2005-07-11")  # entered by hand: no dated import
    uncac = selectors.status_document(Instrument.objects.get(code="UNCAC"), D("2006-01-01"))
    assert (
        uncac["data_as_of"] is None
        and not uncac["complete"]
        and "date its data is as of is unknown" in uncac["warning"]
    )
    tokyo = selectors.status_document(Instrument.objects.get(code="TOKYO_1963"), D("2006-01-01"))
    assert tokyo["warning"] == "No participation data is recorded for this instrument."


def test_coverage_reads_one_row_per_instrument_not_every_action():
    """Every country page asks for the coverage of every instrument: it must not fetch each action."""
    for n, country in enumerate(["MLI", "COL", "FRA", "NOR"]):
        ActionFactory(
            instrument_id="UNTOC", country_id=country, action="signature", date=D("2001-01-01") + dt.timedelta(n)
        )
        ActionFactory(
            instrument_id="UNCAC", country_id=country, action="signature", date=D("2004-01-01"), synthetic=True
        )
    with CaptureQueriesContext(connection) as queries:
        coverage = selectors.data_coverage(["UNTOC", "UNCAC", "TOKYO_1963"])
    assert [code for code, c in coverage.items() if c.has_actions] == ["UNTOC", "UNCAC"]
    assert [code for code, c in coverage.items() if c.synthetic] == ["UNCAC"]
    distinct = [q["sql"] for q in queries.captured_queries if "DISTINCT" in q["sql"]]
    assert len(distinct) == 2
    for sql in distinct:  # the instrument alone: a column of the model's ordering would make each action distinct
        assert sql.count(",", 0, sql.index(" FROM ")) == 0, sql


def test_the_command_prints_the_data_date_and_warns_on_a_later_date(untoc_as_of_2014, capsys):
    out = io.StringIO()
    call_command("treaty_status", "--instrument", "XVIII-12", "--as-of", "2026-01-01", "--json", stdout=out)
    document = json.loads(out.getvalue())
    assert (document["data_as_of"], document["complete"]) == ("2014-07-10", False)
    out = io.StringIO()
    call_command("treaty_status", "--instrument", "UNTOC", "--as-of", "2026-01-01", stdout=out)
    assert "(data as of 2014-07-10)" in out.getvalue()
    assert "may be incomplete" in capsys.readouterr().err


def test_every_status_answer_of_the_api_carries_the_data_date(client, untoc_as_of_2014):
    status = client.get(f"{API}/instruments/UNTOC/status", {"as_of": "2026-01-01"}).json()
    assert (status["data_as_of"], status["complete"]) == ("2014-07-10", False) and status["warning"]
    assert client.get(f"{API}/instruments/UNTOC/status", {"as_of": "2010-01-01"}).json()["complete"] is True
    gaps = client.get(f"{API}/instruments/UNTOC/gaps", {"group": "LDC", "as_of": "2026-01-01"}).json()
    assert (gaps["data_as_of"], gaps["complete"]) == ("2014-07-10", False) and "MLI" in {
        c["iso3"] for c in gaps["countries"]
    }
    coverage = client.get(f"{API}/instruments/UNTOC/coverage", {"as_of": "2026-01-01"}).json()
    assert (coverage["data_as_of"], coverage["complete"]) == ("2014-07-10", False)
    matrix = client.get(f"{API}/matrix", {"as_of": "2026-01-01", "family": "crime"}).json()
    assert matrix["data"]["UNTOC"]["data_as_of"] == "2014-07-10" and matrix["complete"] is False
    row = client.get(f"{API}/countries/FRA", {"as_of": "2026-01-01"}).json()
    untoc = next(item for item in row["instruments"] if item["instrument"] == "UNTOC")
    assert (untoc["data_as_of"], untoc["complete"], row["complete"]) == ("2014-07-10", False, False)
    assert any(w.startswith("UNTOC: The data is as of") for w in row["warnings"])
    french = client.get(f"{API}/instruments/UNTOC/status", {"as_of": "2026-01-01"}, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french["warning"].startswith("Les données sont à jour au 10 juillet 2014")


def test_status_pages_gap_list_map_and_matrix_say_the_data_date_in_english_and_french(officer_client, untoc_as_of_2014):
    detail = reverse("treaties:instrument_detail", args=["UNTOC"])
    page = officer_client.get(detail, {"tab": "status", "as_of": "2026-01-01"}).content.decode()
    assert "Data as of 10 July 2014." in page and "may be incomplete" in page and 'data-complete="false"' in page
    page = officer_client.get(detail, {"tab": "status", "as_of": "2010-01-01"}).content.decode()
    assert "Data as of 10 July 2014." in page and 'data-complete="true"' in page
    coverage = officer_client.get(detail, {"tab": "coverage", "as_of": "2026-01-01"}).content.decode()
    assert "(data as of 10 July 2014)" in coverage  # the map's title
    gaps = officer_client.get(
        detail, {"tab": "coverage", "as_of": "2026-01-01", "part": "gaps"}, HTTP_HX_REQUEST="true"
    )
    assert "Data as of 10 July 2014." in gaps.content.decode() and "Mali" in gaps.content.decode()
    listing = officer_client.get(reverse("treaties:instrument_list"), {"as_of": "2026-01-01"}).content.decode()
    assert "2014-07-10" in listing and "the data may be incomplete on 1 January 2026" in listing
    matrix = officer_client.get(reverse("treaties:matrix"), {"as_of": "2026-01-01"}).content.decode()
    assert "The data may be incomplete on 1 January 2026 for these instruments:" in matrix
    country = officer_client.get(
        reverse("treaties:country_status", args=["FRA"]), {"as_of": "2026-01-01"}
    ).content.decode()
    assert "2014-07-10" in country and "may be incomplete" in country

    officer_client.cookies["django_language"] = "fr"
    page = officer_client.get(detail, {"tab": "status", "as_of": "2026-01-01"}).content.decode()
    assert "Données à jour au 10 juillet 2014." in page
    assert "la situation au 1 janvier 2026 peut être incomplète" in page
    matrix = officer_client.get(reverse("treaties:matrix"), {"as_of": "2026-01-01"}).content.decode()
    assert "Les données peuvent être incomplètes" in matrix
    coverage = officer_client.get(detail, {"tab": "coverage", "as_of": "2026-01-01"}).content.decode()
    assert "données à jour au 10 juillet 2014" in coverage


def test_an_import_cannot_claim_data_from_the_future():
    result = services.status_import_run(
        instrument=Instrument.objects.get(code="UNTOC"),
        data=UNTOC_TABLE,
        filename="untoc.csv",
        data_as_of=timezone.localdate() + dt.timedelta(days=30),
    )
    assert [e["kind"] for e in result.errors] == ["data_as_of_future"] and not result.written
