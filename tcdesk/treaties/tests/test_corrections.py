"""A row that disagrees with a recorded act is a difference to review, then a correction with history."""

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tcdesk.treaties import services
from tcdesk.treaties.models import Instrument, ParticipationAction, StatusImport
from tcdesk.treaties.tests.factories import record

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
FIRST = (
    b"participant,action,date\nRepublic of Moldova,signature,2000-12-14\nRepublic of Moldova,ratification,2005-09-16\n"
)
# The newer copy of the treaty collection dates Moldova's consent otherwise (an accession of 28 February 2006).
NEWER = b"participant,action,date\nRepublic of Moldova,signature,2000-12-14\nRepublic of Moldova,accession,2006-02-28\n"
SOURCE_2014 = "UNTC as scraped on 2014-07-10, https://github.com/zmjones/untreaties"
SOURCE_2018 = "UNTC XML copy of January 2018, https://github.com/allucinaria/XML"


def som():
    return Instrument.objects.get(code="SOM_PROTOCOL")


def import_table(data: bytes, **options):
    return services.status_import_run(instrument=som(), data=data, filename="som.csv", **options)


@pytest.fixture
def recorded_2014():
    record("UNTOC", "MDA", "ratification", "2005-09-16")
    result = import_table(FIRST, source=SOURCE_2014, data_as_of=D("2014-07-10"))
    assert result.written and result.created == 2
    return result


def test_a_dry_run_lists_the_difference_with_both_values_and_both_sources_and_writes_nothing(recorded_2014):
    result = import_table(NEWER, dry_run=True, source=SOURCE_2018, data_as_of=D("2017-12-29"))
    assert result.errors == [] and result.created == 0 and result.unchanged == 1  # the signature is the same
    (difference,) = result.differences
    assert (difference["row"], difference["participant"], difference["kind"]) == (2, "Republic of Moldova", "consent")
    assert difference["recorded"] | {"action_id": None} == {
        "action_id": None,
        "action": "ratification",
        "date": "2005-09-16",
        "origin": "import",
        "import_id": recorded_2014.import_id,
        "file_name": "som.csv",
        "source": SOURCE_2014,
        "data_as_of": "2014-07-10",
    }
    assert difference["file"] == {
        "action": "accession",
        "date": "2006-02-28",
        "origin": "file",
        "file_name": "som.csv",
        "source": SOURCE_2018,
        "data_as_of": "2017-12-29",
    }
    assert difference["applied"] is False
    assert ParticipationAction.objects.get(country_id="MDA", instrument_id="SOM_PROTOCOL", action="ratification")
    assert StatusImport.objects.get(pk=result.import_id).differences == result.differences


def test_a_different_signature_date_is_a_difference_not_a_signature_given_twice(recorded_2014):
    result = import_table(
        b"participant,action,date\nRepublic of Moldova,signature,2000-12-15\n"
        b"Republic of Moldova,ratification,2005-09-16\n",
        dry_run=True,
    )
    assert result.errors == [] and [d["kind"] for d in result.differences] == ["signature"]
    assert "signed again" not in json.dumps(result.as_dict())


def test_an_import_without_corrections_creates_the_new_actions_and_leaves_the_differences_listed(recorded_2014):
    data = NEWER + b"Albania,ratification,2002-08-21\n"
    record("UNTOC", "ALB", "ratification", "2002-08-21")
    result = import_table(data, source=SOURCE_2018, data_as_of=D("2017-12-29"))
    assert result.written and result.created == 1 and result.corrected == 0 and len(result.differences) == 1
    moldova = ParticipationAction.objects.get(country_id="MDA", instrument_id="SOM_PROTOCOL", action="ratification")
    assert moldova.date == D("2005-09-16") and moldova.corrected_by is None


def test_applying_the_corrections_with_the_import_changes_the_action_and_keeps_its_history(recorded_2014, secretariat):
    result = import_table(
        NEWER, source=SOURCE_2018, data_as_of=D("2017-12-29"), apply_corrections=True, user=secretariat
    )
    assert result.written and result.corrected == 1 and result.differences[0]["applied"] is True
    moldova = ParticipationAction.objects.get(country_id="MDA", instrument_id="SOM_PROTOCOL", action="accession")
    assert moldova.date == D("2006-02-28") and moldova.corrected_by_id == result.import_id
    assert moldova.source_import_id == recorded_2014.import_id  # created by the first import, corrected by the second
    latest, before = moldova.history.order_by("-history_id")[:2]
    assert (before.action, before.date) == ("ratification", D("2005-09-16"))
    assert latest.history_change_reason == f"correction from status import #{result.import_id}"
    assert latest.history_user == secretariat
    assert StatusImport.objects.get(pk=result.import_id).counts["corrected"] == 1
    again = import_table(NEWER, dry_run=True)
    assert again.differences == [] and again.unchanged == 2  # the record now says what the file says


