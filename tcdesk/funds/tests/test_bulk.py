"""The bulk posting path: the same rules as one posting at a time (balanced, minor units, closed periods,
idempotency, never below zero), all or nothing, and no overdraw under concurrency (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections

from tcdesk.funds import services
from tcdesk.funds.errors import OverdrawnError
from tcdesk.funds.models import LedgerEntry, LedgerTransaction
from tcdesk.funds.money import Leg
from tcdesk.funds.services.bulk import Posting, ledger_post_many
from tcdesk.funds.services.ledger import LedgerImbalance
from tcdesk.funds.tests import factories
from tcdesk.funds.tests.factories import DAY

D = Decimal


def receipt(n: int, amount: str, fund: str = "CPCJF") -> Posting:
    value = D(amount)
    return Posting(
        kind="receipt",
        occurred_on=DAY,
        idempotency_key=f"bulk-r-{n}",
        legs=[Leg("donor", "NOR", fund, -value, "USD", -value), Leg("fund", fund, fund, value, "USD", value)],
    )


def allocation(n: int, amount: str, fund: str = "CPCJF") -> Posting:
    value = D(amount)
    return Posting(
        kind="allocation",
        occurred_on=DAY,
        idempotency_key=f"bulk-a-{n}",
        legs=[Leg("fund", fund, fund, -value, "USD", -value), Leg("allocation", f"x{n}", fund, value, "USD", value)],
    )


@pytest.mark.django_db
def test_many_postings_at_once_balance_and_verify(cpcjf):
    postings = [receipt(n, "100") for n in range(50)] + [allocation(n, "99.99") for n in range(50)]
    posted = ledger_post_many(actor=None, postings=postings)
    assert len(posted) == 100 and LedgerTransaction.objects.filter(pk__in=posted).count() == 100
    assert LedgerEntry.objects.count() == 200
    assert services.account_balance("fund", "CPCJF") == D("0.50")
    again = ledger_post_many(actor=None, postings=postings[:3])  # repeated keys: the same transactions
    assert again == posted[:3] and LedgerTransaction.objects.count() == 100
    assert services.ledger_verify().ok


@pytest.mark.django_db
def test_a_draw_below_zero_anywhere_in_the_batch_posts_nothing(cpcjf):
    ledger_post_many(actor=None, postings=[receipt(0, "100")])
    with pytest.raises(OverdrawnError) as refused:
        ledger_post_many(actor=None, postings=[allocation(1, "60"), allocation(2, "60"), receipt(3, "500")])
    assert "bulk-a-2" in refused.value.message and "fund:CPCJF" in refused.value.message
    assert LedgerTransaction.objects.count() == 1 and services.account_balance("fund", "CPCJF") == D("100")


@pytest.mark.django_db
def test_unbalanced_off_unit_repeated_or_closed_postings_are_refused_whole(cpcjf):
    good = receipt(0, "10")
    unbalanced = Posting("receipt", DAY, "u", [Leg("fund", "CPCJF", "CPCJF", D("1"), "USD", D("1"))])
    off_unit = Posting(
        "receipt",
        DAY,
        "o",
        [Leg("donor", "JP", "", D("-1.5"), "JPY", D("-0.01")), Leg("fund", "F", "F", D("1.5"), "JPY", D("0.01"))],
    )
    for bad in ([good, unbalanced], [good, off_unit], [good, good]):
        with pytest.raises(LedgerImbalance):
            ledger_post_many(actor=None, postings=bad)
    services.period_close(actor=None, through=DAY)
    with pytest.raises(ValidationError) as closed:
        ledger_post_many(actor=None, postings=[receipt(9, "1")])
    assert "closed through 2026-03-10" in closed.value.message_dict["date"][0]
    assert not LedgerTransaction.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_bulk_posts_and_allocations_never_overdraw(request):
    """Real threads with their own connections: 10 bulk posts of 5 draws of 30 and 10 single allocations
    of 30 against 1,000 USD. The locks serialise them: exactly 1,000 // 30 draws pass, in whole batches."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; row locks are exercised on PostgreSQL (CI's PostgreSQL pass).")
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(request.getfixturevalue("reference_data_snapshot"))
    factories.rates()
    factories.fund("CPCJF")
    ledger_post_many(actor=None, postings=[receipt(0, "1000")])
    ta_request = factories.accepted_request()
    barrier = threading.Barrier(20)
    outcomes: list[str] = []

    def bulk(n: int) -> None:
        try:
            barrier.wait()
            ledger_post_many(actor=None, postings=[allocation(n * 10 + i, "30") for i in range(5)])
            outcomes.append("bulk")
        except OverdrawnError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    def single(n: int) -> None:
        try:
            barrier.wait()
            services.allocation_create(
                actor=None,
                fund="CPCJF",
                earmark=None,
                amount=D("30"),
                currency="USD",
                request=ta_request.pk,
                idempotency_key=f"single-{n}",
                on=DAY,
            )
            outcomes.append("single")
        except OverdrawnError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=bulk, args=(n,)) for n in range(10)]
    threads += [threading.Thread(target=single, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    draws = outcomes.count("bulk") * 5 + outcomes.count("single")
    free = services.account_balance("fund", "CPCJF")
    assert free == D("1000") - 30 * draws and free >= 0
    assert free < 30 * 5  # no whole batch could still fit
    assert services.ledger_verify().ok


@pytest.mark.django_db
def test_a_donor_giving_to_two_funds_is_carried_forward_per_fund(cpcjf):
    """A donor's account holds entries of each fund it gave to: closing a period carries one balance per
    fund (it used to refuse the second one), and verify_ledger re-derives them."""
    factories.fund("UNTOC-30")
    for n, fund in enumerate(("CPCJF", "UNTOC-30")):
        services.receipt_record(
            actor=None, fund=fund, donor="NOR", amount=D("100"), currency="USD", received_on=DAY, reference=f"R-{n}"
        )
    services.period_close(actor=None, through=DAY)
    assert services.account_balance("donor", "NOR", until=DAY + dt.timedelta(days=1)) == D("-200")
    check = services.ledger_verify()
    assert check.ok and check.carried_balances == 4, check.as_dict()
