"""Export and import of IATI 2.03 files, with the real publishers' fixtures of `iati/tests/fixtures`."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from tcdesk.assistance.models import PartnerActivity
from tcdesk.portfolio import iati, services
from tcdesk.portfolio.models import IatiImport, ImportedActivity
from tcdesk.portfolio.publishing import export_file

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[1] / "iati" / "tests" / "fixtures"


def run(*args) -> tuple[int, dict]:
    out = io.StringIO()
    try:
        call_command(*args, "--json", stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, json.loads(out.getvalue())


def test_the_export_validates_and_reads_back(officer, project, training, tmp_path):
    services.indicator_save(
        actor=officer,
        project=project,
        outcome=services.outcome_save(actor=officer, project=project, title="Cases prosecuted"),
        title="Prosecutors trained",
        counts_people=True,
        baseline_year=2025,
        baseline_value=0,
        periods=[
            {
                "start": project.planned_start,
                "end": project.planned_start.replace(month=12, day=31),
                "target": 40,
                "actual": 25,
                "target_women": 20,
                "target_men": 20,
                "target_other": 0,
                "actual_women": 11,
                "actual_men": 13,
                "actual_other": 1,
            }
        ],
    )
    out = tmp_path / "activities.xml"
    code, summary = run("export_iati", "--out", str(out))
    assert code == 0 and summary["activities"] == 1 and summary["budgets"] == 2 and summary["results"] == 1
    assert iati.validate_file(out).errors == []
    [activity] = list(iati.read_activities(out))
    assert activity.identifier == project.iati_identifier
    assert activity.gender_equality == iati.PolicySignificance.SIGNIFICANT_OBJECTIVE
    assert [c.code for c in activity.recipient_countries] == ["ML"]
    assert {s.code for s in activity.sectors} == {"15130", "15190"}
    values = activity.results[0].indicators[0].periods[0].actuals
    assert [(v.value, [d.value for d in v.dimensions]) for v in values] == [
        ("25", []),
        ("11", ["female"]),
        ("13", ["male"]),
        ("1", ["other or not disclosed"]),
    ]


def test_a_failed_export_leaves_the_file_alone(project, tmp_path, monkeypatch):
    out = tmp_path / "activities.xml"
    out.write_text("previous")
    monkeypatch.setattr("tcdesk.portfolio.publishing.REPORTING_ORG_REF", "XM-OTHER")  # identifiers no longer match
    with pytest.raises(iati.IatiExportError):
        export_file(out)
    assert out.read_text() == "previous"


def test_import_stores_what_the_schema_accepts_and_lists_the_rest_with_lines():
    code, result = run("import_iati", str(FIXTURES / "fcdo-dportal-2022.xml"))
    assert code == 0
    assert (result["activities"], result["rejected"], result["created"], result["updated"]) == (2, 2, 2, 0)
    assert {error["line"] for error in result["errors"]} >= {156, 161}
    assert ImportedActivity.objects.count() == 2


def test_a_real_file_breaking_iatis_rules_but_not_the_schema_is_imported_with_warnings():
    code, result = run("import_iati", str(FIXTURES / "undp-dportal-2022.xml"))
    assert code == 0 and result["created"] == 4 and result["errors"] == []
    assert any("99.99" in warning["message"] for warning in result["warnings"])
    assert PartnerActivity.objects.filter(source="iati", country="ARG").exists()  # feeds overlap detection


def test_reimport_updates_by_iati_identifier_and_a_dry_run_stores_nothing():
    path = str(FIXTURES / "foodsecurity-dportal-2022.xml")
    code, dry = run("import_iati", path, "--dry-run")
    assert (code, dry["activities"], dry["transactions"], dry["created"]) == (0, 7, 63, 7)
    assert not ImportedActivity.objects.exists() and not IatiImport.objects.exists()
    run("import_iati", path)
    code, again = run("import_iati", path)
    assert (again["created"], again["updated"]) == (0, 7)
    assert ImportedActivity.objects.count() == 7
    assert sum(a.transactions.count() for a in ImportedActivity.objects.all()) == 63


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"not xml at all", "not_xml"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"></rss>', "not_iati"),
        (b'<?xml version="1.0"?>\n<iati-activities version="2.02"></iati-activities>', "not_2_03"),
    ],
)
def test_a_file_that_is_not_iati_2_03_stores_nothing(tmp_path, content, kind):
    path = tmp_path / "partner.xml"
    path.write_bytes(content)
    code, result = run("import_iati", str(path))
    assert code == 1 and result["ok"] is False
    assert [error["kind"] for error in result["errors"]] == [kind]
    assert result["errors"][0]["line"]


def test_a_truncated_file_stores_nothing_not_even_the_activities_before_the_cut(tmp_path):
    whole = (FIXTURES / "foodsecurity-dportal-2022.xml").read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(whole[: len(whole) * 3 // 4])
    code, result = run("import_iati", str(path))
    assert code == 1 and result["errors"][0]["kind"] == "truncated" and result["errors"][0]["line"]
    assert not ImportedActivity.objects.exists()
    assert not PartnerActivity.objects.filter(source="iati").exists()
    assert IatiImport.objects.get().ok is False
