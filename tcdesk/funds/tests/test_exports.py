"""The donor statement's CSV, XLSX and PDF exports, read back: each states what the records hold (what
each earmarked contribution received and paid for, down to the request, allocated and spent)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl
import pypdf
import pytest

from tcdesk.funds import services
from tcdesk.funds.tests import factories
from tcdesk.funds.tests.factories import DAY

pytestmark = pytest.mark.django_db

HEADER = ["Earmark", "Fund", "Received (USD)", "Paid for", "Allocated (USD)", "Spent (USD)"]


@pytest.fixture
def statement(cpcjf):
    """NOR: 105,000 NOK (10,000 USD) into an Africa earmark; 2,500 USD of it to a Mali request, 1,000 USD
    spent (plus 130 USD support costs); a second earmark received nothing yet."""
    agreement = factories.agreement()
    africa = services.earmark_create(
        actor=None, agreement=agreement.pk, code="NOR-AFR", label="Africa", regions=["002"]
    )
    services.earmark_create(actor=None, agreement=agreement.pk, code="NOR-ASIA", label="Asia", regions=["142"])
    services.receipt_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("105000"),
        currency="NOK",
        received_on=DAY,
        agreement=agreement.pk,
        earmark=africa.pk,
        reference="R-1",
    )
    request = factories.accepted_request()
    allocation = services.allocation_create(
        actor=None,
        fund="CPCJF",
        earmark=africa.pk,
        amount=Decimal("2500"),
        currency="USD",
        request=request.pk,
        idempotency_key="a-1",
        on=DAY,
    )
    services.expenditure_record(
        actor=None, allocation=allocation.pk, amount=Decimal("1000"), currency="USD", spent_on=DAY, reference="X-1"
    )
    return request


def download(client, fmt: str, **headers) -> bytes:
    response = client.get(f"/funds/donors/NOR/statement.{fmt}", **headers)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_csv_reads_back_as_the_records(finance_client, statement):
    rows = list(csv.reader(io.StringIO(download(finance_client, "csv").decode("utf-8-sig"))))
    assert rows == [
        HEADER,
        ["NOR-AFR", "CPCJF", "10000.00", statement.reference, "2500.00", "1000.00"],
        ["NOR-ASIA", "CPCJF", "0.00", "", "", ""],
    ]


def test_the_csv_speaks_french(finance_client, statement):
    text = download(finance_client, "csv", HTTP_ACCEPT_LANGUAGE="fr").decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header[0] == "Affectation" and header[3] == "A financé" and header[5] == "Dépensé (USD)"


def test_the_xlsx_reads_back_with_numbers_as_numbers(finance_client, statement):
    workbook = openpyxl.load_workbook(io.BytesIO(download(finance_client, "xlsx")))
    rows = [list(row) for row in workbook["NOR"].iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert rows[1][:4] == ["NOR-AFR", "CPCJF", 10000, statement.reference]
    assert rows[1][4:] == [2500, 1000]
    assert rows[2][0] == "NOR-ASIA" and rows[2][4] is None


def test_the_pdf_reads_back(finance_client, statement):
    reader = pypdf.PdfReader(io.BytesIO(download(finance_client, "pdf")))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Norway" in text
    for expected in ("NOR-AFR", "NOR-ASIA", statement.reference, "10000.00", "2500.00", "1000.00"):
        assert expected in text, expected


def test_a_donor_downloads_its_own_statement_only(donor_nor_client, statement):
    assert donor_nor_client.get("/funds/donors/NOR/statement.csv").status_code == 200
    assert donor_nor_client.get("/funds/donors/DEU/statement.csv").status_code == 404
