"""Factories of the planning app (snapshots written directly; the services build them from requests)."""

from decimal import Decimal

import factory

from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.planning.models import Scenario, ScenarioRequest, ScenarioSource


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    name = factory.Sequence(lambda n: f"Scenario {n + 1}")
    time_limit = 10


class ScenarioRequestFactory(factory.django.DjangoModelFactory):
    """An accepted Mali request in a scenario: LDC, terrorism, 100,000 indivisible, priority 50."""

    class Meta:
        model = ScenarioRequest

    scenario = factory.SubFactory(ScenarioFactory)
    request = factory.SubFactory(AssistanceRequestFactory, status="accepted")
    reference = factory.LazyAttribute(lambda item: item.request.reference)
    title = factory.LazyAttribute(lambda item: item.request.title)
    country = "MLI"
    region = "002"
    groups = factory.LazyFunction(lambda: ["LDC"])
    themes = factory.LazyFunction(lambda: ["terrorism"])
    cost_by_year = factory.LazyAttribute(lambda item: {"2027": str(item.cost)})
    cost = Decimal("100000.00")
    priority = 50
    divisible = False


class ScenarioSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScenarioSource

    scenario = factory.SubFactory(ScenarioFactory)
    key = factory.Sequence(lambda n: f"manual:{n + 1}")
    label = factory.Sequence(lambda n: f"Pledge {n + 1}")
    amount = Decimal("150000.00")
