"""Bad input is refused with an error naming the field and the rule (pure, no Django)."""

from dataclasses import replace
from decimal import Decimal

import pytest

from tcdesk.assets.sharing import (
    Expense,
    Party,
    Return,
    Role,
    RuleKind,
    SharingCase,
    SharingError,
    SharingRule,
    case_from_document,
    compute_sharing,
    load_document,
)

D = Decimal
CONF, COOP = Role.CONFISCATING, Role.COOPERATING
GOOD = SharingCase(
    currency="USD",
    realised=D("1000.00"),
    rule=SharingRule(RuleKind.EQUAL),
    parties=(Party("CHE", CONF), Party("COL", COOP, "major")),
)


def refused(case: SharingCase, **kwargs) -> SharingError:
    with pytest.raises(SharingError) as info:
        compute_sharing(case, **kwargs)
    return info.value


def test_the_good_case_is_accepted():
    assert compute_sharing(GOOD).as_contract()["pool"] == "1000.00"


def test_it_refuses_percentages_that_do_not_sum_to_exactly_one():
    rule = SharingRule(RuleKind.PERCENTAGES, percentages={"CHE": D("0.6"), "COL": D("0.3999")})
    error = refused(replace(GOOD, rule=rule))
    assert (error.field, error.kind) == ("rule.percentages", "percentages_not_one")
    assert str(error) == "rule.percentages: the percentages sum to 0.9999, not exactly 1"


def test_percentages_are_summed_exactly_beyond_the_decimal_context_precision():
    # 40 significant digits: a Decimal sum at the default 28-digit precision would round these.
    third = D("0." + "3" * 39 + "1")
    rest = D("0." + "6" * 39 + "9")
    ok = SharingRule(RuleKind.PERCENTAGES, percentages={"CHE": third, "COL": rest})
    assert compute_sharing(replace(GOOD, rule=ok)).as_contract()["pool"] == "1000.00"
    off = SharingRule(
        RuleKind.PERCENTAGES, percentages={"CHE": third, "COL": D("0." + "6" * 38 + "70")}
    )  # rest + 1E-40
    assert str(refused(replace(GOOD, rule=off))) == (
        "rule.percentages: the percentages sum to 1." + "0" * 39 + "1, not exactly 1"
    )


def test_huge_amounts_stay_exact():
    realised = D("123456789012345678901234567890.12")  # 32 digits, beyond the 28-digit context
    result = compute_sharing(replace(GOOD, realised=realised))
    assert result.as_contract()["pool"] == "123456789012345678901234567890.12"
    assert [s["amount"] for s in result.as_contract()["shares"]] == [
        "61728394506172839450617283945.06",
        "61728394506172839450617283945.06",
    ]


def test_it_refuses_a_percentage_for_a_non_party_and_a_party_without_one():
    rule = SharingRule(RuleKind.PERCENTAGES, percentages={"CHE": D("0.5"), "MLI": D("0.5")})
    assert refused(replace(GOOD, rule=rule)).field == "rule.percentages.MLI"
    rule = SharingRule(RuleKind.PERCENTAGES, percentages={"CHE": D("1")})
    error = refused(replace(GOOD, rule=rule))
    assert (error.field, error.kind) == ("rule.percentages.COL", "missing_percentage")
    assert refused(replace(GOOD, rule=SharingRule(RuleKind.PERCENTAGES))).kind == "missing_percentages"


def test_it_refuses_returns_and_expenses_above_the_realised_amount():
    case = replace(GOOD, returns=(Return("owner", D("600.00")),), expenses=(Expense("CHE", D("400.01")),))
    error = refused(case)
    assert error.kind == "deductions_above_realised"
    assert str(error) == (
        "returns, expenses: returns (600.00) and expenses (400.01) add up to 1000.01, "
        "above the realised amount (1000.00)"
    )
    # exactly the realised amount is allowed: nothing is left to share
    ok = replace(GOOD, returns=(Return("owner", D("600.00")),), expenses=(Expense("CHE", D("400.00")),))
    assert compute_sharing(ok).as_contract()["distributable"] == "0.00"


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("XYZ", "unknown_currency"),
        ("usd", "currency_format"),
        ("US", "currency_format"),
        ("XAU", "currency_without_minor_unit"),
        ("XXX", "currency_without_minor_unit"),
        ("DEM", "unknown_currency"),  # withdrawn: not in the current list
    ],
)
def test_it_refuses_an_unknown_currency(code, kind):
    error = refused(replace(GOOD, currency=code))
    assert (error.field, error.kind) == ("currency", kind)


