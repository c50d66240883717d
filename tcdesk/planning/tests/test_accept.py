"""Accepting a plan: allocations posted all or nothing after every balance is read again; the funded
requests planned with an event naming the scenario; nothing posted when money moved since the solve."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tcdesk.assistance.models import RequestEvent
from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.funds import services as funds
from tcdesk.funds.models import Allocation
from tcdesk.funds.selectors import request_funding
from tcdesk.funds.tests import factories as fund_factories
from tcdesk.planning import acceptance, services
from tcdesk.planning.models import Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def solved(finance) -> Scenario:
    """Two accepted requests of 100,000 (priorities 80 and 50) and 150,000 free in the CPCJF: solved."""
    fund_factories.fund("CPCJF")
    funds.receipt_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("150000"),
        currency="USD",
        received_on=dt.date(2026, 3, 10),
        reference="R-1",
    )
    AssistanceRequestFactory(status="accepted", priority_score=80)
    AssistanceRequestFactory(status="accepted", priority_score=50)
    scenario = services.scenario_create(actor=finance, name="To accept", default_cost="100000")
    assert [source.key for source in scenario.sources.all()] == ["fund:CPCJF"]
    services.solve_start(actor=finance, scenario=scenario)
    scenario.refresh_from_db()
    assert scenario.status == "solved"
    return scenario


def test_accepting_posts_the_allocations_and_plans_the_funded_request_with_an_event_naming_the_scenario(
    solved, finance
):
    services.scenario_accept(actor=finance, scenario=solved)
    (allocation,) = Allocation.objects.all()
    first = solved.requests.get(priority=80)
    assert allocation.request_id == first.request_id and allocation.usd_amount == Decimal("100000.00")
    first.request.refresh_from_db()
    assert first.request.status == "planned"
    event = RequestEvent.objects.get(request=first.request, action="plan")
    assert "To accept" in event.comment and event.actor == finance
    unfunded = solved.requests.get(priority=50)
    unfunded.request.refresh_from_db()
    assert unfunded.request.status == "accepted"
    solved.refresh_from_db()
    assert solved.status == "accepted" and solved.accepted_by == finance


def test_nothing_is_posted_when_money_moved_since_the_solve_and_the_user_is_told_what(solved, finance):
    other = AssistanceRequestFactory(status="accepted")
    funds.allocation_create(
        actor=finance,
        fund="CPCJF",
        earmark=None,
        amount=Decimal("60000"),
        currency="USD",
        request=other.pk,
        idempotency_key="elsewhere",
    )
    with pytest.raises(services.MoneyMovedError) as caught:
        services.scenario_accept(actor=finance, scenario=solved)
    (change,) = caught.value.changes
    assert (change.key, change.at_solve, change.now) == ("fund:CPCJF", Decimal("150000.00"), Decimal("90000.00"))
    assert "150000.00 at the solve, 90000.00 now" in " ".join(caught.value.messages)
    assert Allocation.objects.count() == 1  # only the other one
    assert not solved.requests.filter(request__status="planned").exists()
    solved.refresh_from_db()
    assert solved.status == "solved"


def test_reading_the_balances_again_and_solving_again_lets_the_plan_through(solved, finance):
    other = AssistanceRequestFactory(status="accepted")
    funds.allocation_create(
        actor=finance,
        fund="CPCJF",
        earmark=None,
        amount=Decimal("10000"),
        currency="USD",
        request=other.pk,
        idempotency_key="elsewhere",
    )
    services.scenario_sources_refresh(actor=finance, scenario=solved)
    services.solve_start(actor=finance, scenario=solved)
    services.scenario_accept(actor=finance, scenario=solved)
    assert Allocation.objects.count() == 2


def test_a_plan_drawing_on_money_entered_by_hand_is_not_posted(solved, finance):
    services.scenario_source_add(actor=finance, scenario=solved, label="What if", amount="500000")
    services.solve_start(actor=finance, scenario=solved)
    with pytest.raises(ValidationError, match="entered by hand"):
        services.scenario_accept(actor=finance, scenario=solved)
    assert not Allocation.objects.exists()


def test_an_officer_plans_but_does_not_accept(solved, officer_client, finance):
    response = officer_client.post(f"/planning/{solved.pk}/accept/")
    assert response.status_code == 403
    assert not Allocation.objects.exists()


def test_the_api_answers_409_with_what_moved(solved, finance):
    from django.test import Client

    client = Client()
    client.force_login(finance)
    other = AssistanceRequestFactory(status="accepted")
    funds.allocation_create(
        actor=finance,
        fund="CPCJF",
        earmark=None,
        amount=Decimal("1"),
        currency="USD",
        request=other.pk,
        idempotency_key="elsewhere",
    )
    response = client.post(f"/api/planning/scenarios/{solved.pk}/accept", content_type="application/json")
    assert response.status_code == 409
    assert response.json()["changes"] == [
        {"source": "fund:CPCJF", "label": "CPCJF fund", "at_solve": "150000.00", "now": "149999.00"}
    ]


def test_an_allocation_slipping_in_between_the_reading_and_the_posting_rolls_everything_back(
    solved, finance, monkeypatch
):
    other = AssistanceRequestFactory(status="accepted")
    original = acceptance.allocation_create

    def with_a_concurrent_allocation(**kwargs):
        if not Allocation.objects.filter(idempotency_key="concurrent").exists():
            original(
                actor=finance,
                fund="CPCJF",
                earmark=None,
                amount=Decimal("5"),
                currency="USD",
                request=other.pk,
                idempotency_key="concurrent",
            )
        return original(**kwargs)

    monkeypatch.setattr(acceptance, "allocation_create", with_a_concurrent_allocation)
    with pytest.raises(services.MoneyMovedError):
        services.scenario_accept(actor=finance, scenario=solved)
    assert not Allocation.objects.exists()  # the plan's and the "concurrent" one, in the same transaction here
    solved.refresh_from_db()
    assert solved.status == "solved"


def test_other_scenarios_holding_the_same_requests_are_superseded(solved, finance):
    other = services.scenario_create(actor=finance, name="Another", default_cost="100000")
    services.scenario_accept(actor=finance, scenario=solved)
    other.refresh_from_db()
    assert other.status == "superseded"


def test_a_partly_funded_request_stays_accepted_and_comes_back_with_its_remaining_need(solved, finance):
    """150,000 for two requests of 100,000: the second, divisible, gets 50,000 and still needs 50,000."""
    second = solved.requests.get(priority=50)
    services.scenario_request_update(actor=finance, item=second, divisible=True)
    services.solve_start(actor=finance, scenario=solved)
    services.scenario_accept(actor=finance, scenario=solved)
    assert request_funding(request_ids=[second.request_id]) == {second.request_id: Decimal("50000.00")}
    second.request.refresh_from_db()
    assert second.request.status == "accepted"
    assert not RequestEvent.objects.filter(request=second.request, action="plan").exists()
    first = solved.requests.get(priority=80)
    first.request.refresh_from_db()
    assert first.request.status == "planned"
    later = services.scenario_create(actor=finance, name="Next round", default_cost="999999")
    (item,) = later.requests.all()  # the fully funded one left; the partly funded one is back
    assert item.request_id == second.request_id and item.cost == Decimal("50000.00")
    assert item.cost_by_year == second.cost_by_year and item.divisible


def test_an_officers_new_estimate_is_the_whole_cost_and_the_scenario_funds_what_is_still_needed(solved, finance):
    second = solved.requests.get(priority=50)
    services.scenario_request_update(actor=finance, item=second, divisible=True)
    services.solve_start(actor=finance, scenario=solved)
    services.scenario_accept(actor=finance, scenario=solved)
    later = services.scenario_create(actor=finance, name="Next round", default_cost="1")
    item = later.requests.get()
    item = services.scenario_request_update(actor=finance, item=item, cost_by_year={"2027": "70000", "2028": "10000"})
    assert item.cost == Decimal("30000.00")  # 80,000 estimated, 50,000 allocated already
    with pytest.raises(ValidationError, match="already allocated 50000.00"):
        services.scenario_request_update(actor=finance, item=item, cost_by_year={"2027": "50000"})


def test_a_planned_request_with_a_known_cost_not_yet_covered_enters_a_scenario(finance):
    fund_factories.fund("CPCJF")
    planned = AssistanceRequestFactory(status="planned", cost_estimate=Decimal("80000"), cost_currency="USD")
    AssistanceRequestFactory(status="planned")  # no known cost: planned some other way, left out
    AssistanceRequestFactory(status="accepted", cost_estimate=Decimal("5000"), cost_currency="EUR")
    funds.receipt_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("150000"),
        currency="USD",
        received_on=dt.date(2026, 3, 10),
        reference="R-1",
    )
    funds.allocation_create(
        actor=finance,
        fund="CPCJF",
        earmark=None,
        amount=Decimal("30000"),
        currency="USD",
        request=planned.pk,
        idempotency_key="earlier",
    )
    scenario = services.scenario_create(actor=finance, name="Planned too", default_cost="1000")
    costs = {item.request_id: (item.cost, item.estimated) for item in scenario.requests.all()}
    assert costs[planned.pk] == (Decimal("50000.00"), False)
    assert len(costs) == 2 and (Decimal("1000.00"), True) in costs.values()  # the EUR estimate: the default
