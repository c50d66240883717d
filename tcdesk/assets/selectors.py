"""Reads more than one caller needs: loading objects for a user, reports, deadlines, the map."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tcdesk.accounts.rules import Action
from tcdesk.core.access import load_for_user
from tcdesk.core.dates import today

from .choices import LegalBasis
from .models import ConfiscationCase, SharingAgreement, SharingDecision

ALERT_DAYS = 30  # a deadline this close (or passed) is an alert


def get_agreement_for_user(user: Any, pk: int, action: Action | None = None) -> SharingAgreement:
    """404 when missing or out of sight, 403 when in sight but the action is not allowed."""
    queryset = SharingAgreement.objects.select_related("state", "counterpart_state", "counterpart_organisation")
    return load_for_user(user, queryset, action, pk=pk)


def get_case_for_user(user: Any, pk: int, action: Action | None = None) -> ConfiscationCase:
    return load_for_user(user, ConfiscationCase.objects.select_related("agreement"), action, pk=pk)


def decision_of(case: ConfiscationCase) -> SharingDecision | None:
    return SharingDecision.objects.filter(case=case).prefetch_related("shares__state", "transfers").first()


@dataclass(frozen=True)
class Deadline:
    case: ConfiscationCase
    deadline: dt.date
    days_left: int

    @property
    def days_ago(self) -> int:
        return -self.days_left

    @property
    def level(self) -> str:
        """passed, alert (within ALERT_DAYS) or open."""
        if self.days_left < 0:
            return "passed"
        return "alert" if self.days_left <= ALERT_DAYS else "open"


def open_deadlines(user: Any, *, on: dt.date | None = None, every_case: bool = False) -> list[Deadline]:
    """Cases the user sees (every case for the programme's own jobs, `every_case`) whose sharing is neither
    requested nor decided, by days left (passed first)."""
    day = on or today()
    scope = ConfiscationCase.objects.all() if every_case else ConfiscationCase.objects.for_user(user)
    cases = scope.filter(
        request_deadline__isnull=False, sharing_requested_on__isnull=True, decision__isnull=True
    ).order_by("request_deadline", "reference")
    return [Deadline(c, c.request_deadline, (c.request_deadline - day).days) for c in cases]


def _add(table: dict, key: Any, currency: str, amount: Decimal) -> None:
    table[(key, currency)] = table.get((key, currency), Decimal(0)) + amount


def shared_amounts(user: Any, by: str) -> list[dict[str, Any]]:
    """Amounts shared under the decisions the user sees, grouped by year, State, offence or legal basis,
    per currency (no conversion: the decision's currency). Each row: key, label, currency, shared (the
    States' shares), un_share, decisions (count)."""
    decisions = (
        SharingDecision.objects.filter(case__in=ConfiscationCase.objects.for_user(user))
        .select_related("case")
        .prefetch_related("shares__state", "case__offences__instrument")
    )
    shared: dict[tuple[Any, str], Decimal] = {}
    un: dict[tuple[Any, str], Decimal] = {}
    count: dict[tuple[Any, str], int] = defaultdict(int)
    labels: dict[Any, str] = {}
    for decision in decisions:
        if by == "state":
            for share in decision.shares.all():
                labels[share.state_id] = share.state.name
                _add(shared, share.state_id, decision.currency, share.amount)
                count[(share.state_id, decision.currency)] += 1
            continue
        if by == "year":
            keys = [decision.decided_on.year]
            labels[decision.decided_on.year] = str(decision.decided_on.year)
        elif by == "offence":
            offences = list(decision.case.offences.all())
            keys = []
            for offence in offences or [None]:
                key = offence.instrument_id if offence and offence.instrument_id else "-"
                labels[key] = offence.instrument.short_name if offence and offence.instrument else "—"
                if key not in keys:
                    keys.append(key)
        else:
            keys = [decision.case.legal_basis]
            labels[decision.case.legal_basis] = str(LegalBasis(decision.case.legal_basis).label)
        for key in keys:
            _add(shared, key, decision.currency, decision.pool)
            _add(un, key, decision.currency, decision.un_share)
            count[(key, decision.currency)] += 1
    rows = [
        {
            "key": str(key),
            "label": labels[key],
            "currency": currency,
            "shared": amount,
            "un_share": un.get((key, currency), Decimal(0)),
            "decisions": count[(key, currency)],
        }
        for (key, currency), amount in shared.items()
    ]
    return sorted(rows, key=lambda r: (r["key"], r["currency"]))


def agreements_by_state(user: Any) -> dict[str, int]:
    """Number of agreements (not terminated) each State is a party to, among those the user sees."""
    counts: dict[str, int] = defaultdict(int)
    for state, counterpart in (
        SharingAgreement.objects.for_user(user)
        .exclude(status="terminated")
        .values_list("state_id", "counterpart_state_id")
    ):
        counts[state] += 1
        if counterpart:
            counts[counterpart] += 1
    return dict(counts)
