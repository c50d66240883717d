"""Demo data: two clearly synthetic funding scenarios built from the demo's accepted requests, solved.

"Demo plan" holds every accepted request (with a synthetic cost estimate by year), the free balances
and earmarks of the funds when the funds app offers them, else synthetic pledges entered by hand, and
policy rules after A/RES/60/175 (op. 5: least developed countries first; op. 9: a balance between
the priority programmes). "Demo plan — what if" adds a synthetic pledge to compare. Both are solved
here, synchronously (the demo has no worker running). Deterministic for a seed.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.core.demo import demo_user

from . import services
from .models import Scenario, SolveRun

SYNTHETIC = "Synthetic demo data."
NAMES = ("Demo plan", "Demo plan — what if")
# Synthetic pledges (not real contributions), used when the funds app offers no balances.
PLEDGES = (
    ("Synthetic unearmarked pledge", "900000", {}),
    ("Synthetic earmark: corruption and organized crime", "350000", {"themes": ["corruption", "organized_crime"]}),
    ("Synthetic earmark: Africa", "400000", {"regions": ["002"]}),
)
WHAT_IF = ("Synthetic what-if pledge: trafficking in persons", "300000", {"themes": ["trafficking_in_persons"]})


def load_demo(*, seed: int, scale: int, progress) -> dict:
    with transaction.atomic():
        return _load_demo(seed=seed, scale=scale)


def _load_demo(*, seed: int, scale: int) -> dict:
    finance = demo_user("finance", first_name="Fatou", last_name="Finance")
    role_assign(user=finance, role=Role.FUND_MANAGER)
    Scenario.objects.filter(name__in=NAMES).delete()
    summary: dict[str, object] = {}
    for number, name in enumerate(NAMES):
        scenario = services.scenario_create(
            actor=finance, name=name, default_cost="100000", note=SYNTHETIC, time_limit=30, divisible=False
        )
        local = random.Random(seed)  # the same estimates in both scenarios
        for item in scenario.requests.order_by("request_id"):
            first = Decimal(local.randrange(30, 180) * 1000)
            second = Decimal(local.randrange(0, 80) * 1000)
            services.scenario_request_update(
                actor=finance,
                item=item,
                cost_by_year={"2027": first, "2028": second},
                divisible=local.random() < 0.3,
            )
        if not scenario.sources.exists():
            for label, amount, earmarks in PLEDGES:
                services.scenario_source_add(actor=finance, scenario=scenario, label=label, amount=amount, **earmarks)
        if number == 1:
            label, amount, earmarks = WHAT_IF
            services.scenario_source_add(actor=finance, scenario=scenario, label=label, amount=amount, **earmarks)
        services.scenario_update(
            actor=finance,
            scenario=scenario,
            min_share={"LDC": "0.3"},
            max_share_theme={"terrorism": "0.5"},
            country_cap=str(400000 * max(1, scale)),
        )
        run = SolveRun.objects.create(scenario=scenario, started_by=finance, time_limit=30)
        run = services.solve_execute(run_id=run.pk)
        summary[name] = {"requests": scenario.requests.count(), "status": run.status, "objective": str(run.objective)}
    return {"scenarios": len(NAMES), **{f"{name}: status": value["status"] for name, value in summary.items()}}
