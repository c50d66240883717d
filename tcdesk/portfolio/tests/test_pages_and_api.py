"""Pages and API of the portfolio, in English and French, with each role's scope."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tcdesk.portfolio.models import ImportedActivity, Project

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[1] / "iati" / "tests" / "fixtures"


def test_the_project_page_shows_totals_by_sex_and_the_results_chart(officer, officer_client, project, training):
    from tcdesk.portfolio import services

    outcome = services.outcome_save(actor=officer, project=project, title="Cases prosecuted")
    services.indicator_save(
        actor=officer,
        project=project,
        outcome=outcome,
        title="Cases brought to court",
        baseline_year=2025,
        baseline_value=2,
        periods=[{"start": project.planned_start, "end": project.planned_end, "target": 10, "actual": 6}],
    )
    url = reverse("portfolio:project_detail", args=[project.pk])
    page = officer_client.get(url).content.decode()
    assert "Accountable" in page and "15130" in page and ">11<" in page  # women trained
    results = officer_client.get(url + "?tab=results").content.decode()
    assert "<svg" in results and "Cases brought to court" in results
    activities = officer_client.get(url + "?tab=activities").content.decode()
    assert "Investigating trafficking cases" in activities


def test_pages_speak_french(officer_client, project):
    page = officer_client.get(reverse("portfolio:project_detail", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    text = page.content.decode()
    assert "Marqueur de l’égalité femmes-hommes" in text or "Marqueur" in text
    assert "Renforcer la réponse" in text  # the French title


def test_an_officer_creates_a_training_from_the_form_and_sees_the_rule_broken(officer_client, project):
    url = reverse("portfolio:activity_create", args=[project.pk]) + "?kind=training"
    form = {
        "title": "Course for judges",
        "country_iso3": "MLI",
        "start": "2026-04-01",
        "end": "2026-04-02",
        "place": "Mopti",
        "target_group": "judges",
        "participants": "10",
        "women": "6",
        "men": "6",
        "other_sex": "0",
    }
    refused = officer_client.post(url, form)
    assert refused.status_code == 422
    assert "More participants by sex (12) than in total (10)" in refused.content.decode()
    created = officer_client.post(url, {**form, "participants": "12"})
    assert created.status_code == 302
    assert project.activities.get().training.women == 6


def test_the_project_form_refuses_sectors_that_do_not_add_up(officer_client, project):
    response = officer_client.post(
        reverse("portfolio:project_create"),
        {
            "programme": project.programme_id,
            "iati_identifier": project.iati_identifier + "-2",
            "title_en": "Another",
            "description": "Another project.",
            "status": "1",
            "planned_start": "2026-01-01",
            "planned_end": "2026-12-31",
            "currency": "USD",
            "gender_marker": "2",
            "sectors": "15130 50\n15113 45",
            "countries": "MLI 100",
        },
    )
    assert response.status_code == 422
    assert "The sector percentages add up to 95, not 100." in response.content.decode()


def test_the_api_scopes_projects_to_the_focal_points_state(
    officer, officer_client, focal_mli_client, client, focal_col, project
):
    client.force_login(focal_col)
    assert [p["iati_identifier"] for p in focal_mli_client.get("/api/portfolio/projects").json()["items"]] == [
        project.iati_identifier
    ]
    assert client.get("/api/portfolio/projects").json()["items"] == []
    assert client.get(f"/api/portfolio/projects/{project.pk}").status_code == 404
    detail = officer_client.get(f"/api/portfolio/projects/{project.pk}").json()
    assert detail["sectors"] == [{"code": "15130", "percentage": "60.00"}, {"code": "15190", "percentage": "40.00"}]


def test_the_api_creates_a_training_and_totals_it_by_sex(officer_client, project):
    body = {
        "title": "Course",
        "country": "MLI",
        "start": "2026-05-01",
        "end": "2026-05-02",
        "place": "Bamako",
        "target_group": "police",
        "participants": 10,
        "women": 4,
        "men": 4,
        "other": 2,
    }
    bad = officer_client.post(
        f"/api/portfolio/projects/{project.pk}/trainings",
        json.dumps({**body, "participants": 5}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and "participants" in json.dumps(bad.json())
    good = officer_client.post(
        f"/api/portfolio/projects/{project.pk}/trainings", json.dumps(body), content_type="application/json"
    )
    assert good.status_code == 201, good.json()
    assert good.json()["training"]["other"] == 2
    totals = officer_client.get("/api/portfolio/trainings/totals?country=MLI").json()
    assert totals == {"events": 1, "total": 10, "women": 4, "men": 4, "other": 2}


def test_the_api_answers_a_request(officer_client, project, accepted_request):
    response = officer_client.post(
        f"/api/portfolio/projects/{project.pk}/requests",
        json.dumps({"request_id": accepted_request.pk}),
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == "planned"


def test_iati_export_download_and_import_upload(officer_client, project):
    export = officer_client.get("/api/portfolio/iati/activities.xml")
    assert export.status_code == 200
    assert project.iati_identifier.encode() in b"".join(export.streaming_content)
    upload = SimpleUploadedFile(
        "nl.xml", (FIXTURES / "netherlands-mfa-dportal-2021.xml").read_bytes(), "application/xml"
    )
    result = officer_client.post("/api/portfolio/iati/import", {"file": upload, "dry_run": "false"}).json()
    assert (result["activities"], result["created"], result["budgets"]) == (4, 4, 13)
    assert ImportedActivity.objects.count() == 4
    page = officer_client.post(
        reverse("portfolio:iati_import"),
        {"file": SimpleUploadedFile("bad.xml", b"<html></html>", "text/xml"), "dry_run": "on"},
    )
    assert page.status_code == 422 and "not an IATI file" in page.content.decode()


def test_panels_on_the_country_mandate_and_request_pages(officer, officer_client, project, training, accepted_request):
    from tcdesk.portfolio import services

    services.project_answer_request(actor=officer, project=project, ta_request=accepted_request)
    country = officer_client.get(reverse("core:country_detail", args=["MLI"])).content.decode()
    assert project.iati_identifier in country and "Training participants in this State, by sex" in country
    request_page = officer_client.get(reverse("assistance:request_detail", args=[accepted_request.pk])).content.decode()
    assert "Projects answering this request" in request_page and "Investigating trafficking cases" in request_page


def test_a_donor_sees_no_project_its_money_does_not_fund(donor_nor_client, project):
    assert donor_nor_client.get("/api/portfolio/projects").json()["items"] == []
    assert donor_nor_client.get(f"/api/portfolio/projects/{project.pk}").status_code == 404
    assert Project.objects.exists()


def test_the_project_form_picks_mandates_by_resolution_and_paragraph(officer_client, project):
    """Mandates are chosen from the registry (grouped by resolution), not typed as ids."""
    from tcdesk.mandates.services import resolution_load
    from tcdesk.mandates.tests.conftest import SEED_BYTES, SEED_NAME

    resolution, _created = resolution_load(data=SEED_BYTES, filename=SEED_NAME)
    training_mandate = resolution.mandates.get(key="6")
    page = officer_client.get(reverse("portfolio:project_edit", args=[project.pk])).content.decode()
    assert f'<optgroup label="{resolution.symbol}">' in page
    assert f'<option value="{training_mandate.pk}">op. 6 — ' in page
    form = {
        "programme": project.programme_id,
        "iati_identifier": project.iati_identifier,
        "title_en": project.title_en,
        "description": project.description,
        "status": "2",
        "planned_start": "2026-01-01",
        "planned_end": "2027-12-31",
        "currency": "USD",
        "gender_marker": "1",
        "sectors": "15130 60\n15190 40",
        "countries": "MLI 100",
        "mandate_ids": [str(training_mandate.pk)],
    }
    assert officer_client.post(reverse("portfolio:project_edit", args=[project.pk]), form).status_code == 302
    assert list(project.mandates.all()) == [training_mandate]
    again = officer_client.get(reverse("portfolio:project_edit", args=[project.pk])).content.decode()
    assert f'<option value="{training_mandate.pk}" selected>op. 6 — ' in again
    mandate_page = officer_client.get(training_mandate.get_absolute_url()).content.decode()
    assert project.iati_identifier in mandate_page  # the mandate's page lists the project serving it
    refused = officer_client.post(reverse("portfolio:project_edit", args=[project.pk]), {**form, "mandate_ids": ["0"]})
    assert refused.status_code == 422 and "Select a valid choice" in refused.content.decode()


def test_a_put_of_a_project_that_leaves_out_a_field_is_refused_and_changes_nothing(officer_client, project):
    """A PUT replaces the whole project: leaving out the French title, the gender marker or the budgets
    is a 422 naming each, never a silent reset to an empty default."""
    body = {
        "programme": project.programme.code,
        "iati_identifier": project.iati_identifier,
        "title_en": "Renamed",
        "description": project.description,
        "planned_start": "2026-01-01",
        "planned_end": "2027-12-31",
    }
    url = f"/api/portfolio/projects/{project.pk}"
    response = officer_client.put(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 422, response.content
    left_out = {item["loc"][-1] for item in response.json()["detail"]}
    assert {"title_fr", "gender_marker", "budgets", "sectors", "countries", "status"} <= left_out
    project.refresh_from_db()
    assert project.title_en.startswith("Strengthening") and project.title_fr.startswith("Renforcer")
    assert (project.gender_marker, project.budgets.count()) == (1, 2)
