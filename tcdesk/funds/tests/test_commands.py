"""The commands' contracts: verify_ledger, fund_statement, import_contributions."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from tcdesk.funds import services
from tcdesk.funds.models import LedgerEntry, Pledge, Receipt
from tcdesk.funds.tests import factories
from tcdesk.funds.tests.factories import DAY

pytestmark = pytest.mark.django_db

HEADER = "donor,fund,kind,date,amount,currency,agreement,earmark,reference\n"


def run(*args) -> tuple[int, dict]:
    out = io.StringIO()
    try:
        call_command(*args, stdout=out)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, json.loads(out.getvalue())


def test_verify_ledger_exits_0_when_all_agree(cpcjf):
    services.receipt_record(
        actor=None, fund="CPCJF", donor="NOR", amount=Decimal("105"), currency="NOK", received_on=DAY, reference="R"
    )
    code, found = run("verify_ledger", "--json")
    assert code == 0 and found["ok"] and found["transactions"] == 1 and found["entries"] == 4


def test_fund_statement_prints_the_contract(cpcjf):
    services.receipt_record(
        actor=None, fund="CPCJF", donor="NOR", amount=Decimal("500"), currency="USD", received_on=DAY, reference="R"
    )
    code, found = run("fund_statement", "--fund", "CPCJF", "--from", "2026-01-01", "--to", "2026-12-31", "--json")
    assert code == 0
    assert list(found) == [
        "fund",
        "from",
        "to",
        "currency",
        "opening",
        "receipts",
        "allocations",
        "expenditure",
        "refunds",
        "closing",
    ]
    assert found["receipts"] == "500.00" and found["closing"] == "500.00" and found["opening"] == "0.00"


def test_import_contributions_by_iso3_organisation_code_or_french_name(cpcjf, tmp_path):
    factories.agreement()
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER
        + "NOR,CPCJF,receipt,2026-03-10,1050,NOK,NOR-2026-1,,I-1\n"
        + "Allemagne,CPCJF,pledge,2026-03-10,100,EUR,,,I-2\n"
        + "Germany,CPCJF,receipt,2026-03-11,92,EUR,,,I-3\n"
    )
    code, found = run("import_contributions", str(path), "--dry-run", "--json")
    assert code == 0 and (found["rows"], found["pledges"], found["receipts"], found["created"]) == (3, 1, 2, 0)
    assert not Receipt.objects.exists()
    code, found = run("import_contributions", str(path), "--json")
    assert code == 0 and found["created"] == 3 and found["errors"] == []
    assert Receipt.objects.get(reference="I-3").donor.code == "DEU"
    code, found = run("import_contributions", str(path), "--json")
    assert found["created"] == 0  # the references are idempotency keys


def test_a_file_with_a_bad_row_writes_nothing_and_names_each_problem_once_per_row(cpcjf, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER
        + "NOR,CPCJF,receipt,2026-03-10,100,USD,,,G-1\n"
        + "Atlantis,CPCJF,receipt,2026-03-10,-5,USD,,,G-2\n"
        + "NOR,NOPE,gift,2026-13-01,5,USD,,,G-3\n"
    )
    code, found = run("import_contributions", str(path), "--json")
    assert code == 1 and found["created"] == 0
    assert [e["row"] for e in found["errors"]] == [3, 4]
    assert set(found["errors"][0]["field"].split(", ")) == {"donor", "amount"}
    assert set(found["errors"][1]["field"].split(", ")) >= {"kind", "date"}
    assert all({"row", "field", "rule"} <= set(e) for e in found["errors"])
    assert not Receipt.objects.exists() and not Pledge.objects.exists() and not LedgerEntry.objects.exists()


def test_import_reads_xlsx_too(cpcjf, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["DEU", "CPCJF", "receipt", "2026-03-10", 920, "EUR", "", "", "X-1"])
    path = tmp_path / "c.xlsx"
    book.save(path)
    code, found = run("import_contributions", str(path), "--json")
    assert code == 0 and found["receipts"] == 1 and found["created"] == 1
    assert Receipt.objects.get(reference="X-1").usd_amount == Decimal("1000.00")
