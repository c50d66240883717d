"""Triage: who looks after a request, the officer's assessment, and the queue's bulk actions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.models import User
from tcdesk.accounts.rules import require
from tcdesk.core.currencies import find_currency
from tcdesk.core.history import note_change_reason

from .. import workflow
from ..choices import Decision, Rating
from ..models import AssistanceRequest, SavedQueueFilter
from ..permissions import ACT_FOR_PROGRAMME, CHANGE_REQUEST, SAVE_QUEUE_FILTER
from ._common import StaleVersion
from .transitions import request_transition, workflow_message

ASSIGNABLE_ROLES = (Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR)
BULK_LIMIT = 200  # requests one bulk action may name (a page of the queue is at most 100)


def assignable_users() -> QuerySet[User]:
    """The people a request can be assigned to: active programme officers and administrators."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(role_assignments__role__in=ASSIGNABLE_ROLES) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )


@transaction.atomic
def request_assign(
    *, ta_request: AssistanceRequest, actor, assignee: User | None, expected_version: int | None = None
) -> AssistanceRequest:
    """Give a request to an officer (or to nobody). Only the programme assigns; the assignee must be an
    officer or administrator. Recorded in the request's history."""
    require(actor, ACT_FOR_PROGRAMME, country=ta_request.country_id)
    if assignee is not None and not assignable_users().filter(pk=assignee.pk).exists():
        raise ValidationError({"assignee": [_("Requests are assigned to programme officers or administrators.")]})
    locked = AssistanceRequest.objects.select_for_update().get(pk=ta_request.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(locked.version)
    if locked.assigned_to_id == (assignee.pk if assignee else None):
        return locked
    locked.assigned_to = assignee
    locked.version += 1  # the row is locked: no other transaction bumps it meanwhile
    note_change_reason(locked, "assign")
    locked.save()
    return locked


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError({"cost_estimate": [_("Give the cost estimate as a number, e.g. 125000.00.")]}) from None
    if not amount.is_finite():
        raise ValidationError({"cost_estimate": [_("Give the cost estimate as a number, e.g. 125000.00.")]})
    return amount


@transaction.atomic
def request_assess(
    *,
    ta_request: AssistanceRequest,
    actor,
    relevance: str,
    feasibility: str,
    recommended_decision: str,
    cost_estimate: Decimal | str | None = None,
    cost_currency: str = "",
    comment: str = "",
    expected_version: int | None = None,
) -> AssistanceRequest:
    """Record the officer's assessment (relevance, feasibility, cost estimate, recommended decision) and
    take the "assess" step, in one transaction. The cost estimate is a Decimal with its ISO 4217 currency;
    the planning app reads it."""
    require(actor, ACT_FOR_PROGRAMME, country=ta_request.country_id)
    errors: dict[str, list[str]] = {}
    if relevance not in Rating.values:
        errors["relevance"] = [_("Choose the relevance: high, medium or low.")]
    if feasibility not in Rating.values:
        errors["feasibility"] = [_("Choose the feasibility: high, medium or low.")]
    if recommended_decision not in Decision.values:
        errors["recommended_decision"] = [_("Recommend accepting or declining the request.")]
    amount = None
    try:
        amount = _decimal(cost_estimate)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    currency = (cost_currency or "").strip().upper()
    if amount is not None:
        if amount < 0:
            errors["cost_estimate"] = [_("A cost estimate cannot be negative.")]
        elif amount.as_tuple().exponent < -2 or abs(amount) >= Decimal(10) ** 12:  # type: ignore[operator]
            errors["cost_estimate"] = [_("At most 12 digits before the decimal point and 2 after.")]
        if find_currency(currency) is None:
            errors["cost_currency"] = [_("Give the currency of the estimate as a three-letter ISO 4217 code.")]
    elif currency:
        errors["cost_estimate"] = [_("A currency was given without an amount.")]
    if errors:
        raise ValidationError(errors)
    updated = request_transition(
        ta_request=ta_request,
        actor=actor,
        action=workflow.ASSESS,
        comment=comment,
        expected_version=expected_version,
    )
    updated.relevance = relevance
    updated.feasibility = feasibility
    updated.recommended_decision = recommended_decision
    updated.cost_estimate = amount
    updated.cost_currency = currency if amount is not None else ""
    note_change_reason(updated, "assess")
    updated.save(
        update_fields=[
            "relevance",
            "feasibility",
            "recommended_decision",
            "cost_estimate",
            "cost_currency",
            "updated_at",
        ]
    )
    return updated


@dataclass(frozen=True)
class BulkOutcome:
    """What a bulk action did to one request: done, or why not."""

    request_id: int
    reference: str
    done: bool
    message: str


BULK_OPERATIONS = ("acknowledge", "assign")


def requests_bulk(
    *, actor, ids: list[int], operation: str, assignee: User | None = None, comment: str = ""
) -> list[BulkOutcome]:
    """Acknowledge or assign several requests from the queue. Each request is its own transaction, so one
    that cannot be acknowledged (already acknowledged, changed meanwhile) does not stop the others; the
    outcome of each is returned for the summary. Requests out of the actor's sight are reported as not found."""
    if operation not in BULK_OPERATIONS:
        raise ValidationError({"operation": [_("Choose what to do with the selected requests.")]})
    if not ids:
        raise ValidationError({"ids": [_("Select at least one request.")]})
    if len(ids) > BULK_LIMIT:
        raise ValidationError({"ids": [_("At most %(n)s requests at a time.") % {"n": BULK_LIMIT}]})
    visible = {r.pk: r for r in AssistanceRequest.objects.for_user(actor, CHANGE_REQUEST).filter(pk__in=ids)}
    outcomes = []
    for pk in dict.fromkeys(ids):
        found = visible.get(pk)
        if found is None:
            outcomes.append(BulkOutcome(pk, "", False, _("Not found, or not yours to change.")))
            continue
        try:
            if operation == "acknowledge":
                request_transition(ta_request=found, actor=actor, action=workflow.ACKNOWLEDGE, comment=comment)
                message = _("Acknowledged.")
            else:
                request_assign(ta_request=found, actor=actor, assignee=assignee)
                message = (
                    _("Assigned to %(name)s.") % {"name": assignee.get_full_name() or assignee.get_username()}
                    if assignee
                    else _("No longer assigned.")
                )
        except ValidationError as exc:
            outcomes.append(BulkOutcome(pk, found.reference, False, " ".join(exc.messages)))
        except PermissionDenied as exc:
            outcomes.append(BulkOutcome(pk, found.reference, False, str(exc) or _("Not yours to change.")))
        except StaleVersion:
            outcomes.append(BulkOutcome(pk, found.reference, False, _("Changed by someone else meanwhile.")))
        else:
            outcomes.append(BulkOutcome(pk, found.reference, True, message))
    return outcomes


# Parameters a saved filter keeps: the queue's filters and sort, never the page number.
SAVED_FILTER_DROPPED = ("page", "csrfmiddlewaretoken", "name")


@transaction.atomic
def queue_filter_save(*, user, name: str, query: str) -> SavedQueueFilter:
    """Save the queue's current filters under a name (the same name again replaces them)."""
    require(user, SAVE_QUEUE_FILTER, owner=user)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": [_("Name the filter.")]})
    if len(name) > 80:
        raise ValidationError({"name": [_("A name may have at most 80 characters.")]})
    params = QueryDict(query, mutable=True)
    for dropped in SAVED_FILTER_DROPPED:
        params.pop(dropped, None)
    kept = params.urlencode()
    if len(kept) > 1000:
        raise ValidationError({"query": [_("These filters are too long to save.")]})
    saved, _created = SavedQueueFilter.objects.update_or_create(user=user, name=name, defaults={"query": kept})
    return saved


@transaction.atomic
def queue_filter_delete(*, user, saved: SavedQueueFilter) -> None:
    require(user, SAVE_QUEUE_FILTER, owner=saved.user_id)
    saved.delete()


__all__ = [
    "queue_filter_delete",
    "queue_filter_save",
    "BULK_OPERATIONS",
    "BulkOutcome",
    "assignable_users",
    "request_assess",
    "request_assign",
    "requests_bulk",
    "workflow_message",
]
