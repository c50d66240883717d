"""Worked examples of the sharing computation, computed by hand (pure, no Django).

Each example says the arithmetic in minor units, so a reader can check it without the code.
"""

from decimal import Decimal
from fractions import Fraction

import pytest

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

D = Decimal
CONF, COOP = Role.CONFISCATING, Role.COOPERATING


def shares(result) -> dict[str, str]:
    return {share["state"]: share["amount"] for share in result.as_contract()["shares"]}


def test_currency_minor_units_come_from_iso_4217():
    assert [find_currency(code).minor_unit for code in ("JPY", "USD", "KWD", "IQD", "CLF")] == [0, 2, 3, 3, 4]
    # babel (CLDR) would say 0 for IQD and HUF: ISO 4217 says 3 and 2.
    assert find_currency("HUF").minor_unit == 2
    assert find_currency("XYZ") is None and find_currency("usd") is None and find_currency("XAU") is None


def test_equal_three_ways_the_leftover_cent_goes_to_the_confiscating_party_on_a_tie():
    # 100.00 USD = 10000 cents; 10000 / 3 = 3333 1/3 each; 1 cent left; all discarded 1/3: tie -> CHE.
    result = compute_sharing(
        SharingCase(
            currency="USD",
            realised=D("100.00"),
            rule=SharingRule(RuleKind.EQUAL),
            parties=(Party("MLI", COOP), Party("CHE", CONF), Party("COL", COOP)),
        )
    )
    assert result.as_contract() == {
        "currency": "USD",
        "realised": "100.00",
        "returned": "0.00",
        "expenses": "0.00",
        "distributable": "100.00",
        "un_share": "0.00",
        "pool": "100.00",
        "shares": [
            {"state": "CHE", "amount": "33.34"},
            {"state": "COL", "amount": "33.33"},
            {"state": "MLI", "amount": "33.33"},
        ],
    }
    assert result.leftover_units == 1
    assert [s.discarded_units for s in result.shares] == [Fraction(1, 3)] * 3
    assert [s.extra_units for s in result.shares] == [1, 0, 0]


def test_a_tie_between_cooperating_parties_goes_by_iso3_code():
    # 0.10 USD = 10 cents; USA 50% = 5 exactly; MLI and COL 25% = 2.5 each; 1 cent left, tie at 0.5 -> COL.
    result = compute_sharing(
        SharingCase(
            currency="USD",
            realised=D("0.10"),
            rule=SharingRule(RuleKind.PERCENTAGES, percentages={"USA": D("0.5"), "MLI": D("0.25"), "COL": D("0.25")}),
            parties=(Party("USA", CONF), Party("MLI", COOP), Party("COL", COOP)),
        )
    )
    assert shares(result) == {"USA": "0.05", "COL": "0.03", "MLI": "0.02"}


def test_the_largest_discarded_fraction_beats_the_confiscating_party():
    # 1000 JPY, UN 10% = 100, pool 900. COL (major, tier 0.3339): 300.51 -> 300, cut .51;
    # FRA the rest 599.49 -> 599, cut .49. One yen left: COL (.51 > .49).
    result = compute_sharing(
        SharingCase(
            currency="JPY",
            realised=D("1000"),
            un_share=D("0.1"),
            rule=SharingRule(RuleKind.TIERED, tiers={"major": D("0.3339"), "minor": D("0.1")}),
            parties=(Party("FRA", CONF), Party("COL", COOP, "major")),
        )
    )
    contract = result.as_contract()
    assert (contract["un_share"], contract["pool"]) == ("100", "900")
    assert shares(result) == {"FRA": "599", "COL": "301"}
    assert result.shares[0].fraction == 1 - Fraction("0.3339")


def test_returns_and_expenses_come_off_first_and_the_un_share_is_rounded_down_in_kwd():
    # 10.000 KWD = 10000 fils; returns 1.234, expenses 0.766 -> distributable 8000 fils.
    # UN share 8000 x 0.03337 = 266.96 -> rounded DOWN to 266 (0.266), not to nearest 267.
    # pool 7734 fils, equal between KWT and USA: 3867 each, nothing left over.
    result = compute_sharing(
        SharingCase(
            currency="KWD",
            realised=D("10"),
            returns=(Return("victims", D("1.000")), Return("prior owner", D("0.234"))),
            expenses=(Expense("KWT", D("0.766")),),
            un_share=D("0.03337"),
            rule=SharingRule(RuleKind.EQUAL),
            parties=(Party("USA", COOP), Party("KWT", CONF)),
        )
    )
    assert result.as_contract() == {
        "currency": "KWD",
        "realised": "10.000",
        "returned": "1.234",
        "expenses": "0.766",
        "distributable": "8.000",
        "un_share": "0.266",
        "pool": "7.734",
        "shares": [{"state": "KWT", "amount": "3.867"}, {"state": "USA", "amount": "3.867"}],
    }


