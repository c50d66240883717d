"""Priority: the weights in force, the inputs of a request's score, and the recomputation of stored scores."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import require
from tcdesk.core.selectors import groups_on

from .. import priority_rules
from ..models import AssistanceRequest, PriorityWeights, RequestInstrument, RequestMandateLink
from ..permissions import CHANGE_WEIGHTS
from ..selectors import PartyStatusCache, party_status

Progress = Callable[[str, int, int], None]


def current_weights() -> PriorityWeights:
    """The weights in force (the latest version); version 1 holds the defaults if none was saved."""
    weights = PriorityWeights.objects.order_by("-version").first()
    if weights is None:
        weights, _created = PriorityWeights.objects.get_or_create(
            version=1, defaults={"weights": dict(priority_rules.DEFAULT_WEIGHTS), "note": "defaults"}
        )
    return weights


def priority_inputs(
    ta_request: AssistanceRequest,
    *,
    now: dt.datetime | None = None,
    instrument_codes: list[str] | None = None,
    mandate_count: int | None = None,
    cache: PartyStatusCache | None = None,
    groups_at_submission: list[str] | None = None,
) -> priority_rules.PriorityInputs:
    """What a request's score is computed from. Callers scoring many requests at once pass what they
    have already read (`instrument_codes`, `mandate_count`, `groups_at_submission`, a shared `cache`),
    so that nothing is read again per request; the request need not be saved yet."""
    now = now or timezone.now()
    submitted = ta_request.submitted_at or now
    day = submitted.date()
    codes = (
        instrument_codes if instrument_codes is not None else [i.instrument_code for i in ta_request.instruments.all()]
    )
    status = party_status(ta_request.country_id, codes, day, cache) if codes else {}
    if ta_request.country_groups:
        groups = frozenset(ta_request.group_list)
    elif groups_at_submission is not None:
        groups = frozenset(groups_at_submission)
    else:
        groups = frozenset(groups_on(ta_request.country_id, day))
    return priority_rules.PriorityInputs(
        groups=groups,
        post_conflict=ta_request.post_conflict,
        instruments_not_party=tuple(c for c in codes if status.get(c) is False),
        instruments_party=tuple(c for c in codes if status.get(c) is True),
        instruments_unknown=tuple(c for c in codes if status.get(c) is None),
        days_waiting=ta_request.days_waiting(now) or 0,
        mandate_links=mandate_count if mandate_count is not None else ta_request.mandate_links.count(),
        as_of_group_date=day.isoformat(),
    )


def _apply_priority(
    ta_request: AssistanceRequest, weights: PriorityWeights, inputs: priority_rules.PriorityInputs
) -> None:
    result = priority_rules.score(inputs, priority_rules.Weights.from_mapping(weights.weights))
    ta_request.priority_score = result.score
    ta_request.priority_explanation = result.explanation()
    ta_request.weights_version = weights
    ta_request.priority_computed_at = timezone.now()


def priority_recompute(
    *, queryset=None, weights: PriorityWeights | None = None, progress: Progress | None = None, batch: int = 500
) -> int:
    """Recompute stored scores (all requests by default) with the weights in force; returns the count.

    Written with bulk_update in batches of `batch` requests, each batch in its own transaction, and the
    progress reported after each one: the job page shows it as it goes, and on SQLite the write lock is
    held for one batch at a time, not for the whole run. (Called inside a caller's transaction, as the
    import does, the batches are savepoints of it.) A recomputation is not a change of the request, so
    it adds no history rows (the weights version on each request says which weights produced its score).
    """
    weights = weights or current_weights()
    queryset = (queryset if queryset is not None else AssistanceRequest.objects.all()).order_by("pk")
    cache = PartyStatusCache()
    now = timezone.now()
    done = 0
    ids = list(queryset.values_list("pk", flat=True))
    total = len(ids)
    for start in range(0, total, batch):
        with transaction.atomic():
            chunk = list(AssistanceRequest.objects.filter(pk__in=ids[start : start + batch]).order_by("pk"))
            chunk_ids = [r.pk for r in chunk]
            instruments: dict[int, list[str]] = {}
            for request_id, code in RequestInstrument.objects.filter(request_id__in=chunk_ids).values_list(
                "request_id", "instrument_code"
            ):
                instruments.setdefault(request_id, []).append(code)
            mandates: dict[int, int] = {}
            for request_id in RequestMandateLink.objects.filter(request_id__in=chunk_ids).values_list(
                "request_id", flat=True
            ):
                mandates[request_id] = mandates.get(request_id, 0) + 1
            for ta_request in chunk:
                inputs = priority_inputs(
                    ta_request,
                    now=now,
                    instrument_codes=sorted(instruments.get(ta_request.pk, [])),
                    mandate_count=mandates.get(ta_request.pk, 0),
                    cache=cache,
                )
                _apply_priority(ta_request, weights, inputs)
            AssistanceRequest.objects.bulk_update(
                chunk, ["priority_score", "priority_explanation", "weights_version", "priority_computed_at"]
            )
        done += len(chunk)
        if progress:
            progress(_("priorities recomputed"), done, total)
    return done


@transaction.atomic
def priority_weights_update(*, actor, weights: dict, note: str = "") -> PriorityWeights:
    """Save a new version of the weights (administrators only); the caller then recomputes the scores."""
    require(actor, CHANGE_WEIGHTS)
    errors = priority_rules.validate_weights(weights)
    if errors:
        raise ValidationError(
            {
                key: [_("Enter a whole number.") if code == "not_integer" else _("Enter a number from 0 to 1000.")]
                for key, code in errors.items()
            }
        )
    latest = PriorityWeights.objects.select_for_update().order_by("-version").first()
    version = (latest.version if latest else 0) + 1
    return PriorityWeights.objects.create(
        version=version,
        weights={k: int(weights[k]) for k in priority_rules.WEIGHT_KEYS},
        note=note,
        created_by=actor,
    )
