"""Objects the role test (tests/test_permissions.py) needs for the portfolio's URLs: a programme, a
project in Mali (so Mali's focal point sees it and Colombia's does not) and a training of it."""

from __future__ import annotations

from pathlib import Path

from tcdesk.portfolio import services
from tcdesk.portfolio.models import ImportedActivity
from tcdesk.portfolio.tests import factories

# IATI's own example activity (fixtures/SOURCES.md): a partner's imported activity.
FIXTURES = Path(__file__).resolve().parents[1] / "iati" / "tests" / "fixtures"
EXAMPLE = FIXTURES / "iati-activity-standard-example-2.03.xml"

PROJECT_BODY = {
    "programme": "NONE",
    "iati_identifier": "X",
    "title_en": "X",
    "description": "X",
    "planned_start": "2026-01-01",
    "planned_end": "2026-12-31",
}


def samples(base: dict) -> dict:
    officer = base["officer"]
    project = factories.project(officer)
    programme = project.programme
    activity = factories.training(officer, project).activity
    services.iati_import(actor=officer, source=EXAMPLE.read_bytes(), file_name=EXAMPLE.name)
    imported = ImportedActivity.objects.get()
    return {
        "pages": {
            "portfolio:programme_detail": ({"pk": programme.pk}, programme),
            "portfolio:programme_edit": ({"pk": programme.pk}, programme),
            "portfolio:project_detail": ({"pk": project.pk}, project),
            "portfolio:project_edit": ({"pk": project.pk}, project),
            "portfolio:project_answer_request": ({"pk": project.pk}, project),
            "portfolio:activity_create": ({"pk": project.pk}, project),
            "portfolio:indicator_create": ({"pk": project.pk}, project),
            "portfolio:activity_detail": ({"pk": activity.pk}, activity),
            "portfolio:activity_edit": ({"pk": activity.pk}, activity),
            "portfolio:partner_detail": ({"pk": imported.pk}, imported),
        },
        "api": {
            "programme_id": (programme.pk, programme),
            "project_id": (project.pk, project),
            "activity_id": (activity.pk, activity),
            "imported_id": (imported.pk, imported),
        },
        "uploads": {("POST", "/api/portfolio/iati/import"): {"dry_run": "true"}},
        # Bodies that pass the schemas, so that the permission (not the schema) decides.
        "bodies": {
            ("POST", "/api/portfolio/programmes"): {"code": "X", "name_en": "X", "scope": "global"},
            ("POST", "/api/portfolio/projects"): PROJECT_BODY,
            ("PUT", "/api/portfolio/projects/{project_id}"): PROJECT_BODY,
            ("POST", "/api/portfolio/projects/{project_id}/requests"): {"request_id": base["request"].pk},
            ("POST", "/api/portfolio/projects/{project_id}/activities"): {
                "kind": "conference",
                "title": "X",
                "start": "2026-01-01",
                "end": "2026-01-02",
            },
            ("POST", "/api/portfolio/projects/{project_id}/trainings"): {
                "title": "X",
                "start": "2026-01-01",
                "end": "2026-01-02",
                "place": "X",
                "target_group": "judges",
                "participants": 1,
                "women": 1,
                "men": 0,
                "other": 0,
            },
            ("POST", "/api/portfolio/projects/{project_id}/indicators"): {
                "outcome": "X",
                "title": "X",
                "baseline_year": 2025,
                "baseline_value": 0,
            },
        },
    }