def test_several_leftover_units_go_one_at_a_time_in_priority_order():
    # 1.00 USD among 7 equally: 100/7 = 14 2/7 each; 98 handed out, 2 left; all tie at 2/7:
    # the confiscating ZAF first, then AUS (first ISO3 code).
    parties = (Party("ZAF", CONF),) + tuple(Party(code, COOP) for code in ("FRA", "ESP", "DEU", "CAN", "BRA", "AUS"))
    result = compute_sharing(
        SharingCase(currency="USD", realised=D("1.00"), rule=SharingRule(RuleKind.EQUAL), parties=parties)
    )
    assert shares(result) == {
        "ZAF": "0.15",
        "AUS": "0.15",
        "BRA": "0.14",
        "CAN": "0.14",
        "DEU": "0.14",
        "ESP": "0.14",
        "FRA": "0.14",
    }
    assert result.leftover_units == 2


def test_tiered_with_several_cooperating_parties_the_confiscating_party_gets_the_rest():
    # 938000.00 USD distributable (1 000 000 - 50 000 returned - 12 000 expenses); UN 10% = 93 800.00;
    # pool 844 200.00: COL major 0.5 = 422 100.00, MLI significant 0.3 = 253 260.00, CHE the rest 0.2.
    result = compute_sharing(
        SharingCase(
            currency="USD",
            realised=D("1000000.00"),
            returns=(Return("victims' fund", D("50000.00")),),
            expenses=(Expense("CHE", D("12000.00")),),
            un_share=D("0.10"),
            rule=SharingRule(RuleKind.TIERED, tiers={"major": D("0.5"), "significant": D("0.3")}),
            parties=(Party("CHE", CONF), Party("COL", COOP, "major"), Party("MLI", COOP, "significant")),
        )
    )
    assert shares(result) == {"CHE": "168840.00", "COL": "422100.00", "MLI": "253260.00"}


def test_a_tier_table_whose_shares_sum_to_one_hands_out_the_whole_pool():
    result = compute_sharing(
        SharingCase(
            currency="EUR",
            realised=D("10.00"),
            rule=SharingRule(RuleKind.TIERED, tiers={"major": D("0.6"), "significant": D("0.4")}),
            parties=(Party("DEU", CONF), Party("ITA", COOP, "major")),
        )
    )
    assert shares(result) == {"DEU": "4.00", "ITA": "6.00"}


def test_every_step_is_recorded_in_order_for_a_page():
    result = compute_sharing(
        SharingCase(
            currency="USD",
            realised=D("100.00"),
            returns=(Return("owner", D("10.00")),),
            expenses=(Expense("CHE", D("5.00")),),
            un_share=D("0.2"),
            rule=SharingRule(RuleKind.EQUAL),
            parties=(Party("CHE", CONF), Party("COL", COOP)),
        )
    )
    steps = result.steps_as_dicts()
    assert [(s["code"], s["amount"]) for s in steps] == [
        ("realised", "100.00"),
        ("return", "10.00"),
        ("returned", "10.00"),
        ("expense", "5.00"),
        ("expenses", "5.00"),
        ("distributable", "85.00"),
        ("un_share", "17.00"),
        ("pool", "68.00"),
        ("share", "34.00"),
        ("share", "34.00"),
    ]
    assert steps[1]["params"] == {"to": "owner"} and steps[3]["params"] == {"party": "CHE"}
    assert steps[6]["params"] == {"rate": "0.2"}
    assert steps[8]["params"] == {
        "state": "CHE",
        "role": "confiscating",
        "contribution": None,
        "fraction": "1/2",
        "rounded_down": "34.00",
        "discarded_units": "0",
        "extra_units": 0,
    }


def test_nothing_to_share_gives_zero_shares():
    result = compute_sharing(
        SharingCase(
            currency="USD",
            realised=D("50.00"),
            returns=(Return("owner", D("50.00")),),
            rule=SharingRule(RuleKind.EQUAL),
            parties=(Party("CHE", CONF), Party("COL", COOP)),
        )
    )
    assert result.as_contract()["pool"] == "0.00"
    assert shares(result) == {"CHE": "0.00", "COL": "0.00"}


def test_a_whole_un_share_leaves_an_empty_pool():
    result = compute_sharing(
        SharingCase(
            currency="JPY",
            realised=D("999"),
            un_share=D("1"),
            rule=SharingRule(RuleKind.EQUAL),
            parties=(Party("JPN", CONF), Party("THA", COOP)),
        )
    )
    assert (result.as_contract()["un_share"], result.as_contract()["pool"]) == ("999", "0")


@pytest.mark.parametrize(
    ("amount", "text"), [(D("1E+3"), "1000.00"), (D("7.5"), "7.50"), (D("0"), "0.00"), (D("12.300"), "12.30")]
)
def test_amounts_are_printed_with_exactly_the_minor_unit(amount, text):
    result = compute_sharing(
        SharingCase(currency="USD", realised=amount, rule=SharingRule(RuleKind.EQUAL), parties=(Party("CHE", CONF),))
    )
    assert result.as_contract()["realised"] == text == result.as_contract()["shares"][0]["amount"]


def test_the_computation_imports_no_django():
    import subprocess
    import sys

    code = "import sys, tcdesk.assets.sharing; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
