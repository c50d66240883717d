"""Objects the role test (tests/test_permissions.py) needs for the portfolio's URLs: a programme, a
project in Mali (so Mali's focal point sees it and Colombia's does not) and a training of it."""

from __future__ import annotations

from tcdesk.portfolio.tests import factories

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
        },
        "api": {
            "programme_id": (programme.pk, programme),
            "project_id": (project.pk, project),
            "activity_id": (activity.pk, activity),
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