def test_a_correction_that_breaks_a_rule_is_refused_and_changes_nothing(recorded_2014):
    # Moved before the Convention's ratification (2005-09-16), the Protocol consent has no Convention to rest on.
    early = (
        b"participant,action,date\nRepublic of Moldova,signature,2000-12-14\nRepublic of Moldova,accession,2004-01-01\n"
    )
    dry = import_table(early, dry_run=True)
    assert len(dry.differences) == 1 and dry.errors == []
    with pytest.raises(ValidationError) as error:
        services.status_import_corrections_apply(record=StatusImport.objects.get(pk=dry.import_id), rows=[2])
    assert "requires being party to UNTOC" in str(error.value)
    assert ParticipationAction.objects.filter(
        country_id="MDA", instrument_id="SOM_PROTOCOL", action="ratification"
    ).exists()
    applied = import_table(early, apply_corrections=True)
    assert [e["kind"] for e in applied.errors] == ["parent_not_party"] and not applied.written


def test_the_command_reports_differences_and_applies_them_on_request(recorded_2014, tmp_path):
    path = tmp_path / "XVIII-12-b.csv"
    path.write_bytes(NEWER)
    out = io.StringIO()
    call_command("import_treaty_status", str(path), "--instrument", "XVIII-12-b", "--dry-run", "--json", stdout=out)
    document = json.loads(out.getvalue())
    assert {"instrument", "participants", "signatures", "consents", "created", "unchanged", "errors"} <= set(document)
    assert [(d["recorded"]["date"], d["file"]["date"]) for d in document["differences"]] == [
        ("2005-09-16", "2006-02-28")
    ]
    out = io.StringIO()
    call_command(
        "import_treaty_status",
        str(path),
        "--instrument",
        "XVIII-12-b",
        "--source",
        SOURCE_2018,
        "--data-as-of",
        "2017-12-29",
        "--apply-corrections",
        stdout=out,
    )
    assert "1 differences, corrected 1" in out.getvalue() and "data as of 2017-12-29" in out.getvalue()
    assert ParticipationAction.objects.get(country_id="MDA", instrument_id="SOM_PROTOCOL", action="accession")


def test_the_import_page_shows_differences_and_the_secretariat_applies_them(
    recorded_2014, secretariat_client, auditor_client
):
    upload = SimpleUploadedFile("som-2018.csv", NEWER)
    response = secretariat_client.post(
        reverse("treaties:import"),
        {
            "instrument": "SOM_PROTOCOL",
            "file": upload,
            "dry_run": "on",
            "source": SOURCE_2018,
            "data_as_of": "2017-12-29",
        },
    )
    stored = StatusImport.objects.get(file_name="som-2018.csv")
    assert (stored.source, stored.data_as_of) == (SOURCE_2018, D("2017-12-29"))
    page = secretariat_client.get(response["Location"]).content.decode()
    assert "1 difference from recorded actions" in page
    assert "UNTC as scraped on 2014-07-10" in page and "UNTC XML copy of January 2018" in page  # both sources
    assert "2005-09-16" in page and "2006-02-28" in page and "Apply the chosen corrections" in page
    url = reverse("treaties:import_corrections", args=[stored.pk])
    assert auditor_client.post(url, {"rows": ["2"]}).status_code == 403
    assert "Apply the chosen corrections" not in auditor_client.get(response["Location"]).content.decode()
    assert secretariat_client.post(url, {}).status_code == 422  # nothing chosen
    done = secretariat_client.post(url, {"rows": ["2"]})
    assert done.status_code == 302
    moldova = ParticipationAction.objects.get(country_id="MDA", instrument_id="SOM_PROTOCOL", action="accession")
    assert moldova.corrected_by_id == stored.pk
    page = secretariat_client.get(done["Location"]).content.decode()
    assert "1 correction applied." in page and "applied" in page and "Apply the chosen corrections" not in page
    assert secretariat_client.post(url, {"rows": ["2"]}).status_code == 422  # already applied

    secretariat_client.cookies["django_language"] = "fr"
    page = secretariat_client.get(done["Location"]).content.decode()
    assert "1 différence avec les actions enregistrées" in page and "adhésion 2006-02-28" in page


def test_a_correction_of_an_action_changed_since_the_dry_run_is_refused(recorded_2014):
    dry = import_table(NEWER, dry_run=True)
    ParticipationAction.objects.filter(country_id="MDA", instrument_id="SOM_PROTOCOL", action="ratification").update(
        date=D("2005-10-01")
    )
    with pytest.raises(ValidationError) as error:
        services.status_import_corrections_apply(record=StatusImport.objects.get(pk=dry.import_id), rows=[2])
    assert "the recorded action has changed" in str(error.value)


def test_the_api_lists_differences_and_applies_corrections_for_the_secretariat_only(
    recorded_2014, client, secretariat, officer, api_token_for
):
    upload = SimpleUploadedFile("s.csv", NEWER, content_type="text/csv")
    body = {"instrument": "XVIII-12-b", "dry_run": "true", "file": upload, "data_as_of": "2017-12-29"}
    response = client.post("/api/treaties/imports", body, **api_token_for(secretariat))
    assert response.status_code == 200
    document = response.json()
    assert document["data_as_of"] == "2017-12-29" and document["differences"][0]["file"]["action"] == "accession"
    url = f"/api/treaties/imports/{document['import_id']}/corrections"
    payload = json.dumps({"rows": [2]})
    assert client.post(url, payload, content_type="application/json", **api_token_for(officer)).status_code == 403
    headers = api_token_for(secretariat)
    done = client.post(url, payload, content_type="application/json", **headers)
    assert done.status_code == 200 and done.json() == {"import_id": document["import_id"], "corrected": [2]}
    assert client.post(url, payload, content_type="application/json", **headers).status_code == 422
