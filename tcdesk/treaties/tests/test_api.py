"""Treaty API: open-data reads, secretariat-only writes, 4xx naming the field."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tcdesk.treaties.models import ParticipationAction
from tcdesk.treaties.tests.factories import record

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "synthetic_xviii15.en.xml"
API = "/api/treaties"


@pytest.fixture
def some_status():
    record("UNTOC", "FRA", "ratification", "2002-10-29")
    record("UNTOC", "MLI", "signature", "2000-12-15")
    record("UNTOC", "EU", "approval", "2004-05-21")


@pytest.mark.parametrize(
    "path",
    [
        "/instruments",
        "/instruments/UNTOC",
        "/instruments/XVIII-12",
        "/instruments/UNTOC/status?as_of=2005-01-01",
        "/instruments/UNTOC/coverage?as_of=2005-01-01",
        "/instruments/ICSANT/gaps?group=LDC&as_of=2008-01-01",
        "/countries/FRA?as_of=2005-01-01",
        "/matrix?as_of=2005-01-01&family=crime",
    ],
)
def test_reads_are_open_data(client, some_status, path):
    assert client.get(API + path).status_code == 200


def test_status_has_the_cli_shape(client, some_status):
    body = client.get(f"{API}/instruments/UNTOC/status?as_of=2005-01-01").json()
    assert body["parties"] == ["FRA"] and body["signatories"] == ["MLI"] and body["as_of"] == "2005-01-01"
    assert body["organisations"]["parties"] == ["EU"]


def test_matrix_and_country_row(client, some_status):
    matrix = client.get(f"{API}/matrix?as_of=2005-01-01&group=LDC").json()
    mali = next(row for row in matrix["rows"] if row["iso3"] == "MLI")
    assert mali["status"]["UNTOC"] == "signatory"
    assert all(row["iso3"] != "FRA" for row in matrix["rows"])
    row = client.get(f"{API}/countries/FRA?as_of=2005-01-01").json()
    assert row["party_to"] == ["UNTOC"]


def test_unknown_things_are_404_or_422_naming_the_parameter(client):
    assert client.get(f"{API}/instruments/NOPE").status_code == 404
    response = client.get(f"{API}/instruments/ICSANT/gaps?group=NOPE")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "group"]
    response = client.get(f"{API}/instruments?family=nope")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "family"]
    response = client.get(f"{API}/matrix?group=NOPE")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "group"]


def _file():
    return {"file": SimpleUploadedFile("s.xml", SAMPLE.read_bytes(), content_type="text/xml")}


def test_import_needs_the_secretariat(client, auditor, secretariat, api_token_for):
    data = {"instrument": "XVIII-15", "dry_run": "false"}
    assert client.post(f"{API}/imports", {**data, **_file()}).status_code == 401
    assert client.post(f"{API}/imports", {**data, **_file()}, **api_token_for(auditor)).status_code == 403
    response = client.post(f"{API}/imports", {**data, **_file()}, **api_token_for(secretariat))
    assert response.status_code == 200
    body = response.json()
    assert (body["instrument"], body["created"], body["errors"]) == ("ICSANT", 26, [])
    assert ParticipationAction.objects.count() == 26


def test_import_dry_run_and_unknown_instrument(client, secretariat, api_token_for):
    headers = api_token_for(secretariat)
    response = client.post(f"{API}/imports", {"instrument": "ICSANT", "dry_run": "true", **_file()}, **headers)
    assert response.json()["created"] == 26 and ParticipationAction.objects.count() == 0
    response = client.post(f"{API}/imports", {"instrument": "NOPE", **_file()}, **headers)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "instrument"]


def test_import_log_needs_sign_in(client, officer, api_token_for):
    assert client.get(f"{API}/imports").status_code == 401
    assert client.get(f"{API}/imports", **api_token_for(officer)).status_code == 200


def test_record_action_pairs(client, officer, secretariat, api_token_for):
    payload = {"participant": "MLI", "action": "ratification", "date": "2002-04-12"}
    url = f"{API}/instruments/UNTOC/actions"
    assert client.post(url, payload, content_type="application/json", **api_token_for(officer)).status_code == 403
    headers = api_token_for(secretariat)
    response = client.post(url, payload, content_type="application/json", **headers)
    assert response.status_code == 201 and response.json()["participant"] == "MLI"
    response = client.post(url, {**payload, "participant": "Narnia"}, content_type="application/json", **headers)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "participant"]


def test_import_errors_follow_the_request_language(client, secretariat, api_token_for):
    record("UNTOC", "FRA", "ratification", "2002-10-29")
    headers = api_token_for(secretariat)

    def post(language: str) -> list[dict]:
        # The file repeats France's recorded ratification: its accession is then a second consent, not a
        # difference from the record (which a file giving only the accession would be).
        data = (
            b"participant,action,date\nAtlantis,ratification,2003-01-01\nFrance,ratification,2002-10-29\n"
            b"France,accession,2005-01-01\n"
        )
        upload = SimpleUploadedFile("s.csv", data, content_type="text/csv")
        body = {"instrument": "UNTOC", "dry_run": "true", "file": upload}
        response = client.post(f"{API}/imports", body, HTTP_ACCEPT_LANGUAGE=language, **headers)
        assert response.status_code == 200
        return response.json()["errors"]

    french = post("fr")
    assert [e["kind"] for e in french] == ["unknown_participant", "second_consent"]
    assert french[0]["message"].startswith("participant inconnu « Atlantis »")
    assert french[1]["message"].startswith("adhésion de l’instrument UNTOC le 2005-01-01 alors que la ratification")
    assert "is still in force" in french[1]["rule"] and french[1]["params"]["action"] == "accession"
    english = post("en")
    assert [e["message"] for e in english] == [e["rule"] for e in english]
    log = client.get(f"{API}/imports", HTTP_ACCEPT_LANGUAGE="fr", **headers).json()
    assert log[0]["errors"][1]["message"].startswith("adhésion de l’instrument UNTOC")
    assert log[0]["errors"][1]["row"] == 3
