"""Why a request is not funded, how much more money would fund it, and which rules conflict."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import HealthCheck, given, settings

from tcdesk.planning.optimiser import Reason, RuleKind, RuleRef, Scenario, Source, Status, solve

from . import brute_force
from .builders import request, scenario, source
from .strategies import scenarios


def shortfall_of(result, request_id):
    plan = result.plan
    for item in plan.unfunded:
        if item.request == request_id:
            return item
    for item in plan.funded:
        if item.request == request_id:
            return item.shortfall
    raise AssertionError(f"{request_id} is fully funded")


# -- unfunded requests ----------------------------------------------------------------------------


def test_a_must_not_fund_request_is_unfunded_for_that_reason_and_money_is_not_the_question():
    result = solve(
        scenario([request("R1", "100.00", 5), request("R2", "50.00", 1)], [source("S", "500.00")], must_not_fund=["R1"])
    )
    item = shortfall_of(result, "R1")
    assert item.reason is Reason.MUST_NOT_FUND
    assert item.more_money is None
    assert item.rule == RuleRef(RuleKind.MUST_NOT_FUND, "R1")


def test_a_request_no_source_may_fund_needs_its_whole_cost_in_new_money():
    result = solve(
        scenario(
            [request("R1", "80.00", 5, themes=["terrorism"]), request("R2", "50.00", 1)],
            [source("S", "500.00", themes=["corruption"])],
        )
    )
    item = shortfall_of(result, "R1")
    assert item.reason is Reason.NO_ELIGIBLE_MONEY
    assert item.more_money == Decimal("80.00")
    assert item.detail.startswith("No source may fund it")


def test_eligible_money_used_by_better_requests_is_counted_after_moving_their_draws():
    # R1 (Africa) draws on the Africa earmark or the general fund; R2 (Americas) on the general fund
    # only. Whatever the solver's draws, the general money R1 could leave to R2 counts as free for R2.
    result = solve(
        scenario(
            [
                request("R1", "60.00", 10, country="MLI"),
                request("R2", "70.00", 9, country="COL"),
                request("R3", "50.00", 1, country="PER"),
            ],
            [source("GENERAL", "100.00"), source("AFRICA", "60.00", regions=["Africa"])],
        ),
        mip_gap=0,
    )
    assert {item.request for item in result.plan.funded} == {"R1", "R2"}
    item = shortfall_of(result, "R3")
    assert item.reason is Reason.NO_ELIGIBLE_MONEY
    assert item.more_money == Decimal("20.00")  # 30.00 of the general fund is still free for it
    assert "USD 30.00 is still free" in item.detail


def test_a_request_over_its_countrys_cap_is_explained_by_the_cap():
    result = solve(
        scenario(
            [request("R1", "100.00", 10, country="UKR"), request("R2", "80.00", 9, country="UKR")],
            [source("S", "500.00")],
            country_cap="150.00",
        )
    )
    item = shortfall_of(result, "R2")
    assert item.reason is Reason.COUNTRY_CAP
    assert item.rule == RuleRef(RuleKind.COUNTRY_CAP, "UKR")
    assert item.more_money == Decimal("0.00")  # money is not what stops it
    assert "UKR already receives USD 100.00" in item.detail


def test_a_request_a_maximum_theme_share_holds_back_names_the_rule():
    result = solve(
        scenario(
            [
                request("R1", "100.00", 10, themes=["corruption"]),
                request("R2", "100.00", 1, themes=["trafficking"]),
                request("R3", "100.00", 9, themes=["corruption"]),
            ],
            [source("S", "300.00")],
            max_share_theme={"corruption": "0.5"},
        ),
        mip_gap=0,
    )
    assert {item.request for item in result.plan.funded} == {"R1", "R2"}
    item = shortfall_of(result, "R3")
    assert item.reason is Reason.SHARE_RULE
    assert item.rule == RuleRef(RuleKind.MAX_SHARE_THEME, "corruption")
    assert "at most 50 %" in item.detail


def test_a_minimum_group_share_holds_back_requests_outside_the_group():
    result = solve(
        scenario(
            [
                request("R1", "100.00", 10, country="MLI", groups=["LDC"]),
                request("R2", "100.00", 9, country="COL"),
                request("R3", "100.00", 8, country="PER"),
            ],
            [source("S", "300.00")],
            min_share={"LDC": "0.5"},
        ),
        mip_gap=0,
    )
    assert {item.request for item in result.plan.funded} == {"R1", "R2"}
    item = shortfall_of(result, "R3")
    assert item.reason is Reason.SHARE_RULE
    assert item.rule == RuleRef(RuleKind.MIN_SHARE, "LDC")


def test_a_divisible_request_funded_in_part_says_why_it_got_no_more():
    result = solve(scenario([request("R1", "100.00", 5, divisible=True)], [source("S", "40.00")]))
    (funded,) = result.plan.funded
    assert (funded.amount, funded.fraction) == (Decimal("40.00"), Decimal("0.4"))
    assert funded.shortfall.reason is Reason.NO_ELIGIBLE_MONEY
    assert funded.shortfall.more_money == Decimal("60.00")
    assert result.to_dict()["funded"][0]["shortfall"]["more_money"] == "60.00"
    assert result.plan.unfunded == ()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(must_rules=False))
def test_more_money_is_exactly_what_funds_the_request_on_top_of_the_plan(scenario_):
    """An earmark of ``more_money`` for the request lets it be funded with everything else kept;
    a cent less does not."""
    result = solve(scenario_, mip_gap=0)
    plan = result.plan
    if any(item.fraction != 1 for item in plan.funded):
        return  # "kept" is simplest to state when every funded request is funded in full
    kept = [str(item.request) for item in plan.funded]
    for item in plan.unfunded:
        if item.reason is not Reason.NO_ELIGIBLE_MONEY:
            continue

        def with_earmark(amount: Decimal, item=item) -> Scenario:
            return Scenario(
                currency=scenario_.currency,
                requests=scenario_.requests,
                sources=(*scenario_.sources, Source(id="EXTRA", amount=amount, requests={str(item.request)})),
                policy=dataclasses.replace(scenario_.policy, must_fund=frozenset([*kept, str(item.request)])),
            )

        assert brute_force.optimum(with_earmark(item.more_money)) is not None
        if item.more_money > 0:
            assert brute_force.optimum(with_earmark(item.more_money - Decimal("0.01"))) is None


# -- conflicting rules ----------------------------------------------------------------------------


def test_a_must_fund_request_no_source_may_fund_is_explained_by_the_earmarks():
    result = solve(
        scenario(
            [request("R1", "100.00", themes=["terrorism"])],
            [source("S", "500.00", themes=["corruption"])],
            must_fund=["R1"],
        )
    )
    assert result.status is Status.INFEASIBLE
    assert result.plan is None
    assert set(result.conflict.rules) == {RuleRef(RuleKind.MUST_FUND, "R1"), RuleRef(RuleKind.EARMARKS)}
    assert result.conflict.minimal
    assert "request R1 must be funded in full (cost USD 100.00)" in result.conflict.message


def test_must_fund_requests_costing_more_than_the_money_are_explained_by_the_money():
    result = solve(
        scenario(
            [request("R1", "100.00"), request("R2", "80.00"), request("R3", "10.00")],
            [source("S", "150.00")],
            must_fund=["R1", "R2"],
        )
    )
    conflict = result.conflict
    assert set(conflict.rules) == {
        RuleRef(RuleKind.MUST_FUND, "R1"),
        RuleRef(RuleKind.MUST_FUND, "R2"),
        RuleRef(RuleKind.MONEY),
    }
    assert set(conflict.sufficient) == set(conflict.rules)  # relaxing any one of them gives a plan
    assert "cost USD 180.00 in all" in conflict.message
    assert "USD 150.00 may fund the must-fund requests" in conflict.message


def test_a_must_fund_request_over_the_country_cap_is_explained_by_the_cap():
    result = solve(
        scenario(
            [request("R1", "100.00", country="UKR")], [source("S", "500.00")], country_cap="90.00", must_fund=["R1"]
        )
    )
    assert set(result.conflict.rules) == {RuleRef(RuleKind.MUST_FUND, "R1"), RuleRef(RuleKind.COUNTRY_CAP)}


def test_a_minimum_share_the_group_cannot_reach_names_the_share_and_what_blocks_the_group():
    result = solve(
        scenario(
            [request("R1", "100.00", country="COL"), request("R2", "100.00", country="MLI", groups=["LDC"])],
            [source("S", "500.00")],
            min_share={"LDC": "0.5"},
            must_fund=["R1"],
            must_not_fund=["R2"],
        )
    )
    assert set(result.conflict.rules) == {
        RuleRef(RuleKind.MUST_FUND, "R1"),
        RuleRef(RuleKind.MIN_SHARE, "LDC"),
        RuleRef(RuleKind.MUST_NOT_FUND, "R2"),
    }
    assert "at least 50 % of the funded amount must go to requests of group LDC" in result.conflict.message


def test_indivisibility_is_named_when_part_of_a_request_would_do():
    # 50 % LDC needs 100.00 of R2, but R2 costs 300.00 and only 150.00 may fund it.
    result = solve(
        scenario(
            [request("R1", "100.00", country="COL"), request("R2", "300.00", country="MLI", groups=["LDC"])],
            [source("S", "100.00", countries=["COL"]), source("T", "150.00", countries=["MLI"])],
            min_share={"LDC": "0.5"},
            must_fund=["R1"],
        )
    )
    assert RuleRef(RuleKind.INDIVISIBLE) in result.conflict.rules


def test_other_conflicts_are_not_hidden_when_relaxing_one_rule_is_not_enough():
    # R1 alone breaks the 20 % theme share, and there is no money for it either.
    result = solve(
        scenario(
            [request("R1", "100.00", themes=["corruption"])],
            [source("S", "0.00")],
            max_share_theme={"corruption": "0.2"},
            must_fund=["R1"],
        )
    )
    conflict = result.conflict
    assert conflict.minimal
    assert RuleRef(RuleKind.MUST_FUND, "R1") in conflict.sufficient
    assert len(conflict.sufficient) < len(conflict.rules)
    assert "other rules conflict too" in conflict.message


def test_the_document_of_an_infeasible_scenario_lists_every_request_as_unfunded_by_the_conflict():
    result = solve(
        scenario([request("R1", "100.00"), request("R2", "10.00")], [source("S", "50.00")], must_fund=["R1"])
    )
    document = result.to_dict()
    assert document["status"] == "infeasible"
    assert document["objective"] is None and document["bound"] is None and document["gap"] is None
    assert document["funded"] == []
    assert [item["request"] for item in document["unfunded"]] == ["R1", "R2"]
    assert {item["reason"] for item in document["unfunded"]} == {"infeasible"}
    assert document["conflict"]["rules"] == ["money", "must_fund:R1"]
    assert document["greedy"]["valid"] is False


def test_a_conflict_needing_many_must_fund_requests_names_the_list_as_a_whole():
    # Any 44 of the 45 fit in the money; all 45 do not: every one of them is part of the conflict.
    result = solve(
        scenario(
            [request(f"R{number:02d}", "10.00") for number in range(45)],
            [source("S", "440.00")],
            must_fund=[f"R{number:02d}" for number in range(45)],
        )
    )
    conflict = result.conflict
    assert conflict.rules == (RuleRef(RuleKind.MONEY), RuleRef(RuleKind.MUST_FUND))
    assert not conflict.minimal  # not broken down to single requests
    assert "the 45 must-fund requests must be funded in full (USD 450.00 in all)" in conflict.message
    assert "USD 440.00 may fund the must-fund requests" in conflict.message
    assert result.to_dict()["conflict"]["rules"] == ["money", "must_fund"]
