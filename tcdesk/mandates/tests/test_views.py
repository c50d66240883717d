"""Pages: who may see and do what, what they show, the registry's filters and CSV export."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tcdesk.mandates import services
from tcdesk.mandates.models import Mandate, MandateEvidence, Resolution, ResolutionDraft

from .conftest import CORPUS, MINI_EN, SEED_BYTES, SEED_NAME, blank_pdf

pytestmark = pytest.mark.django_db

SYMBOL = "A/RES/60/175"


def _read_pages(mandate_id: int) -> list[str]:
    return [
        reverse("mandates:resolution_list"),
        reverse("mandates:resolution_detail", args=[SYMBOL]),
        reverse("mandates:resolution_detail", args=[SYMBOL]) + "?tab=mandates",
        reverse("mandates:resolution_detail", args=[SYMBOL]) + "?tab=mandates&all=1",
        reverse("mandates:resolution_detail", args=[SYMBOL]) + "?tab=citations",
        reverse("mandates:resolution_detail", args=[SYMBOL]) + "?tab=source",
        reverse("mandates:resolution_detail", args=[SYMBOL]) + "?tab=history",
        reverse("mandates:mandate_list"),
        reverse("mandates:mandate_detail", args=[mandate_id]),
        reverse("mandates:mandate_detail", args=[mandate_id]) + "?tab=history",
        reverse("mandates:reporting_list"),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, mandate):
    for url in _read_pages(mandate.pk) + [reverse("mandates:resolution_upload")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url


@pytest.mark.parametrize("persona", ["focal_mli_client", "auditor_client", "officer_client", "donor_nor_client"])
def test_every_signed_in_user_reads_resolutions_and_mandates(request, persona, mandate):
    client = request.getfixturevalue(persona)
    for url in _read_pages(mandate.pk):
        assert client.get(url).status_code == 200, url


def test_the_navigation_leads_to_the_resolutions(officer_client, seed):
    body = officer_client.get(reverse("core:dashboard")).content.decode()
    assert f'href="{reverse("mandates:resolution_list")}"' in body


def test_an_unknown_resolution_or_mandate_is_404(officer_client, seed):
    assert officer_client.get(reverse("mandates:resolution_detail", args=["A/RES/1/1"])).status_code == 404
    assert officer_client.get(reverse("mandates:mandate_detail", args=[999999])).status_code == 404


def test_the_resolution_list_shows_open_mandates(officer_client, seed):
    response = officer_client.get(reverse("mandates:resolution_list"), {"body": "GA", "session": 60})
    row = response.context["listing"].page.object_list[0]
    assert (row.symbol, row.open_mandate_count, row.mandate_count) == (SYMBOL, 26, 26)
    htmx = officer_client.get(reverse("mandates:resolution_list"), {"q": "60/175"}, HTTP_HX_REQUEST="true")
    assert "<html" not in htmx.content.decode() and SYMBOL in htmx.content.decode()


def test_the_document_tab_shows_the_clean_document(officer_client, seed):
    body = officer_client.get(reverse("mandates:resolution_detail", args=[SYMBOL])).content.decode()
    assert 'id="fn-10"' in body and 'href="#fn-1"' in body
    assert '<li value="26" id="operative-26">' in body
    assert "citation-unresolved" in body and ">46/52</mark>" in body
    assert "16 preambular and 26 operative paragraphs, 10 footnotes" in body


def test_the_mandates_tab_shows_what_is_still_open(officer_client, seed, officer):
    services.mandate_status_change(mandate=seed.mandates.get(key="1"), to_status="delivered", user=officer)
    response = officer_client.get(reverse("mandates:resolution_detail", args=[SYMBOL]), {"tab": "mandates"})
    keys = [m.key for m in response.context["mandates"]]
    assert "1" not in keys and len(keys) == 25
    assert "due at session 61 (2006)" in response.content.decode()


def test_a_citation_to_a_loaded_resolution_is_a_link(officer_client, seed):
    services.resolution_load(data=MINI_EN.encode(), filename="A-RES-59-159.en.txt")
    body = officer_client.get(reverse("mandates:resolution_detail", args=[SYMBOL])).content.decode()
    assert f'<a class="citation" href="{reverse("mandates:resolution_detail", args=["A/RES/59/159"])}"' in body
    cited = officer_client.get(reverse("mandates:resolution_detail", args=["A/RES/59/159"])).content.decode()
    # The backlink: the founding resolution cites 59/159, so 59/159's page links back to it.
    backlink = f'<a href="{reverse("mandates:resolution_detail", args=[SYMBOL])}">{SYMBOL}</a>'
    assert "Cited by" in cited and backlink in cited


# --- Loading ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["secretariat_client", "admin_client"])
def test_the_secretariat_and_administrators_load_resolutions_through_the_review_step(request, persona, db):
    client = request.getfixturevalue(persona)
    url = reverse("mandates:resolution_upload")
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("A-RES-59-159.en.txt", MINI_EN.encode(), content_type="text/plain")
    response = client.post(url, {"file": upload, "lang": "auto"})
    draft = ResolutionDraft.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "mandates:resolution_review", args=[draft.pk]
    )
    assert not Resolution.objects.filter(symbol="A/RES/59/159").exists()  # nothing stored before review
    page = client.get(response["Location"]).content.decode()
    assert "Review of A/RES/59/159" in page and "Nothing: every paragraph" in page
    confirmed = client.post(reverse("mandates:resolution_review_confirm", args=[draft.pk]))
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse(
        "mandates:resolution_detail", args=["A/RES/59/159"]
    )
    assert Resolution.objects.filter(symbol="A/RES/59/159").exists()
    draft.refresh_from_db()
    assert draft.status == "confirmed" and draft.resolution.symbol == "A/RES/59/159"


@pytest.mark.parametrize("persona", ["officer_client", "auditor_client", "focal_mli_client"])
def test_others_may_not_load_resolutions(request, persona, db):
    client = request.getfixturevalue(persona)
    url = reverse("mandates:resolution_upload")
    assert client.get(url).status_code == 403
    upload = SimpleUploadedFile("A-RES-59-159.en.txt", MINI_EN.encode())
    assert client.post(url, {"file": upload, "lang": "auto"}).status_code == 403
    assert not Resolution.objects.filter(symbol="A/RES/59/159").exists()


def test_a_bad_upload_is_refused_inline_and_nothing_is_stored(secretariat_client, seed):
    url = reverse("mandates:resolution_upload")
    before = Resolution.objects.count()
    response = secretariat_client.post(url, {"file": SimpleUploadedFile("scan.pdf", blank_pdf()), "lang": "auto"})
    assert response.status_code == 422 and "no text layer" in response.content.decode()
    response = secretariat_client.post(url, {"file": SimpleUploadedFile("memo.txt", b"Hello\n" * 30), "lang": "auto"})
    assert response.status_code == 422 and "not a resolution" in response.content.decode()
    response = secretariat_client.post(url, {"lang": "auto"})
    assert response.status_code == 422
    assert Resolution.objects.count() == before


def test_reloading_from_the_page_says_so(secretariat_client, seed):
    upload = SimpleUploadedFile(SEED_NAME, SEED_BYTES)
    response = secretariat_client.post(reverse("mandates:resolution_upload"), {"file": upload, "lang": "fr"})
    confirm = reverse("mandates:resolution_review_confirm", args=[ResolutionDraft.objects.get().pk])
    response = secretariat_client.post(confirm, follow=True)
    assert "re-loaded" in response.content.decode()
    assert Resolution.objects.filter(symbol=SYMBOL).count() == 1


def test_recording_details_is_for_the_secretariat(secretariat_client, officer_client, seed):
    url = reverse("mandates:resolution_details", args=[SYMBOL])
    assert officer_client.post(url, {"adoption_date": "2005-12-16"}).status_code == 403
    assert secretariat_client.post(url, {"adoption_date": "2005-12-16", "agenda_item": "102"}).status_code == 302
    seed.refresh_from_db()
    assert str(seed.adoption_date) == "2005-12-16" and seed.agenda_item == "102"


# --- Tracking ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["secretariat_client", "officer_client", "admin_client"])
def test_trackers_change_status_and_add_evidence(request, persona, mandate):
    client = request.getfixturevalue(persona)
    response = client.post(
        reverse("mandates:mandate_status", args=[mandate.pk]), {"status": "in_progress", "comment": "go"}
    )
    assert response.status_code == 302
    response = client.post(reverse("mandates:mandate_evidence", args=[mandate.pk]), {"url": "https://example.org/r"})
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.status == "in_progress" and mandate.evidence.count() == 1


@pytest.mark.parametrize("persona", ["auditor_client", "focal_mli_client", "donor_nor_client"])
def test_others_may_not_track(request, persona, mandate):
    client = request.getfixturevalue(persona)
    assert (
        client.post(reverse("mandates:mandate_status", args=[mandate.pk]), {"status": "in_progress"}).status_code == 403
    )
    assert client.post(reverse("mandates:mandate_evidence", args=[mandate.pk]), {"text": "x"}).status_code == 403
    assert (
        client.post(
            reverse("mandates:mandate_replace", args=[mandate.pk]), {"how": "renewed", "resolution": SYMBOL}
        ).status_code
        == 403
    )
    mandate.refresh_from_db()
    assert mandate.status == "open" and not MandateEvidence.objects.filter(mandate=mandate).exists()


def test_a_refused_status_change_is_shown_inline(officer_client, mandate):
    response = officer_client.post(reverse("mandates:mandate_status", args=[mandate.pk]), {"status": "closed"})
    assert response.status_code == 422 and "Say why the mandate is closed." in response.content.decode()


def test_the_timeline_and_history_show_what_happened(officer_client, mandate):
    officer_client.post(
        reverse("mandates:mandate_status", args=[mandate.pk]), {"status": "in_progress", "comment": "Drafting"}
    )
    body = officer_client.get(reverse("mandates:mandate_detail", args=[mandate.pk])).content.decode()
    assert "Drafting" in body and "officer-user" in body
    history = officer_client.get(reverse("mandates:mandate_detail", args=[mandate.pk]), {"tab": "history"})
    assert history.context["history"][0].who == "officer-user"


def test_marking_renewed_needs_a_loaded_later_resolution(officer_client, mandate):
    url = reverse("mandates:mandate_replace", args=[mandate.pk])
    response = officer_client.post(url, {"how": "renewed", "resolution": "A/RES/61/181"})
    assert response.status_code == 422 and "load it first" in response.content.decode()
    services.resolution_load(data=MINI_EN.encode(), filename="x.txt", symbol="A/RES/61/181")
    assert officer_client.post(url, {"how": "renewed", "resolution": "A/RES/61/181"}).status_code == 302
    mandate.refresh_from_db()
    assert mandate.renewed_by.symbol == "A/RES/61/181" and mandate.status == "closed"


# --- Registry ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "keys"),
    [
        ({"addressee": "secretary-general"}, {"9", "19", "20", "26"}),
        ({"due_session": 61}, {"26"}),
        ({"action": "endorsement"}, {"10"}),
        ({"action": "request", "addressee": "unodc"}, {"3", "6", "7"}),
        ({"theme": "terrorism", "action": "request"}, {"6", "7", "9"}),
        ({"addressee": "civil-society"}, {"18"}),
    ],
)
def test_the_registry_filters(officer_client, seed, params, keys):
    response = officer_client.get(reverse("mandates:mandate_list"), {**params, "per_page": 100})
    assert {m.key for m in response.context["listing"].page} == keys


def test_the_registry_filters_by_body_session_and_status(officer_client, seed, officer):
    services.mandate_status_change(mandate=seed.mandates.get(key="26"), to_status="in_progress", user=officer)
    get = lambda **p: officer_client.get(reverse("mandates:mandate_list"), {**p, "per_page": 100}).context["listing"]  # noqa: E731
    assert get(body="GA", session=60).page.paginator.count == 26
    assert get(body="ECOSOC").page.paginator.count == 0
    assert [m.key for m in get(status="in_progress").page] == ["26"]
    assert get(pending="true").page.paginator.count == 26
    response = officer_client.get(reverse("mandates:mandate_list"), {"status": "nope"})
    assert response.context["filter"].errors["status"]


def test_the_registry_sorts_paginates_and_answers_htmx(officer_client, seed):
    response = officer_client.get(reverse("mandates:mandate_list"), {"sort": "-paragraph", "per_page": 25})
    page = response.context["listing"].page
    assert page.paginator.num_pages == 2 and page[0].key == "26"
    htmx = officer_client.get(reverse("mandates:mandate_list"), {"action": "urging"}, HTTP_HX_REQUEST="true")
    assert "<html" not in htmx.content.decode() and "op. 14" in htmx.content.decode()


def test_the_csv_export_is_the_filtered_registry(officer_client, seed):
    response = officer_client.get(reverse("mandates:mandate_list"), {"addressee": "secretary-general", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["paragraph"] for r in rows] == ["9", "19", "20", "26"]
    last = rows[-1]
    assert (last["resolution"], last["action"], last["addressees"], last["due_session"], last["due_year"]) == (
        SYMBOL,
        "request",
        "secretary-general",
        "61",
        "2006",
    )
    assert last["text"].startswith("Prie en outre le Secrétaire général")
    everything = officer_client.get(reverse("mandates:mandate_list"), {"format": "csv"})
    assert len(list(csv.DictReader(io.StringIO(everything.content.decode("utf-8-sig"))))) == Mandate.objects.count()


def test_the_reporting_requests_list_deliverables_by_session(officer_client, seed):
    response = officer_client.get(reverse("mandates:reporting_list"), {"to_session": 61})
    rows = list(response.context["listing"].page)
    assert [(r.resolution.symbol, r.paragraph_number, r.due_year) for r in rows] == [(SYMBOL, 26, 2006)]


# --- French -----------------------------------------------------------------------------------------


def test_pages_render_in_french(officer_client, seed):
    officer_client.cookies["django_language"] = "fr"
    registry = officer_client.get(reverse("mandates:mandate_list"), {"addressee": "secretary-general"}).content.decode()
    assert '<html lang="fr">' in registry
    assert "Registre des mandats" in registry and "Secrétaire général" in registry and "Demande" in registry
    detail = officer_client.get(reverse("mandates:resolution_detail", args=[SYMBOL])).content.decode()
    assert "Notes de bas de page" in detail and "Assemblée générale" in detail


# --- The review step --------------------------------------------------------------------------------

DAMAGED = (
    (CORPUS / "A-RES-80-5.en.txt").read_text(encoding="utf-8").replace("\n5. \nWe meet 30 years", "\nWe meet 30 years")
)


@pytest.fixture
def damaged_draft(secretariat, db):
    return services.resolution_draft_create(data=DAMAGED.encode(), filename="A-RES-80-5.en.txt", user=secretariat)


def test_the_review_page_lists_the_warnings_and_highlights_their_paragraphs(secretariat_client, damaged_draft):
    page = secretariat_client.get(damaged_draft.get_absolute_url()).content.decode()
    assert "The numbering jumps from 4 to 6" in page
    assert '<a href="#el-annex-5">annex:5</a>' in page
    assert 'id="el-annex-5" class="review-paragraph warned"' in page
    assert page.count("review-paragraph warned") == 1


def test_a_split_corrects_the_reading_and_confirming_stores_it_with_its_corrections(secretariat_client, damaged_draft):
    correct = reverse("mandates:resolution_review_correct", args=[damaged_draft.pk])
    response = secretariat_client.post(
        correct, {"op": "split", "element": "annex:4", "before": "We meet 30 years", "number": "5"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#el-annex-4")
    page = secretariat_client.get(damaged_draft.get_absolute_url()).content.decode()
    assert "The numbering jumps" not in page and "Nothing: every paragraph" in page
    secretariat_client.post(reverse("mandates:resolution_review_confirm", args=[damaged_draft.pk]))
    resolution = Resolution.objects.get(symbol="A/RES/80/5")
    assert resolution.paragraphs.filter(kind="annex").count() == 44
    split = {"op": "split", "element": "annex:4", "at": 352, "number": 5}
    assert resolution.corrections == [split]
    # The corrections are kept in the resolution's history, with who made them.
    latest = resolution.history.order_by("-history_date").first()
    assert latest.corrections == [split] and latest.history_user.username == "secretariat-user"


def test_a_correction_that_does_not_apply_is_shown_inline(secretariat_client, damaged_draft):
    correct = reverse("mandates:resolution_review_correct", args=[damaged_draft.pk])
    response = secretariat_client.post(correct, {"op": "split", "element": "annex:4", "before": "no such words"})
    assert response.status_code == 422
    assert "New paragraph starts with" in response.content.decode() and "Give words of the paragraph" in (
        response.content.decode()
    )
    response = secretariat_client.post(correct, {"op": "merge", "element": "operative:1"})
    assert response.status_code == 422 and "no merge paragraph before it" in response.content.decode()
    damaged_draft.refresh_from_db()
    assert damaged_draft.corrections == []


def test_undo_and_discard(secretariat_client, damaged_draft):
    correct = reverse("mandates:resolution_review_correct", args=[damaged_draft.pk])
    secretariat_client.post(correct, {"op": "to_annex", "element": "operative:1"})
    damaged_draft.refresh_from_db()
    assert damaged_draft.corrections == [{"op": "to_annex", "element": "operative:1"}]
    secretariat_client.post(reverse("mandates:resolution_review_undo", args=[damaged_draft.pk]))
    damaged_draft.refresh_from_db()
    assert damaged_draft.corrections == []
    response = secretariat_client.post(reverse("mandates:resolution_review_discard", args=[damaged_draft.pk]))
    assert response.status_code == 302
    damaged_draft.refresh_from_db()
    assert damaged_draft.status == "discarded" and not Resolution.objects.filter(symbol="A/RES/80/5").exists()
    # A closed review takes no more corrections.
    response = secretariat_client.post(correct, {"op": "to_annex", "element": "operative:1"})
    assert response.status_code == 422 and "already discarded" in response.content.decode()


@pytest.mark.parametrize("persona", ["officer_client", "focal_mli_client", "donor_nor_client"])
def test_others_do_not_see_loads_under_review(request, persona, damaged_draft):
    client = request.getfixturevalue(persona)
    assert client.get(damaged_draft.get_absolute_url()).status_code == 404
    for name in ("correct", "undo", "confirm", "discard"):
        url = reverse(f"mandates:resolution_review_{name}", args=[damaged_draft.pk])
        assert client.post(url, {"op": "to_annex", "element": "operative:1"}).status_code in (403, 404)
    damaged_draft.refresh_from_db()
    assert damaged_draft.status == "open" and damaged_draft.corrections == []


def test_the_auditor_reads_a_load_under_review_but_may_not_correct_it(auditor_client, damaged_draft):
    assert auditor_client.get(damaged_draft.get_absolute_url()).status_code == 200
    url = reverse("mandates:resolution_review_correct", args=[damaged_draft.pk])
    assert auditor_client.post(url, {"op": "to_annex", "element": "operative:1"}).status_code == 403
    assert (
        auditor_client.post(reverse("mandates:resolution_review_confirm", args=[damaged_draft.pk])).status_code == 403
    )


def test_the_review_page_reads_in_french(secretariat_client, damaged_draft):
    secretariat_client.cookies["django_language"] = "fr"
    page = secretariat_client.get(damaged_draft.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "La numérotation saute de 4 à 6" in page
    assert "Confirmer et enregistrer" in page


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "words hold letter pairs"), ("fr", "mots contiennent des paires de lettres"), ("es", "palabras contienen")],
)
def test_the_warning_of_a_garbled_text_is_in_the_reviewers_language(language, words):
    from django.utils import translation

    from tcdesk.mandates.review import warning_message

    with translation.override(language):
        message = warning_message({"code": "damaged_letters", "details": {"count": 149, "words": "aiirmando, uue"}})
    assert message.startswith(f"149 {words}") and "(aiirmando, uue)" in message


def test_a_text_garbled_by_a_pdfs_fonts_is_flagged_on_the_review_page_in_french(secretariat_client, db):
    garbled = (
        "United Nations A/RES/77/999\n\nGeneral Assembly\n\n77/999. A test\n\nLa Asamblea General,\n\n"
        "Recordando la Declaración Universal, y aiirmando uue esos instrumentos deben ser respetados,\n\n"
        "Reaiirmando sus resoluciones pertinentes,\n\n"
        "1. Exige uue se ponga iin a las actividades, de manera pacíiica y signiiicativa;\n\n"
        "2. Decide seguir ocupándose de la cuestión.\n"
    )
    secretariat_client.cookies["django_language"] = "fr"
    upload = SimpleUploadedFile("A-RES-77-999.es.txt", garbled.encode(), content_type="text/plain")
    response = secretariat_client.post(reverse("mandates:resolution_upload"), {"file": upload, "lang": "auto"})
    page = secretariat_client.get(response["Location"]).content.decode()
    assert "7 mots contiennent des paires de lettres" in page and "les polices du PDF" in page
    assert 'id="el-operative-1" class="review-paragraph warned"' in page
    assert not Resolution.objects.filter(symbol="A/RES/77/999").exists()
