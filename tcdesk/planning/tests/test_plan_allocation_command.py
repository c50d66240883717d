"""tcdesk plan_allocation --input FILE --json: the contract and bad input (--scenario NAME: test_scenarios)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from .builders import request, source

TCDESK = Path(sys.executable).with_name("tcdesk")


def write(tmp_path: Path, document) -> str:
    path = tmp_path / "scenario.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return str(path)


def contract_document() -> dict:
    return {
        "currency": "USD",
        "requests": [
            request("R1", "100.00", 10, country="MLI", groups=["LDC"], themes=["corruption"]),
            request("R2", "80.00", 9, country="COL", themes=["trafficking"], divisible=True),
            request("R3", "60.00", 7, country="UKR", groups=["post-conflict"], themes=["corruption"]),
            request("R4", "50.00", 3, country="MLI", groups=["LDC"], themes=["terrorism"], divisible=True),
        ],
        "sources": [
            {"id": "S1", "amount": "120.00", "themes": None, "regions": None, "countries": None, "requests": None},
            source("S2", "70.00", themes=["corruption"]),
            source("S3", "33.33", regions=["Africa"]),
        ],
        "policy": {"min_share": {"LDC": "0.4"}, "max_share_theme": {"corruption": "0.6"}, "country_cap": "140.00"},
    }


def run_json(*args) -> tuple[dict, str]:
    out, err = StringIO(), StringIO()
    call_command("plan_allocation", *args, "--json", stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def test_it_prints_the_contract_document(tmp_path):
    document, progress = run_json("--input", write(tmp_path, contract_document()))
    assert document["status"] == "optimal"
    assert isinstance(document["objective"], float) and isinstance(document["greedy_objective"], float)
    assert document["bound"] >= document["objective"] >= document["greedy_objective"]
    assert document["gap"] <= 1e-4
    for item in document["funded"]:
        assert set(item) >= {"request", "fraction", "amount", "sources"}
        assert sum(Decimal(draw["amount"]) for draw in item["sources"]) == Decimal(item["amount"])
    drawn = defaultdict(Decimal)
    for item in document["funded"]:
        for draw in item["sources"]:
            drawn[draw["source"]] += Decimal(draw["amount"])
    assert drawn["S1"] <= Decimal("120.00") and drawn["S2"] <= Decimal("70.00") and drawn["S3"] <= Decimal("33.33")
    assert all(set(item) >= {"request", "reason"} for item in document["unfunded"])
    listed = {item["request"] for item in document["funded"]} | {item["request"] for item in document["unfunded"]}
    assert listed == {"R1", "R2", "R3", "R4"}
    assert "done" in progress  # progress goes to standard error


def test_standard_output_holds_only_the_json_document(tmp_path):
    """In a fresh process HiGHS prints a banner from C on the first solve; it must not reach stdout."""
    completed = subprocess.run(
        [str(TCDESK), "plan_allocation", "--input", write(tmp_path, contract_document()), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(completed.stdout)["status"] == "optimal"


def test_bad_input_exits_non_zero_naming_the_field_with_nothing_on_standard_output(tmp_path):
    document = contract_document()
    document["requests"][1]["cost"] = "-80"
    completed = subprocess.run(
        [str(TCDESK), "plan_allocation", "--input", write(tmp_path, document), "--json"],
        capture_output=True,
        text=True,
    )
    assert completed.returncode != 0
    assert completed.stdout == ""
    assert "requests[1].cost: must be greater than zero, got -80" in completed.stderr


def test_it_lists_every_problem_of_a_file(tmp_path):
    document = contract_document()
    document["requests"][0]["priority"] = "high"
    document["policy"]["must_fund"] = ["R9"]
    with pytest.raises(CommandError) as caught:
        call_command("plan_allocation", "--input", write(tmp_path, document), "--json", stdout=StringIO())
    message = str(caught.value)
    assert "2 problems" in message
    assert "requests[0].priority: must be a decimal number" in message
    assert "policy.must_fund: names request 'R9', which is not in the scenario" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON (line 1, column 2"),
        ("[1, 2]", "(document): must be a JSON object"),
    ],
)
def test_it_refuses_a_file_that_is_not_a_scenario(tmp_path, content, expected):
    with pytest.raises(CommandError, match=r"(?s)--input: .*" + expected.replace("(", r"\(").replace(")", r"\)")):
        call_command("plan_allocation", "--input", write(tmp_path, content), "--json", stdout=StringIO())


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("plan_allocation", "--input", str(tmp_path / "nowhere.json"), "--json")


@pytest.mark.parametrize(
    ("value", "expected"), [("soon", "is not a number"), ("0", "greater than zero"), ("-3", "greater")]
)
def test_it_refuses_a_bad_time_limit(tmp_path, value, expected):
    with pytest.raises(CommandError, match=f"--time-limit: .*{expected}"):
        call_command("plan_allocation", "--input", write(tmp_path, contract_document()), "--time-limit", value)


def test_a_time_limit_is_passed_to_the_solver(tmp_path):
    document, _ = run_json("--input", write(tmp_path, contract_document()), "--time-limit", "5", "--mip-gap", "0")
    assert document["status"] == "optimal"
    assert document["gap"] == 0.0


def test_an_infeasible_scenario_is_an_answer_with_its_conflict(tmp_path):
    document = contract_document()
    document["policy"]["must_fund"] = ["R1", "R3"]
    document["policy"]["max_share_theme"] = {"corruption": "0.3"}
    answer, _ = run_json("--input", write(tmp_path, document))
    assert answer["status"] == "infeasible"
    assert "max_share_theme:corruption" in answer["conflict"]["rules"]
    assert answer["funded"] == []


def test_an_unknown_stored_scenario_is_named(db):
    with pytest.raises(CommandError, match="--scenario Spring: no stored scenario has this name"):
        call_command("plan_allocation", "--scenario", "Spring", "--json")


def test_it_prints_a_summary_without_json(tmp_path):
    out = StringIO()
    call_command("plan_allocation", "--input", write(tmp_path, contract_document()), stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert text.startswith("status: optimal")
    assert "funded: 3 requests, USD 220.00" in text
    assert "R3: no_eligible_money" in text
