"""`tcdesk generate_report`: the contract of the acceptance checks, and its refusals (no file written)."""

from __future__ import annotations

import io
import json

import docx
import pytest
from django.core.management import CommandError, call_command

from tcdesk.mandates.services import resolution_load
from tcdesk.mandates.tests.conftest import MINI_EN

pytestmark = pytest.mark.django_db


@pytest.fixture
def mini():
    resolution, _created = resolution_load(data=MINI_EN.encode(), filename="A-RES-59-159.en.txt")
    return resolution


def test_it_writes_the_docx_and_prints_the_summary(mini, tmp_path, capsys):
    out = tmp_path / "report.docx"
    call_command(
        "generate_report",
        "--resolution",
        "A/RES/59/159",
        "--from",
        "2005-01-01",
        "--to",
        "2005-12-31",
        "--lang",
        "fr",
        "--format",
        "docx",
        "--out",
        str(out),
        "--json",
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["file"] == str(out) and summary["format"] == "docx" and summary["lang"] == "fr"
    assert summary["annex_rows"] == 3 and summary["figures"]["requests_received"] == 0
    word = docx.Document(io.BytesIO(out.read_bytes()))
    assert [row.cells[0].text for row in word.tables[-1].rows[1:]] == ["1", "2", "3"]
    assert summary["paragraphs"] == sum(1 for p in word.paragraphs if p.text[:1].isdigit() and ".\t" in p.text[:5])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--resolution", "A/RES/99/999", "--from", "2005-01-01", "--to", "2005-12-31"], "--resolution"),
        (["--resolution", "A/RES/59/159", "--from", "2005-12-31", "--to", "2005-01-01"], "ends before it starts"),
        (
            ["--resolution", "A/RES/59/159", "--from", "2005-01-01", "--to", "2005-12-31", "--lang", "de"],
            "No translations for 'de'",
        ),
        (["--resolution", "A/RES/59/159", "--from", "2005-01-01", "--to", "2005-12-31", "--format", "odt"], "--format"),
        (["--resolution", "A/RES/59/159", "--from", "1 Jan 2005", "--to", "2005-12-31"], "--from"),
    ],
)
def test_bad_input_gives_a_clear_message_and_no_file(mini, tmp_path, args, message):
    out = tmp_path / "report.docx"
    with pytest.raises(CommandError) as caught:
        call_command("generate_report", *args, "--out", str(out))
    assert message in str(caught.value)
    assert list(tmp_path.iterdir()) == []
