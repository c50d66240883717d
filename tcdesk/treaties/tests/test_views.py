"""Treaty pages: who may see and do what, what they show, bounded queries, French."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tcdesk.treaties.models import ParticipationAction, StatusImport
from tcdesk.treaties.tests.factories import record

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "synthetic_xviii15.en.xml"

READ_PAGES = [
    ("treaties:instrument_list", {}, ""),
    ("treaties:matrix", {}, ""),
    ("treaties:country_status", {"iso3": "MLI"}, ""),
    ("treaties:instrument_detail", {"code": "UNTOC"}, ""),
    ("treaties:instrument_detail", {"code": "UNTOC"}, "?tab=status&as_of=2005-01-01"),
    ("treaties:instrument_detail", {"code": "UNTOC"}, "?tab=coverage"),
    ("treaties:instrument_detail", {"code": "UNTOC"}, "?tab=imports"),
    ("treaties:instrument_detail", {"code": "UNTOC"}, "?tab=history"),
]


@pytest.fixture
def some_status():
    record("UNTOC", "FRA", "ratification", "2002-10-29")
    record("UNTOC", "MLI", "signature", "2000-12-15")
    record("UNTOC", "EU", "approval", "2004-05-21")


@pytest.mark.parametrize(("name", "kwargs", "query"), READ_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, name, kwargs, query):
    response = client.get(reverse(name, kwargs=kwargs) + query)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "kwargs", "query"), READ_PAGES)
def test_every_signed_in_role_reads_treaty_pages(focal_mli_client, some_status, name, kwargs, query):
    assert focal_mli_client.get(reverse(name, kwargs=kwargs) + query).status_code == 200


def test_unknown_instrument_and_state_are_404(officer_client):
    assert officer_client.get(reverse("treaties:instrument_detail", args=["NOPE"])).status_code == 404
    assert officer_client.get(reverse("treaties:country_status", args=["XXX"])).status_code == 404


def test_status_tab_lists_parties_with_effective_dates_and_the_eu_apart(officer_client, some_status):
    response = officer_client.get(
        reverse("treaties:instrument_detail", args=["UNTOC"]), {"tab": "status", "as_of": "2005-01-01"}
    )
    body = response.content.decode()
    assert response.context["state_parties"] == 1 and response.context["state_signatories"] == 1
    assert "2003-09-29" in body and "European Union" in body and "not counted as a State" in body


def test_coverage_tab_has_an_accessible_map_and_chart_without_inline_css(officer_client, some_status):
    response = officer_client.get(reverse("treaties:instrument_detail", args=["UNTOC"]), {"tab": "coverage"})
    body = response.content.decode()
    assert 'role="img"' in body and "<title" in body and "<desc" in body
    assert 'data-id="250" data-status="party"' in body  # France, by ISO numeric code
    assert 'data-id="466" data-status="signatory"' in body  # Mali
    assert " style=" not in body and "<style" not in body


def test_gap_list_answers_htmx_with_the_fragment(officer_client):
    response = officer_client.get(
        reverse("treaties:instrument_detail", args=["ICSANT"]),
        {"tab": "coverage", "part": "gaps", "group": "LDC", "as_of": "2008-01-01"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "<html" not in body and "Mali" in body


def _matrix_queries(client, params) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("treaties:matrix"), params)
    assert response.status_code == 200
    return len(queries.captured_queries), response


def test_matrix_page_uses_the_same_number_of_queries_for_ten_states_and_for_all(officer_client, some_status):
    officer_client.get(reverse("treaties:matrix"))  # warm the session
    few, small = _matrix_queries(officer_client, {"q": "mal"})
    many, full = _matrix_queries(officer_client, {})
    assert 1 <= len(small.context["rows"]) <= 10 and len(full.context["rows"]) > 190
    assert few == many


def test_matrix_filters_by_group_as_at_the_date(officer_client, some_status):
    response = officer_client.get(
        reverse("treaties:matrix"), {"group": "LDC", "as_of": "2005-12-16", "family": "crime"}
    )
    names = [country.iso3 for country, _cells in response.context["rows"]]
    assert "MLI" in names and "CPV" in names and "FRA" not in names
    assert {i.code for i in response.context["matrix"].instruments} == {
        "UNTOC",
        "TIP_PROTOCOL",
        "SOM_PROTOCOL",
        "FIREARMS_PROTOCOL",
        "UNCAC",
    }


def test_matrix_answers_htmx_with_the_results_fragment(officer_client):
    response = officer_client.get(reverse("treaties:matrix"), {"q": "Mali"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode() and "Mali" in response.content.decode()


def test_country_page_shows_a_state_across_instruments(officer_client, some_status):
    response = officer_client.get(reverse("treaties:country_status", args=["FRA"]), {"as_of": "2005-01-01"})
    assert response.context["party_count"] == 1


# --- Imports and manual entry: secretariat and administrators only ------------------------------------


def _upload(dry_run: bool):
    return {
        "instrument": "ICSANT",
        "file": SimpleUploadedFile("status.xml", SAMPLE.read_bytes(), content_type="text/xml"),
        **({"dry_run": "on"} if dry_run else {}),
    }


@pytest.mark.parametrize("persona", ["secretariat_client", "admin_client"])
def test_secretariat_and_administrators_import(request, persona):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("treaties:import")).status_code == 200
    response = client.post(reverse("treaties:import"), _upload(dry_run=True))
    assert response.status_code == 302 and ParticipationAction.objects.count() == 0
    page = client.get(response["Location"])
    assert "nothing was written" in page.content.decode().lower()
    response = client.post(reverse("treaties:import"), _upload(dry_run=False))
    assert ParticipationAction.objects.count() == 26
    body = client.get(response["Location"]).content.decode()
    assert "15 new parties since the last import" in body


@pytest.mark.parametrize("persona", ["auditor_client", "officer_client", "focal_mli_client"])
def test_other_roles_may_not_import(request, persona):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("treaties:import")).status_code == 403
    assert client.post(reverse("treaties:import"), _upload(dry_run=False)).status_code == 403
    assert ParticipationAction.objects.count() == 0


def test_import_result_lists_every_error_by_row(secretariat_client):
    bad = SimpleUploadedFile(
        "bad.csv", b"participant,action,date\nAtlantis,ratification,2008-01-01\nFrance,accession,2099-01-01\n"
    )
    response = secretariat_client.post(reverse("treaties:import"), {"instrument": "ICSANT", "file": bad})
    record_ = StatusImport.objects.get()
    assert record_.outcome == "rejected" and ParticipationAction.objects.count() == 0
    body = secretariat_client.get(response["Location"]).content.decode()
    assert "Atlantis" in body and "in the future" in body and "2 problems" in body


def test_import_refuses_an_unsupported_file_type(secretariat_client):
    upload = SimpleUploadedFile("status.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = secretariat_client.post(reverse("treaties:import"), {"instrument": "ICSANT", "file": upload})
    assert response.status_code == 422 and response.context["form"].errors["file"]


def test_import_log_is_read_by_auditors(auditor_client, secretariat):
    from tcdesk.treaties import services
    from tcdesk.treaties.models import Instrument

    result = services.status_import_run(
        instrument=Instrument.objects.get(code="ICSANT"),
        data=SAMPLE.read_bytes(),
        filename="s.xml",
        user=secretariat,
        dry_run=True,
    )
    assert auditor_client.get(reverse("treaties:import_detail", args=[result["import_id"]])).status_code == 200


def test_secretariat_records_an_action_by_hand_and_auditor_may_not(secretariat_client, auditor_client):
    url = reverse("treaties:action_add", args=["UNTOC"])
    data = {"participant": "Mali", "action": "ratification", "date": "2002-04-12"}
    assert auditor_client.post(url, data).status_code == 403
    assert secretariat_client.post(url, data).status_code == 302
    assert ParticipationAction.objects.get().country_id == "MLI"
    response = secretariat_client.post(url, {**data, "action": "accession", "date": "2003-01-01"})
    assert response.status_code == 422 and "denunciation" in str(response.context["action_form"].errors["action"])


# --- French ----------------------------------------------------------------------------------------------


def test_pages_render_in_french(officer_client, some_status):
    officer_client.cookies["django_language"] = "fr"
    body = officer_client.get(reverse("treaties:instrument_list")).content.decode()
    assert "Instruments conventionnels" in body and "Convention contre la criminalité organisée" in body
    body = officer_client.get(
        reverse("treaties:instrument_detail", args=["UNTOC"]), {"tab": "status", "as_of": "2005-01-01"}
    ).content.decode()
    assert "Parties" in body and "Signataires" in body and "France" in body
    body = officer_client.get(reverse("treaties:matrix")).content.decode()
    assert "États × instruments" in body


SECOND_CONSENT_AND_UNKNOWN = b"participant,action,date\nAtlantis,ratification,2003-01-01\nFrance,accession,2005-01-01\n"


def test_import_errors_are_shown_in_french_on_french_pages(secretariat_client):
    record("UNTOC", "FRA", "ratification", "2002-10-29")
    secretariat_client.cookies["django_language"] = "fr"
    upload = SimpleUploadedFile("status.csv", SECOND_CONSENT_AND_UNKNOWN)
    response = secretariat_client.post(
        reverse("treaties:import"), {"instrument": "UNTOC", "file": upload, "dry_run": "on"}
    )
    stored = StatusImport.objects.get()
    assert stored.outcome == "dry_run" and ParticipationAction.objects.count() == 1
    assert [(e["row"], e["kind"]) for e in stored.errors] == [(1, "unknown_participant"), (2, "second_consent")]
    assert stored.errors[1]["params"] == {
        "participant": "France",
        "code": "UNTOC",
        "action": "accession",
        "date": "2005-01-01",
        "previous_action": "ratification",
        "previous_date": "2002-10-29",
    }
    assert "is still in force" in stored.errors[1]["rule"]  # the stored rule stays English
    body = secretariat_client.get(response["Location"]).content.decode()
    assert "participant inconnu « Atlantis » : aucun État ni aucune organisation régionale ne porte ce nom" in body
    assert (
        "adhésion de l’instrument UNTOC le 2005-01-01 alors que la ratification du 2002-10-29 est toujours en vigueur"
        in body
    )
    assert "is still in force" not in body and "unknown participant" not in body and '<td lang="en">' not in body
    secretariat_client.cookies["django_language"] = "en"
    body = secretariat_client.get(response["Location"]).content.decode()
    assert "accession of UNTOC on 2005-01-01 while the ratification of 2002-10-29 is still in force" in body
    assert "unknown participant &#x27;Atlantis&#x27;" in body


def test_an_error_stored_before_kinds_had_params_is_shown_in_english(secretariat_client):
    from tcdesk.treaties.models import Instrument

    stored = StatusImport.objects.create(
        instrument=Instrument.objects.get(code="UNTOC"),
        file_name="old.csv",
        sha256="0" * 64,
        outcome="rejected",
        counts={},
        errors=[{"row": 2, "participant": "Mali", "rule": "an old English rule", "kind": "unreadable_row"}],
        new_parties=[],
    )
    secretariat_client.cookies["django_language"] = "fr"
    body = secretariat_client.get(reverse("treaties:import_detail", args=[stored.pk])).content.decode()
    assert '<td lang="en">an old English rule</td>' in body


def test_the_country_page_shows_the_instruments_the_state_is_party_to_today(officer_client, some_status):
    """The treaties app's panel on the core country page (an extension point: core does not import treaties)."""
    response = officer_client.get(reverse("core:country_detail", args=["FRA"]))
    panel = next(p for p in response.context["panels"] if p.key == "treaties")
    assert [i.code for i in panel.items] == ["UNTOC"] and panel.count == 1
    body = response.content.decode()
    assert reverse("treaties:country_status", args=["FRA"]) in body and "Party today to 1 instrument" in body
    mali = officer_client.get(reverse("core:country_detail", args=["MLI"]))
    assert next(p for p in mali.context["panels"] if p.key == "treaties").items == []
    assert "Party today to none of the instruments" in mali.content.decode()
