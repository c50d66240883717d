"""The command-line contract of issue 13: `tcdesk compute_sharing --input FILE --json`."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

CASE = {
    "currency": "USD",
    "realised": "1000000.00",
    "returns": [{"to": "victims' fund", "amount": "50000.00"}],
    "expenses": [{"party": "CHE", "amount": "12000.00"}],
    "un_share": "0.10",
    "rule": {"kind": "tiered", "percentages": {}, "tiers": {"major": "0.5", "significant": "0.3"}},
    "parties": [
        {"state": "CHE", "role": "confiscating"},
        {"state": "COL", "role": "cooperating", "contribution": "major"},
        {"state": "MLI", "role": "cooperating", "contribution": "significant"},
    ],
}
EXPECTED = {
    "currency": "USD",
    "realised": "1000000.00",
    "returned": "50000.00",
    "expenses": "12000.00",
    "distributable": "938000.00",
    "un_share": "93800.00",
    "pool": "844200.00",
    "shares": [
        {"state": "CHE", "amount": "168840.00"},
        {"state": "COL", "amount": "422100.00"},
        {"state": "MLI", "amount": "253260.00"},
    ],
}


def write(tmp_path, document) -> str:
    path = tmp_path / "case.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return str(path)


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("compute_sharing", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_the_contract_document(tmp_path):
    out, err = run("--input", write(tmp_path, CASE), "--json")
    assert json.loads(out) == EXPECTED and err == ""


def test_without_json_it_prints_every_step(tmp_path):
    out, _err = run("--input", write(tmp_path, CASE))
    codes = [line.split()[0] for line in out.splitlines()]
    assert codes == [
        "realised",
        "return",
        "returned",
        "expense",
        "expenses",
        "distributable",
        "un_share",
        "pool",
        "share",
        "share",
        "share",
    ]
    assert "168840.00 USD" in out.splitlines()[-3]


BAD = {
    "percentages not summing to 1": (
        {**CASE, "rule": {"kind": "percentages", "percentages": {"CHE": "0.5", "COL": "0.3", "MLI": "0.1"}}},
        "rule.percentages: the percentages sum to 0.9, not exactly 1",
    ),
    "returns and expenses above realised": (
        {**CASE, "realised": "60000.00"},
        "returns, expenses: returns (50000.00) and expenses (12000.00) add up to 62000.00, "
        "above the realised amount (60000.00)",
    ),
    "unknown currency": ({**CASE, "currency": "ABC"}, "currency: ABC is not a current ISO 4217 currency"),
    "unknown State": (
        {**CASE, "parties": [*CASE["parties"], {"state": "ATL", "role": "cooperating", "contribution": "major"}]},
        "parties[3].state: 'ATL' is not a known State (ISO 3166-1 alpha-3 code)",
    ),
    "tiers summing above 1": (
        {**CASE, "rule": {"kind": "tiered", "tiers": {"major": "0.6", "significant": "0.5"}}},
        "rule.tiers: the tiers sum to 1.1, above 1 (major 0.6, significant 0.5)",
    ),
    "no confiscating party": (
        {**CASE, "parties": [{**p, "role": "cooperating", "contribution": "major"} for p in CASE["parties"]]},
        "parties: no party has the role confiscating",
    ),
    "negative amount": ({**CASE, "realised": "-1.00"}, "realised: -1.00 is negative"),
    "not JSON": ("{not json", "(document): not valid JSON: Expecting property name enclosed in double quotes"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_is_one_message_on_stderr_and_nothing_on_stdout(tmp_path, name):
    document, message = BAD[name]
    out = io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("compute_sharing", "--input", write(tmp_path, document), "--json", stdout=out)
    assert message in str(info.value)
    assert out.getvalue() == ""


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("--input", str(tmp_path / "nowhere.json"), "--json")


def _tcdesk(*args: str) -> subprocess.CompletedProcess:
    """The real console script's code path, in a fresh process (no database needed)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TCDESK_")}
    return subprocess.run(
        [sys.executable, "-m", "tcdesk.cli", *args],
        env={**env, "DJANGO_SETTINGS_MODULE": "tcdesk.settings"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_as_a_process_it_prints_json_and_exits_zero(tmp_path):
    result = _tcdesk("compute_sharing", "--input", write(tmp_path, CASE), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == EXPECTED and result.stderr == ""


@pytest.mark.parametrize("name", ["percentages not summing to 1", "unknown State", "tiers summing above 1"])
def test_as_a_process_bad_input_exits_non_zero_with_one_line_on_stderr(tmp_path, name):
    document, message = BAD[name]
    result = _tcdesk("compute_sharing", "--input", write(tmp_path, document), "--json")
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
