"""Demo data: two clearly synthetic funding scenarios built from the demo's requests and its funds' ledger.

The money is the funds demo's: every free balance and earmark ``funding_sources`` reads from the ledger
(the funds demo runs before this one), so that a demo fund manager (``finance``) can accept "Demo plan"
and see its allocations posted. The requests are the demo's accepted ones not yet fully funded; since
the portfolio demo plans every request the assistance demo accepted, the programme officer first
accepts the requests the assistance demo left assessed (through the request workflow, with its events).
The officer's cost estimates by year are synthetic, sized so that the free money does not cover them
all (some requests stay unfunded, with the reason and the money that would fund them). The policy
rules follow A/RES/60/175 (op. 5: least developed countries first; op. 9: a balance between the
priority programmes) and a cap per country. "Demo plan — what if" adds a synthetic pledge entered by
hand, to compare (a plan that draws on it cannot be accepted: the ledger does not hold that money).
Both are solved here, synchronously (the demo has no worker running). Deterministic for a seed.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.assistance import workflow
from tcdesk.assistance.models import AssistanceRequest
from tcdesk.assistance.services import request_transition
from tcdesk.core.demo import demo_user

from . import services
from .models import Scenario, SolveRun

SYNTHETIC = "Synthetic demo data: the money is the demo ledger's; the cost estimates are synthetic."
REQUESTS_SYNTHETIC = "[Synthetic demo data] "  # how the assistance demo marks its requests' descriptions
NAMES = ("Demo plan", "Demo plan — what if")
WHAT_IF = ("Synthetic what-if pledge (not in the ledger)", "1500000", {})
MAX_ACCEPTED = 40  # at larger scales, enough requests to plan without slowing the demo down


def load_demo(*, seed: int, scale: int, progress) -> dict:
    with transaction.atomic():
        return _load_demo(seed=seed, scale=scale)


def _accept_assessed(officer, limit: int) -> int:
    """The officer accepts the demo requests the assistance demo left assessed (its workflow, its events)."""
    assessed = AssistanceRequest.objects.filter(
        status=workflow.ASSESSED, description__startswith=REQUESTS_SYNTHETIC
    ).order_by("pk")[:limit]
    count = 0
    for ta_request in assessed:
        request_transition(
            ta_request=ta_request,
            actor=officer,
            action=workflow.ACCEPT,
            comment="Accepted for funding (synthetic demo data).",
        )
        count += 1
    return count


def _load_demo(*, seed: int, scale: int) -> dict:
    finance = demo_user("finance", first_name="Fatima", last_name="Finance")
    role_assign(user=finance, role=Role.FUND_MANAGER)
    officer = demo_user("officer", first_name="Omar", last_name="Officer")
    role_assign(user=officer, role=Role.PROGRAMME_OFFICER)
    Scenario.objects.filter(name__in=NAMES).delete()
    accepted = _accept_assessed(officer, MAX_ACCEPTED)
    summary: dict[str, object] = {"requests_accepted": accepted}
    for number, name in enumerate(NAMES):
        scenario = services.scenario_create(
            actor=finance, name=name, default_cost="100000", note=SYNTHETIC, time_limit=30, divisible=False
        )
        if number == 0:
            # The officer's estimates (the what-if scenario, created after, takes them over).
            local = random.Random(seed)
            for item in scenario.requests.order_by("request_id"):
                if not item.estimated:
                    continue  # an earlier estimate or the request's own: kept
                first = Decimal(local.randrange(600, 1800) * 1000)
                second = Decimal(local.randrange(0, 800) * 1000)
                services.scenario_request_update(
                    actor=officer,
                    item=item,
                    cost_by_year={"2027": first, "2028": second},
                    divisible=local.random() < 0.4,
                )
        else:
            label, amount, earmarks = WHAT_IF
            services.scenario_source_add(actor=finance, scenario=scenario, label=label, amount=amount, **earmarks)
        services.scenario_update(
            actor=finance,
            scenario=scenario,
            min_share={"LDC": "0.3"},
            max_share_theme={"corruption": "0.4"},
            country_cap=str(2000000 * max(1, scale)),
        )
        run = SolveRun.objects.create(scenario=scenario, started_by=finance, time_limit=30)
        run = services.solve_execute(run_id=run.pk)
        summary[f"{name}: status"] = run.status
        summary[f"{name}: requests"] = scenario.requests.count()
        summary[f"{name}: funded"] = len(run.result.get("funded", []))
    return {"scenarios": len(NAMES), **summary}
