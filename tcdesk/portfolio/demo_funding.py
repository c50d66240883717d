"""Money of the demo portfolio, through the funds app's public services (clearly synthetic).

After the funds demo, an accepted request holds an allocation (money set aside before any project
existed). When a demo project answers the request, that reservation is handed over: the request's
allocation is released (`allocation_release`) and the project gets an allocation from the same pot
first (`allocation_create` with the "project" fundable, so the earmark's rules are checked against
the project's countries and themes), or from the first other pot that allows it and has the money.
Each training the project held is then recorded as expenditure under that allocation
(`expenditure_record`, support costs charged by the funds app).

Idempotent: allocation keys and expenditure references name the project's IATI identifier (and the
training's rank), so a rerun finds what it recorded and posts nothing twice. Without the funds demo
(no fund, no fund manager) nothing is allocated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from tcdesk.accounts.choices import Role
from tcdesk.accounts.models import User
from tcdesk.funds import selectors as funds_selectors
from tcdesk.funds import services as funds
from tcdesk.funds.errors import EarmarkForbidsError, OverdrawnError
from tcdesk.funds.models import Allocation

# What one participant of a training costs (travel, venue, interpretation), synthetic.
COST_PER_PARTICIPANT = Decimal(850)
SYNTHETIC_NOTE = "[Synthetic demo data]"


def allocation_key(project: Any) -> str:
    return f"demo:project:{project.iati_identifier}"


@dataclass
class DemoFunding:
    """Pays the demo projects; `counts` says what was recorded (or found from an earlier run)."""

    finance: Any
    today: dt.date
    counts: dict[str, int] = field(
        default_factory=lambda: {"project_allocations": 0, "project_expenditure": 0, "reservations_handed_over": 0}
    )

    @classmethod
    def start(cls, *, today: dt.date) -> DemoFunding:
        finance = User.objects.filter(username="finance", role_assignments__role=Role.FUND_MANAGER).first()
        return cls(finance=finance, today=today)

    def _pots(self, ta_request: Any) -> list[tuple[str, int | None]]:
        """Pots to try: the request's reservation first, then every pot with free money today."""
        pots: list[tuple[str, int | None]] = []
        if ta_request is not None:
            for allocation in Allocation.objects.filter(request=ta_request).order_by("pk"):
                pots.append((allocation.fund.code, allocation.earmark_id))
        try:
            sources = funds_selectors.funding_sources(currency="USD", on=self.today)
        except ValidationError:
            sources = []  # no rate this month: only the reservation's pot
        # Earmarked pots first (the donors see what their money pays for), then unearmarked money.
        sources.sort(key=lambda s: (s.earmark is None, s.fund, s.earmark or 0))
        pots += [(s.fund, s.earmark) for s in sources]
        return list(dict.fromkeys(pots))

    def fund_project(self, *, project: Any, ta_request: Any, trainings: list[Any]) -> Allocation | None:
        if self.finance is None:
            return None
        for reservation in Allocation.objects.filter(request=ta_request, status="active"):
            funds.allocation_release(
                actor=self.finance,
                allocation=reservation.pk,
                reason=f"{SYNTHETIC_NOTE} handed over to project {project.iati_identifier}, which answers the request",
            )
            self.counts["reservations_handed_over"] += 1
        allocation = Allocation.objects.filter(idempotency_key=allocation_key(project)).first()
        if allocation is None:
            allocation = self._allocate(project, ta_request)
        if allocation is None:
            return None
        self.counts["project_allocations"] += 1
        for rank, training in enumerate(trainings, start=1):
            if self._spend(allocation, project, rank, training):
                self.counts["project_expenditure"] += 1
        return allocation

    def _allocate(self, project: Any, ta_request: Any) -> Allocation | None:
        budget = project.budgets.order_by("year").first()
        amount = budget.amount if budget is not None else Decimal(100_000)
        # On the project's start, within the months the demo has rates for and after the closed period.
        on = max(project.actual_start or project.planned_start, self.today - dt.timedelta(days=300))
        on = min(on, self.today)
        for fund, earmark in self._pots(ta_request):
            try:
                return funds.allocation_create(
                    actor=self.finance,
                    fund=fund,
                    earmark=earmark,
                    amount=amount,
                    currency="USD",
                    fundable=("project", project.pk),
                    idempotency_key=allocation_key(project),
                    note=f"{SYNTHETIC_NOTE} first year of {project.iati_identifier}",
                    on=on,
                )
            except (OverdrawnError, EarmarkForbidsError, ValidationError):
                continue  # not this pot (restricted, not enough money, no rate): the next one
        return None

    def _spend(self, allocation: Allocation, project: Any, rank: int, training: Any) -> bool:
        end = training.activity.end
        if end > self.today:
            return False  # not held yet
        try:
            funds.expenditure_record(
                actor=self.finance,
                allocation=allocation.pk,
                amount=COST_PER_PARTICIPANT * training.participants,
                currency="USD",
                spent_on=max(end, allocation.allocated_on),
                reference=f"demo:{project.iati_identifier}:T{rank:02d}",
            )
        except (OverdrawnError, ValidationError):
            return False  # the allocation is spent (or released): the training is paid from elsewhere
        return True

    def release_project(self, project: Any) -> None:
        """A demo project that is going away gives back what is left of its money."""
        if self.finance is None:
            return
        for allocation in Allocation.objects.filter(fundable_kind="project", fundable_id=project.pk, status="active"):
            funds.allocation_release(
                actor=self.finance, allocation=allocation.pk, reason=f"{SYNTHETIC_NOTE} demo project withdrawn"
            )
