"""Import errors in the user's language: every kind has a template, English equals the rule, French exists."""

import json
import subprocess
import sys
from datetime import date

import pytest
from django.utils import translation

from tcdesk.treaties import messages
from tcdesk.treaties.participation import Action, ProposedAction, load_instrument_rules, validate_actions
from tcdesk.treaties.status_formats import StatusFormatError, parse_status_file

TODAY = date(2025, 1, 1)
TEXT_HEADER = "Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a)\tProvisional application"


def _row(number: int, code: str, key: str, action: str, day: str) -> ProposedAction:
    return ProposedAction(number, key.title(), code, Action(key, action, date.fromisoformat(day)))


def _violations():
    existing = {
        "UNTOC": [
            Action("FRA", "ratification", date(2002, 10, 29)),
            Action("FRA", "signature", date(2000, 12, 12)),
        ]
    }
    new = [
        _row(1, "UNTOC", "DEU", "formal_confirmation", "2030-01-01"),
        _row(2, "UNTOC", "ITA", "signature", "1999-01-01"),
        _row(3, "UNTOC", "ESP", "signature", "2000-12-01"),
        _row(4, "UNTOC", "PRT", "signature", "2003-01-01"),
        _row(5, "UNTOC", "FRA", "signature", "2000-12-13"),
        _row(6, "UNTOC", "FRA", "accession", "2005-01-01"),
        _row(7, "UNTOC", "MLI", "withdrawal", "2010-01-01"),
        _row(8, "NOPE", "MLI", "ratification", "2010-01-01"),
        _row(9, "UNTOC", "MLI", "ratify", "2010-01-01"),
        _row(10, "TIP_PROTOCOL", "BEL", "acceptance", "2006-01-01"),
    ]
    return validate_actions(load_instrument_rules(), existing, new, TODAY)


def _row_problems():
    text = "\n".join(
        [
            TEXT_HEADER,
            "Atlantis\t31 Feb 2005\t",
            "Utopia\t\t 3 Mar 2011 x",
            "Erewhon\t\t3 Mar 2011 d",
            "Lilliput\t3 Mar 2011 a\t",
            "Brobdingnag\t\t\t3 Mar 2011",
            "[Venezuela]\t14 Sep 2005\t",
            "Laputa\t[14 Sep 2005]\t",
            "Narnia\t\t",
            "Oz\t\t3/3/2011",
            "Gondor\t3 Foo 2011\t",
        ]
    )
    csv = "\n".join(
        [
            "participant,action,date",
            ",ratification,2001-01-01",
            "Mali,ratification,",
            "Mali,ratify,2001-01-01",
            "Mali,AA,3 Mar 2011 a",
            "Mali,ratification,2001/01/01",
        ]
    )
    others = [
        ("Participant\tSignature\tAccession(a)\nMordor\t\t3 Mar 2011\nRohan\t3 Mar 2011\t\t4 Mar 2011\n", "u.txt"),
        ("Participant   Signature   Ratification\nAfghanistan 29 Dec 2005 ?? 25 Mar 2013\n", "v.txt"),
        (
            "<table><tr><th>Participant</th><th>Signature</th></tr><tr><td></td><td>3 Mar 2011</td></tr></table>",
            "w.html",
        ),
    ]
    problems = parse_status_file(text.encode(), "t.txt").problems + parse_status_file(csv.encode(), "t.csv").problems
    for data, name in others:
        problems += parse_status_file(data.encode(), name).problems
    return problems


BAD_FILES = [
    (b"", None),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "x.png"),
    (b"\xff\xfe\x00", "x.txt"),
    ("Participant\tSignature\nCôte d'Ivoire\t1 Jan 2001\n".encode("latin-1"), "x.txt"),
    (b"Just some text\nwith no table\n", "x.txt"),
    (b"<Treaty><Participants>", "x.xml"),
    (b"<Root><Other/></Root>", "x.xml"),
    (b"<?xml version='1.0'?><Root><Participants><tgroup/></Participants></Root>", "x.xml"),
    (b"<html><body><table><tr><td>a</td></tr></table></body></html>", "x.html"),
    (b"name,when\nChina,2001-01-01\n", "x.csv"),
]


def _rendered(kind, params, language):
    with translation.override(language):
        return messages.render(kind, params)


