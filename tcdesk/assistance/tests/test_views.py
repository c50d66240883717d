"""Pages: who sees what (404 for other States' requests, by ID guessing too), forms, uploads, exports, import."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from tcdesk.assistance.models import AssistanceRequest, RequestAttachment
from tcdesk.core.models import BackgroundJob

from .conftest import walk
from .factories import AssistanceRequestFactory, PartnerActivityFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def mli_request(make_request):
    return make_request()


def _detail_pages(pk):
    return [
        reverse("assistance:request_detail", args=[pk]),
        reverse("assistance:request_detail", args=[pk]) + "?tab=timeline",
        reverse("assistance:request_detail", args=[pk]) + "?tab=comments",
        reverse("assistance:request_detail", args=[pk]) + "?tab=attachments",
        reverse("assistance:request_detail", args=[pk]) + "?tab=history",
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, mli_request):
    for url in [reverse("assistance:request_list"), *_detail_pages(mli_request.pk), reverse("assistance:dashboard")]:
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_focal_point_sees_its_own_request_on_every_tab(focal_mli_client, mli_request):
    for url in _detail_pages(mli_request.pk):
        assert focal_mli_client.get(url).status_code == 200, url


def test_another_states_focal_point_gets_404_everywhere_even_by_guessing_ids(focal_col_client, mli_request):
    attachment = RequestAttachment.objects.create(
        request=mli_request, original_name="a.pdf", content_type="application/pdf", size=3, file="x.pdf"
    )
    pk = mli_request.pk
    for url in _detail_pages(pk) + [
        reverse("assistance:attachment_download", args=[pk, attachment.pk]),
        reverse("assistance:request_detail", args=[pk + 1000]),
    ]:
        assert focal_col_client.get(url).status_code == 404, url
    for name in ("request_transition", "request_comment", "attachment_upload"):
        response = focal_col_client.post(reverse(f"assistance:{name}", args=[pk]), {"action": "withdraw", "text": "x"})
        assert response.status_code == 404
    assert AssistanceRequest.objects.get(pk=pk).status == "submitted"
    assert not mli_request.events.filter(kind="comment").exists()


def test_the_queue_shows_a_focal_point_only_its_states_requests(focal_col_client, focal_mli_client, mli_request):
    AssistanceRequestFactory(country_id="COL", title="Colombian request", country_groups="")
    body = focal_col_client.get(reverse("assistance:request_list")).content.decode()
    assert "Colombian request" in body and mli_request.reference not in body
    # Filtering on another State yields nothing, not a hint.
    listing = focal_col_client.get(reverse("assistance:request_list"), {"country": "MLI"}).context["listing"]
    assert listing.page.paginator.count == 0
    assert mli_request.reference in focal_mli_client.get(reverse("assistance:request_list")).content.decode()


def test_donors_see_no_requests(donor_nor_client, mli_request):
    assert donor_nor_client.get(reverse("assistance:request_detail", args=[mli_request.pk])).status_code == 404
    assert donor_nor_client.get(reverse("assistance:request_list")).context["listing"].page.paginator.count == 0
    assert donor_nor_client.get(reverse("assistance:dashboard")).status_code == 403


def test_the_queue_filters_sorts_and_answers_htmx(officer_client):
    AssistanceRequestFactory(country_id="MLI", post_conflict=True, priority_score=90)
    AssistanceRequestFactory(country_id="COL", country_groups="", priority_score=10)
    response = officer_client.get(reverse("assistance:request_list"), {"group": "LDC", "post_conflict": "true"})
    assert response.context["listing"].page.paginator.count == 1
    response = officer_client.get(reverse("assistance:request_list"), {"sort": "-priority"})
    scores = [r.priority_score for r, _days in response.context["rows"]]
    assert scores == sorted(scores, reverse=True)
    fragment = officer_client.get(reverse("assistance:request_list"), {"region": "419"}, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert "<html" not in body and "Colombia" in body and "Mali" not in body


def test_the_queue_query_count_does_not_grow_with_rows(officer_client, django_assert_max_num_queries):
    AssistanceRequestFactory.create_batch(30, themes=["terrorism", "corruption"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (25, 100):
        with CaptureQueriesContext(connection) as ctx:
            officer_client.get(reverse("assistance:request_list"), {"per_page": size})
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_a_focal_point_submits_a_request_with_an_attachment_in_the_browser(focal_mli_client):
    response = focal_mli_client.post(
        reverse("assistance:request_create"),
        {
            "country": "MLI",
            "title": "Help to ratify the nuclear terrorism convention",
            "requesting_authority": "Ministère des Affaires étrangères",
            "assistance_types": ["legislative_drafting"],
            "themes": ["terrorism"],
            "instruments": "ICSANT",
            "description": "Drafting of the implementing legislation.",
            "mandates": "A/RES/60/175 op. 6",
            "attachment": SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    request = AssistanceRequest.objects.get(title__startswith="Help to ratify")
    assert request.status == "submitted" and request.attachments.get().content_type == "application/pdf"
    assert request.instruments.get().instrument_code == "ICSANT"


def test_the_form_offers_a_focal_point_only_its_state(focal_mli_client):
    response = focal_mli_client.post(reverse("assistance:request_create"), {"country": "COL", "title": "x"})
    assert response.status_code == 422 and "country" in response.context["form"].errors


def test_auditors_and_donors_cannot_open_the_form(auditor_client, donor_nor_client):
    assert auditor_client.get(reverse("assistance:request_create")).status_code == 403
    assert donor_nor_client.get(reverse("assistance:request_create")).status_code == 403


def test_an_officer_moves_the_request_and_the_timeline_shows_it(officer_client, mli_request):
    url = reverse("assistance:request_transition", args=[mli_request.pk])
    response = officer_client.post(url, {"action": "acknowledge", "expected_version": mli_request.version})
    assert response.status_code == 302
    timeline = officer_client.get(reverse("assistance:request_detail", args=[mli_request.pk]) + "?tab=timeline")
    assert "Acknowledged" in timeline.content.decode()


def test_skipping_steps_and_declining_without_reason_are_refused_on_the_page(officer_client, officer, mli_request):
    url = reverse("assistance:request_transition", args=[mli_request.pk])
    response = officer_client.post(url, {"action": "accept", "expected_version": mli_request.version})
    assert response.status_code == 422 and "not possible" in response.content.decode()
    request = walk(mli_request, officer, "acknowledge", "assess")
    response = officer_client.post(
        url, {"action": "decline", "expected_version": request.version, "comment": "", "confirm": "on"}
    )
    assert response.status_code == 422 and "needs a reason" in response.content.decode()


def test_a_stale_form_is_refused(officer_client, mli_request):
    url = reverse("assistance:request_transition", args=[mli_request.pk])
    officer_client.post(url, {"action": "acknowledge", "expected_version": mli_request.version})
    response = officer_client.post(
        url,
        {"action": "request_information", "comment": "Which courts?", "expected_version": mli_request.version},
        follow=True,
    )
    assert "changed this request in the meantime" in response.content.decode()
    assert AssistanceRequest.objects.get(pk=mli_request.pk).status == "acknowledged"


def test_the_auditor_reads_but_cannot_act(auditor_client, mli_request):
    page = auditor_client.get(reverse("assistance:request_detail", args=[mli_request.pk]))
    assert page.status_code == 200 and not page.context["actions"]
    url = reverse("assistance:request_transition", args=[mli_request.pk])
    assert auditor_client.post(url, {"action": "acknowledge", "expected_version": 2}).status_code == 403
    assert (
        auditor_client.post(reverse("assistance:request_comment", args=[mli_request.pk]), {"text": "x"}).status_code
        == 403
    )


def test_comments_thread_between_state_and_officer(focal_mli_client, officer_client, mli_request):
    url = reverse("assistance:request_comment", args=[mli_request.pk])
    assert focal_mli_client.post(url, {"text": "Any news?"}).status_code == 302
    # An officer says who will read the comment before it is sent; without a choice nothing is sent.
    assert officer_client.post(url, {"text": "Assessment next week."}).status_code == 422
    assert officer_client.post(url, {"text": "Assessment next week.", "visibility": "state"}).status_code == 302
    assert officer_client.post(url, {"text": "Check with UNDP first", "visibility": "internal"}).status_code == 302
    state_view = focal_mli_client.get(reverse("assistance:request_detail", args=[mli_request.pk]) + "?tab=comments")
    body = state_view.content.decode()
    assert "Any news?" in body and "Assessment next week." in body and "Check with UNDP" not in body
    assert focal_mli_client.post(url, {"text": ""}).status_code == 422


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00binary", "is not a PDF, DOCX, PNG or JPEG"),
        ("big.pdf", PDF + b"0" * 2048, "files may be at most"),
    ],
)
@override_settings(TCDESK_MAX_UPLOAD_BYTES=1024)
def test_uploads_of_the_wrong_type_or_too_big_are_refused_with_a_clear_message(
    focal_mli_client, mli_request, name, content, message
):
    response = focal_mli_client.post(
        reverse("assistance:attachment_upload", args=[mli_request.pk]), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 422 and message in response.content.decode()
    assert not mli_request.attachments.exists()


def test_a_good_upload_is_stored_and_downloaded_by_the_state_only(focal_mli_client, focal_col_client, mli_request):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    response = focal_mli_client.post(
        reverse("assistance:attachment_upload", args=[mli_request.pk]),
        {"file": SimpleUploadedFile("photo.exe", png)},
    )
    assert response.status_code == 302
    attachment = mli_request.attachments.get()
    assert attachment.original_name == "photo.png" and attachment.content_type == "image/png"
    url = reverse("assistance:attachment_download", args=[mli_request.pk, attachment.pk])
    download = focal_mli_client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == png
    assert focal_col_client.get(url).status_code == 404


def test_the_overview_explains_the_priority_and_lists_overlaps(officer_client, mli_request):
    PartnerActivityFactory(title="Training of judges on terrorism cases in Mali", themes=["terrorism"])
    body = officer_client.get(reverse("assistance:request_detail", args=[mli_request.pk])).content.decode()
    assert "Least developed country at the submission date" in body and "+30" in body
    assert "ICSANT: party status unknown" in body
    assert "Training of judges on terrorism cases in Mali" in body and "similar text" in body


def test_the_dashboard_shows_the_queue_figures(officer_client, officer, make_request):
    walk(make_request(), officer, "acknowledge", "assess", "accept")
    make_request(post_conflict=True)
    response = officer_client.get(reverse("assistance:dashboard"))
    figures = response.context["figures"]
    assert figures["open_total"] == 2 and figures["shares"]["accepted_ldc_percent"] == 100.0
    assert figures["median_days_to_decision"] is not None and len(figures["oldest_waiting"]) == 1


def test_exports_parse_back(officer_client, make_request):
    make_request(title="Comma, and “quotes”")
    response = officer_client.get(reverse("assistance:export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0]["title"] == "Comma, and “quotes”" and rows[0]["country"] == "MLI"
    response = officer_client.get(reverse("assistance:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "reference" and values[1][2] == "Comma, and “quotes”"
    assert officer_client.get(reverse("assistance:export", args=["pdf"])).status_code == 404


def test_the_export_of_a_focal_point_holds_its_state_only(focal_col_client, make_request):
    make_request()
    response = focal_col_client.get(reverse("assistance:export", args=["csv"]))
    assert len(list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))) == 1


IMPORT_HEADER = (
    "country,title,requesting_authority,assistance_types,themes,description,status,submitted_at,decided_at\n"
)


def test_import_dry_run_writes_nothing_and_a_bad_row_blocks_everything(officer_client):
    good = "MLI,Old request,Ministry,training_police,terrorism,Police training,accepted,2019-03-01,2019-06-01\n"
    bad = "XXX,Bad,Ministry,flying,terrorism,d,submitted,2019-03-01,\n"
    url = reverse("assistance:request_import")
    response = officer_client.post(
        url, {"file": SimpleUploadedFile("r.csv", (IMPORT_HEADER + good).encode()), "dry_run": "on"}
    )
    assert response.status_code == 200 and response.context["result"].counts["created"] == 1
    assert not AssistanceRequest.objects.exists()
    response = officer_client.post(url, {"file": SimpleUploadedFile("r.csv", (IMPORT_HEADER + good + bad).encode())})
    assert response.status_code == 422 and not AssistanceRequest.objects.exists()
    errors = response.context["result"].errors
    assert {(e.row, e.field) for e in errors} == {(3, "country"), (3, "assistance_types")}
    response = officer_client.post(url, {"file": SimpleUploadedFile("r.csv", (IMPORT_HEADER + good).encode())})
    assert response.status_code == 302
    imported = AssistanceRequest.objects.get()
    assert imported.reference == "TAR-2019-0001" and imported.decision == "accepted" and "LDC" in imported.group_list


def test_the_import_page_is_for_officers(focal_mli_client, auditor_client):
    assert focal_mli_client.get(reverse("assistance:request_import")).status_code == 403
    assert auditor_client.get(reverse("assistance:request_import")).status_code == 403


def test_an_administrator_saves_new_weights_and_scores_are_recomputed_in_a_job(
    admin_client, officer_client, mli_request
):
    from tcdesk.assistance.priority_rules import DEFAULT_WEIGHTS

    old = mli_request.priority_score
    data = {**DEFAULT_WEIGHTS, "ldc": 50, "note": "more for LDCs"}
    response = officer_client.post(reverse("assistance:weights"), data)
    assert response.status_code == 403
    response = admin_client.post(reverse("assistance:weights"), data)
    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("core:job_detail", kwargs={"job_id": job.pk})
    job.refresh_from_db()
    assert job.status == "succeeded"
    mli_request.refresh_from_db()
    assert mli_request.priority_score == old + 20 and mli_request.weights_version.version == 2
    assert officer_client.get(reverse("assistance:weights")).status_code == 200
    response = admin_client.post(reverse("assistance:weights"), {**data, "ldc": -4})
    assert response.status_code == 422


def test_partner_activities_page(officer_client, focal_mli_client):
    response = officer_client.post(
        reverse("assistance:partner_list"),
        {"organisation": "UNDP", "country": "MLI", "title": "Justice sector support", "themes": ["criminal_justice"]},
    )
    assert response.status_code == 302
    assert "Justice sector support" in officer_client.get(reverse("assistance:partner_list")).content.decode()
    assert focal_mli_client.get(reverse("assistance:partner_list")).status_code == 403


def test_a_page_in_french(focal_mli_client, mli_request):
    focal_mli_client.cookies["django_language"] = "fr"
    body = focal_mli_client.get(
        reverse("assistance:request_detail", args=[mli_request.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Pays les moins avancés à la date de présentation" in body
    assert "Soumise" in body


# ---------------------------------------------------------------------------------------------- review fixes

NEW_REQUEST = {
    "country": "MLI",
    "title": "Help to ratify the nuclear terrorism convention",
    "requesting_authority": "Ministère des Affaires étrangères",
    "assistance_types": ["legislative_drafting"],
    "themes": ["terrorism"],
    "instruments": "ICSANT",
    "description": "Drafting of the implementing legislation.",
}


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"MZ\x90\x00binary", "is not a PDF, DOCX, PNG or JPEG"), (PDF + b"0" * 2048, "files may be at most")],
)
@override_settings(TCDESK_MAX_UPLOAD_BYTES=1024)
def test_it_records_and_notifies_nothing_when_the_attachment_of_a_new_request_is_refused(
    focal_mli_client, officer, django_capture_on_commit_callbacks, content, message
):
    from django.core import mail

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = focal_mli_client.post(
            reverse("assistance:request_create"),
            {**NEW_REQUEST, "attachment": SimpleUploadedFile("letter.pdf", content)},
        )
    assert response.status_code == 422 and message in response.content.decode()
    assert "attachment" in response.context["form"].errors
    assert not AssistanceRequest.objects.exists() and not RequestAttachment.objects.exists()
    assert mail.outbox == []


def test_it_notifies_the_officers_once_the_request_and_its_attachment_are_committed(
    focal_mli_client, officer, django_capture_on_commit_callbacks, settings, tmp_path
):
    from django.core import mail

    settings.MEDIA_ROOT = tmp_path
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = focal_mli_client.post(
            reverse("assistance:request_create"),
            {**NEW_REQUEST, "attachment": SimpleUploadedFile("letter.pdf", PDF)},
        )
        assert mail.outbox == []  # nothing leaves before the commit
    from tcdesk.core.public_data import bump  # the public pages' cache learns of the change too

    assert response.status_code == 302 and len([c for c in callbacks if c is not bump]) == 1
    request = AssistanceRequest.objects.get()
    assert request.status == "submitted" and request.attachments.count() == 1
    assert [m.to for m in mail.outbox] == [[officer.email]]


def test_it_neutralises_formulas_in_exports_and_the_import_reads_them_back(officer_client, make_request):
    evil = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'
    make_request(title=evil, requesting_authority="+33 1 23", beneficiary_institutions="@SUM(A1)", mandates=[])
    response = officer_client.get(reverse("assistance:export", args=["csv"]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["title"] == "'" + evil and row["requesting_authority"] == "'+33 1 23"
    assert row["beneficiary_institutions"] == "'@SUM(A1)" and row["country"] == "MLI"

    workbook = load_workbook(io.BytesIO(officer_client.get(reverse("assistance:export", args=["xlsx"])).content))
    cell = workbook.active["C2"]
    assert cell.value == evil and cell.data_type == "s"

    AssistanceRequest.objects.all().delete()
    imported = officer_client.post(
        reverse("assistance:request_import"), {"file": SimpleUploadedFile("back.csv", text.encode())}
    )
    assert imported.status_code == 302, imported.context["result"].errors
    back = AssistanceRequest.objects.get()
    assert back.title == evil and back.requesting_authority == "+33 1 23"
    assert back.beneficiary_institutions == "@SUM(A1)"


def test_it_numbers_imported_rows_around_references_given_in_the_same_file(officer_client):
    rows = (
        IMPORT_HEADER.replace("country,", "reference,country,")
        + ",MLI,Without reference,Ministry,training_police,terrorism,Police,submitted,2019-03-01,\n"
        + "TAR-2019-0001,MLI,With reference,Ministry,training_police,terrorism,Police,submitted,2019-04-01,\n"
    )
    response = officer_client.post(
        reverse("assistance:request_import"), {"file": SimpleUploadedFile("r.csv", rows.encode())}
    )
    assert response.status_code == 302
    assert dict(AssistanceRequest.objects.values_list("title", "reference")) == {
        "Without reference": "TAR-2019-0002",
        "With reference": "TAR-2019-0001",
    }


def test_it_reports_a_reference_taken_meanwhile_as_a_row_error_and_writes_nothing(officer_client, monkeypatch):
    from tcdesk.assistance.services import imports

    AssistanceRequestFactory(reference="TAR-2019-0007")
    monkeypatch.setattr(imports, "next_reference", lambda year: f"TAR-{year}-0007")  # as if taken concurrently
    good = "MLI,Old request,Ministry,training_police,terrorism,Police training,submitted,2019-03-01,\n"
    response = officer_client.post(
        reverse("assistance:request_import"), {"file": SimpleUploadedFile("r.csv", (IMPORT_HEADER + good).encode())}
    )
    assert response.status_code == 422
    assert [(e.row, e.field) for e in response.context["result"].errors] == [(2, "reference")]
    assert AssistanceRequest.objects.count() == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_exports_in_a_number_of_queries_that_does_not_grow_with_rows(officer_client, fmt):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for batch in (2, 10):
        AssistanceRequestFactory.create_batch(batch, themes=["terrorism"])
        with CaptureQueriesContext(connection) as ctx:
            response = officer_client.get(reverse("assistance:export", args=[fmt]))
            if fmt == "csv":
                b"".join(response.streaming_content)
        counts.append(len(ctx))
    assert counts[0] == counts[1]


@override_settings(TCDESK_MAX_UPLOAD_BYTES=100)
def test_it_refuses_an_import_file_over_the_upload_limit(officer_client):
    content = (IMPORT_HEADER + "MLI,x,y,training_police,,d,draft,,\n" * 5).encode()
    response = officer_client.post(reverse("assistance:request_import"), {"file": SimpleUploadedFile("r.csv", content)})
    assert response.status_code == 422
    assert "import files may be at most" in str(response.context["form"].errors["file"])
    assert not AssistanceRequest.objects.exists()


def test_it_reads_an_xlsx_import_row_by_row(officer_client):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(IMPORT_HEADER.strip().split(","))
    sheet.append([])  # blank rows are skipped
    sheet.append(["MLI", "From Excel", "Ministry", "training_police", "terrorism", "d", "submitted", "2019-03-01"])
    out = io.BytesIO()
    workbook.save(out)
    response = officer_client.post(
        reverse("assistance:request_import"), {"file": SimpleUploadedFile("r.xlsx", out.getvalue()), "dry_run": "on"}
    )
    assert response.status_code == 200 and response.context["result"].rows == 1


@pytest.mark.parametrize(
    ("submitted", "decided", "accepted"),
    [
        ("2019-03-01", "2019-03-01T08:00:00", True),  # a date alone: compared as a day
        ("2019-03-01T10:00:00", "2019-03-01", True),
        ("2019-03-01T10:00:00", "2019-03-01T08:00:00", False),  # two times: compared as times
        ("2019-03-02", "2019-03-01T23:00:00", False),
    ],
)
def test_it_compares_import_dates_by_day_when_one_is_given_without_a_time(officer_client, submitted, decided, accepted):
    row = f"MLI,Old,Ministry,training_police,terrorism,Police,accepted,{submitted},{decided}\n"
    response = officer_client.post(
        reverse("assistance:request_import"),
        {"file": SimpleUploadedFile("r.csv", (IMPORT_HEADER + row).encode()), "dry_run": "on"},
    )
    errors = response.context["result"].errors
    assert (errors == []) is accepted, errors
    if not accepted:
        assert errors[0].field == "decided_at"


def test_it_shows_the_weights_with_their_labels(officer_client):
    body = officer_client.get(reverse("assistance:weights")).content.decode()
    assert "Per 30 days of waiting" in body and "Least developed country at submission" in body
    assert "<code>waiting_per_30_days" not in body and "waiting_per_30_days=" not in body


def test_it_shows_country_group_badges_abbreviated_and_named_in_the_page_language(focal_mli_client, mli_request):
    url = reverse("assistance:request_detail", args=[mli_request.pk])
    english = focal_mli_client.get(url).content.decode()
    assert '<span class="tag" title="Least developed countries">LDC</span>' in english
    focal_mli_client.cookies["django_language"] = "fr"
    french = focal_mli_client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<span class="tag" title="Pays les moins avancés">PMA</span>' in french
    assert '<span class="tag" title="Pays en développement sans littoral">PDSL</span>' in french
    listing = focal_mli_client.get(reverse("assistance:request_list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert ">PMA</span>" in listing and ">LDC</span>" not in listing


def test_it_names_a_group_without_a_french_abbreviation_in_full(officer_client):
    AssistanceRequestFactory(country_id="COL", country_groups=",EIT,SIDS,")
    officer_client.cookies["django_language"] = "fr"
    body = officer_client.get(reverse("assistance:request_list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<span class="tag" title="Petits États insulaires en développement">PEID</span>' in body
    assert '<span class="tag" title="Pays en transition">Pays en transition</span>' in body


# ---------------------------------------------------------------------------------------------- editing drafts

EDIT = {
    "title": "Help to ratify ICSANT (revised)",
    "requesting_authority": "Ministère de la Justice",
    "assistance_types": ["legislative_drafting", "training_judges"],
    "themes": ["terrorism"],
    "instruments": "ICSANT, UNTOC",
    "description": "Revised description.",
    "mandates": "A/RES/60/175 op. 5",
}


@pytest.fixture
def mli_draft(make_request):
    return make_request(submit=False)


def test_it_lets_the_states_focal_point_edit_its_draft(focal_mli_client, mli_draft):
    url = reverse("assistance:request_edit", args=[mli_draft.pk])
    detail = focal_mli_client.get(reverse("assistance:request_detail", args=[mli_draft.pk])).content.decode()
    assert url in detail
    page = focal_mli_client.get(url)
    assert page.status_code == 200 and page.context["form"]["title"].value() == mli_draft.title
    response = focal_mli_client.post(url, {**EDIT, "expected_version": mli_draft.version})
    assert response.status_code == 302
    draft = AssistanceRequest.objects.get(pk=mli_draft.pk)
    assert draft.title == EDIT["title"] and draft.status == "draft" and draft.version == mli_draft.version + 1
    assert sorted(draft.instruments.values_list("instrument_code", flat=True)) == ["ICSANT", "UNTOC"]


def test_it_lets_an_officer_edit_a_draft(officer_client, mli_draft):
    url = reverse("assistance:request_edit", args=[mli_draft.pk])
    assert officer_client.post(url, {**EDIT, "expected_version": mli_draft.version}).status_code == 302
    assert AssistanceRequest.objects.get(pk=mli_draft.pk).title == EDIT["title"]


def test_it_hides_a_draft_from_another_states_focal_point_and_refuses_readers(
    focal_col_client, auditor_client, mli_draft
):
    url = reverse("assistance:request_edit", args=[mli_draft.pk])
    assert focal_col_client.get(url).status_code == 404
    assert focal_col_client.post(url, {**EDIT, "expected_version": mli_draft.version}).status_code == 404
    assert auditor_client.get(url).status_code == 403
    assert auditor_client.post(url, {**EDIT, "expected_version": mli_draft.version}).status_code == 403
    assert AssistanceRequest.objects.get(pk=mli_draft.pk).title == mli_draft.title


def test_it_refuses_to_edit_a_submitted_request_or_from_a_stale_page(focal_mli_client, mli_request, mli_draft):
    url = reverse("assistance:request_edit", args=[mli_request.pk])
    response = focal_mli_client.post(url, {**EDIT, "expected_version": mli_request.version}, follow=True)
    assert "Only a draft can be edited" in response.content.decode()
    assert AssistanceRequest.objects.get(pk=mli_request.pk).title == mli_request.title
    url = reverse("assistance:request_edit", args=[mli_draft.pk])
    response = focal_mli_client.post(url, {**EDIT, "expected_version": mli_draft.version - 1}, follow=True)
    assert "changed this request in the meantime" in response.content.decode()
    response = focal_mli_client.post(url, {**EDIT, "title": "", "expected_version": mli_draft.version})
    assert response.status_code == 422 and "title" in response.context["form"].errors
