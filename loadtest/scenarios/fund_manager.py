"""Fund managers allocating from one small fund at the same time, through the API on every server.

`prepare()` creates a fund holding a known amount (one receipt) and issues a token to the demo fund
manager; the users post allocations of a few hundred dollars each to the demo's accepted requests, with
a fresh idempotency key, and now and then repeat a key (the same allocation must come back). 201 is an
allocation accepted, 409 one refused because the fund is empty: both are right answers. After the load,
`verify()` checks that the fund is not overdrawn: what was allocated is at most what was received, and
the fund's ledger balance is not negative (`verify.py` also runs `tcdesk verify_ledger`).
"""

from __future__ import annotations

from typing import Any

from .base import Scenario

NAME = "fund_manager"
FUND = "LOADTEST"
RECEIVED = "25000.00"  # USD: small, so that the load empties it and the later allocations are refused


def prepare() -> dict[str, Any]:
    from decimal import Decimal

    from django.utils import timezone

    from tcdesk.accounts.models import User
    from tcdesk.accounts.services import api_token_issue
    from tcdesk.assistance.models import AssistanceRequest
    from tcdesk.funds.models import Fund
    from tcdesk.funds.services import fund_create, receipt_record
    from tcdesk.funds.services.allocations import FUNDABLE_STATUSES

    manager = User.objects.get(username="finance")
    if not Fund.objects.filter(code=FUND).exists():
        fund_create(actor=manager, code=FUND, name_en="Load-test fund", name_fr="Fonds du test de charge")
        receipt_record(
            actor=manager,
            fund=FUND,
            donor="NOR",
            amount=Decimal(RECEIVED),
            currency="USD",
            received_on=timezone.localdate(),
            reference=f"{FUND}-receipt",
        )
    requests = list(
        AssistanceRequest.objects.filter(status__in=FUNDABLE_STATUSES).order_by("pk").values_list("pk", flat=True)[:20]
    )
    if not requests:
        raise RuntimeError("no accepted requests: load the demo first")
    _token, raw = api_token_issue(username="finance", password="demo", name="load test")
    return {"token": raw, "requests": requests}


def user_class() -> type:
    import random
    import uuid

    from locust import HttpUser, between, task

    from .common import Servers, count, data, next_user_number

    prepared = data()["scenarios"][NAME]

    class FundManager(HttpUser):
        wait_time = between(0.5, 2.0)

        def on_start(self) -> None:
            self.servers = Servers(next_user_number())
            self.auth = {"Authorization": f"Bearer {prepared['token']}"}
            self.last: dict[str, Any] | None = None

        def _allocate(self, body: dict[str, Any], name: str, *, same_as: Any = None) -> tuple[int, Any]:
            """Post one allocation; 201 and 409 are both right answers. With `same_as` (the id of the
            allocation a key made before), an answer naming another allocation is a failure."""
            with self.client.post(
                self.servers.url("/api/funds/allocations"), json=body, headers=self.auth, name=name, catch_response=True
            ) as answer:
                made = answer.json().get("id") if answer.status_code == 201 else None
                if same_as is not None and made is not None and made != same_as:
                    count(NAME, "duplicated")
                    answer.failure("a repeated idempotency key made a second allocation")
                elif answer.status_code in (201, 409):
                    answer.success()
                return answer.status_code, made

        @task(5)
        def allocate(self) -> None:
            body = {
                "fund": FUND,
                "earmark": None,
                "amount": f"{random.randint(100, 900)}.00",
                "currency": "USD",
                "request": random.choice(prepared["requests"]),
                "project": None,
                "idempotency_key": f"load-{uuid.uuid4().hex}",
            }
            status, made = self._allocate(body, f"{NAME}: allocate")
            if status == 201:
                count(NAME, "accepted")
                self.last = {"body": body, "id": made}
            elif status == 409:
                count(NAME, "refused")

        @task(1)
        def repeat_a_submission(self) -> None:
            if self.last is not None:
                self._allocate(self.last["body"], f"{NAME}: repeated key", same_as=self.last["id"])

        @task(2)
        def read_the_fund(self) -> None:
            self.client.get(self.servers.url(f"/api/funds/funds/{FUND}"), headers=self.auth, name=f"{NAME}: fund")

    return FundManager


def verify(prepared: dict[str, Any]) -> list[str]:
    from decimal import Decimal

    from django.db.models import Sum

    from tcdesk.funds.models import Allocation
    from tcdesk.funds.services.ledger import account_balance

    problems = []
    allocated = Allocation.objects.filter(fund__code=FUND).aggregate(total=Sum("fund_amount"))["total"] or Decimal(0)
    if allocated > Decimal(RECEIVED):
        problems.append(f"overdrawn: {allocated} allocated from {RECEIVED} received")
    balance = account_balance("fund", FUND)
    if balance < 0:
        problems.append(f"overdrawn: the fund's ledger balance is negative ({balance})")
    if balance != Decimal(RECEIVED) - allocated:
        problems.append(f"the ledger balance {balance} is not {RECEIVED} received less {allocated} allocated")
    return problems


def report(counters: dict[str, int]) -> str:
    return (
        f"allocations accepted {counters.get('accepted', 0)}, refused {counters.get('refused', 0)}, "
        f"repeated keys that made a second allocation {counters.get('duplicated', 0)}"
    )


SCENARIO = Scenario(
    name=NAME,
    weight=2,
    user_class=user_class,
    prepare=prepare,
    verify=verify,
    report=report,
    description=__doc__ or "",
)
