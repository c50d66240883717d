"""The demo holds solved scenarios built from the demo's requests and the funds demo's ledger, and a
demo fund manager can accept "Demo plan": its allocations are posted on the ledger."""

from decimal import Decimal

import pytest

from tcdesk.accounts.models import User
from tcdesk.assistance.models import RequestEvent
from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.funds import demo as funds_demo
from tcdesk.funds.models import Allocation
from tcdesk.funds.selectors import funding_sources, request_funding
from tcdesk.planning import demo, services
from tcdesk.planning.models import Scenario

pytestmark = pytest.mark.django_db

COUNTRIES = ("MLI", "NER", "COL", "UKR", "PER", "MLI", "COL", "UKR", "PER")


@pytest.fixture
def demo_ledger():
    """Requests the assistance demo left assessed (its synthetic marker), then the funds demo's ledger."""
    for number, country in enumerate(COUNTRIES):
        AssistanceRequestFactory(
            status="assessed",
            country_id=country,
            priority_score=90 - 7 * number,
            description=demo.REQUESTS_SYNTHETIC + "A request of the demo.",
            themes=[("terrorism", "corruption", "trafficking_in_persons")[number % 3]],
        )
    AssistanceRequestFactory(status="assessed", description="A real request, not the demo's.")
    funds_demo.load_demo(seed=7, scale=1, progress=None)


def test_the_demo_plan_holds_the_ledgers_money_reloads_the_same_and_a_fund_manager_accepts_it(demo_ledger):
    summary = demo.load_demo(seed=7, scale=1, progress=None)
    assert summary["scenarios"] == 2 and summary["requests_accepted"] == len(COUNTRIES)
    plan = Scenario.objects.get(name="Demo plan")
    assert plan.status == "solved" and plan.latest_run().status == "optimal"
    ledger = {source.key: source.amount for source in funding_sources(currency="USD")}
    assert {source.key: source.amount for source in plan.sources.all()} == ledger
    assert {source.origin for source in plan.sources.all()} == {"funds"}
    assert plan.requests.count() == len(COUNTRIES)
    assert not plan.requests.filter(estimated=True).exists()  # every cost is the officer's estimate
    first = [(item.request_id, item.cost, item.divisible) for item in plan.requests.order_by("request_id")]
    what_if = Scenario.objects.get(name="Demo plan — what if")
    assert what_if.sources.count() == plan.sources.count() + 1
    assert [(item.request_id, item.cost) for item in what_if.requests.order_by("request_id")] == [
        (request_id, cost) for request_id, cost, _divisible in first
    ]
    demo.load_demo(seed=7, scale=1, progress=None)
    again = Scenario.objects.get(name="Demo plan")
    assert [(item.request_id, item.cost, item.divisible) for item in again.requests.order_by("request_id")] == first
    _accept_the_demo_plan()


def _accept_the_demo_plan():
    """A demo fund manager accepts "Demo plan": its allocations are on the ledger (one test with the
    above: the funds demo is slow to load)."""
    plan = Scenario.objects.get(name="Demo plan")
    run = plan.latest_run()
    funded = {int(entry["request"]): Decimal(entry["amount"]) for entry in run.result["funded"]}
    assert funded and run.result["unfunded"] + [e for e in run.result["funded"] if Decimal(e["fraction"]) < 1]
    before = Allocation.objects.count()
    finance = User.objects.get(username="finance")
    services.scenario_accept(actor=finance, scenario=plan)
    plan.refresh_from_db()
    assert plan.status == "accepted"
    assert Scenario.objects.get(name="Demo plan — what if").status == "superseded"
    draws = sum(len(entry["sources"]) for entry in run.result["funded"])
    assert Allocation.objects.count() == before + draws
    assert request_funding(request_ids=list(funded)) == funded
    for item in plan.requests.select_related("request"):
        item.request.refresh_from_db()
        amount = funded.get(item.request_id, Decimal(0))
        if amount == item.cost:
            assert item.request.status == "planned"
            assert "Demo plan" in RequestEvent.objects.get(request=item.request, action="plan").comment
        else:
            assert item.request.status == "accepted"
    # The next scenario holds what is still needed: the unfunded and the partly funded requests.
    later = services.scenario_create(actor=finance, name="Next round", default_cost="1")
    still = {item.request_id: item.cost for item in later.requests.all()}
    assert still == {
        item.request_id: item.cost - funded.get(item.request_id, Decimal(0))
        for item in plan.requests.all()
        if funded.get(item.request_id, Decimal(0)) < item.cost
    }
    assert still
