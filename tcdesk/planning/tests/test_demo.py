"""The demo holds solved scenarios built from the demo's accepted requests."""

import pytest

from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.planning import demo
from tcdesk.planning.models import Scenario

pytestmark = pytest.mark.django_db


def test_the_demo_builds_and_solves_two_scenarios_and_reloads_the_same():
    for priority in (90, 60, 30):
        AssistanceRequestFactory(status="accepted", priority_score=priority)
    summary = demo.load_demo(seed=7, scale=1, progress=None)
    assert summary["scenarios"] == 2
    plan = Scenario.objects.get(name="Demo plan")
    run = plan.latest_run()
    assert plan.requests.count() == 3 and run.status == "optimal" and plan.status == "solved"
    first = [(item.request_id, item.cost) for item in plan.requests.order_by("request_id")]
    demo.load_demo(seed=7, scale=1, progress=None)
    again = Scenario.objects.get(name="Demo plan")
    assert [(item.request_id, item.cost) for item in again.requests.order_by("request_id")] == first
    what_if = Scenario.objects.get(name="Demo plan — what if")
    assert what_if.sources.count() == again.sources.count() + 1 == 4
