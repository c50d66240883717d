"""The command-line contracts of DESIGN.md: exact JSON shapes and exit statuses."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from tcdesk.treaties.models import ParticipationAction
from tcdesk.treaties.tests.factories import record

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "synthetic_xviii15.en.xml"
CONTRACT_IMPORT = {"instrument", "participants", "signatures", "consents", "created", "unchanged", "errors"}


def _json(*args) -> dict:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def test_import_dry_run_by_treaty_reference_prints_the_contract_and_writes_nothing():
    result = _json("import_treaty_status", str(SAMPLE), "--instrument", "XVIII-15", "--dry-run", "--json")
    assert set(result) >= CONTRACT_IMPORT
    assert result["instrument"] == "ICSANT"
    assert (result["participants"], result["signatures"], result["consents"]) == (17, 11, 15)
    assert result["errors"] == [] and result["created"] == 26 and result["dry_run"] is True
    assert ParticipationAction.objects.count() == 0


def test_import_then_reimport(tmp_path):
    first = _json("import_treaty_status", str(SAMPLE), "--instrument", "ICSANT", "--json")
    assert (first["created"], first["unchanged"]) == (26, 0)
    again = _json("import_treaty_status", str(SAMPLE), "--instrument", "ICSANT", "--json")
    assert (again["created"], again["unchanged"]) == (0, 26)


def test_import_with_errors_exits_non_zero_and_lists_rows(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("participant,action,date\nAtlantis,ratification,2008-01-01\nFrance,accession,2099-01-01\n")
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_treaty_status", str(bad), "--instrument", "ICSANT", "--json", stdout=out)
    assert exit_info.value.code == 1
    result = json.loads(out.getvalue())
    assert [(e["row"], e["participant"]) for e in result["errors"]] == [(1, "Atlantis"), (2, "France")]
    assert set(result["errors"][0]) >= {"row", "participant", "rule"}
    assert ParticipationAction.objects.count() == 0


def test_treaty_status_prints_iso3_lists_of_states():
    record("UNTOC", "FRA", "ratification", "2002-10-29")
    record("UNTOC", "MLI", "signature", "2000-12-15")
    record("UNTOC", "EU", "approval", "2004-05-21")
    result = _json("treaty_status", "--instrument", "UNTOC", "--as-of", "2005-01-01", "--json")
    assert {"instrument", "as_of", "parties", "signatories"} <= set(result)
    assert result["instrument"] == "UNTOC" and result["as_of"] == "2005-01-01"
    assert result["parties"] == ["FRA"] and result["signatories"] == ["MLI"]
    assert result["organisations"]["parties"] == ["EU"]


def test_load_instruments_is_idempotent():
    assert _json("load_instruments", "--json") == {"created": 0, "updated": 0, "unchanged": 30}


def test_import_errors_in_the_json_keep_the_english_rule_with_kind_and_params(tmp_path):
    from django.utils import translation

    record("UNTOC", "FRA", "ratification", "2002-10-29")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "participant,action,date\nAtlantis,ratification,2003-01-01\nFrance,ratification,2002-10-29\n"
        "France,accession,2005-01-01\n"
    )
    out = io.StringIO()
    with translation.override("fr"), pytest.raises(SystemExit):
        call_command("import_treaty_status", str(bad), "--instrument", "UNTOC", "--dry-run", "--json", stdout=out)
    errors = json.loads(out.getvalue())["errors"]
    assert [(e["row"], e["kind"]) for e in errors] == [(1, "unknown_participant"), (3, "second_consent")]
    assert errors[0]["rule"] == "unknown participant 'Atlantis': no State or regional organisation has this name"
    assert errors[1]["rule"] == (
        "accession of UNTOC on 2005-01-01 while the ratification of 2002-10-29 is still in force: "
        "a second consent needs a denunciation in between"
    )
    assert errors[0]["params"] == {"participant": "Atlantis"}
    assert errors[1]["params"]["previous_date"] == "2002-10-29"
