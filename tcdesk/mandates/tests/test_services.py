"""Loading resolutions and tracking mandates, through the services every caller uses."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tcdesk.mandates import services
from tcdesk.mandates.choices import EventKind, MandateStatus
from tcdesk.mandates.document import build_document
from tcdesk.mandates.models import (
    Citation,
    Mandate,
    MandateEvent,
    Paragraph,
    ReportingRequest,
    Resolution,
    ga_session_year,
)

from .conftest import CORPUS, MINI_EN, SEED_BYTES, SEED_NAME, blank_pdf, text_pdf

pytestmark = pytest.mark.django_db


def _counts():
    return (Resolution.objects.count(), Paragraph.objects.count(), Mandate.objects.count(), Citation.objects.count())


# --- The founding resolution, exactly -------------------------------------------------------------


def test_the_founding_resolution_loads_exactly(seed):
    assert (seed.symbol, seed.body, seed.session, seed.language) == ("A/RES/60/175", "GA", 60, "fr")
    assert seed.title.startswith("Renforcement du Programme des Nations Unies pour la prévention du crime")
    assert seed.paragraphs.filter(kind="preambular").count() == 16
    assert seed.paragraphs.filter(kind="operative").count() == 26
    assert seed.footnotes.count() == 10
    assert seed.mandates.count() == 26
    assert seed.source_format == "txt" and len(seed.source_sha256) == 64


def test_paragraphs_keep_their_lead_words_and_order(seed):
    preamble = list(seed.paragraphs.filter(kind="preambular").order_by("order"))
    operative = list(seed.paragraphs.filter(kind="operative").order_by("order"))
    assert [p.number for p in preamble] == list(range(1, 17))
    assert [p.number for p in operative] == list(range(1, 27))
    assert preamble[0].lead == "Rappelant" and preamble[15].lead == "Exprimant sa reconnaissance"
    assert operative[0].lead == "Prend note avec satisfaction" and operative[25].lead == "Prie en outre"


def test_the_one_reporting_request_due_is_paragraph_26_to_the_secretary_general_in_2006(seed):
    due = ReportingRequest.objects.filter(resolution=seed, to_session__isnull=False)
    assert due.count() == 1
    request = due.get()
    assert (request.paragraph_number, request.addressee.name_en, request.to_session, request.due_year) == (
        26,
        "Secretary-General",
        61,
        2006,
    )
    mandate = seed.mandates.get(key="26")
    assert (mandate.action, mandate.due_session, mandate.due_year, request.mandate_id) == (
        "request",
        61,
        2006,
        mandate.pk,
    )
    assert seed.mandates.filter(due_session__isnull=False).count() == 1


def test_session_n_of_the_general_assembly_opens_in_1945_plus_n():
    assert ga_session_year(61) == 2006 and ga_session_year(60) == 2005 and ga_session_year(None) is None


def test_mandates_carry_canonical_addressees_actions_and_themes(seed):
    by_key = {m.key: m for m in seed.mandates.prefetch_related("addressees", "themes")}
    assert [a.code for a in by_key["26"].addressees.all()] == ["secretary-general"]
    assert {a.code for a in by_key["18"].addressees.all()} == {"civil-society", "ngos"}
    assert by_key["18"].addressees.get(code="civil-society").name_fr == "société civile"
    assert (
        by_key["14"].action == "urging" and by_key["11"].action == "invitation" and by_key["10"].action == "endorsement"
    )
    assert by_key["3"].action == "welcome" and by_key["3"].other_action_list == ["request"]
    assert "terrorism" in {t.code for t in by_key["6"].themes.all()}
    assert "corruption" in {t.code for t in by_key["24"].themes.all()}
    assert "gender" in {t.code for t in by_key["3"].themes.all()}
    # The Programme's name ("prévention du crime") alone is not a theme.
    assert not by_key["2"].themes.exists()


def test_footnotes_are_apart_from_the_text_and_their_markers_placed(seed):
    third = seed.paragraphs.get(kind="preambular", number=3)
    assert [m["number"] for m in third.footnote_markers] == [1, 2, 3]
    assert third.text[: third.footnote_markers[0]["at"]].endswith("Millénaire")
    assert seed.footnotes.get(number=9).text == "A/60/131."
    assert seed.footnotes.get(number=1).text == "Voir la résolution 55/2."


def test_the_document_links_footnote_markers_and_flags_unloaded_citations(seed):
    document = build_document(seed)
    third = str(document.preamble[2].html)
    assert '<a href="#fn-1"' in third and third.index("Millénaire") < third.index("#fn-1")
    first = str(document.preamble[0].html)
    assert 'class="citation citation-unresolved"' in first and ">46/52</mark>" in first
    assert '<em class="lead">Rappelant</em>' in first
    assert len(document.footnotes) == 10 and "A/CONF.203/18" in str(document.footnotes[9].html)


def test_citations_keep_what_is_written_and_the_symbol_they_name(seed):
    refs = {c.ref: c for c in seed.citations.all()}
    assert refs["46/52"].target_symbol == "A/RES/46/52" and refs["46/52"].cited_resolution is None
    assert refs["2005/14"].target_symbol == "E/RES/2005/14"
    assert refs["1373 (2001)"].target_symbol == "S/RES/1373 (2001)"
    assert refs["A/CONF.203/18"].kind == "document" and refs["A/CONF.203/18"].target_symbol == "A/CONF.203/18"
    assert refs["46/52"].paragraph.kind == "preambular" and refs["46/52"].paragraph.number == 1


# --- Citations resolve both ways -----------------------------------------------------------------


def test_a_new_resolution_links_its_citations_to_loaded_ones_and_earlier_citations_to_itself(seed):
    cited_by_seed = seed.citations.get(ref="59/159")
    assert cited_by_seed.cited_resolution is None
    new, created = services.resolution_load(data=MINI_EN.encode(), filename="A-RES-59-159.en.txt")
    assert created and new.symbol == "A/RES/59/159" and new.language == "en"
    # the new resolution cites 60/175, already loaded
    assert new.citations.get(ref="60/175").cited_resolution == seed
    # the seed's earlier citation of 59/159 now points to the new resolution
    cited_by_seed.refresh_from_db()
    assert cited_by_seed.cited_resolution == new
    # 46/52 is not loaded: it stays unresolved in both
    assert not Citation.objects.filter(ref="46/52", cited_resolution__isnull=False).exists()
    html = str(build_document(seed).preamble[1].html)
    assert f'href="{new.get_absolute_url()}"' in html


def test_sub_paragraphs_that_are_separate_asks_become_separate_mandates(db):
    new, _ = services.resolution_load(data=MINI_EN.encode(), filename="A-RES-59-159.en.txt")
    keys = list(new.mandates.values_list("key", flat=True))
    assert keys == ["1", "2(a)", "2(b)", "3"]
    assert new.mandates.get(key="2(b)").text.startswith("Urges Member States: (b) To prevent trafficking")
    assert {t.code for t in new.mandates.get(key="2(b)").themes.all()} == {"trafficking_in_persons"}
    assert new.mandates.get(key="3").due_year == 2005


def test_a_pdf_with_a_text_layer_loads(db):
    pdf = text_pdf(MINI_EN.splitlines())
    resolution, created = services.resolution_load(data=pdf, filename="A-RES-59-159.en.pdf")
    assert created and resolution.source_format == "pdf" and resolution.mandates.count() == 4


# --- Re-loading updates in place and keeps tracking -----------------------------------------------


def test_reloading_the_same_file_updates_instead_of_duplicating(seed):
    before = _counts()
    resolution, created = services.resolution_load(data=SEED_BYTES, filename=SEED_NAME)
    assert not created and resolution.pk == seed.pk
    assert _counts() == before


def test_reloading_a_changed_text_keeps_status_evidence_and_events(seed, officer):
    mandate = seed.mandates.get(key="6")
    services.mandate_status_change(mandate=mandate, to_status="in_progress", user=officer, comment="started")
    services.mandate_evidence_add(mandate=mandate, user=officer, url="https://example.org/training")
    changed = (
        SEED_BYTES.decode()
        .replace("une assistance \ntechnique destinée", "une assistance \ntechnique renforcée destinée")
        .encode()
    )
    before = _counts()
    resolution, created = services.resolution_load(data=changed, filename=SEED_NAME)
    assert not created and _counts() == before
    mandate = Mandate.objects.get(pk=mandate.pk)
    assert mandate.status == "in_progress" and mandate.evidence.count() == 1
    assert "technique renforcée destinée" in mandate.text
    assert list(mandate.events.values_list("kind", flat=True)) == ["reloaded", "evidence", "status", "created"]


def test_a_tracked_mandate_whose_paragraph_disappears_is_kept_and_flagged(seed, officer):
    services.mandate_status_change(mandate=seed.mandates.get(key="26"), to_status="in_progress", user=officer)
    text = SEED_BYTES.decode()
    shorter = text[: text.index(" 26. Prie en outre")].encode()
    services.resolution_load(data=shorter, filename=SEED_NAME)
    kept = seed.mandates.get(key="26")
    assert kept.in_text is False and kept.paragraph is None and kept.status == "in_progress"
    assert seed.paragraphs.filter(kind="operative").count() == 25
    assert not seed.reporting_requests.filter(to_session__isnull=False).exists()


# --- Bad input: a clear message, nothing stored --------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "A-RES-60-175.txt", "empty"),
        (bytes(range(256)) * 40, "A-RES-60-175.txt", "does not look like text"),
        (
            b"Dear colleagues,\n\nThe meeting is moved to Tuesday. Lunch will be served.\n" * 5,
            "memo.txt",
            "not a resolution",
        ),
        (blank_pdf(), "A-RES-60-175.pdf", "no text layer"),
        (b"hello", "A-RES-60-175.pdf", "not a PDF"),
        (b"PK\x03\x04 a word document", "A-RES-60-175.docx", ".txt, .md and .pdf"),
    ],
    ids=["empty", "binary", "not-a-resolution", "scanned-pdf", "fake-pdf", "docx"],
)
def test_bad_input_gives_a_clear_message_and_stores_nothing(seed, data, filename, message):
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.resolution_load(data=data, filename=filename)
    assert message in " ".join(caught.value.message_dict["file"])
    assert _counts() == before


def test_a_file_over_the_size_limit_is_refused(db, settings):
    settings.TCDESK_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError) as caught:
        services.resolution_load(data=b"x" * 101, filename="a.txt")
    assert "too large" in caught.value.message_dict["file"][0]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_other_encodings_of_the_seed_load_the_same(db, encoding):
    data = SEED_BYTES.decode("utf-8").replace("’", "'").replace("œ", "oe").encode(encoding)
    resolution, _ = services.resolution_load(data=data, filename=SEED_NAME)
    assert resolution.paragraphs.filter(kind="operative").count() == 26
    assert "prévention du crime" in resolution.title


def test_a_text_without_symbol_needs_one(db):
    with pytest.raises(ValidationError) as caught:
        services.resolution_load(data=MINI_EN.encode(), filename="upload.txt")
    assert "symbol" in caught.value.message_dict
    resolution, _ = services.resolution_load(data=MINI_EN.encode(), filename="upload.txt", symbol="a/res/59/159")
    assert resolution.symbol == "A/RES/59/159"


def test_a_symbol_contradicting_the_text_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        services.resolution_load(data=SEED_BYTES, filename=SEED_NAME, symbol="A/RES/61/1")
    assert "A/RES/60/175" in caught.value.message_dict["symbol"][0]
    assert not Resolution.objects.filter(symbol="A/RES/61/1").exists()


# --- Tracking ------------------------------------------------------------------------------------


def test_status_changes_follow_the_allowed_transitions_and_are_recorded(mandate, officer):
    services.mandate_status_change(mandate=mandate, to_status="in_progress", user=officer, comment="drafting")
    services.mandate_status_change(mandate=mandate, to_status="delivered", user=officer)
    event = mandate.events.filter(kind=EventKind.STATUS).first()
    assert (event.from_status, event.to_status, event.actor) == ("in_progress", "delivered", officer)
    with pytest.raises(ValidationError) as caught:
        services.mandate_status_change(mandate=mandate, to_status="open", user=officer)
    assert "cannot go from" in caught.value.message_dict["status"][0]
    assert Mandate.objects.get(pk=mandate.pk).history.first().history_user == officer


def test_superseded_is_only_reached_by_naming_the_later_resolution(mandate, officer):
    with pytest.raises(ValidationError) as caught:
        services.mandate_status_change(mandate=mandate, to_status="superseded", user=officer)
    assert "later resolution" in caught.value.message_dict["status"][0]


def test_closing_needs_a_reason(mandate, officer):
    with pytest.raises(ValidationError) as caught:
        services.mandate_status_change(mandate=mandate, to_status="closed", user=officer)
    assert "comment" in caught.value.message_dict
    assert Mandate.objects.get(pk=mandate.pk).status == MandateStatus.OPEN
    assert not MandateEvent.objects.filter(mandate=mandate, kind=EventKind.STATUS).exists()


def test_evidence_needs_a_link_or_a_description(mandate, officer):
    with pytest.raises(ValidationError) as caught:
        services.mandate_evidence_add(mandate=mandate, user=officer)
    assert "url" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.mandate_evidence_add(mandate=mandate, user=officer, url="javascript:alert(1)")
    evidence = services.mandate_evidence_add(mandate=mandate, user=officer, text="Report A/61/000 drafted", note="n")
    assert evidence.added_by == officer and mandate.events.filter(kind="evidence").count() == 1


def test_a_later_resolution_supersedes_or_renews_a_mandate(seed, officer):
    later, _ = services.resolution_load(data=MINI_EN.encode(), filename="upload.txt", symbol="A/RES/61/999")
    later.adoption_date = None
    later.session = 61
    later.save()
    first, second = seed.mandates.get(key="6"), seed.mandates.get(key="7")
    services.mandate_mark_superseded(mandate=first, by=later, user=officer)
    services.mandate_mark_renewed(mandate=second, by=later, user=officer)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.superseded_by) == ("superseded", later)
    assert (second.status, second.renewed_by) == ("closed", later)
    assert later.supersedes.count() == 1 and later.renews.count() == 1
    # undoing a supersession reopens and clears the link
    services.mandate_status_change(mandate=first, to_status="open", user=officer)
    first.refresh_from_db()
    assert first.superseded_by is None


def test_a_mandate_is_not_replaced_by_its_own_or_an_earlier_resolution(seed, officer):
    earlier, _ = services.resolution_load(data=MINI_EN.encode(), filename="A-RES-59-159.en.txt")
    mandate = seed.mandates.get(key="6")
    for by in (seed, earlier):
        with pytest.raises(ValidationError) as caught:
            services.mandate_mark_superseded(mandate=mandate, by=by, user=officer)
        assert "resolution" in caught.value.message_dict


# --- Real 80th-session resolutions: annexes apart, an unnumbered paragraph, any addressee ---------


def _load_corpus(name: str) -> Resolution:
    data = (CORPUS / name).read_bytes()
    resolution, _created = services.resolution_load(data=data, filename=name.replace(".en.txt", "-en.txt"))
    return resolution


def test_an_adopted_declaration_is_stored_as_an_annex_not_as_operative_paragraphs(db):
    resolution = _load_corpus("A-RES-80-5.en.txt")
    operative = list(resolution.paragraphs.filter(kind="operative"))
    annex = list(resolution.paragraphs.filter(kind="annex").order_by("order"))
    assert [(p.number, p.lead) for p in operative] == [(None, "Adopts")]
    assert [p.number for p in annex] == list(range(1, 45)) and {p.annex_section for p in annex} == {0}
    assert annex[28].subparagraphs.count() == 15  # paragraph 29, items (a) to (o)
    # The declaration's footnotes are stored, called from its paragraphs.
    assert resolution.footnotes.count() == 15
    assert resolution.footnotes.get(number=15).called_from == ["annex:37"]
    # The sole operative paragraph is the registry's paragraph 1.
    assert list(resolution.mandates.values_list("key", "action")) == [("1", "decision")]
    document = build_document(resolution)
    assert [(a.heading, len(a.blocks)) for a in document.annexes] == [("Annex", 44)]
    assert document.annexes[0].title.startswith("Doha Political Declaration")


def test_a_report_asked_of_a_body_outside_the_canonical_list_keeps_its_name(db):
    resolution = _load_corpus("A-RES-80-13.en.txt")
    request = resolution.reporting_requests.get()
    assert (request.paragraph_number, request.addressee.name_en, request.to_session) == (
        3,
        "Chair of the Ad Hoc Committee",
        82,
    )
    assert resolution.footnotes.count() == 3


# --- The review step: corrections kept and replayed ----------------------------------------------


def test_reloading_the_same_text_replays_the_reviewed_corrections(db, secretariat):
    text = (CORPUS / "A-RES-80-5.en.txt").read_text(encoding="utf-8").replace("\n5. \nWe meet 30", "\nWe meet 30")
    draft = services.resolution_draft_create(data=text.encode(), filename="A-RES-80-5.en.txt", user=secretariat)
    services.resolution_draft_correct(
        draft=draft, user=secretariat, correction={"op": "split", "element": "annex:4", "before": "We meet 30"}
    )
    resolution, created = services.resolution_draft_confirm(draft=draft, user=secretariat)
    assert created and resolution.paragraphs.filter(kind="annex").count() == 44
    assert resolution.parsed["warnings"] == []
    # A later re-load of the same file (page, API, command or demo) gives the reviewed structure again.
    again, created = services.resolution_load(data=text.encode(), filename="A-RES-80-5.en.txt")
    assert not created and again.corrections == resolution.corrections
    assert again.paragraphs.filter(kind="annex").count() == 44
    # Corrections that do not apply are refused, naming the field, and nothing changes.
    with pytest.raises(ValidationError) as refused:
        services.resolution_load(
            data=text.encode(), filename="A-RES-80-5.en.txt", corrections=[{"op": "merge", "element": "operative:1"}]
        )
    assert "corrections" in refused.value.message_dict
    assert Resolution.objects.get(symbol="A/RES/80/5").corrections == resolution.corrections


def test_a_confirmed_or_discarded_review_takes_no_more_changes(db, secretariat):
    draft = services.resolution_draft_create(data=MINI_EN.encode(), filename="A-RES-59-159.en.txt", user=secretariat)
    services.resolution_draft_discard(draft=draft, user=secretariat)
    for change in (
        lambda: services.resolution_draft_confirm(draft=draft, user=secretariat),
        lambda: services.resolution_draft_undo(draft=draft, user=secretariat),
        lambda: services.resolution_draft_correct(
            draft=draft, user=secretariat, correction={"op": "to_annex", "element": "operative:1"}
        ),
    ):
        with pytest.raises(ValidationError, match="already discarded"):
            change()
    assert not Resolution.objects.filter(symbol="A/RES/59/159").exists()


def test_a_markdown_export_loads_with_its_footnotes(db):
    # Text converted to Markdown (.md) writes footnotes "[^1]" and gathers them at the end.
    text = (
        "United Nations A/RES/80/99\n\nGeneral Assembly Distr.: General 3 December 2025\n\n"
        "Resolution adopted by the General Assembly on 1 December 2025\n\n"
        "80/99. Crime prevention and criminal justice\n\nThe General Assembly,\n\n"
        "Recalling the United Nations Convention against Transnational Organized Crime,[^1]\n\n"
        "1. Requests the Secretary-General to submit a report to the General Assembly at its eighty-first session."
        "\n\n52nd plenary meeting 1 December 2025\n\n---\n\n"
        "[^1]: United Nations, Treaty Series, vol. 2225, No. 39574.\n"
    )
    resolution, created = services.resolution_load(data=text.encode(), filename="A_RES_80_99.md")
    assert created and resolution.symbol == "A/RES/80/99"
    assert [note.text for note in resolution.footnotes.all()] == [
        "United Nations, Treaty Series, vol. 2225, No. 39574."
    ]
    assert resolution.mandates.count() == 1
