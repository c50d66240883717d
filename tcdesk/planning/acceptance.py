"""Accepting a scenario: its plan's allocations posted to the ledger, all or nothing.

Every free balance is read again first (``funding_sources``), and again after posting (the pots stay
locked until the transaction ends), so that money that moved since the solve posts nothing and says
what moved. Fully funded requests move to planned with an event naming the scenario; partly funded
ones stay accepted, so that later scenarios hold what they still need.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import require
from tcdesk.assistance import workflow
from tcdesk.assistance.services import request_transition
from tcdesk.core.history import note_change_reason
from tcdesk.funds.errors import FundsError
from tcdesk.funds.selectors import funding_sources
from tcdesk.funds.services import allocation_create

from . import selectors
from .choices import ScenarioStatus
from .models import Scenario, ScenarioRequest, ScenarioSource, SolveRun
from .permissions import ACCEPT_SCENARIO

CENT = Decimal("0.01")


@dataclass(frozen=True)
class MoneyMoved:
    """A source whose free amount is not what the solve used."""

    key: str
    label: str
    at_solve: Decimal
    now: Decimal | None  # None: the source has no free money any more


class MoneyMovedError(ValidationError):
    """Money moved since the solve: nothing was posted; ``changes`` says what moved."""

    def __init__(self, changes: list[MoneyMoved]) -> None:
        lines = [
            _("%(label)s: %(then)s at the solve, %(now)s now")
            % {"label": change.label, "then": change.at_solve, "now": "0.00" if change.now is None else change.now}
            for change in changes
        ]
        super().__init__(
            {
                "scenario": [
                    _(
                        "Money moved since the solve; nothing was posted. "
                        "Read the funds’ balances again and solve again."
                    )
                ]
                + lines
            }
        )
        self.changes = changes


def _check_after_posting(scenario: Scenario, run: SolveRun, sources: dict[str, ScenarioSource]) -> None:
    drawn: dict[str, Decimal] = {}
    draws: dict[str, int] = {}
    for entry in run.result["funded"]:
        for draw in entry["sources"]:
            drawn[draw["source"]] = drawn.get(draw["source"], Decimal(0)) + Decimal(draw["amount"])
            draws[draw["source"]] = draws.get(draw["source"], 0) + 1
    after = {source.key: Decimal(source.amount) for source in funding_sources(currency=scenario.currency)}
    changes = []
    for key, amount in sorted(run.source_amounts.items()):
        if key in sources and sources[key].is_manual:
            continue
        before_posting = after.get(key, Decimal(0)) + drawn.get(key, Decimal(0))
        if abs(before_posting - Decimal(amount)) > CENT * draws.get(key, 0):
            label = sources[key].label if key in sources else key
            changes.append(MoneyMoved(key, label, Decimal(amount), before_posting))
    if changes:
        raise MoneyMovedError(changes)


@transaction.atomic
def scenario_accept(*, actor: Any, scenario: Scenario) -> Scenario:
    """Post the plan of the scenario's latest solve to the ledger, all or nothing.

    Every free balance is read again first: if any source of the solve holds another amount now,
    nothing is posted (``MoneyMovedError`` lists what changed). Each draw becomes an allocation
    (``tcdesk.funds.services.allocation_create``, idempotent per scenario, solve, request and source);
    a balance that moves between that check and the posting (a concurrent allocation) makes the
    whole acceptance roll back. Each fully funded accepted request then moves to planned with an event
    naming the scenario; a partly funded one stays accepted, so that later scenarios hold what it still
    needs. The scenario becomes accepted; others holding the same requests become superseded.
    """
    require(actor, ACCEPT_SCENARIO)
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    if scenario.status != ScenarioStatus.SOLVED:
        raise ValidationError({"scenario": [_("Only a solved scenario (unchanged since its solve) can be accepted.")]})
    run = selectors.latest_finished_run(scenario)
    if run is None or not run.has_plan or not run.result.get("funded"):
        raise ValidationError({"scenario": [_("The latest solve has no plan to post.")]})
    sources = {source.key: source for source in scenario.sources.all()}
    used = {draw["source"] for item in run.result["funded"] for draw in item["sources"]}
    manual = sorted(sources[key].label for key in used if key in sources and sources[key].is_manual)
    if manual:
        raise ValidationError(
            {
                "scenario": [
                    _("The plan draws on money entered by hand (%(labels)s), which the ledger does not hold.")
                    % {"labels": ", ".join(manual)}
                ]
            }
        )
    now = {source.key: Decimal(source.amount) for source in funding_sources(currency=scenario.currency)}
    changes = [
        MoneyMoved(key, sources[key].label if key in sources else key, Decimal(amount), now.get(key))
        for key, amount in sorted(run.source_amounts.items())
        if not (key in sources and sources[key].is_manual) and now.get(key) != Decimal(amount)
    ]
    if changes:
        raise MoneyMovedError(changes)
    items = {str(item.request_id): item for item in scenario.requests.select_related("request")}
    try:
        for entry in run.result["funded"]:
            for draw in entry["sources"]:
                source = sources[draw["source"]]
                allocation_create(
                    actor=actor,
                    fund=source.fund,
                    earmark=source.earmark,
                    amount=Decimal(draw["amount"]),
                    currency=scenario.currency,
                    request=int(entry["request"]),
                    idempotency_key=f"plan:{scenario.pk}:{run.pk}:{entry['request']}:{source.key}",
                    note=f"Scenario “{scenario.name}”",
                )
    except FundsError as exc:
        raise ValidationError({"scenario": [_("Nothing was posted: %(reason)s") % {"reason": exc.message}]}) from None
    # allocation_create holds each pot's lock until this transaction ends, so this second reading is
    # final: a concurrent allocation that slipped in after the first reading shows here, and the whole
    # acceptance rolls back. (A cent per draw is allowed for conversions of funds in other currencies.)
    _check_after_posting(scenario, run, sources)
    for entry in run.result["funded"]:
        item = items[str(entry["request"])]
        if Decimal(entry["amount"]) < item.cost or item.request.status != workflow.ACCEPTED:
            # Partly funded: the request stays accepted, and later scenarios hold its remaining need
            # (its allocations, whose note names this scenario, show on its page); a planned one stays.
            continue
        request_transition(
            ta_request=item.request,
            actor=actor,
            action=workflow.PLAN,
            comment=_("Funded %(amount)s %(currency)s of %(cost)s by the plan of scenario “%(name)s”.")
            % {"amount": entry["amount"], "currency": scenario.currency, "cost": item.cost, "name": scenario.name},
            for_programme=True,
        )
    scenario.status = ScenarioStatus.ACCEPTED
    scenario.accepted_at = timezone.now()
    scenario.accepted_by = actor
    note_change_reason(scenario, "accepted")
    scenario.save()
    request_ids = [int(key) for key in items]
    others = set(
        ScenarioRequest.objects.filter(
            request_id__in=request_ids, scenario__status__in=[ScenarioStatus.DRAFT, ScenarioStatus.SOLVED]
        ).values_list("scenario_id", flat=True)
    )
    for other in Scenario.objects.select_for_update().filter(pk__in=others):
        other.status = ScenarioStatus.SUPERSEDED
        note_change_reason(other, f"superseded by {scenario.name}")
        other.save()
    return scenario
