"""The money rules, one example each: receipts, allocations, earmarks, expenditure, reversal, refunds,
the append-only ledger, closed periods and verification."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from tcdesk.funds import selectors, services
from tcdesk.funds.errors import EarmarkForbidsError, MissingRateError, OverdrawnError
from tcdesk.funds.models import Allocation, LedgerEntry, LedgerTransaction, Receipt
from tcdesk.funds.tests import factories
from tcdesk.funds.tests.factories import DAY

pytestmark = pytest.mark.django_db


def receive(amount="1000000", currency="USD", *, fund="CPCJF", donor="NOR", reference="R-1", **more):
    return services.receipt_record(
        actor=None,
        fund=fund,
        donor=donor,
        amount=Decimal(amount),
        currency=currency,
        received_on=DAY,
        reference=reference,
        **more,
    )


def allocate(amount, *, request, earmark=None, key="A-1", fund="CPCJF", currency="USD", actor=None):
    return services.allocation_create(
        actor=actor,
        fund=fund,
        earmark=earmark,
        amount=Decimal(amount),
        currency=currency,
        request=request.pk,
        idempotency_key=key,
        on=DAY,
    )


def test_a_receipt_in_another_currency_is_converted_at_the_months_rate_and_balances(cpcjf):
    receipt = receive("1050000", "NOK")
    assert receipt.donor.country_id == "NOR"  # a State donor is the country record
    assert receipt.usd_amount == Decimal("100000.00") and receipt.fund_amount == Decimal("100000.00")
    entries = LedgerEntry.objects.filter(transaction=receipt.transaction)
    assert {(e.account_kind, e.currency, e.amount) for e in entries} == {
        ("donor", "NOK", Decimal("-1050000")),
        ("exchange", "NOK", Decimal("1050000")),
        ("exchange", "USD", Decimal("-100000.00")),
        ("fund", "USD", Decimal("100000.00")),
    }
    assert selectors.free_balance(cpcjf) == Decimal("100000.00")
    assert services.ledger_verify().ok


def test_a_repeated_receipt_reference_records_nothing_new(cpcjf):
    first = receive("500")
    assert receive("500") == first
    assert LedgerTransaction.objects.count() == 1


@pytest.mark.parametrize(
    ("amount", "currency", "field"),
    [
        ("0", "USD", "amount"),
        ("-5", "USD", "amount"),
        ("10", "XYZ", "currency"),
        ("1.5", "JPY", "amount"),
        ("1.0001", "KWD", "amount"),
    ],
)
def test_bad_amounts_and_currencies_name_the_field_and_post_nothing(cpcjf, amount, currency, field):
    with pytest.raises(ValidationError) as caught:
        receive(amount, currency)
    assert field in caught.value.message_dict
    assert not LedgerEntry.objects.exists() and not Receipt.objects.exists()


def test_a_missing_rate_is_an_error_never_a_guess(cpcjf):
    with pytest.raises(MissingRateError) as caught:
        receive("1000", "CHF")
    assert "CHF" in caught.value.message_dict["currency"][0]
    assert not LedgerEntry.objects.exists()


def test_receipts_outside_the_agreements_validity_or_with_another_agreements_earmark_are_refused(cpcjf):
    first = factories.agreement()
    other = factories.agreement(reference="NOR-2026-2")
    earmark = services.earmark_create(actor=None, agreement=other.pk, code="E-X", label="x")
    with pytest.raises(ValidationError) as caught:
        services.receipt_record(
            actor=None,
            fund="CPCJF",
            donor="NOR",
            amount=Decimal(10),
            currency="NOK",
            received_on=dt.date(2030, 1, 1),
            agreement=first.pk,
            earmark=earmark.pk,
            reference="R-9",
        )
    assert set(caught.value.message_dict) >= {"received_on", "earmark"}


def test_an_allocation_draws_on_the_free_balance_and_never_beyond(cpcjf):
    receive("1000")
    request = factories.accepted_request()
    allocation = allocate("600", request=request)
    assert selectors.free_balance(cpcjf) == Decimal("400.00")
    with pytest.raises(OverdrawnError) as caught:
        allocate("400.01", request=request, key="A-2")
    assert "400.00" in caught.value.message
    assert selectors.request_funding(request_ids=[request.pk]) == {request.pk: Decimal("600.00")}
    assert allocation.transaction.entries.count() == 2


def test_a_repeated_idempotency_key_returns_the_same_allocation(cpcjf):
    receive("1000")
    request = factories.accepted_request()
    assert allocate("100", request=request) == allocate("100", request=request)
    assert Allocation.objects.count() == 1


def test_only_accepted_requests_can_be_funded(cpcjf):
    receive("1000")
    request = factories.accepted_request()
    request.status = "submitted"
    request.save()
    with pytest.raises(ValidationError) as caught:
        allocate("100", request=request)
    assert "request" in caught.value.message_dict


def test_money_earmarked_for_africa_cannot_fund_a_request_from_asia(cpcjf):
    agreement = factories.agreement()
    africa = services.earmark_create(
        actor=None, agreement=agreement.pk, code="NOR-AFR", label="Africa", regions=["002"]
    )
    receive("105000", "NOK", agreement=agreement.pk, earmark=africa.pk)
    with pytest.raises(EarmarkForbidsError) as caught:
        allocate("100", request=factories.accepted_request("AFG"), earmark=africa.pk)
    assert "NOR-AFR" in caught.value.message
    assert allocate("100", request=factories.accepted_request("MLI"), earmark=africa.pk, key="A-2").earmark == africa


def test_a_user_without_the_allocate_action_is_refused(cpcjf, officer):
    receive("1000")
    with pytest.raises(PermissionDenied):
        allocate("100", request=factories.accepted_request(), actor=officer)


def test_expenditure_charges_support_costs_at_the_agreements_rate(cpcjf):
    agreement = factories.agreement()
    earmark = services.earmark_create(actor=None, agreement=agreement.pk, code="E1", label="all")
    receive("105000", "NOK", agreement=agreement.pk, earmark=earmark.pk)
    allocation = allocate("5000", request=factories.accepted_request(), earmark=earmark.pk)
    spent = services.expenditure_record(
        actor=None, allocation=allocation.pk, amount=Decimal("1000"), currency="USD", spent_on=DAY, reference="X-1"
    )
    assert spent.support_costs == Decimal("130.00")
    assert services.account_balance("allocation", str(allocation.pk)) == Decimal("3870.00")
    with pytest.raises(OverdrawnError):
        services.expenditure_record(
            actor=None, allocation=allocation.pk, amount=Decimal("3500"), currency="USD", spent_on=DAY, reference="X-2"
        )
    statement = selectors.fund_statement(fund=cpcjf, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert (statement.receipts, statement.expenditure, statement.support_costs) == (
        Decimal("10000.00"),
        Decimal("1130.00"),
        Decimal("130.00"),
    )
    assert statement.closing == statement.opening + statement.receipts - statement.expenditure - statement.refunds


def test_reversing_a_receipt_already_allocated_is_refused_with_an_explanation(cpcjf):
    receipt = receive("1000")
    allocation = allocate("800", request=factories.accepted_request())
    with pytest.raises(OverdrawnError) as caught:
        services.receipt_reverse(actor=None, receipt=receipt.pk, reason="entered twice")
    assert "allocated" in caught.value.message
    services.allocation_release(actor=None, allocation=allocation.pk)
    services.receipt_reverse(actor=None, receipt=receipt.pk, reason="entered twice")
    assert selectors.free_balance(cpcjf) == 0
    assert services.ledger_verify().ok


def test_refunds_and_transfers_move_only_free_money(cpcjf):
    factories.fund("UNODC-EUR", "EUR")
    receive("1000")
    services.refund_record(
        actor=None, fund="CPCJF", donor="NOR", amount=Decimal("100"), currency="USD", refunded_on=DAY, reference="F-1"
    )
    services.transfer_record(
        actor=None, source="CPCJF", target="UNODC-EUR", amount=Decimal("500"), transferred_on=DAY, reference="T-1"
    )
    assert selectors.free_balance(cpcjf) == Decimal("400.00")
    assert services.account_balance("fund", "UNODC-EUR") == Decimal("460.00")
    with pytest.raises(OverdrawnError):
        services.transfer_record(
            actor=None, source="CPCJF", target="UNODC-EUR", amount=Decimal("401"), transferred_on=DAY, reference="T-2"
        )
    assert services.ledger_verify().ok


def test_the_ledger_refuses_updates_and_deletes_below_the_orm(cpcjf):
    receive("1000")
    for attempt in (
        lambda: LedgerEntry.objects.update(amount=Decimal("1")),
        lambda: LedgerEntry.objects.all().delete(),
        lambda: LedgerTransaction.objects.update(memo="changed"),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()
    assert LedgerEntry.objects.filter(amount=Decimal("1")).count() == 0


def test_closed_periods_carry_balances_forward_and_refuse_postings_inside_them(cpcjf):
    receive("1000")
    services.period_close(actor=None, through=dt.date(2026, 3, 31))
    assert selectors.free_balance(cpcjf) == Decimal("1000.00")
    with pytest.raises(ValidationError) as caught:
        receive("5", reference="R-2")
    assert "date" in caught.value.message_dict
    check = services.ledger_verify()
    assert check.ok and check.carried_balances >= 2
    statement = selectors.fund_statement(fund=cpcjf, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30))
    assert statement.opening == Decimal("1000.00") == statement.closing


def test_funding_sources_list_free_pots_with_their_restrictions(cpcjf):
    agreement = factories.agreement()
    africa = services.earmark_create(
        actor=None, agreement=agreement.pk, code="NOR-AFR", label="Africa", regions=["002"]
    )
    receive("105000", "NOK", agreement=agreement.pk, earmark=africa.pk)
    receive("250", reference="R-2")
    found = {s.key: s for s in selectors.funding_sources(on=DAY)}
    assert found["fund:CPCJF"].amount == Decimal("250.00")
    assert found[f"earmark:{africa.pk}"].regions == ["002"]
    assert found[f"earmark:{africa.pk}"].amount == Decimal("10000.00")
    in_euros = {s.key: s for s in selectors.funding_sources(currency="EUR", on=DAY)}
    assert in_euros["fund:CPCJF"].amount == Decimal("230.00")
