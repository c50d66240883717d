"""The request form (issue 16, item 4): sections, several attachments checked together, an error summary.

Several files: each is checked by the upload rules (type read from the content, size, unpacked size of
an archive); a refused file is named in the error and nothing is stored, neither the request nor the
other files. The number of files sent at once is a setting.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from tcdesk.assistance import services
from tcdesk.assistance.models import AssistanceRequest, RequestAttachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
TITLE = "Help to ratify the nuclear terrorism convention"


def _docx_bomb() -> bytes:
    """A DOCX-shaped archive whose member unpacks to 30 MB of zeros (a few kilobytes packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    return buffer.getvalue()


def _form(*files) -> dict:
    return {
        "country": "MLI",
        "title": TITLE,
        "requesting_authority": "Ministère des Affaires étrangères",
        "assistance_types": ["legislative_drafting"],
        "description": "Drafting of the implementing legislation.",
        "attachment": list(files),
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored_files(root) -> list[str]:
    return sorted(path.name for path in root.rglob("*") if path.is_file())


# ---------------------------------------------------------------------------------------------- sections


def test_the_form_shows_its_fields_in_sections_with_legends(focal_mli_client):
    page = focal_mli_client.get(reverse("assistance:request_create")).content.decode()
    legends = re.findall(r'<fieldset class="form-section" id="section-(\w+)"><legend>([^<]+)</legend>', page)
    assert legends == [
        ("state", "The requesting State and authority"),
        ("ask", "What is asked"),
        ("legal", "Legal framework: instruments and mandates"),
        ("beneficiaries", "Beneficiaries"),
        ("attachments", "Attachments"),
    ]
    legal = page.split('id="section-legal"')[1].split('id="section-beneficiaries"')[0]
    assert "<legend>Instruments concerned</legend>" in legal and "<legend>Related mandates</legend>" in legal
    assert 'name="mandates"' in legal
    assert re.search(r'<input type="file" name="attachment"[^>]* multiple', page)


def test_the_sections_are_in_french_and_spanish(focal_mli_client):
    for language, legend in (("fr", "Ce qui est demandé"), ("es", "Lo que se solicita")):
        page = focal_mli_client.get(reverse("assistance:request_create"), HTTP_ACCEPT_LANGUAGE=language)
        assert legend in page.content.decode()


def test_a_draft_being_edited_keeps_the_sections_without_state_or_attachments(focal_mli_client, make_request):
    draft = make_request(submit=False)
    page = focal_mli_client.get(reverse("assistance:request_edit", args=[draft.pk])).content.decode()
    assert 'id="section-ask"' in page and 'id="section-legal"' in page
    assert 'id="section-attachments"' not in page and 'name="country"' not in page


# ---------------------------------------------------------------------------------------------- several files


def test_a_request_is_submitted_with_two_attachments(focal_mli_client, media):
    response = focal_mli_client.post(
        reverse("assistance:request_create"),
        _form(SimpleUploadedFile("letter.pdf", PDF), SimpleUploadedFile("map.png", PNG)),
    )
    assert response.status_code == 302
    request = AssistanceRequest.objects.get(title=TITLE)
    assert request.status == "submitted"
    assert sorted(request.attachments.values_list("original_name", "content_type")) == [
        ("letter.pdf", "application/pdf"),
        ("map.png", "image/png"),
    ]
    assert len(_stored_files(media)) == 2


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary"), "“virus.pdf” is not a PDF, DOCX, PNG or JPEG file"),
        (SimpleUploadedFile("report.docx", _docx_bomb()), "“report.docx” would unpack to"),
    ],
    ids=["wrong-type", "zip-bomb"],
)
def test_one_refused_file_is_named_and_nothing_is_stored(focal_mli_client, media, bad, message):
    response = focal_mli_client.post(
        reverse("assistance:request_create"), _form(SimpleUploadedFile("letter.pdf", PDF), bad)
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not AssistanceRequest.objects.exists() and not RequestAttachment.objects.exists()
    assert _stored_files(media) == []


@override_settings(TCDESK_MAX_UPLOAD_BYTES=1024)
def test_a_file_too_large_is_named(focal_mli_client, media):
    response = focal_mli_client.post(
        reverse("assistance:request_create"),
        _form(SimpleUploadedFile("letter.pdf", PDF), SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)),
    )
    assert response.status_code == 422
    assert "“big.pdf” is 0.0 MB; files may be at most" in response.content.decode()
    assert not AssistanceRequest.objects.exists()


@override_settings(TCDESK_MAX_ATTACHMENTS_PER_SUBMISSION=2)
def test_the_number_of_files_at_once_is_a_setting(focal_mli_client, media):
    files = [SimpleUploadedFile(f"part-{n}.pdf", PDF) for n in range(3)]
    response = focal_mli_client.post(reverse("assistance:request_create"), _form(*files))
    assert response.status_code == 422
    assert "At most 2 files may be sent at once (3 were chosen)." in response.content.decode()
    assert not AssistanceRequest.objects.exists() and _stored_files(media) == []


