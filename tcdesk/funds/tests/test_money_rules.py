"""Money rules under sequences of operations (hypothesis state machine): no pot is ever overdrawn,
earmarks are respected, every transaction balances per currency and in USD, USD totals reconcile,
reversing an allocated receipt is refused with an explanation, and rounding to each currency's minor
unit (JPY 0, USD 2, KWD 3) never creates or loses a unit."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from tcdesk.funds import money, services
from tcdesk.funds.errors import EarmarkForbidsError, OverdrawnError
from tcdesk.funds.models import Allocation, LedgerEntry, Receipt, Refund
from tcdesk.funds.services.ledger import exact
from tcdesk.funds.tests import factories

DAY = dt.date(2026, 5, 12)
CURRENCIES = ["USD", "JPY", "KWD", "EUR", "NOK"]


def amount_in(currency: str, units: int) -> Decimal:
    return Decimal(units).scaleb(-money.minor_unit(currency))  # type: ignore[operator]


class Ledger(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        factories.rates()
        factories.fund("CPCJF")
        agreement = factories.agreement()
        self.africa = services.earmark_create(
            actor=None, agreement=agreement.pk, code="AFRICA", label="Africa only", regions=["002"]
        )
        self.agreement = agreement
        self.mali = factories.accepted_request("MLI")
        self.afghanistan = factories.accepted_request("AFG")
        self.receipts: list[int] = []
        self.allocations: list[int] = []
        self.counter = 0

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def key(self) -> str:
        self.counter += 1
        return f"k{self.counter}"

    @rule(currency=st.sampled_from(CURRENCIES), units=st.integers(1, 5_000_000), earmarked=st.booleans())
    def receive(self, currency: str, units: int, earmarked: bool) -> None:
        receipt = services.receipt_record(
            actor=None,
            fund="CPCJF",
            donor="NOR",
            amount=amount_in(currency, units),
            currency=currency,
            received_on=DAY,
            agreement=self.agreement.pk if earmarked else None,
            earmark=self.africa.pk if earmarked else None,
            reference=self.key(),
        )
        assert money.fits_minor_unit(receipt.fund_amount, "USD")
        self.receipts.append(receipt.pk)

    @rule(
        currency=st.sampled_from(CURRENCIES),
        units=st.integers(1, 3_000_000),
        earmarked=st.booleans(),
        asia=st.booleans(),
    )
    def allocate(self, currency: str, units: int, earmarked: bool, asia: bool) -> None:
        request = self.afghanistan if asia else self.mali
        pot = self.africa if earmarked else None
        free = services.account_balance("earmark" if pot else "fund", str(pot.pk) if pot else "CPCJF")
        try:
            allocation = services.allocation_create(
                actor=None,
                fund="CPCJF",
                earmark=pot.pk if pot else None,
                amount=amount_in(currency, units),
                currency=currency,
                request=request.pk,
                idempotency_key=self.key(),
                on=DAY,
            )
        except EarmarkForbidsError:
            assert earmarked and asia
            return
        except OverdrawnError:
            converted = money.convert(
                amount_in(currency, units), currency, "USD", Decimal(factories.RATES.get(currency, 1)), Decimal(1)
            )
            assert converted > free
            return
        assert not (earmarked and asia), "Africa-only money funded a request from Asia"
        assert allocation.fund_amount <= free
        self.allocations.append(allocation.pk)

    @rule(data=st.data())
    def spend(self, data: st.DataObject) -> None:
        if not self.allocations:
            return
        allocation = data.draw(st.sampled_from(self.allocations))
        units = data.draw(st.integers(1, 2_000_000))
        try:
            services.expenditure_record(
                actor=None,
                allocation=allocation,
                amount=amount_in("USD", units),
                currency="USD",
                spent_on=DAY,
                reference=self.key(),
            )
        except OverdrawnError:
            pass
        except Exception as exc:  # a released allocation
            assert "released" in str(exc)

    @rule(data=st.data())
    def reverse(self, data: st.DataObject) -> None:
        if not self.receipts:
            return
        receipt = Receipt.objects.get(pk=data.draw(st.sampled_from(self.receipts)))
        if receipt.reversed_at:
            return
        pot = ("earmark", str(receipt.earmark_id)) if receipt.earmark_id else ("fund", "CPCJF")
        free = services.account_balance(*pot)
        try:
            services.receipt_reverse(actor=None, receipt=receipt.pk, reason="entered in error", on=DAY)
        except OverdrawnError as exc:
            assert free < receipt.fund_amount
            assert "allocated" in exc.message
            return
        assert free >= receipt.fund_amount

    @rule(data=st.data())
    def release(self, data: st.DataObject) -> None:
        if not self.allocations:
            return
        allocation = data.draw(st.sampled_from(self.allocations))
        services.allocation_release(actor=None, allocation=allocation, on=DAY)
        self.allocations.remove(allocation)

    @rule(currency=st.sampled_from(CURRENCIES), units=st.integers(1, 1_000_000))
    def refund(self, currency: str, units: int) -> None:
        with contextlib.suppress(OverdrawnError):
            services.refund_record(
                actor=None,
                fund="CPCJF",
                donor="NOR",
                amount=amount_in(currency, units),
                currency=currency,
                refunded_on=DAY,
                reference=self.key(),
            )

    @invariant()
    def ledger_is_consistent(self) -> None:
        check = services.ledger_verify()
        assert check.ok, check.as_dict()

    @invariant()
    def earmarked_money_went_to_africa_only(self) -> None:
        assert not Allocation.objects.filter(earmark=self.africa, request=self.afghanistan).exists()

    @invariant()
    def usd_totals_reconcile(self) -> None:
        donor_usd = exact(LedgerEntry.objects.filter(account_kind="donor").aggregate(u=Sum("usd"))["u"])
        received = sum((r.usd_amount for r in Receipt.objects.filter(reversed_at=None)), Decimal(0))
        refunded = sum((r.usd_amount for r in Refund.objects.all()), Decimal(0))
        assert -donor_usd == received - refunded
        for row in LedgerEntry.objects.values("currency").annotate(total=Sum("amount")):
            assert exact(row["total"]) == 0, row  # no unit created or lost in any currency


@pytest.mark.django_db
def test_money_rules_hold_under_any_sequence_of_operations():
    run_state_machine_as_test(Ledger, settings=settings(max_examples=12, stateful_step_count=10, deadline=None))
