"""Scenarios built from the database, edited, solved in the background, cancelled, compared; the CLI
on a stored scenario."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.planning import selectors, services
from tcdesk.planning.models import Scenario, SolveRun

from .factories import ScenarioFactory, ScenarioRequestFactory, ScenarioSourceFactory

pytestmark = pytest.mark.django_db


def test_a_new_scenario_holds_the_accepted_requests_with_their_priority_groups_and_themes(officer):
    mali = AssistanceRequestFactory(status="accepted", priority_score=70, post_conflict=True)
    colombia = AssistanceRequestFactory(status="accepted", country_id="COL", country_groups="", priority_score=30)
    AssistanceRequestFactory(status="assessed")  # not accepted: left out
    scenario = services.scenario_create(actor=officer, name="Spring", default_cost="50000")
    items = {item.request_id: item for item in scenario.requests.all()}
    assert set(items) == {mali.pk, colombia.pk}
    item = items[mali.pk]
    assert (item.priority, item.country, item.region) == (70, "MLI", "002")
    assert item.groups == ["LDC", "LLDC", "post-conflict"]
    assert item.themes == ["terrorism"]
    assert item.cost == Decimal("50000.00") and item.estimated
    assert scenario.status == "draft" and scenario.created_by == officer


def test_an_officers_estimate_carries_over_to_the_next_scenario(officer):
    AssistanceRequestFactory(status="accepted")
    first = services.scenario_create(actor=officer, name="First", default_cost="50000")
    item = first.requests.get()
    services.scenario_request_update(
        actor=officer, item=item, cost_by_year={"2027": "30000", "2028": "12000.50"}, divisible=True
    )
    item.refresh_from_db()
    assert item.cost == Decimal("42000.50") and not item.estimated
    second = services.scenario_create(actor=officer, name="Second", default_cost="50000")
    carried = second.requests.get()
    assert carried.cost == Decimal("42000.50") and carried.divisible and not carried.estimated


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"min_share": {"NOPE": "0.2"}}, "min_share"),
        ({"min_share": {"LDC": "1.5"}}, "min_share"),
        ({"max_share_theme": {"terrorism": "0"}}, "max_share_theme"),
        ({"country_cap": "-5"}, "country_cap"),
        ({"time_limit": 0}, "time_limit"),
    ],
)
def test_bad_rules_are_refused_naming_the_field(officer, changes, field):
    scenario = ScenarioFactory()
    with pytest.raises(ValidationError) as caught:
        services.scenario_update(actor=officer, scenario=scenario, **changes)
    assert field in caught.value.message_dict


def test_only_planners_build_scenarios(secretariat, finance):
    with pytest.raises(PermissionDenied):
        services.scenario_create(actor=secretariat, name="No", default_cost="1")
    assert services.scenario_create(actor=finance, name="Yes", default_cost="1").name == "Yes"


def test_a_request_cannot_be_both_a_must_and_a_must_not(officer):
    item = ScenarioRequestFactory()
    with pytest.raises(ValidationError) as caught:
        services.scenario_request_update(actor=officer, item=item, must_fund=True, must_not_fund=True)
    assert "must_fund" in caught.value.message_dict
    item.refresh_from_db()
    assert not item.must_fund


def _two_requests_and_money(amount: str = "150000.00") -> Scenario:
    scenario = ScenarioFactory()
    ScenarioRequestFactory(scenario=scenario, priority=50)
    ScenarioRequestFactory(
        scenario=scenario, priority=80, country="COL", region="019", groups=[], themes=["corruption"]
    )
    ScenarioSourceFactory(scenario=scenario, amount=Decimal(amount))
    return scenario


def test_a_solve_runs_in_the_background_and_stores_the_plan_and_why_the_rest_is_unfunded(officer):
    scenario = _two_requests_and_money()
    run = services.solve_start(actor=officer, scenario=scenario)  # the test task backend runs it at once
    run.refresh_from_db()
    assert run.status == "optimal" and run.job is not None
    assert run.objective == Decimal("80") and run.greedy_objective == Decimal("80")
    funded, unfunded = selectors.plan_rows(run)
    assert [row.country for row in funded] == ["COL"]
    assert [amount for _label, amount in funded[0].draws] == [Decimal("100000.00")]
    assert unfunded[0].reason == "no_eligible_money" and unfunded[0].more_money == Decimal("50000.00")
    scenario.refresh_from_db()
    assert scenario.status == "solved"
    assert list(run.source_amounts.values()) == ["150000.00"]


def test_changing_a_solved_scenario_sends_it_back_to_draft(officer):
    scenario = _two_requests_and_money()
    services.solve_start(actor=officer, scenario=scenario)
    services.scenario_update(actor=officer, scenario=scenario, country_cap="90000")
    scenario.refresh_from_db()
    assert scenario.status == "draft"


def test_conflicting_rules_are_explained_not_a_bare_infeasible(officer):
    scenario = _two_requests_and_money()
    for item in scenario.requests.all():
        services.scenario_request_update(actor=officer, item=item, must_fund=True)
    run = services.solve_start(actor=officer, scenario=scenario)
    run.refresh_from_db()
    assert run.status == "infeasible"
    labels = selectors.conflict_labels(run)
    assert labels and any("money" in label or "must" in label for label in labels)


def test_a_queued_solve_is_cancelled_at_once_and_a_finished_one_cannot_be(officer):
    scenario = _two_requests_and_money()
    queued = SolveRun.objects.create(scenario=scenario, started_by=officer)
    services.solve_cancel(actor=officer, run=queued)
    queued.refresh_from_db()
    assert queued.status == "cancelled"
    assert services.solve_execute(run_id=queued.pk).status == "cancelled"
    with pytest.raises(ValidationError):
        services.solve_cancel(actor=officer, run=queued)


def test_a_running_solve_stops_when_cancelled(officer, monkeypatch):
    scenario = _two_requests_and_money()
    run = SolveRun.objects.create(scenario=scenario, started_by=officer)
    original = services.solve

    def solve_with_cancel(problem, **kwargs):  # the user cancels once the solve has started
        SolveRun.objects.filter(pk=run.pk).update(cancel_requested=True)
        return original(problem, **kwargs)

    monkeypatch.setattr(services, "solve", solve_with_cancel)
    finished = services.solve_execute(run_id=run.pk)
    assert finished.status == "cancelled"
    assert finished.result["greedy"]["funded_count"] == 1  # the greedy plan is there even so


def test_a_second_solve_is_refused_while_one_is_under_way(officer):
    scenario = _two_requests_and_money()
    SolveRun.objects.create(scenario=scenario, status="running")
    with pytest.raises(ValidationError) as caught:
        services.solve_start(actor=officer, scenario=scenario)
    assert "scenario" in caught.value.message_dict


def test_money_entered_by_hand_with_an_unknown_theme_is_refused(officer):
    scenario = ScenarioFactory()
    with pytest.raises(ValidationError) as caught:
        services.scenario_source_add(actor=officer, scenario=scenario, label="X", amount="10", themes="nope")
    assert "themes" in caught.value.message_dict
    assert not scenario.sources.exists()


def test_sources_outside_their_validity_are_left_out_of_the_solve():
    scenario = _two_requests_and_money()
    ScenarioSourceFactory(scenario=scenario, amount=Decimal("500000"), valid_to="2001-01-01")
    document = selectors.scenario_document(scenario)
    assert [source["amount"] for source in document["sources"]] == ["150000.00"]


def test_scenarios_compare_by_group_theme_and_region(officer):
    rich = _two_requests_and_money("300000.00")
    poor = _two_requests_and_money("100000.00")
    services.solve_start(actor=officer, scenario=rich)
    services.solve_start(actor=officer, scenario=poor)
    columns = selectors.comparison([rich, poor])["columns"]
    assert [c.funded_count for c in columns] == [2, 1]
    assert columns[0].by_group == {"LDC": (1, Decimal("100000.00"))}
    assert columns[1].by_region == {"019": (1, Decimal("100000.00"))}
    assert columns[1].priority_covered == Decimal(80) / Decimal(130)


def test_plan_allocation_solves_a_stored_scenario(officer):
    scenario = _two_requests_and_money()
    out = StringIO()
    call_command("plan_allocation", "--scenario", scenario.name, "--json", stdout=out, stderr=StringIO())
    answer = json.loads(out.getvalue())
    colombia = scenario.requests.get(country="COL")
    source = scenario.sources.get()
    assert answer["status"] == "optimal"
    assert answer["objective"] == 80
    assert [item["request"] for item in answer["funded"]] == [str(colombia.request_id)]
    assert answer["funded"][0]["sources"] == [{"source": source.key, "amount": "100000.00"}]
    assert not SolveRun.objects.exists()  # the command reads, it stores nothing


def test_a_scenario_changed_while_its_solve_ran_stays_a_draft(officer, monkeypatch):
    scenario = _two_requests_and_money()
    run = SolveRun.objects.create(scenario=scenario, started_by=officer)
    original = services.solve

    def solve_while_the_rules_change(problem, **kwargs):
        services.scenario_update(actor=officer, scenario=scenario, country_cap="90000")
        return original(problem, **kwargs)

    monkeypatch.setattr(services, "solve", solve_while_the_rules_change)
    assert services.solve_execute(run_id=run.pk).status == "optimal"
    scenario.refresh_from_db()
    assert scenario.status == "draft"
