"""API: open-data reads, loading and parse-only, the registry and its tracking, with permission pairs."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tcdesk.mandates.models import Mandate, MandateEvidence, Resolution

from .conftest import CORPUS, MINI_EN, SEED_BYTES, SEED_NAME, blank_pdf, text_pdf

pytestmark = pytest.mark.django_db

BASE = "/api/mandates"
CONTRACT_KEYS = {
    "symbol",
    "language",
    "title",
    "session",
    "preamble",
    "operative",
    "footnotes",
    "citations",
    "reporting_requests",
    "annex",
}


def _json(client, url, payload, **headers):
    return client.post(url, json.dumps(payload), content_type="application/json", **headers)


def test_resolutions_and_mandates_are_open_data(client, seed):
    listing = client.get(f"{BASE}/resolutions", {"body": "GA"}).json()
    assert listing["count"] == 1 and listing["items"][0]["open_mandates"] == 26
    detail = client.get(f"{BASE}/resolutions/A/RES/60/175").json()
    assert detail["symbol"] == "A/RES/60/175" and len(detail["document"]["operative"]) == 26
    assert set(detail["document"]) >= CONTRACT_KEYS
    unresolved = next(c for c in detail["citations"] if c["ref"] == "46/52")
    assert unresolved == {**unresolved, "loaded": False, "cited_resolution": None, "symbol": "A/RES/46/52"}
    mandates = client.get(f"{BASE}/mandates", {"addressee": "secretary-general"}).json()
    assert [m["key"] for m in mandates["items"]] == ["9", "19", "20", "26"]
    assert client.get(f"{BASE}/reporting-requests", {"to_session": 61}).json()["items"][0]["due_year"] == 2006
    assert client.get(f"{BASE}/resolutions/A/RES/1/1").status_code == 404


def test_an_invalid_filter_names_the_parameter(client, seed):
    response = client.get(f"{BASE}/mandates", {"status": "nope"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "status"]


def test_evidence_and_timelines_are_for_signed_in_users(client, seed, officer, api_token_for):
    mandate = seed.mandates.get(key="26")
    MandateEvidence.objects.create(mandate=mandate, text="internal", added_at=mandate.resolution.loaded_at)
    assert client.get(f"{BASE}/mandates/{mandate.pk}").json()["evidence"] == []
    signed_in = client.get(f"{BASE}/mandates/{mandate.pk}", **api_token_for(officer)).json()
    assert signed_in["evidence"][0]["text"] == "internal" and signed_in["events"][0]["kind"] == "created"


def test_parse_returns_the_contract_and_stores_nothing(client, secretariat, officer, api_token_for, db):
    before = Resolution.objects.count()
    response = _json(
        client, f"{BASE}/parse", {"text": SEED_BYTES.decode(), "filename": SEED_NAME}, **api_token_for(secretariat)
    )
    assert response.status_code == 200
    document = response.json()
    assert set(document) >= CONTRACT_KEYS and document["symbol"] == "A/RES/60/175"
    assert document["reporting_requests"][-1] == {
        **document["reporting_requests"][-1],
        "paragraph": 26,
        "to_session": 61,
    }
    assert Resolution.objects.count() == before
    bad = client.post(
        f"{BASE}/parse", {"file": SimpleUploadedFile("scan.pdf", blank_pdf())}, **api_token_for(secretariat)
    )
    assert bad.status_code == 422 and "no text layer" in bad.json()["detail"][0]["msg"]
    assert client.post(f"{BASE}/parse", {"text": "x"}, content_type="application/json").status_code == 401
    # Parsing is for those who load resolutions: a programme officer has no use for it.
    refused = client.post(f"{BASE}/parse", {"text": "x"}, content_type="application/json", **api_token_for(officer))
    assert refused.status_code == 403


@pytest.mark.parametrize("persona", ["secretariat", "admin_user"])
def test_the_secretariat_loads_by_json_or_upload_and_reloads(request, persona, api_token_for, db):
    headers = api_token_for(request.getfixturevalue(persona))
    client = request.getfixturevalue("client")
    payload = {"text": MINI_EN, "symbol": "A/RES/59/159"}
    # Every load is first a review step: 202 with the draft, nothing stored.
    review = _json(client, f"{BASE}/resolutions", payload, **headers)
    assert review.status_code == 202 and review.json()["status"] == "open"
    assert review.json()["warnings"] == [] and review.json()["symbol"] == "A/RES/59/159"
    assert not Resolution.objects.filter(symbol="A/RES/59/159").exists()
    # Confirming the draft stores it.
    confirmed = client.post(f"{BASE}/drafts/{review.json()['id']}/confirm", **headers)
    assert confirmed.status_code == 201 and confirmed.json()["resolution"]["symbol"] == "A/RES/59/159"
    assert confirmed.json()["resolution"]["mandate_list"][0]["key"] == "1"
    # With "confirm", the reading is accepted at once.
    upload = SimpleUploadedFile("A-RES-59-159.en.txt", MINI_EN.encode())
    reloaded = client.post(f"{BASE}/resolutions", {"file": upload, "lang": "en", "confirm": "true"}, **headers)
    assert reloaded.status_code == 200 and reloaded.json()["created"] is False
    assert Resolution.objects.filter(symbol="A/RES/59/159").count() == 1


@pytest.mark.parametrize("persona", ["officer", "auditor", "focal_mli"])
def test_others_may_not_load(request, persona, client, api_token_for, db):
    headers = api_token_for(request.getfixturevalue(persona))
    response = _json(client, f"{BASE}/resolutions", {"text": MINI_EN, "symbol": "A/RES/59/159"}, **headers)
    assert response.status_code == 403
    assert _json(client, f"{BASE}/resolutions", {"text": MINI_EN}).status_code == 401
    assert not Resolution.objects.filter(symbol="A/RES/59/159").exists()


def test_bad_input_is_a_422_naming_the_field_and_nothing_is_stored(client, secretariat, api_token_for, db):
    headers = api_token_for(secretariat)
    before = Resolution.objects.count()
    for payload in ({"text": ""}, {"text": "Hello there.\n" * 20}, {"nope": 1}):
        response = _json(client, f"{BASE}/resolutions", payload, **headers)
        assert response.status_code == 422, payload
        assert response.json()["detail"][0]["loc"][-1] in {"file", "text"}
    upload = client.post(f"{BASE}/resolutions", {"file": SimpleUploadedFile("scan.pdf", blank_pdf())}, **headers)
    assert upload.status_code == 422 and "no text layer" in upload.json()["detail"][0]["msg"]
    assert Resolution.objects.count() == before


@pytest.mark.parametrize("endpoint", ["/resolutions", "/parse", "/drafts"])
def test_a_document_refused_is_named_by_the_field_it_was_sent_in(endpoint, client, secretariat, api_token_for, db):
    headers = api_token_for(secretariat)
    not_a_resolution = "Hello there, this is a letter and not a resolution at all.\n" * 5
    sent_as_text = _json(client, f"{BASE}{endpoint}", {"text": not_a_resolution}, **headers)
    assert sent_as_text.status_code == 422
    assert [error["loc"] for error in sent_as_text.json()["detail"]] == [["body", "text"]]
    upload = SimpleUploadedFile("letter.txt", not_a_resolution.encode())
    sent_as_file = client.post(f"{BASE}{endpoint}", {"file": upload}, **headers)
    assert sent_as_file.status_code == 422
    assert [error["loc"] for error in sent_as_file.json()["detail"]] == [["body", "file"]]
    assert sent_as_text.json()["detail"][0]["msg"] == sent_as_file.json()["detail"][0]["msg"]


@pytest.mark.parametrize("persona", ["secretariat", "officer", "admin_user"])
def test_trackers_change_status_add_evidence_and_mark_renewed(request, persona, client, seed, api_token_for):
    headers = api_token_for(request.getfixturevalue(persona))
    mandate = seed.mandates.get(key="26")
    response = _json(
        client, f"{BASE}/mandates/{mandate.pk}/status", {"status": "in_progress", "comment": "c"}, **headers
    )
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    response = _json(client, f"{BASE}/mandates/{mandate.pk}/evidence", {"url": "https://example.org/a"}, **headers)
    assert response.status_code == 201 and response.json()["url"] == "https://example.org/a"
    unknown = _json(client, f"{BASE}/mandates/{mandate.pk}/renewed", {"resolution": "A/RES/61/181"}, **headers)
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "resolution"]
    Resolution.objects.filter(pk=seed.pk)  # the seed itself is refused as "later"
    itself = _json(client, f"{BASE}/mandates/{mandate.pk}/superseded", {"resolution": "A/RES/60/175"}, **headers)
    assert itself.status_code == 422


@pytest.mark.parametrize("persona", ["auditor", "focal_mli", "donor_nor"])
def test_others_may_not_track(request, persona, client, seed, api_token_for):
    headers = api_token_for(request.getfixturevalue(persona))
    mandate = seed.mandates.get(key="26")
    assert (
        _json(client, f"{BASE}/mandates/{mandate.pk}/status", {"status": "in_progress"}, **headers).status_code == 403
    )
    assert _json(client, f"{BASE}/mandates/{mandate.pk}/evidence", {"text": "x"}, **headers).status_code == 403
    assert (
        _json(client, f"{BASE}/mandates/{mandate.pk}/renewed", {"resolution": "A/RES/60/175"}, **headers).status_code
        == 403
    )
    assert _json(client, f"{BASE}/mandates/{mandate.pk}/status", {"status": "in_progress"}).status_code == 401
    assert Mandate.objects.get(pk=mandate.pk).status == "open"


def test_a_refused_transition_is_a_422_naming_status(client, seed, officer, api_token_for):
    mandate = seed.mandates.get(key="26")
    response = _json(client, f"{BASE}/mandates/{mandate.pk}/status", {"status": "superseded"}, **api_token_for(officer))
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "status"]


def test_addressees_are_listed_with_french_names(client, seed):
    names = {a["code"]: a["name_fr"] for a in client.get(f"{BASE}/addressees").json()}
    assert names["secretary-general"] == "Secrétaire général" and names["member-states"] == "États Membres"


def test_the_openapi_document_describes_the_mandates_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {f"{BASE}/resolutions", f"{BASE}/parse", f"{BASE}/mandates", f"{BASE}/reporting-requests"} <= set(paths)
    assert "multipart/form-data" in paths[f"{BASE}/resolutions"]["post"]["requestBody"]["content"]


def test_parse_gives_the_annexes_apart_and_the_warnings(client, secretariat, api_token_for, db):
    text = (CORPUS / "A-RES-80-5.en.txt").read_text(encoding="utf-8")
    response = _json(
        client, f"{BASE}/parse", {"text": text, "filename": "A-RES-80-5-en.txt"}, **api_token_for(secretariat)
    )
    assert response.status_code == 200
    document = response.json()
    assert [paragraph["number"] for paragraph in document["operative"]] == [None]
    assert len(document["annexes"]) == 1 and document["annex"] == document["annexes"][0]
    assert [paragraph["number"] for paragraph in document["annex"]["paragraphs"]] == list(range(1, 45))
    assert len(document["annex"]["footnotes"]) == 15 and document["footnotes"] == []
    assert document["warnings"] == [] and document["leftovers"] == []
    # A numbering jump is reported with the paragraph concerned.
    damaged = text.replace("\n5. \nWe meet 30 years", "\nWe meet 30 years")
    warnings = _json(client, f"{BASE}/parse", {"text": damaged}, **api_token_for(secretariat)).json()["warnings"]
    assert [(w["code"], w["elements"], w["details"]) for w in warnings] == [
        ("numbering_jump", ["annex:5"], {"after": 4, "found": 6})
    ]


def test_a_declaration_adopted_inline_is_stored_apart_from_the_operative_paragraph(
    client, secretariat, api_token_for, db
):
    headers = api_token_for(secretariat)
    text = (CORPUS / "A-RES-73-3.en.txt").read_text(encoding="utf-8")
    parsed = _json(client, f"{BASE}/parse", {"text": text, "filename": "A-RES-73-3.en.txt"}, **headers)
    assert parsed.status_code == 200, parsed.content[:300]
    document = parsed.json()
    assert [paragraph["lead"] for paragraph in document["operative"]] == ["Adopts"]
    assert document["annex"]["title"] == "United to end tuberculosis: an urgent global response to a global epidemic"
    draft = _json(client, f"{BASE}/drafts", {"text": text, "filename": "A-RES-73-3.en.txt"}, **headers).json()
    assert draft["warnings"] == []
    assert client.post(f"{BASE}/drafts/{draft['id']}/confirm", **headers).status_code == 201
    resolution = Resolution.objects.get(symbol="A/RES/73/3")
    assert resolution.paragraphs.filter(kind="operative").count() == 1
    assert resolution.paragraphs.filter(kind="annex").count() == 54


def test_a_pdf_over_the_page_budget_is_a_422_naming_the_file_and_nothing_is_stored(
    client, secretariat, api_token_for, settings, db
):
    settings.TCDESK_PDF_MAX_PAGES = 0  # any PDF is then over the budget: the rule, not the file, is tested
    before = Resolution.objects.count()
    upload = SimpleUploadedFile("A-RES-59-159.pdf", text_pdf(MINI_EN.splitlines()), content_type="application/pdf")
    response = client.post(f"{BASE}/resolutions", {"file": upload}, **api_token_for(secretariat))
    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert "file" in detail["loc"] and "has 1 page: the limit is 0 pages" in detail["msg"]
    assert Resolution.objects.count() == before


# --- The review step in the API ---------------------------------------------------------------------

DAMAGED = (
    (CORPUS / "A-RES-80-5.en.txt").read_text(encoding="utf-8").replace("\n5. \nWe meet 30 years", "\nWe meet 30 years")
)


def test_the_secretariat_reviews_corrects_and_confirms_a_load(client, secretariat, api_token_for, db):
    headers = api_token_for(secretariat)
    draft = _json(client, f"{BASE}/drafts", {"text": DAMAGED, "filename": "A-RES-80-5.en.txt"}, **headers)
    assert draft.status_code == 201
    body = draft.json()
    assert [(w["code"], w["elements"]) for w in body["warnings"]] == [("numbering_jump", ["annex:5"])]
    url = f"{BASE}/drafts/{body['id']}"
    assert client.get(url, **headers).json()["corrections"] == []
    refused = _json(client, f"{url}/corrections", {"op": "split", "element": "annex:4", "before": "nowhere"}, **headers)
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"][-1] == "before"
    corrected = _json(
        client,
        f"{url}/corrections",
        {"op": "split", "element": "annex:4", "before": "We meet 30", "number": 5},
        **headers,
    )
    assert corrected.status_code == 200 and corrected.json()["warnings"] == []
    assert len(corrected.json()["document"]["annex"]["paragraphs"]) == 44
    confirmed = client.post(f"{url}/confirm", **headers)
    assert confirmed.status_code == 201
    resolution = Resolution.objects.get(symbol="A/RES/80/5")
    assert resolution.paragraphs.filter(kind="annex").count() == 44
    # Reading the same text again reproduces the reviewed structure: the corrections are applied.
    again = _json(client, f"{BASE}/drafts", {"text": DAMAGED, "filename": "A-RES-80-5.en.txt"}, **headers).json()
    assert again["corrections"] == resolution.corrections and again["warnings"] == []
    assert client.post(f"{url}/confirm", **headers).status_code == 422  # already confirmed


@pytest.mark.parametrize("persona", ["officer", "focal_mli", "donor_nor"])
def test_others_may_neither_see_nor_correct_a_load_under_review(request, persona, client, secretariat, api_token_for):
    draft = _json(
        client, f"{BASE}/drafts", {"text": DAMAGED, "filename": "A-RES-80-5.en.txt"}, **api_token_for(secretariat)
    )
    url = f"{BASE}/drafts/{draft.json()['id']}"
    headers = api_token_for(request.getfixturevalue(persona))
    assert client.get(url, **headers).status_code == 404
    assert (
        _json(client, f"{url}/corrections", {"op": "to_annex", "element": "operative:1"}, **headers).status_code == 404
    )
    assert client.post(f"{url}/confirm", **headers).status_code == 404
    assert _json(client, f"{BASE}/drafts", {"text": DAMAGED}, **headers).status_code == 403


def test_the_auditor_reads_a_load_under_review_but_may_not_change_it(client, secretariat, auditor, api_token_for):
    draft = _json(
        client, f"{BASE}/drafts", {"text": DAMAGED, "filename": "A-RES-80-5.en.txt"}, **api_token_for(secretariat)
    )
    url = f"{BASE}/drafts/{draft.json()['id']}"
    headers = api_token_for(auditor)
    assert client.get(url, **headers).status_code == 200
    assert (
        _json(client, f"{url}/corrections", {"op": "to_annex", "element": "operative:1"}, **headers).status_code == 403
    )
    assert client.post(f"{url}/discard", **headers).status_code == 403
    assert client.get(url).status_code == 401