@override_settings(TCDESK_MAX_UPLOAD_BYTES=len(PDF) + 10)
def test_files_sent_at_once_share_the_size_of_one_request(focal_mli_client, media):
    response = focal_mli_client.post(
        reverse("assistance:request_create"),
        _form(SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)),
    )
    assert response.status_code == 422
    assert "The files together are" in response.content.decode()
    assert not AssistanceRequest.objects.exists()


def test_the_service_takes_one_attachment_as_before_and_several(focal_mli, media):
    one = services.request_create(
        actor=focal_mli,
        country_iso3="MLI",
        title="One file",
        requesting_authority="Ministry",
        description="x",
        assistance_types=["legislative_drafting"],
        attachment=SimpleUploadedFile("a.pdf", PDF),
        attachments=[SimpleUploadedFile("b.pdf", PDF)],
    )
    assert sorted(one.attachments.values_list("original_name", flat=True)) == ["a.pdf", "b.pdf"]


def test_the_attachments_tab_takes_several_files_at_once(focal_mli_client, make_request, media):
    request = make_request()
    url = reverse("assistance:attachment_upload", args=[request.pk])
    response = focal_mli_client.post(
        url, {"file": [SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.png", PNG)]}
    )
    assert response.status_code == 302 and request.attachments.count() == 2
    refused = focal_mli_client.post(
        url, {"file": [SimpleUploadedFile("c.pdf", PDF), SimpleUploadedFile("d.pdf", b"x")]}
    )
    assert refused.status_code == 422 and "“d.pdf” is not a PDF" in refused.content.decode()
    assert request.attachments.count() == 2
    assert focal_mli_client.post(url, {}).status_code == 422  # no file: "This field is required."


def test_another_state_cannot_attach_files(focal_col_client, make_request, media):
    request = make_request()
    response = focal_col_client.post(
        reverse("assistance:attachment_upload", args=[request.pk]), {"file": [SimpleUploadedFile("a.pdf", PDF)]}
    )
    assert response.status_code == 404 and not request.attachments.exists()


# ---------------------------------------------------------------------------------------------- API


def test_the_api_attaches_several_files_all_or_nothing(
    client, focal_mli, focal_col, api_token_for, make_request, media
):
    request = make_request()
    url = f"/api/requests/{request.pk}/attachments/batch"
    headers = api_token_for(focal_mli)
    good = client.post(url, {"file": [SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.png", PNG)]}, **headers)
    assert good.status_code == 201
    assert [a["original_name"] for a in good.json()] == ["a.pdf", "b.png"]
    bad = client.post(url, {"file": [SimpleUploadedFile("c.pdf", PDF), SimpleUploadedFile("d.pdf", b"MZ")]}, **headers)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "file"] and "“d.pdf”" in bad.json()["detail"][0]["msg"]
    assert request.attachments.count() == 2
    other = client.post(url, {"file": [SimpleUploadedFile("e.pdf", PDF)]}, **api_token_for(focal_col))
    assert other.status_code == 404 and request.attachments.count() == 2


# ---------------------------------------------------------------------------------------------- error summary


def test_an_empty_submission_lists_every_error_with_a_link_to_its_field(focal_mli_client):
    response = focal_mli_client.post(reverse("assistance:request_create"), {"country": "MLI"})
    assert response.status_code == 422
    page = response.content.decode()
    summary = page.split("data-error-summary>")[1].split("</div>")[0]
    assert "There is a problem" in summary
    links = re.findall(r'<a href="#(\w+)">([^<]+)</a>', summary)
    assert [href for href, _text in links] == [
        "id_title",
        "id_requesting_authority",
        "id_assistance_types",
        "id_description",
    ]
    assert links[0][1] == "Title: This field is required."
    for href, _text in links:  # each link leads to an element of the page
        assert f'id="{href}"' in page
    assert 'tabindex="-1" autofocus' in page.split("data-error-summary>")[0].rsplit("<div", 1)[1]


def test_the_summary_is_on_every_form_of_the_shared_template(client, focal_mli_client, make_request):
    """Sign-in (an error of the whole form) and the comment form of a request (an error of a field)."""
    signin = client.post(reverse("accounts:login"), {"username": "nobody", "password": "wrong"})
    assert 'class="error-summary"' in signin.content.decode()
    request = make_request()
    comment = focal_mli_client.post(reverse("assistance:request_comment", args=[request.pk]), {"text": ""})
    assert comment.status_code == 422
    assert '<a href="#id_text">Comment: This field is required.</a>' in comment.content.decode()


def test_no_summary_when_nothing_is_wrong(focal_mli_client):
    assert "data-error-summary" not in focal_mli_client.get(reverse("assistance:request_create")).content.decode()


def test_the_api_batch_refuses_a_call_without_files_clearly(client, focal_mli, api_token_for, make_request):
    request = make_request()
    url = f"/api/requests/{request.pk}/attachments/batch"
    headers = api_token_for(focal_mli)
    for body in ({}, {"file": "not a file"}):
        response = client.post(url, body, **headers)
        assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "file"
    assert not request.attachments.exists()
