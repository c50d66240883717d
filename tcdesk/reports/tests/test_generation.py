"""Defining and generating reports through the services, pages and API: the background job, the stored
versions, the permission-checked downloads, and what happens on bad input or a failed rendering."""

from __future__ import annotations

import contextlib
import datetime as dt
import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tcdesk.core.models import BackgroundJob
from tcdesk.mandates.services import resolution_load
from tcdesk.mandates.tests.conftest import MINI_EN
from tcdesk.reports import services
from tcdesk.reports.models import Report, ReportVersion

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def mini():
    resolution, _created = resolution_load(data=MINI_EN.encode(), filename="A-RES-59-159.en.txt")
    return resolution


@pytest.fixture
def report(mini, secretariat):
    return services.report_create(
        actor=secretariat, resolution="A/RES/59/159", period_start=dt.date(2005, 1, 1), period_end=dt.date(2005, 12, 31)
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_secretariat_generates_a_version_that_is_stored_and_downloaded_again(
    media, mini, secretariat_client, auditor_client, focal_mli_client, api_token_for, secretariat
):
    f.request_in(
        country="MLI", groups=",LDC,", submitted=dt.date(2005, 3, 1), decision="accepted", decided=dt.date(2005, 4, 1)
    )
    response = secretariat_client.post(
        "/api/reports",
        {"resolution": "a/res/59/159", "period_start": "2005-01-01", "period_end": "2005-12-31", "language": "fr"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    version = body["versions"][0]
    assert version["status"] == "ready" and version["language"] == "fr"
    assert version["figures"]["requests_received"] == 1 and version["annex_rows"] == 3
    assert BackgroundJob.objects.get(pk=version["job"]).status == "succeeded"
    stored = ReportVersion.objects.get(pk=version["id"])
    assert stored.docx_size == len(stored.docx.read()) and stored.pdf_size > 1000
    # Downloads: the auditor reads, a focal point does not even see the report.
    page = reverse("reports:version_download", args=[body["id"], version["id"], "docx"])
    assert version["downloads"]["docx"] == page
    download = auditor_client.get(page)
    assert download.status_code == 200
    word = docx.Document(io.BytesIO(b"".join(download.streaming_content)))
    assert "Rapport du Secrétaire général" in "\n".join(p.text for p in word.paragraphs)
    assert auditor_client.get(f"/api/reports/{body['id']}/versions/{version['id']}/pdf").status_code == 200
    assert focal_mli_client.get(page).status_code == 404
    assert focal_mli_client.get(f"/api/reports/{body['id']}").status_code in (403, 404)
    # A second generation is version 2; the same records give the same data version.
    again = secretariat_client.post(
        f"/api/reports/{body['id']}/versions", {"language": "fr"}, content_type="application/json"
    )
    assert again.status_code == 202 and again.json()["number"] == 2
    assert again.json()["data_version"] == version["data_version"]


def test_a_failed_rendering_marks_the_version_failed_and_keeps_no_file(media, report, secretariat, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(services, "render_pdf", broken)
    # A backend that runs the task in-process may pass the error on.
    with contextlib.suppress(RuntimeError):
        services.report_generate(actor=secretariat, report=report, language="en")
    version = ReportVersion.objects.get(report=report)
    assert version.status == "failed" and "renderer broke" in version.error
    assert not version.docx and not version.pdf
    assert BackgroundJob.objects.get(pk=version.job_id).status == "failed"


def test_defining_a_report_refuses_bad_input_naming_the_field(mini, secretariat):
    cases = [
        (
            {"resolution": "A/RES/1/1", "period_start": dt.date(2005, 1, 1), "period_end": dt.date(2005, 2, 1)},
            "resolution",
        ),
        (
            {"resolution": "A/RES/59/159", "period_start": dt.date(2005, 3, 1), "period_end": dt.date(2005, 2, 1)},
            "period_end",
        ),
    ]
    for kwargs, field in cases:
        with pytest.raises(ValidationError) as caught:
            services.report_create(actor=secretariat, **kwargs)
        assert field in caught.value.message_dict
    assert not Report.objects.exists()


def test_generating_in_a_language_without_translations_is_refused(report, secretariat):
    with pytest.raises(ValidationError) as caught:
        services.report_generate(actor=secretariat, report=report, language="de")
    assert "language" in caught.value.message_dict
    assert not ReportVersion.objects.exists()


def test_focal_points_donors_and_the_auditor_may_not_define_reports(mini, focal_mli, donor_nor, auditor):
    for user in (focal_mli, donor_nor, auditor):
        with pytest.raises(PermissionDenied):
            services.report_create(
                actor=user, resolution="A/RES/59/159", period_start=dt.date(2005, 1, 1), period_end=dt.date(2005, 2, 1)
            )


def test_the_api_answers_422_naming_the_field(mini, secretariat_client):
    response = secretariat_client.post(
        "/api/reports",
        {"resolution": "A/RES/59/159", "period_start": "2005-03-01", "period_end": "2005-02-01"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "period_end" in response.content.decode()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_pages_list_define_and_preview_in_each_language(mini, officer_client, lang):
    officer_client.cookies["django_language"] = lang
    listing = officer_client.get(reverse("reports:report_list"), HTTP_ACCEPT_LANGUAGE=lang)
    assert listing.status_code == 200
    assert ("Nouveau rapport" if lang == "fr" else "New report") in listing.content.decode()
    bad = officer_client.post(
        reverse("reports:report_list"),
        {"resolution": "A/RES/59/159", "period_start": "2005-03-01", "period_end": "2005-02-01"},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert bad.status_code == 422
    assert (
        "La période se termine avant de commencer." if lang == "fr" else "The period ends before it starts."
    ) in bad.content.decode()
    made = officer_client.post(
        reverse("reports:report_list"),
        {"resolution": "A/RES/59/159", "period_start": "2005-01-01", "period_end": "2005-12-31"},
    )
    assert made.status_code == 302
    report = Report.objects.get()
    preview = officer_client.get(reverse("reports:report_preview", args=[report.pk]) + f"?lang={lang}")
    assert preview.status_code == 200
    assert (
        "Rapport du Secrétaire général" if lang == "fr" else "Report of the Secretary-General"
    ) in preview.content.decode()


def test_a_spanish_user_is_offered_the_report_in_spanish_and_previews_it(mini, officer_client):
    officer_client.cookies["django_language"] = "es"
    made = officer_client.post(
        reverse("reports:report_list"),
        {"resolution": "A/RES/59/159", "period_start": "2005-01-01", "period_end": "2005-12-31"},
    )
    assert made.status_code == 302
    report = Report.objects.get()
    page = officer_client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert '?lang=es">Español</a>' in page
    # The language of the page is the one proposed for generating the DOCX and PDF.
    assert '<option value="es" selected>' in page
    preview = officer_client.get(reverse("reports:report_preview", args=[report.pk]) + "?lang=es")
    assert preview.status_code == 200
    assert "Informe del Secretario General" in preview.content.decode()


def test_conclusions_written_by_the_secretariat_become_numbered_paragraphs(report, secretariat):
    services.conclusions_write(actor=secretariat, report=report, language="en", text="First point.\nSecond point.")
    document = services.document_for(report, "en")
    conclusions = next(s for s in document.sections if s.key == "conclusions")
    assert [b.text for b in conclusions.blocks] == ["First point.", "Second point."]
    with pytest.raises(ValidationError) as caught:
        services.conclusions_write(actor=secretariat, report=report, language="en", text="  ")
    assert "text" in caught.value.message_dict


def test_a_donor_report_is_written_from_the_ledger_and_read_by_that_donor_only(
    media, mini, officer, donor_nor_client, focal_mli_client, secretariat
):
    from decimal import Decimal

    from tcdesk.funds import services as funds
    from tcdesk.funds.tests import factories as money

    money.rates()
    money.fund("CPCJF")
    funds.receipt_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("300000"),
        currency="USD",
        received_on=dt.date(2026, 2, 1),
        reference="R-NOR-1",
    )
    services.report_create(
        actor=secretariat, resolution="A/RES/59/159", period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 6, 30)
    )
    report = services.report_create(
        actor=officer, donor="nor", period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 6, 30)
    )
    version = services.report_generate(actor=officer, report=report, language="en")
    version.refresh_from_db()
    assert version.status == "ready", version.error
    assert Decimal(version.figures["donor_receipts_usd"]) == Decimal("300000")
    listed = donor_nor_client.get("/api/reports").json()
    assert [r["donor"] for r in listed] == ["NOR"]  # not the report to the Assembly
    download = donor_nor_client.get(reverse("reports:version_download", args=[report.pk, version.pk, "docx"]))
    assert download.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(b"".join(download.streaming_content))).paragraphs)
    assert "Report to Norway on its contributions" in text and "USD\u00a0300,000" in text
    assert (
        focal_mli_client.get(reverse("reports:version_download", args=[report.pk, version.pk, "pdf"])).status_code
        == 404
    )
    with pytest.raises(ValidationError) as caught:
        services.report_create(
            actor=officer, donor="XXX", period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 2, 1)
        )
    assert "donor" in caught.value.message_dict
