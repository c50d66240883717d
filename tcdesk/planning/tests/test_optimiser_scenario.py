"""Reading a scenario: every bad field is named with the rule it breaks; restrictions mean what the issue says."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tcdesk.planning.optimiser import Request, Scenario, ScenarioError, Source, scenario_from_dict

from .builders import request, source


def problems_of(document) -> dict[str, str]:
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(document)
    return {error.field: error.message for error in caught.value.errors}


def valid() -> dict:
    return {
        "currency": "USD",
        "requests": [request("R1", "100.00"), request("R2", "50.00")],
        "sources": [source("S1", "120.00")],
        "policy": {"min_share": {"LDC": "0.3"}, "max_share_theme": {"corruption": "0.6"}, "country_cap": "100.00"},
    }


def test_a_valid_document_reads_into_exact_decimals():
    scenario = scenario_from_dict(valid())
    assert scenario.requests[0].cost == Decimal("100.00")
    assert scenario.policy.min_share == {"LDC": Decimal("0.3")}
    assert scenario.policy.country_cap == Decimal("100.00")


def test_it_accepts_json_numbers_read_exactly_and_integer_ids():
    document = json.loads(
        '{"currency": "EUR", "requests": [{"id": 7, "country": "MLI", "cost": 1234.56, "priority": 3}],'
        ' "sources": [{"id": 1, "amount": 10}], "policy": {"must_fund": [7]}}',
        parse_float=Decimal,
    )
    scenario = scenario_from_dict(document)
    assert scenario.requests[0].cost == Decimal("1234.56")
    assert scenario.requests[0].id == 7
    assert scenario.policy.must_fund == frozenset({"7"})


def test_it_refuses_bad_amounts_naming_each_field():
    document = valid()
    document["requests"][0]["cost"] = "-5"
    document["requests"][1]["cost"] = "10.001"
    document["sources"][0]["amount"] = "lots"
    problems = problems_of(document)
    assert problems["requests[0].cost"] == "must be greater than zero, got -5"
    assert problems["requests[1].cost"] == "must have at most two decimals (cents), got 10.001"
    assert problems["sources[0].amount"] == "must be a decimal number written like 1234.50, got 'lots'"


def test_it_refuses_missing_and_mistyped_fields():
    document = valid()
    del document["requests"][0]["country"]
    document["requests"][1]["divisible"] = "yes"
    document["requests"][1]["themes"] = "corruption"
    document["sources"][0]["regions"] = [""]
    document["currency"] = "usd"
    problems = problems_of(document)
    assert problems["requests[0].country"] == "is required"
    assert problems["requests[1].divisible"] == "must be true or false, got 'yes'"
    assert problems["requests[1].themes"].startswith("must be a list of non-empty texts or null")
    assert problems["sources[0].regions"].startswith("must be a list of non-empty texts or null")
    assert problems["currency"] == "must be an ISO 4217 code such as USD, got 'usd'"


def test_it_refuses_shares_outside_zero_to_one_and_a_negative_priority():
    document = valid()
    document["policy"]["min_share"]["LDC"] = "1.5"
    document["policy"]["max_share_theme"]["corruption"] = "-0.1"
    document["requests"][0]["priority"] = "-1"
    problems = problems_of(document)
    assert problems["policy.min_share.LDC"] == "must be a share between 0 and 1, got 1.5"
    assert problems["policy.max_share_theme.corruption"] == "must be a share between 0 and 1, got -0.1"
    assert problems["requests[0].priority"] == "must be zero or more, got -1"


def test_it_refuses_duplicate_ids_and_policy_lists_naming_unknown_or_conflicting_requests():
    document = valid()
    document["requests"][1]["id"] = "R1"
    document["sources"].append(source("S1", "1.00"))
    document["policy"]["must_fund"] = ["R1", "R9"]
    document["policy"]["must_not_fund"] = ["R1"]
    problems = problems_of(document)
    assert problems["requests[1].id"] == "'R1' appears twice"
    assert problems["sources[1].id"] == "'S1' appears twice"
    assert problems["policy.must_fund"] == "names request 'R9', which is not in the scenario"
    assert problems["policy.must_not_fund"] == "request 'R1' is also in must_fund"


def test_it_refuses_a_document_that_is_not_an_object_or_lacks_its_lists():
    assert problems_of([]) == {"(document)": "must be a JSON object with currency, requests, sources and policy"}
    problems = problems_of({"currency": "USD"})
    assert problems["requests"] == "must be a list (it is missing)"
    assert problems["sources"] == "must be a list (it is missing)"


def test_built_dataclasses_are_checked_too():
    with pytest.raises(ScenarioError, match=r"requests\[0\]\.cost"):
        Scenario(
            currency="USD",
            requests=(Request(id="R1", country="MLI", cost=Decimal("0"), priority=Decimal(1)),),
            sources=(),
        )


@pytest.mark.parametrize("empty", [None, []])
def test_a_null_or_empty_restriction_list_means_no_restriction(empty):
    general = scenario_from_dict(
        {
            "currency": "USD",
            "requests": [request("R1", "1.00")],
            "sources": [{"id": "S", "amount": "1.00", "themes": empty, "regions": empty, "countries": empty}],
        }
    ).sources[0]
    assert general.may_fund(Request(id="X", country="UKR", region="Europe", cost=Decimal(1), priority=Decimal(1)))


def test_a_source_may_fund_a_request_only_when_every_restriction_it_has_matches():
    earmarked = Source(id="S", amount=Decimal(1), themes={"corruption", "terrorism"}, regions={"Africa"})
    matching = Request(
        id="R", country="MLI", region="Africa", themes={"terrorism"}, cost=Decimal(1), priority=Decimal(1)
    )
    assert earmarked.may_fund(matching)
    assert not earmarked.may_fund(Request(**{**matching.__dict__, "region": "Europe"}))
    assert not earmarked.may_fund(Request(**{**matching.__dict__, "themes": frozenset({"drugs"})}))
    named = Source(id="T", amount=Decimal(1), requests={"R", "Q"}, countries={"MLI"})
    assert named.may_fund(matching)
    assert not named.may_fund(Request(**{**matching.__dict__, "id": "P"}))