@pytest.mark.parametrize("code", ["XXX", "chE", "ZZZ", "EU", ""])
def test_it_refuses_an_unknown_state(code):
    error = refused(replace(GOOD, parties=(Party("CHE", CONF), Party(code, COOP))))
    assert (error.field, error.kind) == ("parties[1].state", "unknown_state")
    error = refused(replace(GOOD, expenses=(Expense(code, D("1.00")),)))
    assert (error.field, error.kind) == ("expenses[0].party", "unknown_state")


def test_the_known_states_can_be_passed_in_for_example_a_regional_organisation():
    case = replace(GOOD, parties=(Party("CHE", CONF), Party("EU", COOP)))
    result = compute_sharing(case, known_states={"CHE", "EU"})
    assert [s.state for s in result.shares] == ["CHE", "EU"]
    assert refused(GOOD, known_states={"CHE"}).field == "parties[1].state"


def test_it_refuses_tiers_of_several_cooperating_parties_summing_above_one():
    rule = SharingRule(RuleKind.TIERED, tiers={"major": D("0.4"), "minor": D("0.3")})
    parties = (
        Party("CHE", CONF),
        Party("COL", COOP, "major"),
        Party("MLI", COOP, "major"),
        Party("PER", COOP, "minor"),
    )
    error = refused(replace(GOOD, rule=rule, parties=parties))
    assert (error.field, error.kind) == ("rule.tiers", "tiers_above_one")
    assert str(error) == (
        "rule.tiers: the tiers of the cooperating parties sum to 1.1, above 1 "
        "(COL major 0.4, MLI major 0.4, PER minor 0.3)"
    )
    assert error.params["total"] == "1.1" and error.params["applied"][2] == {
        "state": "PER",
        "level": "minor",
        "tier": "0.3",
    }
    # exactly 1 is allowed: the confiscating party keeps nothing
    ok = replace(GOOD, rule=rule, parties=parties[:2] + (Party("PER", COOP, "minor"), Party("BOL", COOP, "minor")))
    assert {s.state: str(s.amount) for s in compute_sharing(ok).shares}["CHE"] == "0.00"


def test_it_refuses_a_single_tier_above_one_or_negative():
    for value in ("1.01", "-0.1"):
        rule = SharingRule(RuleKind.TIERED, tiers={"major": D(value)})
        error = refused(replace(GOOD, rule=rule))
        assert (error.field, error.kind) == ("rule.tiers.major", "share_out_of_range")


def test_it_refuses_a_level_with_no_tier_and_a_cooperating_party_without_level():
    rule = SharingRule(RuleKind.TIERED, tiers={"significant": D("0.3")})
    error = refused(replace(GOOD, rule=rule))
    assert (error.field, error.kind) == ("parties[1].contribution", "level_without_tier")
    assert str(error) == "parties[1].contribution: level 'major' of COL has no tier in rule.tiers"
    error = refused(replace(GOOD, rule=rule, parties=(Party("CHE", CONF), Party("COL", COOP))))
    assert (error.field, error.kind) == ("parties[1].contribution", "missing_contribution")
    assert refused(replace(GOOD, rule=SharingRule(RuleKind.TIERED))).kind == "missing_tiers"


def test_it_refuses_no_confiscating_party_and_two_of_them():
    error = refused(replace(GOOD, parties=(Party("CHE", COOP), Party("COL", COOP))))
    assert (error.field, error.kind) == ("parties", "no_confiscating_party")
    assert str(error) == "parties: no party has the role confiscating"
    error = refused(replace(GOOD, parties=(Party("CHE", CONF), Party("COL", CONF))))
    assert error.kind == "several_confiscating_parties"
    assert refused(replace(GOOD, parties=())).kind == "no_parties"


def test_it_refuses_duplicate_parties():
    error = refused(replace(GOOD, parties=(Party("CHE", CONF), Party("COL", COOP), Party("COL", COOP))))
    assert (error.field, error.kind) == ("parties[2].state", "duplicate_party")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"realised": D("-0.01")}, "realised"),
        ({"returns": (Return("owner", D("-1")),)}, "returns[0].amount"),
        ({"expenses": (Expense("CHE", D("-1")),)}, "expenses[0].amount"),
    ],
)
def test_it_refuses_negative_amounts(change, field):
    error = refused(replace(GOOD, **change))
    assert (error.field, error.kind) == (field, "negative_amount")