def test_pure_modules_give_kinds_and_json_params_and_still_import_no_django():
    problems = list(_violations()) + list(_row_problems())
    kinds = {p.kind for p in problems}
    with_file_and_services = kinds | {
        "ambiguous_participant",
        "binary_file",
        "csv_no_header",
        "data_as_of_future",
        "empty_file",
        "html_no_table",
        "html_unreadable",
        "not_utf8",
        "organisation_not_allowed",
        "parent_data_older",  # a warning of participation.check_actions (see test_participation)
        "text_no_header",
        "too_large",
        "unknown_participant",
        "utf16_invalid",
        "xml_malformed",
        "xml_no_header",
        "xml_no_participants",
    }
    assert with_file_and_services == set(messages.TEMPLATES)
    json.dumps([p.params for p in problems])
    code = (
        "import sys, tcdesk.treaties.participation, tcdesk.treaties.status_formats; "
        "sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_every_violation_and_row_problem_renders_its_rule_in_english_and_differs_in_french():
    for problem in list(_violations()) + list(_row_problems()):
        assert problem.kind in messages.TEMPLATES, problem
        assert _rendered(problem.kind, problem.params, "en") == problem.rule
        french = _rendered(problem.kind, problem.params, "fr")
        assert french and french != problem.rule, problem


@pytest.mark.parametrize(("data", "filename"), BAD_FILES)
def test_unreadable_files_render_in_english_and_french(data, filename):
    with pytest.raises(StatusFormatError) as info:
        parse_status_file(data, filename)
    error = info.value
    assert error.kind in messages.TEMPLATES
    json.dumps(error.params)
    assert _rendered(error.kind, error.params, "en") == str(error)
    assert _rendered(error.kind, error.params, "fr") != str(error)


def test_every_template_and_action_name_has_a_french_translation():
    with translation.override("en"):
        english = {kind: str(text) for kind, text in messages.TEMPLATES.items()}
    with translation.override("fr"):
        assert [kind for kind, text in messages.TEMPLATES.items() if str(text) == english[kind]] == []
        names = {action: messages.action_name(action) for action in messages.ACTION_NAMES}
    assert names == {
        "signature": "signature",
        "succession_to_signature": "succession à la signature",
        "ratification": "ratification",
        "accession": "adhésion",
        "acceptance": "acceptation",
        "approval": "approbation",
        "succession": "succession",
        "formal_confirmation": "confirmation formelle",
        "definitive_signature": "signature définitive",
        "denunciation": "dénonciation",
        "withdrawal": "retrait",
    }


def test_french_second_consent_and_column_prefix():
    second = next(v for v in _violations() if v.kind == "second_consent")
    assert _rendered(second.kind, second.params, "fr") == (
        "adhésion de l’instrument UNTOC le 2005-01-01 alors que la ratification du 2002-10-29 est toujours en "
        "vigueur : un nouveau consentement à être lié suppose une dénonciation dans l’intervalle"
    )
    atlantis = next(p for p in _row_problems() if p.participant == "Atlantis")
    assert _rendered(atlantis.kind, atlantis.params, "fr") == (
        "Signature : « 31 Feb 2005 » n’est pas une date qui existe dans le calendrier"
    )
    utopia = next(p for p in _row_problems() if p.participant == "Utopia")
    assert "AA = approbation" in _rendered(utopia.kind, utopia.params, "fr")
    assert "date sans lettre = ratification" in _rendered(utopia.kind, utopia.params, "fr")


def test_an_error_stored_without_params_falls_back_to_its_english_rule():
    old = {"row": 3, "participant": "Mali", "rule": "some old rule", "kind": "unreadable_row"}
    with translation.override("fr"):
        assert messages.localise(old)["message"] == "some old rule"
        assert messages.localise(old)["message_lang"] == "en"
        broken = {**old, "kind": "second_consent", "params": {"code": "UNTOC"}}  # a placeholder is missing
        assert messages.localise(broken)["message"] == "some old rule"
        fine = {**old, "kind": "unknown_participant", "params": {"participant": "Mali"}}
        assert messages.localise(fine)["message_lang"] == "fr"
        assert messages.localise(fine)["message"].startswith("participant inconnu « Mali »")
