"""The funds API: allocations (201, 409, 422, idempotency), donors' scope, reads, imports."""

from __future__ import annotations

import json
import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client

from tcdesk.funds import services
from tcdesk.funds.models import Allocation
from tcdesk.funds.tests import factories
from tcdesk.funds.tests.factories import DAY

pytestmark = pytest.mark.django_db


def post(client, body):
    return client.post("/api/funds/allocations", json.dumps(body), content_type="application/json")


@pytest.fixture
def funded(cpcjf):
    services.receipt_record(
        actor=None, fund="CPCJF", donor="NOR", amount=Decimal("1000"), currency="USD", received_on=DAY, reference="R-1"
    )
    return factories.accepted_request()


def test_an_allocation_answers_201_then_the_same_allocation_for_a_repeated_key(finance_client, funded):
    body = {"fund": "CPCJF", "amount": "250.00", "currency": "USD", "request": funded.pk, "idempotency_key": "k-1"}
    first = post(finance_client, body)
    assert first.status_code == 201, first.content
    assert first.json()["amount"] == "250.00" and first.json()["request"] == funded.pk
    again = post(finance_client, body)
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert Allocation.objects.count() == 1


def test_an_allocation_beyond_the_free_balance_answers_409(finance_client, funded):
    response = post(
        finance_client, {"fund": "CPCJF", "amount": "1000.01", "request": funded.pk, "idempotency_key": "k"}
    )
    assert response.status_code == 409
    assert "free balance" in response.json()["detail"]


def test_an_allocation_the_earmark_forbids_answers_422(finance_client, cpcjf):
    agreement = factories.agreement()
    africa = services.earmark_create(actor=None, agreement=agreement.pk, code="AFR", label="Africa", regions=["002"])
    services.receipt_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("10500"),
        currency="NOK",
        received_on=DAY,
        agreement=agreement.pk,
        earmark=africa.pk,
        reference="R-2",
    )
    asia = factories.accepted_request("AFG")
    response = post(
        finance_client,
        {"fund": "CPCJF", "earmark": africa.pk, "amount": "10", "request": asia.pk, "idempotency_key": "k"},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "earmark"]


def test_bad_input_answers_422_naming_the_field(finance_client, funded):
    response = post(finance_client, {"fund": "CPCJF", "amount": "-3", "request": funded.pk, "idempotency_key": "k"})
    assert response.status_code == 422
    assert ["body", "amount"] in [d["loc"] for d in response.json()["detail"]]


def test_only_fund_managers_allocate(officer_client, funded):
    response = post(officer_client, {"fund": "CPCJF", "amount": "1", "request": funded.pk, "idempotency_key": "k"})
    assert response.status_code == 403


def test_a_donor_sees_only_its_own_contributions(donor_nor_client, finance_client, cpcjf):
    services.receipt_record(
        actor=None, fund="CPCJF", donor="NOR", amount=Decimal("10"), currency="USD", received_on=DAY, reference="N-1"
    )
    services.receipt_record(
        actor=None, fund="CPCJF", donor="DEU", amount=Decimal("20"), currency="EUR", received_on=DAY, reference="D-1"
    )
    mine = donor_nor_client.get("/api/funds/contributions").json()
    assert [row["reference"] for row in mine] == ["N-1"]
    assert {row["reference"] for row in finance_client.get("/api/funds/contributions").json()} == {"N-1", "D-1"}
    assert donor_nor_client.get("/api/funds/funds").status_code == 403


def test_the_statement_endpoint_gives_the_contract_keys(finance_client, funded):
    response = finance_client.get("/api/funds/funds/CPCJF/statement?from=2026-01-01&to=2026-12-31")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["receipts"] == "1000.00" and body["closing"] == "1000.00" and body["from"] == "2026-01-01"


def test_importing_contributions_through_the_api_is_all_or_nothing(finance_client, cpcjf):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = (
        b"donor,fund,kind,date,amount,currency,agreement,earmark,reference\n"
        b"NOR,CPCJF,receipt,2026-03-10,100,USD,,,I-1\n"
        b"Allemagne,CPCJF,pledge,2026-03-10,100,EUR,,,I-2\n"
    )
    response = finance_client.post(
        "/api/funds/contributions/import", {"file": SimpleUploadedFile("c.csv", content), "dry_run": "false"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["receipts"] == 1 and response.json()["pledges"] == 1 and response.json()["created"] == 2


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_allocations_never_overdraw_a_fund(request):
    """Real threads, each with its own database connection, through the API."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; row locks are exercised on PostgreSQL (CI's PostgreSQL pass).")
    # Committed data: start from the session's reference data only, as the browser tests do.
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(request.getfixturevalue("reference_data_snapshot"))
    finance = request.getfixturevalue("finance")
    factories.rates()
    factories.fund("CPCJF")
    services.receipt_record(
        actor=None, fund="CPCJF", donor="NOR", amount=Decimal("1000"), currency="USD", received_on=DAY, reference="R-1"
    )
    request = factories.accepted_request()
    statuses: list[int] = []
    barrier = threading.Barrier(50)

    def allocate(n: int) -> None:
        try:
            client = Client()
            client.force_login(finance)
            barrier.wait()
            response = post(
                client, {"fund": "CPCJF", "amount": "30", "request": request.pk, "idempotency_key": f"c-{n}"}
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=allocate, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(statuses)) == [201, 409]
    assert statuses.count(201) == 33  # 33 × 30 = 990 ≤ 1000 < 34 × 30
    assert services.account_balance("fund", "CPCJF") == Decimal("10.00")
    assert services.ledger_verify().ok
