"""The portfolio's writes: projects, trainings and results keep their rules, or write nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tcdesk.assistance import services as assistance
from tcdesk.assistance.tests.conftest import walk
from tcdesk.portfolio import services
from tcdesk.portfolio.models import Project, ProjectRequest, TrainingEvent
from tcdesk.portfolio.selectors import training_totals, trainings_of_project
from tcdesk.portfolio.tests import factories

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_project_keeps_its_sectors_places_budgets_and_organisations(project):
    assert [(s.code, s.percentage) for s in project.sectors.all()] == [("15130", 60), ("15190", 40)]
    assert [c.country_id for c in project.countries.all()] == ["MLI"]
    assert [b.year for b in project.budgets.all()] == [2026, 2027]
    assert project.organisations.get().get_role_display() == "Accountable"
    assert project.history.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"sectors": [("15130", "60"), ("15190", "39.99")]}, "sectors", "99.99, not 100"),
        ({"sectors": [("1513", "100")]}, "sectors", "not a DAC 5-digit"),
        ({"sectors": [("15130", "50"), ("15130", "50")]}, "sectors", "repeated"),
        ({"countries": [("MLI", "50"), ("NER", "40")]}, "countries", "90, not 100"),
        ({"countries": [("XXX", "100")]}, "countries", "Unknown country"),
        ({"gender_marker": None}, "gender_marker", "required"),
        ({"gender_marker": 3}, "gender_marker", "0, 1 or 2"),
        ({"planned_end": dt.date(2025, 1, 1)}, "planned_end", "before the start"),
        ({"actual_start": dt.date(2026, 5, 1), "actual_end": dt.date(2026, 4, 1)}, "actual_end", "before the start"),
        ({"budgets": [(2026, "1"), (2026, "2")]}, "budgets", "One budget per year"),
        ({"budgets": [(2031, "1")]}, "budgets", "outside the planned period"),
        ({"iati_identifier": "XM-OTHER-1"}, "iati_identifier", "starts with the publisher"),
        ({"organisations": [{"role": 9, "name": "X"}]}, "organisations", "unknown IATI role"),
    ],
)
def test_it_refuses_a_project_that_breaks_a_rule_naming_the_field(officer, overrides, field, words):
    before = Project.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        factories.project(officer, **overrides)
    assert any(words in message for message in errors_of(excinfo)[field]), errors_of(excinfo)
    assert Project.objects.count() == before


def test_countries_and_regions_add_up_to_100_together(officer):
    project = factories.project(officer, countries=[("MLI", "60")], regions=[("002", "40")])
    assert project.regions.get().region_id == "002"


def test_only_officers_manage_the_portfolio(focal_mli, auditor):
    for user in (focal_mli, auditor):
        with pytest.raises(PermissionDenied):
            factories.programme(user)


def test_training_participants_add_up_by_sex(officer, project, training):
    assert training.participants == training.women + training.men + training.other_sex
    assert training_totals(trainings_of_project(project)).as_dict() == {
        "events": 1,
        "total": 25,
        "women": 11,
        "men": 13,
        "other": 1,
    }


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"participants": 20}, "participants", "More participants by sex (25) than in total (20)"),
        ({"participants": 30}, "participants", "fall short of the total"),
        ({"roles": [("prosecutors", 8, 10, 1)]}, "roles", "add up to 8 women, not 11"),
        ({"end": dt.date(2026, 3, 1)}, "end", "before the start"),
        ({"post_score": Decimal(120)}, "post_score", "between 0 and 100"),
        ({"target_group": "astronauts"}, "target_group", "Unknown target group"),
    ],
)
def test_it_refuses_a_training_that_does_not_add_up(officer, project, overrides, field, words):
    with pytest.raises(ValidationError) as excinfo:
        factories.training(officer, project, **overrides)
    assert any(words in message for message in errors_of(excinfo)[field]), errors_of(excinfo)
    assert not TrainingEvent.objects.exists()
    assert not project.activities.exists()


def test_an_indicator_counting_people_gives_targets_and_actuals_by_sex(officer, project):
    outcome = services.outcome_save(actor=officer, project=project, title="Prosecutors apply the law")
    period = {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31), "target": Decimal(40), "actual": Decimal(35)}
    with pytest.raises(ValidationError) as excinfo:
        services.indicator_save(
            actor=officer,
            project=project,
            outcome=outcome,
            title="Prosecutors trained",
            counts_people=True,
            baseline_year=2025,
            baseline_value=Decimal(0),
            periods=[period],
        )
    assert "by sex" in str(errors_of(excinfo)["periods[1]"])
    by_sex = {"target_women": 20, "target_men": 20, "target_other": 0, "actual_women": 17, "actual_men": 17}
    with pytest.raises(ValidationError) as excinfo:
        services.indicator_save(
            actor=officer,
            project=project,
            outcome=outcome,
            title="Prosecutors trained",
            counts_people=True,
            baseline_year=2025,
            baseline_value=Decimal(0),
            periods=[{**period, **by_sex, "actual_other": 0}],
        )
    assert "adds up to 34, not 35" in str(errors_of(excinfo)["periods[1]"])
    indicator = services.indicator_save(
        actor=officer,
        project=project,
        outcome=outcome,
        title="Prosecutors trained",
        counts_people=True,
        baseline_year=2025,
        baseline_value=Decimal(0),
        periods=[{**period, **by_sex, "actual_other": 1}],
    )
    assert indicator.periods.get().actual_women == 17


def test_answering_an_accepted_request_plans_it_through_the_workflow(officer, project, accepted_request):
    ta_request = accepted_request
    services.project_answer_request(actor=officer, project=project, ta_request=ta_request)
    ta_request.refresh_from_db()
    assert ta_request.status == "planned"
    assert ta_request.project_reference == project.iati_identifier
    assert ta_request.events.filter(action="plan").exists()
    assert ProjectRequest.objects.filter(project=project, request=ta_request).exists()


def test_it_refuses_to_answer_a_closed_request(officer, project, accepted_request):
    ta_request = walk(accepted_request, officer, "plan", "deliver", "close")
    with pytest.raises(ValidationError) as excinfo:
        services.project_answer_request(actor=officer, project=project, ta_request=ta_request)
    assert "request" in errors_of(excinfo)
    assert not ProjectRequest.objects.exists()
    ta_request.refresh_from_db()
    assert ta_request.status == "closed"


def test_a_focal_point_sees_its_states_projects_only(officer, focal_mli, focal_col, donor_nor, project):
    factories.project(officer, countries=[("COL", "100")])
    assert list(Project.objects.for_user(focal_mli)) == [project]
    assert Project.objects.for_user(focal_col).count() == 1
    assert Project.objects.for_user(officer).count() == 2
    assert not Project.objects.for_user(donor_nor).exists()  # until funds says what their money funds


def test_partner_activities_recorded_by_hand_stay_untouched_by_imports(officer):
    activity = assistance.partner_activity_save(
        actor=officer, organisation_code="UNDP", country_iso3="MLI", title="Rule of law programme"
    )
    assert activity.iati_identifier is None


def test_the_demo_gives_accepted_requests_a_project_with_trainings_by_sex_and_results(officer, accepted_request):
    from tcdesk.portfolio.demo import SYNTHETIC, load_demo

    type(accepted_request).objects.filter(pk=accepted_request.pk).update(description=SYNTHETIC + "Demo.")
    counts = load_demo(seed=3, scale=1, progress=None)
    assert counts["projects"] == 1 and counts["requests_planned"] == 1 and counts["trainings"] >= 1
    project = Project.objects.get()
    assert project.requests.get().status == "planned"
    assert project.indicators.get().periods.get().actual_women is not None
    assert load_demo(seed=3, scale=1, progress=None)["projects"] == 1  # a refresh: the same portfolio again
    assert Project.objects.count() == 1
