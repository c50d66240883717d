"""Pages: who sees what, statements and their exports, the allocation form, the request's funding panel."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tcdesk.funds import services
from tcdesk.funds.models import Allocation, ExchangeRate
from tcdesk.funds.tests import factories
from tcdesk.funds.tests.factories import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def money(cpcjf):
    agreement = factories.agreement()
    earmark = services.earmark_create(
        actor=None, agreement=agreement.pk, code="NOR-AFR", label="Africa", regions=["002"]
    )
    services.receipt_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("105000"),
        currency="NOK",
        received_on=DAY,
        agreement=agreement.pk,
        earmark=earmark.pk,
        reference="R-1",
    )
    services.receipt_record(
        actor=None, fund="CPCJF", donor="DEU", amount=Decimal("920"), currency="EUR", received_on=DAY, reference="R-2"
    )
    request = factories.accepted_request()
    services.allocation_create(
        actor=None,
        fund="CPCJF",
        earmark=earmark.pk,
        amount=Decimal("2500"),
        currency="USD",
        request=request.pk,
        idempotency_key="a1",
        on=DAY,
    )
    return request


def test_the_fund_manager_sees_funds_and_a_statement_in_english_and_french(finance_client, money):
    assert b"CPCJF" in finance_client.get("/funds/").content
    page = finance_client.get("/funds/CPCJF/?start=2026-01-01&end=2026-12-31")
    assert page.status_code == 200 and b"11000.00" in page.content
    french = finance_client.get("/funds/CPCJF/?start=2026-01-01&end=2026-12-31", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Relevé du fonds".encode() in french.content


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_statements_export_as_csv_xlsx_and_pdf(finance_client, money, fmt):
    response = finance_client.get(f"/funds/CPCJF/statement.{fmt}?start=2026-01-01&end=2026-12-31")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] in (b"\xef\xbb\xbfL", b"PK\x03\x04", b"%PDF") or body.startswith(b"\xef\xbb\xbf")


def test_a_donor_sees_its_own_statement_and_nothing_of_other_donors(donor_nor_client, money):
    page = donor_nor_client.get("/funds/donors/NOR/")
    assert page.status_code == 200 and b"NOR-AFR" in page.content and money.reference.encode() in page.content
    assert donor_nor_client.get("/funds/donors/DEU/").status_code == 404
    assert donor_nor_client.get("/funds/").status_code == 403
    assert b"DEU" not in donor_nor_client.get("/funds/donors/").content


def test_the_allocation_form_allocates_from_an_allowed_pot(finance_client, money):
    page = finance_client.get(f"/funds/allocate/{money.pk}/")
    assert page.status_code == 200
    response = finance_client.post(
        f"/funds/allocate/{money.pk}/",
        {"source": "fund:CPCJF", "amount": "100", "currency": "USD", "idempotency_key": "form-1"},
    )
    assert response.status_code == 302
    assert Allocation.objects.filter(idempotency_key="form-1", request=money).exists()
    too_much = finance_client.post(
        f"/funds/allocate/{money.pk}/",
        {"source": "fund:CPCJF", "amount": "5000", "currency": "USD", "idempotency_key": "form-2"},
    )
    assert too_much.status_code == 422 and b"free balance" in too_much.content


def test_the_request_page_shows_its_funding(finance_client, focal_mli_client, money):
    page = finance_client.get(money.get_absolute_url())
    assert b"panel-funding-heading" in page.content and b"2500" in page.content
    assert b"panel-funding-heading" not in focal_mli_client.get(money.get_absolute_url()).content


def test_rates_load_from_a_csv_and_a_bad_row_writes_nothing(finance_client, rates):
    good = b"currency,month,rate\nCHF,2026-04,0.880000\n"
    assert (
        finance_client.post("/funds/rates/", {"file": SimpleUploadedFile("r.csv", good), "dry_run": "on"}).status_code
        == 200
    )
    assert not ExchangeRate.objects.filter(currency="CHF").exists()  # a check writes nothing
    assert finance_client.post("/funds/rates/", {"file": SimpleUploadedFile("r.csv", good)}).status_code == 200
    assert ExchangeRate.objects.get(currency="CHF").rate == Decimal("0.88")
    bad = SimpleUploadedFile("r.csv", b"currency,month,rate\nCHF,2026-04,0.99\nZZZ,2026-04,-1\n")
    assert finance_client.post("/funds/rates/", {"file": bad}).status_code == 422
    assert ExchangeRate.objects.get(currency="CHF").rate == Decimal("0.88")


def test_pledged_and_paid_draws_a_chart(finance_client, money):
    page = finance_client.get("/funds/pledged-paid/")
    assert page.status_code == 200 and b"<svg" in page.content
    assert finance_client.get("/funds/flows/").status_code == 200


def test_the_queue_filters_accepted_requests_not_yet_funded(finance_client, money):
    unfunded = factories.accepted_request("COL")
    page = finance_client.get("/requests/?status=unfunded")
    assert page.status_code == 200
    assert unfunded.reference.encode() in page.content and money.reference.encode() not in page.content
    api = finance_client.get("/api/requests?status=unfunded").json()
    assert [r["reference"] for r in api["items"]] == [unfunded.reference]
