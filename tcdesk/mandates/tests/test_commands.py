"""Commands: parse_resolution (the contract in docs/design.md), load_resolution, and the demo hook."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from tcdesk.mandates.demo import corpus_files, load_demo
from tcdesk.mandates.models import Mandate, Resolution

from .conftest import CORPUS, MINI_EN, SEED_NAME, blank_pdf

CONTRACT = {
    "symbol": str,
    "language": str,
    "title": str,
    "session": int,
    "preamble": list,
    "operative": list,
    "footnotes": list,
    "citations": list,
    "reporting_requests": list,
}


def _parse(capsys, *args) -> dict:
    call_command("parse_resolution", *args, "--json")
    return json.loads(capsys.readouterr().out)


def test_parse_resolution_prints_the_design_contract(capsys):
    document = _parse(capsys, str(CORPUS / SEED_NAME))
    for key, kind in CONTRACT.items():
        assert isinstance(document[key], kind), key
    assert document["annex"] is None
    assert (document["symbol"], document["language"], document["session"]) == ("A/RES/60/175", "fr", 60)
    assert set(document["preamble"][0]) >= {"index", "lead", "text"}
    assert set(document["operative"][0]) >= {"number", "lead", "text", "subparagraphs", "addressees", "kind"}
    assert set(document["footnotes"][0]) >= {"number", "text"}
    assert set(document["citations"][0]) >= {"kind", "body", "ref"}
    assert (len(document["preamble"]), len(document["operative"]), len(document["footnotes"])) == (16, 26, 10)
    due = [r for r in document["reporting_requests"] if r["to_session"]]
    assert due == [{**due[0], "paragraph": 26, "addressee": "Secretary-General", "to_session": 61}]


def test_parse_resolution_reads_pdfs_and_takes_a_language(capsys, tmp_path):
    from .conftest import text_pdf

    pdf = tmp_path / "A-RES-59-159.en.pdf"
    pdf.write_bytes(text_pdf(MINI_EN.splitlines()))
    document = _parse(capsys, str(pdf), "--lang", "en")
    assert document["symbol"] == "A/RES/59/159" and len(document["operative"]) == 3


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "empty"),
        (None, "scan.pdf", "no text layer"),
        (b"Just a note.\n" * 9, "note.txt", "not a resolution"),
    ],
)
def test_parse_resolution_fails_clearly_on_bad_input(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(blank_pdf() if content is None else content)
    with pytest.raises(CommandError, match=message):
        call_command("parse_resolution", str(path), "--json")
    with pytest.raises(CommandError, match="no such file"):
        call_command("parse_resolution", str(tmp_path / "missing.txt"), "--json")


@pytest.mark.django_db
def test_load_resolution_is_a_review_step_unless_confirmed(capsys, tmp_path):
    path = tmp_path / "A-RES-59-159.en.txt"
    path.write_text(MINI_EN, encoding="utf-8")
    call_command("load_resolution", str(path), "--json")
    draft = json.loads(capsys.readouterr().out)
    assert draft == {**draft, "symbol": "A/RES/59/159", "status": "open", "warnings": [], "corrections": 0}
    assert draft["review_url"] == f"/mandates/resolutions/review/{draft['draft']}/"
    assert not Resolution.objects.filter(symbol="A/RES/59/159").exists()  # nothing stored before review
    call_command("load_resolution", str(path), "--confirm", "--json")
    first = json.loads(capsys.readouterr().out)
    assert first == {**first, "symbol": "A/RES/59/159", "created": True, "operative": 3, "mandates": 4}
    call_command("load_resolution", str(path), "--confirm", "--json")
    assert json.loads(capsys.readouterr().out)["created"] is False
    assert Resolution.objects.filter(symbol="A/RES/59/159").count() == 1
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("load_resolution", str(bad))


@pytest.mark.django_db
def test_load_resolution_prints_the_warnings_with_their_paragraphs(capsys, tmp_path):
    text = (CORPUS / "A-RES-80-5.en.txt").read_text(encoding="utf-8").replace("\n5. \nWe meet 30 years", "\nWe meet")
    path = tmp_path / "A-RES-80-5.en.txt"
    path.write_text(text, encoding="utf-8")
    call_command("load_resolution", str(path))
    out = capsys.readouterr().out
    assert "A/RES/80/5 read for review" in out and "nothing is stored yet" in out
    assert "warning [annex:5]: The numbering jumps from 4 to 6" in out


def test_the_demo_loads_only_real_corpus_resolutions():
    names = [p.name for p in corpus_files()]
    assert names[0] == SEED_NAME and not any(n.startswith("synthetic") for n in names)


@pytest.mark.django_db
def test_the_demo_loads_the_founding_resolution_and_tracks_a_few_mandates():
    from tcdesk.core.demo import load_demo as load_accounts

    load_accounts(seed=1, scale=1, progress=lambda *a: None)
    summary = load_demo(seed=1, scale=1, progress=lambda *a: None)
    assert "A/RES/60/175" in summary["loaded"] and summary["demo_tracked"] == 4
    resolution = Resolution.objects.get(symbol="A/RES/60/175")
    assert str(resolution.adoption_date) == "2005-12-16"
    assert Mandate.objects.get(resolution=resolution, key="26").status == "in_progress"
    again = load_demo(seed=1, scale=1, progress=lambda *a: None)
    assert again["demo_tracked"] == 0 and Resolution.objects.filter(symbol="A/RES/60/175").count() == 1


# --- score_parser: the corpus, scored per document and per field ---------------------------------


def test_score_parser_prints_per_document_and_per_field_accuracy(capsys):
    call_command("score_parser", "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] >= 16 and report["overall"] == 1.0
    assert report["fields"]["annexes"] == 1.0 and report["fields"]["footnotes"] == 1.0
    assert report["per_document"]["A-RES-80-5.en.txt"] == {**report["per_document"]["A-RES-80-5.en.txt"], "score": 1.0}


def test_score_parser_names_each_wrong_field_and_fails(tmp_path, capsys):
    text = (CORPUS / "A-RES-80-13.en.txt").read_text(encoding="utf-8")
    label = json.loads((CORPUS / "A-RES-80-13.en.expected.json").read_text(encoding="utf-8"))
    (tmp_path / "A-RES-80-13.en.txt").write_text(text, encoding="utf-8")
    label["preamble_count"] = 7  # a wrong label: the text has 8
    (tmp_path / "A-RES-80-13.en.expected.json").write_text(json.dumps(label), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        call_command("score_parser", str(tmp_path), "--json")
    assert exit_info.value.code == 1
    report = json.loads(capsys.readouterr().out)
    result = report["per_document"]["A-RES-80-13.en.txt"]
    assert result["wrong"] == {"preamble_count": {"expected": 7, "found": 8}}
    assert report["fields"]["preamble_count"] == 0.0 and report["fields"]["title"] == 1.0
    assert report["fields"]["citations"] is None  # not labelled, not scored


def test_score_parser_refuses_a_folder_without_labelled_texts(tmp_path):
    with pytest.raises(CommandError, match="no <id>.<lang>.txt"):
        call_command("score_parser", str(tmp_path))
    with pytest.raises(CommandError, match="no such folder"):
        call_command("score_parser", str(tmp_path / "missing"))
