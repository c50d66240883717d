"""Flows donor → fund → country: money transferred between funds stays its first donors' money, counted
once, and every allocation's dollars add up exactly across its donors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tcdesk.funds import money, selectors, services
from tcdesk.funds.tests import factories
from tcdesk.funds.tests.factories import DAY

pytestmark = pytest.mark.django_db


def give(donor: str, fund: str, amount: str, reference: str) -> None:
    services.receipt_record(
        actor=None, fund=fund, donor=donor, amount=Decimal(amount), currency="USD", received_on=DAY, reference=reference
    )


def allocate(fund: str, amount: str, request, key: str) -> None:
    services.allocation_create(
        actor=None,
        fund=fund,
        earmark=None,
        amount=Decimal(amount),
        currency="USD",
        request=request.pk,
        idempotency_key=key,
        on=DAY,
    )


def by_donor(rows, fund: str) -> dict[str, Decimal]:
    found: dict[str, Decimal] = {}
    for row in rows:
        if row["fund"] == fund:
            found[row["donor"]] = found.get(row["donor"], Decimal(0)) + row["usd"]
    return found


def test_a_transfer_is_attributed_to_the_donors_of_the_fund_it_came_from(rates):
    for code in ("CPCJF", "UNTOC-30", "UNCAC-62"):
        factories.fund(code)
    give("NOR", "CPCJF", "1000", "R-1")
    give("DEU", "UNTOC-30", "400", "R-2")
    services.transfer_record(
        actor=None, source="CPCJF", target="UNTOC-30", amount=Decimal("600"), transferred_on=DAY, reference="T-1"
    )
    services.transfer_record(
        actor=None, source="UNTOC-30", target="UNCAC-62", amount=Decimal("300"), transferred_on=DAY, reference="T-2"
    )
    mali, niger, chad = (factories.accepted_request(c) for c in ("MLI", "NER", "TCD"))
    allocate("CPCJF", "400", mali, "a-1")
    allocate("UNTOC-30", "700", niger, "a-2")
    allocate("UNCAC-62", "300", chad, "a-3")
    rows = selectors.flows()
    assert by_donor(rows, "CPCJF") == {"NOR": Decimal("400.00")}
    # UNTOC-30 held 400 from DEU and 600 from NOR (through CPCJF): 4/10 and 6/10 of what it allocates.
    assert by_donor(rows, "UNTOC-30") == {"DEU": Decimal("280.00"), "NOR": Decimal("420.00")}
    # UNCAC-62 has no donor of its own: its money is NOR's and DEU's, through two transfers.
    assert by_donor(rows, "UNCAC-62") == {"DEU": Decimal("120.00"), "NOR": Decimal("180.00")}
    # Counted once: the donors' flows add up to what was allocated, not more.
    assert sum(r["usd"] for r in rows) == Decimal("1400.00")
    assert {r["country"] for r in rows if r["fund"] == "UNCAC-62"} == {"TCD"}
    assert all(r["donor"] for r in rows)
    # One State's flows (its public page) are its rows of the whole, with the same attribution.
    assert selectors.flows(country="NER") == [r for r in rows if r["country"] == "NER"]
    assert selectors.flows(country="NOR") == []


def test_a_refund_reduces_the_donors_share(rates):
    factories.fund("CPCJF")
    give("NOR", "CPCJF", "1000", "R-1")
    give("DEU", "CPCJF", "1000", "R-2")
    services.refund_record(
        actor=None, fund="CPCJF", donor="DEU", amount=Decimal("500"), currency="USD", refunded_on=DAY, reference="F-1"
    )
    allocate("CPCJF", "300", factories.accepted_request(), "a-1")
    assert by_donor(selectors.flows(), "CPCJF") == {"DEU": Decimal("100.00"), "NOR": Decimal("200.00")}


@settings(max_examples=200, deadline=None)
@given(
    cents=st.integers(min_value=0, max_value=10**9),
    weights=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=7),
    currency=st.sampled_from(["USD", "JPY", "KWD"]),
)
def test_a_split_never_creates_or_loses_a_unit(cents, weights, currency):
    amount = Decimal(cents).scaleb(-money.minor_unit(currency))
    total = sum(weights)
    shares = [Decimal(w) / Decimal(total) for w in weights]
    parts = money.split(amount, shares, currency)
    assert sum(parts) == amount
    assert all(money.fits_minor_unit(p, currency) and p >= 0 for p in parts)
