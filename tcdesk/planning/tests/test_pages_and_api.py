"""The planning pages and API: planners build, solve and compare; others read or are refused."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.planning.models import Scenario

from .factories import ScenarioFactory, ScenarioRequestFactory, ScenarioSourceFactory

pytestmark = pytest.mark.django_db


def _solvable() -> Scenario:
    scenario = ScenarioFactory(name="Spring plan", min_share={"LDC": "0.3"})
    ScenarioRequestFactory(scenario=scenario, priority=50)
    ScenarioRequestFactory(scenario=scenario, priority=80, country="COL", region="019", groups=[])
    ScenarioSourceFactory(scenario=scenario, amount=Decimal("150000.00"), label="Norway 2027")
    return scenario


def test_an_officer_creates_a_scenario_from_the_accepted_requests_and_solves_it_in_the_browser(officer_client):
    AssistanceRequestFactory(status="accepted", priority_score=40)
    response = officer_client.post(
        reverse("planning:scenario_list"),
        {"name": "Autumn", "default_cost": "80000", "time_limit": "10"},
    )
    scenario = Scenario.objects.get(name="Autumn")
    assert response.status_code == 302 and response["Location"] == scenario.get_absolute_url()
    officer_client.post(
        reverse("planning:scenario_source_add", args=[scenario.pk]), {"label": "What if Norway gives", "amount": "1e5"}
    )
    response = officer_client.post(reverse("planning:scenario_solve", args=[scenario.pk]))
    run = scenario.runs.get()
    assert response["Location"] == reverse("planning:run_detail", args=[scenario.pk, run.pk])
    page = officer_client.get(response["Location"]).content.decode()
    assert "What if Norway gives: 80,000.00" in page
    assert "Optimal" in page


def test_the_plan_page_says_why_a_request_is_unfunded_and_how_much_more_would_fund_it(officer_client, officer):
    scenario = _solvable()
    officer_client.post(reverse("planning:scenario_solve", args=[scenario.pk]))
    page = officer_client.get(scenario.get_absolute_url()).content.decode()
    assert "no eligible money left" in page
    assert "50,000.00" in page


def test_the_page_reads_in_french(officer_client):
    scenario = _solvable()
    officer_client.post(reverse("planning:scenario_solve", args=[scenario.pk]))
    with translation.override("fr"):
        page = officer_client.get(scenario.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "plus d’argent éligible disponible" in page and "Dernière résolution" in page


def test_conflicting_rules_are_listed_on_the_page(officer_client):
    scenario = _solvable()
    scenario.requests.update(must_fund=True)
    officer_client.post(reverse("planning:scenario_solve", args=[scenario.pk]))
    page = officer_client.get(scenario.get_absolute_url()).content.decode()
    assert "The rules conflict" in page


def test_bad_rules_are_shown_on_the_form_with_a_422(officer_client):
    scenario = _solvable()
    response = officer_client.post(
        reverse("planning:scenario_policy", args=[scenario.pk]), {"min_share": "LDC 2", "time_limit": "10"}
    )
    assert response.status_code == 422
    assert "between 0 (excluded) and 1" in response.content.decode()


def test_the_secretariat_reads_but_may_not_solve(secretariat_client):
    scenario = _solvable()
    assert secretariat_client.get(scenario.get_absolute_url()).status_code == 200
    assert secretariat_client.post(reverse("planning:scenario_solve", args=[scenario.pk])).status_code == 403
    assert not scenario.runs.exists()


def test_a_donor_sees_no_scenario(donor_nor_client):
    scenario = _solvable()
    assert donor_nor_client.get(scenario.get_absolute_url()).status_code == 404
    assert donor_nor_client.get("/api/planning/scenarios").status_code == 403


def test_the_api_builds_changes_solves_and_compares(officer_client):
    AssistanceRequestFactory(status="accepted", priority_score=40)
    created = officer_client.post(
        "/api/planning/scenarios", {"name": "API", "default_cost": "1000.00"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    scenario_id = created.json()["id"]
    (item,) = created.json()["requests"]
    changed = officer_client.patch(
        f"/api/planning/scenarios/{scenario_id}/requests/{item['id']}",
        {"cost_by_year": {"2027": "600", "2028": "400.50"}, "divisible": True},
        content_type="application/json",
    )
    assert changed.json()["cost"] == "1000.50"
    bad = officer_client.patch(
        f"/api/planning/scenarios/{scenario_id}",
        {"max_share_theme": {"nope": "0.5"}},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "max_share_theme" in json.dumps(bad.json())
    officer_client.post(
        f"/api/planning/scenarios/{scenario_id}/sources",
        {"label": "Pledge", "amount": "500.25", "themes": ["terrorism"]},
        content_type="application/json",
    )
    solved = officer_client.post(f"/api/planning/scenarios/{scenario_id}/solve", {}, content_type="application/json")
    assert solved.status_code == 202
    run = officer_client.get(f"/api/planning/scenarios/{scenario_id}/runs/{solved.json()['id']}").json()
    assert run["status"] == "optimal"
    assert run["result"]["funded"][0]["amount"] == "500.25"
    figures = officer_client.get(f"/api/planning/compare?ids={scenario_id}").json()
    assert figures[0]["funded_count"] == 1 and figures[0]["by_theme"]["terrorism"]["amount"] == "500.25"


def test_compare_page_shows_scenarios_side_by_side(officer_client, officer):
    first, second = _solvable(), ScenarioFactory(name="Empty")
    officer_client.post(reverse("planning:scenario_solve", args=[first.pk]))
    page = officer_client.get(reverse("planning:compare") + f"?s={first.pk}&s={second.pk}").content.decode()
    assert "Spring plan" in page and "Empty" in page and "Priority covered" in page


def test_anonymous_callers_are_sent_to_sign_in():
    response = Client().get(reverse("planning:scenario_list"))
    assert response.status_code == 302


def test_the_run_page_answers_htmx_polling_with_the_result_fragment_only(officer_client):
    scenario = _solvable()
    officer_client.post(reverse("planning:scenario_solve", args=[scenario.pk]))
    run = scenario.runs.get()
    fragment = officer_client.get(
        reverse("planning:run_detail", args=[scenario.pk, run.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="solve-result"' in fragment and "<html" not in fragment and "Optimal" in fragment


def test_the_api_removes_requests_and_sources_and_puts_a_request_back(officer_client):
    scenario = _solvable()
    item = scenario.requests.get(priority=50)
    source = scenario.sources.get()
    base = f"/api/planning/scenarios/{scenario.pk}"
    assert officer_client.delete(f"{base}/requests/{item.pk}").status_code == 204
    assert officer_client.delete(f"{base}/sources/{source.pk}").status_code == 204
    assert not scenario.sources.exists() and scenario.requests.count() == 1
    assert officer_client.delete(f"{base}/requests/{item.pk}").status_code == 404
    body = {"request": item.request_id, "cost_by_year": {"2027": "60000", "2028": "15000.50"}, "divisible": True}
    response = officer_client.post(f"{base}/requests", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    added = response.json()
    assert (added["request"], added["cost"], added["divisible"], added["default_estimate"]) == (
        item.request_id,
        "75000.50",
        True,
        False,
    )
    again = officer_client.post(f"{base}/requests", json.dumps(body), content_type="application/json")
    assert again.status_code == 422 and "holds this request already" in again.content.decode()


def test_the_api_refuses_to_add_a_request_the_ledger_may_not_fund_or_whose_cost_is_unknown(officer_client):
    scenario = _solvable()
    base = f"/api/planning/scenarios/{scenario.pk}/requests"
    submitted = AssistanceRequestFactory(status="submitted")
    response = officer_client.post(base, json.dumps({"request": submitted.pk}), content_type="application/json")
    assert response.status_code == 422 and "accepted or planned" in response.content.decode()
    accepted = AssistanceRequestFactory(status="accepted")
    response = officer_client.post(base, json.dumps({"request": accepted.pk}), content_type="application/json")
    assert response.status_code == 422 and "No estimate of this request is known" in response.content.decode()
    accepted.cost_estimate, accepted.cost_currency = Decimal("42000"), "USD"
    accepted.save()
    response = officer_client.post(base, json.dumps({"request": accepted.pk}), content_type="application/json")
    assert response.status_code == 201 and response.json()["cost"] == "42000.00"


def test_removing_from_an_accepted_scenario_is_refused_and_readers_cannot_remove(
    officer_client, secretariat_client, auditor_client
):
    scenario = _solvable()
    item = scenario.requests.first()
    source = scenario.sources.get()
    base = f"/api/planning/scenarios/{scenario.pk}"
    for client in (secretariat_client, auditor_client):
        assert client.delete(f"{base}/requests/{item.pk}").status_code == 403
        assert client.delete(f"{base}/sources/{source.pk}").status_code == 403
        assert client.get(f"{base}/runs").status_code == 200
    Scenario.objects.filter(pk=scenario.pk).update(status="accepted")
    response = officer_client.delete(f"{base}/requests/{item.pk}")
    assert response.status_code == 422 and "cannot change" in response.content.decode()
    assert officer_client.delete(f"{base}/sources/{source.pk}").status_code == 422
    assert scenario.requests.count() == 2 and scenario.sources.count() == 1


def test_the_api_lists_a_scenarios_solves_newest_first(officer_client):
    scenario = _solvable()
    officer_client.post(f"/api/planning/scenarios/{scenario.pk}/solve", "{}", content_type="application/json")
    officer_client.post(f"/api/planning/scenarios/{scenario.pk}/solve", "{}", content_type="application/json")
    runs = officer_client.get(f"/api/planning/scenarios/{scenario.pk}/runs").json()
    assert [run["id"] for run in runs] == list(scenario.runs.order_by("-pk").values_list("pk", flat=True))
    assert len(runs) == 2 and runs[0]["status"] == "optimal"
