"""Recording treaty actions by hand or in bulk (demo data), with the same rules as an import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from tcdesk.core.limits import length_problems, raise_if_too_long
from tcdesk.core.models import Organisation

from .. import messages, selectors
from ..models import DECLARATIONS_MAX_CHARS, FOOTNOTES_MAX_CHARS, Instrument, ParticipationAction
from ..participation import Action, InstrumentRules, ProposedAction, split_unchanged, validate_actions
from ..status_formats.parsed import ACTIONS
from .participants import ParticipantMatcher


def note_history_user(obj: Any, user: Any) -> None:
    """Who makes the next save of `obj`, kept in its history record (django-simple-history reads it)."""
    if getattr(user, "is_authenticated", False):
        obj._history_user = user


@dataclass
class RecordedState:
    """What is recorded for the instruments a set of rows touches (and their parents)."""

    instruments: dict[str, Instrument]
    rules: dict[str, InstrumentRules]
    actions: dict[str, list[Action]]
    complete_until: dict[str, dt.date]  # code -> date its imported data is complete to


def recorded_state(codes: set[str]) -> RecordedState:
    """Instruments, rules, recorded actions and data dates for `codes` and their parents (a few queries)."""
    instruments = {i.code: i for i in Instrument.objects.filter(code__in=codes)}
    parents = {i.parent_id for i in instruments.values() if i.parent_id}
    instruments.update({i.code: i for i in Instrument.objects.filter(code__in=parents - set(instruments))})
    coverage = selectors.data_coverage(list(instruments))
    return RecordedState(
        instruments=instruments,
        rules={code: instrument.rules() for code, instrument in instruments.items()},
        actions={code: list(actions) for code, actions in selectors.stored_actions(list(instruments)).items()},
        complete_until={code: c.as_of for code, c in coverage.items() if c.as_of is not None},
    )


def _validate(proposed: list[ProposedAction], today: dt.date) -> tuple[list, dict[str, list[Action]], dict]:
    """Violations of `proposed` against the recorded actions of the instruments (and parents) involved."""
    state = recorded_state({p.instrument_code for p in proposed})
    violations = validate_actions(state.rules, state.actions, proposed, today)
    return violations, state.actions, state.rules


def create_actions(
    rows: Iterable[ProposedAction], extras: dict[int, dict], *, source_import=None, synthetic=False
) -> int:
    objects = []
    organisations: dict[str, int] = {}
    for row in rows:
        extra = dict(extras.get(id(row), {}))
        is_state = row.action.is_state
        if not is_state and not extra.get("organisation_id"):
            key = row.action.participant_key
            if key not in organisations:
                organisations[key] = Organisation.objects.get(code=key).pk
            extra["organisation_id"] = organisations[key]
        objects.append(
            ParticipationAction(
                instrument_id=row.instrument_code,
                country_id=row.action.participant_key if is_state else None,
                organisation_id=extra.get("organisation_id") if not is_state else None,
                action=row.action.action,
                date=row.action.date,
                effective_from=row.action.effective_from,
                participant_as_written=row.participant[:200],
                footnotes=extra.get("footnotes", ""),
                declarations=extra.get("declarations", ""),
                source_import=source_import,
                synthetic=synthetic,
            )
        )
    if objects:
        bulk_create_with_history(objects, ParticipationAction, batch_size=500)
    return len(objects)


@transaction.atomic
def actions_record_bulk(
    *, proposed: list[ProposedAction], synthetic: bool = False, today: dt.date | None = None
) -> dict:
    """Record many actions (States only, e.g. demo data) after the same validation as an import; all or nothing."""
    today = today or timezone.localdate()
    violations, existing, _rules = _validate(proposed, today)
    if violations:
        raise ValidationError({"rows": [f"row {v.row_number} ({v.participant}): {v.rule}" for v in violations[:50]]})
    create, unchanged = split_unchanged(existing, proposed)
    created = create_actions(create, {}, synthetic=synthetic)
    return {"created": created, "unchanged": len(unchanged)}


@transaction.atomic
def action_record(
    *,
    instrument: Instrument,
    participant: str,
    action: str,
    date: dt.date,
    effective_from: dt.date | None = None,
    footnotes: str = "",
    declarations: str = "",
    user=None,
) -> ParticipationAction:
    """Record one action entered by hand; the same rules as an import, errors name the field."""
    raise_if_too_long(
        length_problems(footnotes=(footnotes, FOOTNOTES_MAX_CHARS), declarations=(declarations, DECLARATIONS_MAX_CHARS))
    )
    Instrument.objects.select_for_update().filter(pk=instrument.pk).first()
    if action not in ACTIONS:
        raise ValidationError({"action": [f"unknown action '{action}'"]})
    matcher = ParticipantMatcher.build()
    key = participant.strip().upper()
    if key in matcher.country_keys:
        is_state = True
    elif participant.strip() in matcher.organisations:
        key, is_state = participant.strip(), False
    else:
        matched, is_state = matcher.match(participant)
        if matched is None:
            raise ValidationError({"participant": [f"unknown State or organisation '{participant}'"]})
        key = matched
    if not is_state and not instrument.counts_regional_organisations:
        raise ValidationError({"participant": [f"{instrument.code} is not open to regional organisations"]})
    if effective_from and action != "succession":
        raise ValidationError({"effective_from": ["only a succession has an effective date of its own"]})
    row = ProposedAction(1, participant, instrument.code, Action(key, action, date, is_state, effective_from))
    violations, existing, _rules = _validate([row], timezone.localdate())
    if violations:
        field = (
            "date"
            if any(
                v.kind in ("future_date", "before_adoption", "before_opening", "signature_after_closing")
                for v in violations
            )
            else "action"
        )
        raise ValidationError({field: [messages.render(v.kind, v.params, v.rule) for v in violations]})
    create, _unchanged = split_unchanged(existing, [row])
    if not create:
        raise ValidationError({"action": ["this action is already recorded"]})
    record = ParticipationAction(
        instrument=instrument,
        country_id=key if is_state else None,
        organisation=matcher.organisations[key] if not is_state else None,
        action=action,
        date=date,
        effective_from=effective_from,
        participant_as_written=participant[:200],
        footnotes=footnotes,
        declarations=declarations,
    )
    note_history_user(record, user)
    record.full_clean(exclude=["source_import"])
    record.save()
    return record
