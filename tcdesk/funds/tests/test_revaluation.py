"""Unpaid pledges in other currencies revalued month by month, and exchange gains and losses against the
rate of the agreement's signature month, on the ledger. A missing rate is an error, never a guess."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tcdesk.funds import services
from tcdesk.funds.models import ExchangeRate, LedgerTransaction, PledgeRevaluation
from tcdesk.funds.tests import factories

pytestmark = pytest.mark.django_db

MARCH, APRIL = dt.date(2026, 3, 1), dt.date(2026, 4, 1)


@pytest.fixture
def pledged(cpcjf):
    """NOR signs in January 2026 (10.5 NOK to the dollar) and pledges 1,050,000 NOK (100,000 USD then) in
    February; in March a dollar buys 10.0 NOK."""
    agreement = factories.agreement()
    ExchangeRate.objects.filter(currency="NOK", month=MARCH).update(rate=Decimal("10.000000"))
    services.pledge_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("1050000"),
        currency="NOK",
        pledged_on=dt.date(2026, 2, 3),
        agreement=agreement.pk,
        reference="P-1",
    )
    return agreement


def pay(agreement, amount: str, day: dt.date, reference: str):
    return services.receipt_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal(amount),
        currency="NOK",
        received_on=day,
        agreement=agreement.pk,
        reference=reference,
    )


def test_a_stronger_currency_is_an_unrealised_gain_that_payment_realises(pledged):
    february = services.pledges_revalue(actor=None, month=dt.date(2026, 2, 1))
    assert [(r.unpaid, r.gain_loss_usd, r.transaction) for r in february] == [(Decimal("1050000"), 0, None)]
    receipt = pay(pledged, "210000", dt.date(2026, 3, 10), "R-1")
    # 210,000 NOK are 21,000 USD in March, 20,000 USD at the signature month's rate: a realised gain.
    assert receipt.usd_amount == Decimal("21000.00") and receipt.exchange_difference_usd == Decimal("1000.00")
    assert services.fx_results() == {"realised:NOK": Decimal("1000.00")}
    [march] = services.pledges_revalue(actor=None, month=MARCH)
    assert march.unpaid == Decimal("840000")
    assert (march.usd_value, march.gain_loss_usd, march.posted_usd) == (
        Decimal("84000.00"),
        Decimal("4000.00"),
        Decimal("4000.00"),
    )
    assert march.transaction.occurred_on == dt.date(2026, 3, 31)
    assert services.fx_results()["unrealised:NOK"] == Decimal("4000.00")
    # April: back to 10.5, the unrealised gain goes back to zero (the change is posted, nothing rewritten).
    [april] = services.pledges_revalue(actor=None, month=APRIL)
    assert (april.gain_loss_usd, april.posted_usd) == (0, Decimal("-4000.00"))
    assert services.fx_results()["unrealised:NOK"] == 0
    assert services.account_balances("pledge", "P-1")["usd"] == 0
    check = services.ledger_verify()
    assert check.ok, check.as_dict()


def test_a_month_is_revalued_once_and_in_order(pledged):
    first = services.pledges_revalue(actor=None, month=MARCH)
    assert [r.pk for r in services.pledges_revalue(actor=None, month=MARCH)] == [r.pk for r in first]
    assert PledgeRevaluation.objects.count() == 1
    with pytest.raises(ValidationError) as refused:
        services.pledges_revalue(actor=None, month=dt.date(2026, 2, 1))
    assert "revalue later months only" in refused.value.message_dict["month"][0]


def test_a_missing_rate_for_the_month_is_an_error_and_posts_nothing(pledged):
    ExchangeRate.objects.filter(currency="NOK", month=APRIL).delete()
    before = LedgerTransaction.objects.count()
    with pytest.raises(ValidationError) as missing:
        services.pledges_revalue(actor=None, month=APRIL)
    assert missing.value.message_dict["month"] == [
        "No UN operational rate of exchange for NOK in 2026-04: load it first."
    ]
    assert LedgerTransaction.objects.count() == before and not PledgeRevaluation.objects.exists()


def test_a_missing_signature_month_rate_is_an_error_for_receipts_and_revaluation(cpcjf):
    agreement = services.agreement_create(
        actor=None,
        reference="NOR-2025",
        donor="NOR",
        fund="CPCJF",
        amount=Decimal("1000000"),
        currency="NOK",
        signed_on=dt.date(2025, 12, 1),  # no rate loaded for December 2025
        valid_from=dt.date(2026, 1, 1),
        valid_to=dt.date(2026, 12, 31),
    )
    before = LedgerTransaction.objects.count()
    with pytest.raises(ValidationError) as missing:
        pay(agreement, "1000", dt.date(2026, 3, 2), "R-X")
    assert "NOK in 2025-12" in missing.value.message_dict["agreement"][0]
    services.pledge_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("1000"),
        currency="NOK",
        pledged_on=dt.date(2026, 2, 1),
        agreement=agreement.pk,
        reference="P-X",
    )
    with pytest.raises(ValidationError):
        services.pledges_revalue(actor=None, month=MARCH)
    assert LedgerTransaction.objects.count() == before


def test_receipts_pay_the_oldest_pledge_first(pledged):
    services.pledge_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("100000"),
        currency="NOK",
        pledged_on=dt.date(2026, 3, 1),
        agreement=pledged.pk,
        reference="P-2",
    )
    pay(pledged, "1100000", dt.date(2026, 3, 5), "R-1")
    found = {r.pledge.reference: r.unpaid for r in services.pledges_revalue(actor=None, month=MARCH)}
    assert found == {"P-1": 0, "P-2": Decimal("50000")}


def test_the_api_page_and_command_revalue_and_refuse_the_wrong_role(finance_client, officer_client, pledged):
    body = json.dumps({"month": "2026-03"})
    assert (
        officer_client.post("/api/funds/pledges/revaluation", body, content_type="application/json").status_code == 403
    )
    ExchangeRate.objects.filter(currency="NOK", month=APRIL).delete()
    response = finance_client.post(
        "/api/funds/pledges/revaluation", json.dumps({"month": "2026-04"}), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "month"], "msg": "No UN operational rate of exchange for NOK in 2026-04: load it first."}
    ]
    response = finance_client.post("/api/funds/pledges/revaluation", body, content_type="application/json")
    assert response.status_code == 200 and response.json()[0]["gain_loss_usd"] == "5000.00"
    page = finance_client.get("/funds/revaluations/")
    assert page.status_code == 200 and b"unrealised:NOK" in page.content
    assert officer_client.post("/funds/revaluations/", {"month": "2026-03"}).status_code == 403
    french = finance_client.post("/funds/revaluations/", {"month": "2026-04"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert (
        french.status_code == 422 and "Aucun taux de change opérationnel de l’ONU pour NOK".encode() in french.content
    )
    with pytest.raises(Exception, match="NOK (in|en) 2026-04"):
        call_command("revalue_pledges", "--month", "2026-04")