@pytest.mark.parametrize("rate", ["-0.1", "1.5", "NaN"])
def test_it_refuses_a_un_share_outside_zero_to_one(rate):
    assert refused(replace(GOOD, un_share=D(rate))).field == "un_share"


def test_it_refuses_amounts_finer_than_the_minor_unit():
    error = refused(replace(GOOD, realised=D("1.001")))
    assert (error.field, error.kind) == ("realised", "below_minor_unit")
    assert str(error) == "realised: 1.001 has more decimals than USD allows (2)"
    assert refused(replace(GOOD, currency="JPY", realised=D("100.5"))).kind == "below_minor_unit"
    # trailing zeros are not finer: 100.00 JPY is 100 yen
    assert compute_sharing(replace(GOOD, currency="JPY", realised=D("100.00"))).as_contract()["realised"] == "100"


def test_it_refuses_an_unknown_rule_or_role():
    assert refused(replace(GOOD, rule=SharingRule("fifty-fifty"))).field == "rule.kind"  # type: ignore[arg-type]
    error = refused(replace(GOOD, parties=(Party("CHE", CONF), Party("COL", "helper"))))  # type: ignore[arg-type]
    assert (error.field, error.kind) == ("parties[1].role", "unknown_role")


def test_it_refuses_a_return_without_recipient():
    assert refused(replace(GOOD, returns=(Return(" ", D("1")),))).field == "returns[0].to"


# The JSON document of the command


def test_the_document_is_read_with_exact_numbers():
    document = load_document(
        '{"currency": "USD", "realised": 0.1, "un_share": null, "rule": {"kind": "equal"},'
        ' "parties": [{"state": "CHE", "role": "confiscating"}], "note": "extra keys are ignored"}'
    )
    case = case_from_document(document)
    assert case.realised == D("0.1") and case.un_share is None and case.returns == ()


@pytest.mark.parametrize(
    ("text", "field", "kind"),
    [
        ("{", "(document)", "not_json"),
        ('{"realised": NaN}', "(document)", "not_json"),
        ("[]", "(document)", "not_an_object"),
        ('{"realised": "1", "rule": {"kind": "equal"}, "parties": []}', "currency", "missing_field"),
        (
            '{"currency": "USD", "realised": "ten", "rule": {"kind": "equal"}, "parties": []}',
            "realised",
            "not_a_number",
        ),
        ('{"currency": "USD", "realised": true, "rule": {"kind": "equal"}, "parties": []}', "realised", "not_a_number"),
        ('{"currency": "USD", "realised": "1", "rule": {}, "parties": []}', "rule.kind", "missing_field"),
        ('{"currency": "USD", "realised": "1", "rule": {"kind": "equal"}, "parties": {}}', "parties", "not_a_list"),
        (
            '{"currency": "USD", "realised": "1", "rule": {"kind": "equal"}, "parties": [{"role": "confiscating"}]}',
            "parties[0].state",
            "missing_field",
        ),
        (
            '{"currency": "USD", "realised": "1", "rule": {"kind": "percentages", "percentages": {"CHE": "half"}},'
            ' "parties": []}',
            "rule.percentages.CHE",
            "not_a_number",
        ),
        (
            '{"currency": "USD", "realised": "1", "returns": [{"to": "x"}], "rule": {"kind": "equal"}, "parties": []}',
            "returns[0].amount",
            "missing_field",
        ),
    ],
)
def test_it_refuses_a_malformed_document_naming_the_field(text, field, kind):
    with pytest.raises(SharingError) as info:
        case_from_document(load_document(text))
    assert (info.value.field, info.value.kind) == (field, kind)


def test_it_refuses_a_tier_table_summing_above_one_even_when_one_tier_is_used():
    rule = SharingRule(RuleKind.TIERED, tiers={"major": D("0.6"), "significant": D("0.5")})
    parties = (Party("CHE", CONF), Party("COL", COOP, "major"))
    error = refused(replace(GOOD, rule=rule, parties=parties))
    assert (error.field, error.kind) == ("rule.tiers", "tier_table_above_one")
    assert str(error) == "rule.tiers: the tiers sum to 1.1, above 1 (major 0.6, significant 0.5)"
