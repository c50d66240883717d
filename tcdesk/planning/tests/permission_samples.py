"""Objects the role test (tests/test_permissions.py) uses for the planning URLs that name one."""

from decimal import Decimal

from tcdesk.planning.models import Scenario, ScenarioRequest, ScenarioSource, SolveRun


def samples(base: dict) -> dict:
    ta_request = base["request"]
    scenario = Scenario.objects.create(name="Permission sample", created_by=base["officer"], time_limit=5)
    item = ScenarioRequest.objects.create(
        scenario=scenario,
        request=ta_request,
        reference=ta_request.reference,
        title=ta_request.title,
        country="MLI",
        region="002",
        groups=["LDC"],
        themes=["terrorism"],
        cost_by_year={"2027": "1000.00"},
        cost=Decimal("1000.00"),
        priority=10,
    )
    source = ScenarioSource.objects.create(scenario=scenario, key="manual:1", label="Pledge", amount=Decimal("500"))
    run = SolveRun.objects.create(scenario=scenario, status="optimal", started_by=base["officer"])
    return {
        "pages": {
            "planning:scenario_detail": ({"pk": scenario.pk}, scenario),
            "planning:scenario_policy": ({"pk": scenario.pk}, scenario),
            "planning:scenario_request_edit": ({"pk": scenario.pk, "item_pk": item.pk}, scenario),
            "planning:scenario_source_add": ({"pk": scenario.pk}, scenario),
            "planning:scenario_source_remove": ({"pk": scenario.pk, "source_pk": source.pk}, scenario),
            "planning:scenario_solve": ({"pk": scenario.pk}, scenario),
            "planning:scenario_accept": ({"pk": scenario.pk}, scenario),
            "planning:scenario_sources_refresh": ({"pk": scenario.pk}, scenario),
            "planning:run_detail": ({"pk": scenario.pk, "run_pk": run.pk}, scenario),
            "planning:run_cancel": ({"pk": scenario.pk, "run_pk": run.pk}, scenario),
        },
        "api_by_prefix": {
            ("/api/planning/scenarios", "scenario_id"): (scenario.pk, scenario),
        },
        "api": {"item_id": (item.pk, scenario), "run_id": (run.pk, scenario), "source_id": (source.pk, scenario)},
        "bodies": {
            ("POST", "/api/planning/scenarios"): {"name": "From the API", "default_cost": "1000.00"},
            ("POST", "/api/planning/scenarios/{int:scenario_id}/sources"): {"label": "Pledge", "amount": "10.00"},
            # The sample request is in the scenario already: a planner gets 422, the others 403.
            ("POST", "/api/planning/scenarios/{int:scenario_id}/requests"): {"request": ta_request.pk},
        },
    }
