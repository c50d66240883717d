"""Invariants of the sharing computation, for any valid case (hypothesis; pure, no Django)."""

import math
from dataclasses import replace
from decimal import Decimal, localcontext
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from tcdesk.assets.sharing import (
    Expense,
    Party,
    Return,
    Role,
    RuleKind,
    SharingCase,
    SharingRule,
    compute_sharing,
    find_currency,
)

# One currency per minor unit ISO 4217 uses: 0, 2, 3 and 4 decimals.
CURRENCIES = ("JPY", "USD", "KWD", "CLF")
STATES = ("ARG", "BOL", "CHE", "COL", "DEU", "FRA", "MLI", "NGA", "PER", "UKR", "USA", "ZAF")


def amount(units: int, currency: str) -> Decimal:
    return Decimal(units).scaleb(-find_currency(currency).minor_unit)


def exact_percentages(weights: list[int], digits: int) -> list[Decimal]:
    """Percentages summing to exactly 1: each weight's share cut to `digits` decimals, the last takes the rest.

    Built from text, never with `Decimal.scaleb` or arithmetic under the default context: those round
    to 28 significant digits, so a 29- or 30-decimal cut could round *up* and leave the last party a
    negative rest (weights 1, 1, 4, 0 at 29 decimals gave -1E-28), which the computation rightly refuses.
    """
    total = sum(weights)
    decimals = [Decimal(f"{math.floor(Fraction(w, total) * 10**digits)}E-{digits}") for w in weights[:-1]]
    with localcontext(prec=100):  # exact: 30-decimal amounts below 1 have at most 31 digits
        decimals.append(Decimal(1) - sum(decimals, Decimal(0)))
    return decimals


@st.composite
def cases(draw) -> SharingCase:
    currency = draw(st.sampled_from(CURRENCIES))
    realised = draw(st.integers(min_value=0, max_value=10**15))
    deductions = draw(st.lists(st.integers(min_value=0, max_value=realised), max_size=4))
    if sum(deductions) > realised:  # scale down so the deductions never exceed what was realised
        deductions = [d * realised // sum(deductions) for d in deductions]
    split = draw(st.integers(min_value=0, max_value=len(deductions)))
    returns = tuple(Return(f"owner {i}", amount(d, currency)) for i, d in enumerate(deductions[:split]))
    states = draw(st.lists(st.sampled_from(STATES), min_size=1, max_size=8, unique=True))
    expenses = tuple(Expense(states[i % len(states)], amount(d, currency)) for i, d in enumerate(deductions[split:]))
    un_share = draw(st.none() | st.integers(min_value=0, max_value=10**6).map(lambda n: Decimal(n).scaleb(-6)))
    confiscating = draw(st.integers(min_value=0, max_value=len(states) - 1))
    kind = draw(st.sampled_from(list(RuleKind)))
    cooperating = len(states) - 1
    levels = ("major", "significant", "facilitating")
    # each tier at most 1/(levels × cooperating parties): neither the table nor what is handed out exceeds 1
    cap = 10**6 // (len(levels) * max(cooperating, 1))
    tiers = {level: Decimal(draw(st.integers(min_value=0, max_value=cap))).scaleb(-6) for level in levels}
    parties = tuple(
        Party(state, Role.CONFISCATING)
        if i == confiscating
        else Party(state, Role.COOPERATING, draw(st.sampled_from(levels)))
        for i, state in enumerate(states)
    )
    weights = draw(st.lists(st.integers(min_value=0, max_value=1000), min_size=len(states), max_size=len(states)))
    if sum(weights) == 0:
        weights[0] = 1
    digits = draw(st.integers(min_value=1, max_value=30))
    percentages = exact_percentages(weights, digits)
    rule = SharingRule(
        kind,
        percentages=dict(zip(states, percentages, strict=True)) if kind == RuleKind.PERCENTAGES else {},
        tiers=tiers if kind == RuleKind.TIERED else {},
    )
    return SharingCase(
        currency=currency,
        realised=amount(realised, currency),
        returns=returns,
        expenses=expenses,
        un_share=un_share,
        rule=rule,
        parties=parties,
    )


@settings(max_examples=300, deadline=None)
@given(cases())
def test_shares_always_sum_exactly_to_the_pool_and_the_money_adds_up(case):
    result = compute_sharing(case)
    assert sum(s.amount for s in result.shares) == result.pool
    assert result.returned + result.expenses + result.un_share + result.pool == result.realised
    exponent = -find_currency(case.currency).minor_unit
    for value in (result.pool, result.un_share, *(s.amount for s in result.shares)):
        assert value.as_tuple().exponent == exponent  # written in whole minor units


@settings(max_examples=300, deadline=None)
@given(cases())
def test_no_party_gets_a_negative_share_nor_more_than_one_unit_off_its_exact_share(case):
    result = compute_sharing(case)
    unit = Decimal(1).scaleb(-result.minor_unit)
    for share in result.shares:
        assert share.amount >= 0
        assert share.rounded_down_units <= share.exact_units < share.rounded_down_units + 1
        assert share.amount - share.rounded_down_units * unit in (0, unit)
    assert 0 <= result.leftover_units < len(result.shares)
    assert result.un_share >= 0


@settings(max_examples=200, deadline=None)
@given(cases(), st.randoms(use_true_random=False))
def test_the_order_of_parties_in_the_input_does_not_change_the_result(case, random):
    parties = list(case.parties)
    random.shuffle(parties)
    percentages = list(case.rule.percentages.items())
    random.shuffle(percentages)
    shuffled = replace(case, parties=tuple(parties), rule=replace(case.rule, percentages=dict(percentages)))
    assert compute_sharing(shuffled).as_contract() == compute_sharing(case).as_contract()


@settings(max_examples=200, deadline=None)
@given(cases())
def test_leftover_units_go_to_the_largest_discarded_fractions(case):
    result = compute_sharing(case)
    given_extra = [s for s in result.shares if s.extra_units]
    left_out = [s for s in result.shares if not s.extra_units]
    if given_extra and left_out:
        assert min(s.discarded_units for s in given_extra) >= max(s.discarded_units for s in left_out)


def test_percentages_cut_to_more_digits_than_the_default_context_still_sum_to_one_and_are_shared():
    """Regression: the strategy once rounded 29-decimal cuts to 28 digits, leaving a negative rest."""
    percentages = exact_percentages([1, 1, 4, 0], 29)
    assert all(p >= 0 for p in percentages) and sum(map(Fraction, percentages)) == 1
    states = ("CHE", "COL", "MLI", "UKR")
    case = SharingCase(
        currency="USD",
        realised=Decimal("1000.00"),
        rule=SharingRule(RuleKind.PERCENTAGES, percentages=dict(zip(states, percentages, strict=True))),
        parties=(Party("CHE", Role.CONFISCATING), *(Party(s, Role.COOPERATING) for s in states[1:])),
    )
    result = compute_sharing(case)
    assert sum(s.amount for s in result.shares) == result.pool == Decimal("1000.00")
