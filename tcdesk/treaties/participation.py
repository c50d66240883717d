"""Treaty participation at a date, and the rules an import of treaty actions must respect.

Pure module (no Django): the services layer turns model rows into `InstrumentRules` and
`Action`s, calls these functions and stores the results.

Definitions used throughout:

* a **consent** is a ratification, accession, acceptance, approval, succession, formal
  confirmation or definitive signature; a **signature** is a signature or a succession to
  signature; an **exit** is a denunciation or a withdrawal;
* a participant is a **party** on day D when a consent of it has taken effect on or before D and
  no exit of it has taken effect since;
* only actions dated on or before D are known on D: an action dated later never changes the
  status at D (a succession notified in 1995 with effect from 1992 does not make its author a
  party "as at" 1993);
* a **signatory** on day D signed on or before D and is not a party on D and has not left the
  treaty (a signatory whose ratification is deposited but not yet in effect is still a signatory);
  this is the "only signed" of the treaty collection's maps.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from tcdesk.core.csvdata import read_data_file
from tcdesk.treaties.status_formats.parsed import (
    CONSENT_ACTIONS,
    EXIT_ACTIONS,
    SIGNATURE,
    SIGNATURE_ACTIONS,
    SUCCESSION,
)

INSTRUMENTS_CSV = Path(__file__).resolve().parent / "data" / "instruments.csv"

# Same-day actions are read in this order: sign, then consent, then leave.
_ORDER = {
    **dict.fromkeys(SIGNATURE_ACTIONS, 0),
    **dict.fromkeys(CONSENT_ACTIONS, 1),
    **dict.fromkeys(EXIT_ACTIONS, 2),
}


@dataclass(frozen=True)
class InstrumentRules:
    """The facts of an instrument that decide when actions take effect and which are possible.

    `eif_days_after_deposit` = N: a consent deposited after the entry-into-force threshold takes
    effect on the Nth day after deposit (None when unknown: we then use the deposit date).
    `denunciation_effect_days`: delay between a denunciation and its effect (None: immediate).
    """

    code: str
    entry_into_force_on: date | None
    eif_days_after_deposit: int | None
    denunciation_effect_days: int | None
    parent_code: str | None = None
    requires_party_to_parent: bool = False
    adopted_on: date | None = None
    opened_for_signature_on: date | None = None
    signature_closed_on: date | None = None


@dataclass(frozen=True)
class Action:
    """One treaty action of a participant (a State, or an organisation such as the EU).

    `effective_from` is only for a succession: the date from which the successor State
    considers itself bound (usually its independence); without it, the deposit date counts.
    """

    participant_key: str
    action: str
    date: date
    is_state: bool = True
    effective_from: datetime.date | None = None  # `date` is the field's name inside the class

    @property
    def identity(self) -> tuple[str, str, datetime.date]:
        """What makes two actions "the same" for an idempotent re-import."""
        return (self.participant_key, self.action, self.date)


def effective_date(rules: InstrumentRules, action: Action) -> date | None:
    """The day an action takes effect; None for a consent to an instrument not (known to be) in force.

    A consent takes effect on the later of the entry into force and deposit + N days: the
    formula of e.g. UNTOC art. 38(2) and UNCAC art. 68(2) ("…on the thirtieth day after the date
    of deposit… or on the date this Convention enters into force…, whichever is later"), so a
    consent deposited before entry into force takes effect at entry into force. A succession
    takes effect from `effective_from` (or its deposit), not before entry into force. An exit
    takes effect `denunciation_effect_days` after its date. A signature is effective on its date.
    """
    if action.action in SIGNATURE_ACTIONS:
        return action.date
    if action.action in EXIT_ACTIONS:
        return action.date + timedelta(days=rules.denunciation_effect_days or 0)
    if action.action not in CONSENT_ACTIONS:
        raise ValueError(f"unknown treaty action {action.action!r}")
    if rules.entry_into_force_on is None:
        return None
    if action.action == SUCCESSION:
        start = action.effective_from or action.date
    else:
        start = action.date + timedelta(days=rules.eif_days_after_deposit or 0)
    return max(start, rules.entry_into_force_on)


@dataclass
class StatusAsOf:
    """Who stands where on `as_of`. Keys are participant keys (ISO3 or organisation codes)."""

    as_of: date
    parties: dict[str, date] = field(default_factory=dict)  # key -> date its party status began
    signatories: set[str] = field(default_factory=set)
    pending: dict[str, date | None] = field(default_factory=dict)  # consent deposited, effect later/unknown
    former_parties: dict[str, date] = field(default_factory=dict)  # key -> date its exit took effect
    organisations: set[str] = field(default_factory=set)  # participants that are not States


def count_states(status: StatusAsOf) -> int:
    """Number of State parties: organisations (e.g. the EU) take part but are not States."""
    return sum(1 for key in status.parties if key not in status.organisations)


@dataclass
class _Period:
    start: date | None  # None: instrument not in force yet
    end: date | None = None


def _periods(rules: InstrumentRules, actions: list[Action]) -> tuple[list[_Period], bool]:
    """Party periods of one participant from its (known, date-sorted) actions, and whether it signed."""
    periods: list[_Period] = []
    signed = False
    for action in actions:
        if action.action in SIGNATURE_ACTIONS:
            signed = True
        elif action.action in CONSENT_ACTIONS:
            if periods and periods[-1].end is None:
                continue  # a second consent without an exit changes nothing (validate_actions reports it)
            start = effective_date(rules, action)
            last = periods[-1] if periods else None
            if last and last.end and start and start <= last.end:
                last.end = None  # re-joined before the exit took effect: never left
            else:
                periods.append(_Period(start))
        elif action.action in EXIT_ACTIONS and periods and periods[-1].end is None:
            exit_on = effective_date(rules, action)
            start = periods[-1].start
            if start is None or (exit_on is not None and exit_on <= start):
                periods.pop()  # left before the consent took effect
            else:
                periods[-1].end = exit_on
    return periods, signed


def status_as_of(rules: InstrumentRules, actions: Iterable[Action], as_of: date) -> StatusAsOf:
    """Parties, signatories, pending consents and former parties of an instrument on `as_of`."""
    status = StatusAsOf(as_of=as_of)
    by_key: dict[str, list[Action]] = defaultdict(list)
    for action in actions:
        if action.date <= as_of:
            by_key[action.participant_key].append(action)
    for key, known in by_key.items():
        if any(not a.is_state for a in known):
            status.organisations.add(key)
        known.sort(key=lambda a: (a.date, _ORDER.get(a.action, 3)))
        periods, signed = _periods(rules, known)
        current = next((p for p in periods if p.start and p.start <= as_of and (p.end is None or as_of < p.end)), None)
        last = periods[-1] if periods else None
        if current and current.start:
            status.parties[key] = current.start
        elif last and (last.start is None or last.start > as_of):
            status.pending[key] = last.start  # deposited, not in effect yet (or not in force at all)
        elif last and last.end:
            status.former_parties[key] = last.end
        if signed and key not in status.parties and key not in status.former_parties:
            status.signatories.add(key)
    return status


# --- Validation of imported actions -----------------------------------------------------------


@dataclass(frozen=True)
class ProposedAction:
    """An action read from an import file, with where it came from."""

    row_number: int
    participant: str  # as written in the file
    instrument_code: str
    action: Action


@dataclass(frozen=True)
class Violation:
    """A rule an imported row breaks.

    `rule` is plain English (tests, CLI); `kind` and `params` (JSON values: participant, action,
    instrument code, ISO dates…) let the Django layer render the same rule in the user's language.
    """

    row_number: int
    participant: str
    rule: str  # plain English, shown to the user
    kind: str  # stable machine name, e.g. "second_consent"
    params: dict = field(default_factory=dict, hash=False)


def _name(action: str) -> str:
    """An action as a word of a sentence: "formal_confirmation" -> "formal confirmation"."""
    return action.replace("_", " ")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def split_unchanged(
    existing_actions: Mapping[str, Iterable[Action]], new_rows: Sequence[ProposedAction]
) -> tuple[list[ProposedAction], list[ProposedAction]]:
    """(rows to create, rows already recorded): an identical action is 'unchanged', never an error."""
    seen = {(code, a.identity) for code, actions in existing_actions.items() for a in actions}
    create: list[ProposedAction] = []
    unchanged: list[ProposedAction] = []
    for row in new_rows:
        identity = (row.instrument_code, row.action.identity)
        (unchanged if identity in seen else create).append(row)
        seen.add(identity)
    return create, unchanged


@dataclass(frozen=True)
class Difference:
    """A file row that says something else than a recorded action of the same participant and kind.

    Same participant, same kind (signature, or consent) and another date or action: the file and
    the record disagree about one act, which is a correction to review, not a second act.
    """

    row: ProposedAction
    recorded: Action
    kind: str  # "signature" | "consent"


def action_kind(action: str) -> str:
    """'signature', 'consent' or 'exit'."""
    if action in SIGNATURE_ACTIONS:
        return "signature"
    if action in CONSENT_ACTIONS:
        return "consent"
    if action in EXIT_ACTIONS:
        return "exit"
    return ""


def find_differences(
    existing_actions: Mapping[str, Iterable[Action]], new_rows: Sequence[ProposedAction]
) -> tuple[list[Difference], list[ProposedAction]]:
    """(differences, the other rows). A row differs from a recorded action when, for its instrument
    and participant, the record holds exactly one act of the row's kind, the file exactly one that
    is not identical to it, and neither the record nor the file has an exit (with a denunciation in
    between, two consents are two acts, not one told twice). Anything else is left to the rules.
    """
    recorded: dict[tuple[str, str], list[Action]] = defaultdict(list)
    for code, actions in existing_actions.items():
        for act in actions:
            recorded[(code, act.participant_key)].append(act)
    in_file: dict[tuple[str, str], list[ProposedAction]] = defaultdict(list)
    for row in new_rows:
        in_file[(row.instrument_code, row.action.participant_key)].append(row)
    differing: dict[int, Difference] = {}
    for key, rows in in_file.items():
        old = recorded.get(key, [])
        if not old or any(action_kind(a.action) == "exit" for a in old):
            continue
        if any(action_kind(r.action.action) == "exit" for r in rows):
            continue
        identities = {a.identity for a in old}
        for kind in ("signature", "consent"):
            old_of_kind = [a for a in old if action_kind(a.action) == kind]
            rows_of_kind = [r for r in rows if action_kind(r.action.action) == kind]
            other = [r for r in rows_of_kind if r.action.identity not in identities]
            if len(old_of_kind) == 1 and len(rows_of_kind) == 1 and len(other) == 1:
                differing[id(other[0])] = Difference(other[0], old_of_kind[0], kind)
    differences = [differing[id(r)] for r in new_rows if id(r) in differing]
    return differences, [r for r in new_rows if id(r) not in differing]


def _row_checks(rules: InstrumentRules, row: ProposedAction, today: date) -> list[Violation]:
    """Checks on a single row: impossible dates."""
    act, found = row.action, []
    when = act.date.isoformat()
    base = {"participant": row.participant, "action": act.action, "date": when, "code": rules.code}

    def add(kind: str, rule: str, **params: str | None) -> None:
        found.append(Violation(row.row_number, row.participant, rule, kind, {**base, **params}))

    if act.date > today:
        add("future_date", f"the {_name(act.action)} date {when} is in the future")
    if rules.adopted_on and act.date < rules.adopted_on:
        add(
            "before_adoption",
            f"the {_name(act.action)} date {when} is before {rules.code} was adopted ({rules.adopted_on})",
            adopted_on=_iso(rules.adopted_on),
        )
    elif rules.opened_for_signature_on and act.date < rules.opened_for_signature_on:
        add(
            "before_opening",
            f"the {_name(act.action)} date {when} is before {rules.code} was opened for signature "
            f"({rules.opened_for_signature_on})",
            opened_on=_iso(rules.opened_for_signature_on),
        )
    if act.action == SIGNATURE and rules.signature_closed_on and act.date > rules.signature_closed_on:
        add(
            "signature_after_closing",
            f"{rules.code} closed for signature on {rules.signature_closed_on}; a later signature is "
            "impossible (join by accession instead)",
            closed_on=_iso(rules.signature_closed_on),
        )
    return found


@dataclass(frozen=True)
class _Entry:
    action: Action
    row: ProposedAction | None  # None for an action already recorded


def _sequence_checks(code: str, entries: list[_Entry]) -> list[Violation]:
    """Checks on one participant's actions for one instrument, old and new together."""
    entries.sort(key=lambda e: (e.action.date, _ORDER.get(e.action.action, 3), e.row is not None))
    found: list[Violation] = []
    consent: _Entry | None = None
    signature: _Entry | None = None

    def blame(earlier: _Entry, later: _Entry, kind: str, rule: str) -> None:
        culprit = later.row or earlier.row  # report on a new row; the later one if both are new
        if culprit:
            params = {  # like the rule: "action" is the later of the two, "previous_…" the earlier
                "participant": culprit.participant,
                "code": code,
                "action": later.action.action,
                "date": later.action.date.isoformat(),
                "previous_action": earlier.action.action,
                "previous_date": earlier.action.date.isoformat(),
            }
            found.append(Violation(culprit.row_number, culprit.participant, rule, kind, params))

    for entry in entries:
        act = entry.action
        if act.action in SIGNATURE_ACTIONS:
            if signature and signature.action.date != act.date:
                blame(
                    signature,
                    entry,
                    "second_signature",
                    f"{code} was already signed on {signature.action.date} and is signed again on {act.date}",
                )
            signature = signature or entry
        elif act.action in CONSENT_ACTIONS:
            if consent:
                previous = consent.action
                blame(
                    consent,
                    entry,
                    "second_consent",
                    f"{_name(act.action)} of {code} on {act.date} while the {_name(previous.action)} of "
                    f"{previous.date} is still in force: a second consent needs a denunciation in between",
                )
            else:
                consent = entry
        elif act.action in EXIT_ACTIONS:
            if consent is None:
                if entry.row:
                    found.append(
                        Violation(
                            entry.row.row_number,
                            entry.row.participant,
                            f"{_name(act.action)} of {code} on {act.date} by a participant with no consent to denounce",
                            "exit_without_consent",
                            {
                                "participant": entry.row.participant,
                                "code": code,
                                "action": act.action,
                                "date": act.date.isoformat(),
                            },
                        )
                    )
            else:
                consent = None
    return found


def _had_consent(actions: Iterable[Action], on: date) -> bool:
    """True if a consent deposited on or before `on` has not been followed by an exit by then."""
    bound = False
    for act in sorted(actions, key=lambda a: (a.date, _ORDER.get(a.action, 3))):
        if act.date > on:
            break
        if act.action in CONSENT_ACTIONS:
            bound = True
        elif act.action in EXIT_ACTIONS:
            bound = False
    return bound


@dataclass
class ActionCheck:
    """What `check_actions` found: rules broken (the import may not proceed) and warnings (it may)."""

    violations: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)


def validate_actions(
    rules_by_code: Mapping[str, InstrumentRules],
    existing_actions: Mapping[str, Iterable[Action]],
    new_rows: Sequence[ProposedAction],
    today: date,
) -> list[Violation]:
    """Every rule an import breaks, in row order (see `check_actions`, whose warnings this drops)."""
    return check_actions(rules_by_code, existing_actions, new_rows, today).violations


def check_actions(
    rules_by_code: Mapping[str, InstrumentRules],
    existing_actions: Mapping[str, Iterable[Action]],
    new_rows: Sequence[ProposedAction],
    today: date,
    *,
    complete_until: Mapping[str, date] | None = None,
) -> ActionCheck:
    """Every rule an import breaks, in row order; no violation means the import may proceed.

    Rules: no action dated in the future, before the instrument's adoption or opening for
    signature, or (a signature) after signature closed; no second consent (or second signature)
    without a denunciation in between; no denunciation without a consent; a consent to an
    instrument that `requires_party_to_parent` (the UNTOC Protocols) needs a consent to the
    parent deposited on the same day or before, already recorded or in the same import. A row
    identical to a recorded action is not a violation (it is 'unchanged', so re-imports are
    idempotent). Unknown participants are the caller's business. `existing_actions` maps
    instrument codes to recorded actions.

    `complete_until` maps instrument codes to the date their recorded actions are complete to (the
    "as of" date of the data imported for them). A Protocol consent dated after its parent's data
    ends cannot be checked against the parent: it is a warning ("parent_data_older"), not a
    violation, since the parent consent may exist and simply not be recorded yet.
    """
    existing = {code: list(actions) for code, actions in existing_actions.items()}
    create, _unchanged = split_unchanged(existing, new_rows)
    violations: list[Violation] = []
    grouped: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    for code, actions in existing.items():
        for act in actions:
            grouped[(code, act.participant_key)].append(_Entry(act, None))
    for row in create:
        rules = rules_by_code.get(row.instrument_code)
        if rules is None:
            violations.append(
                Violation(
                    row.row_number,
                    row.participant,
                    f"unknown instrument '{row.instrument_code}'",
                    "unknown_instrument",
                    {"participant": row.participant, "code": row.instrument_code},
                )
            )
            continue
        if row.action.action not in _ORDER:
            violations.append(
                Violation(
                    row.row_number,
                    row.participant,
                    f"unknown action '{row.action.action}'",
                    "unknown_action",
                    {"participant": row.participant, "action": row.action.action},
                )
            )
            continue
        violations.extend(_row_checks(rules, row, today))
        grouped[(row.instrument_code, row.action.participant_key)].append(_Entry(row.action, row))
    for (code, _key), entries in grouped.items():
        if any(entry.row for entry in entries):
            violations.extend(_sequence_checks(code, entries))
    parent_violations, warnings = _parent_checks(rules_by_code, existing, create, complete_until or {})
    violations.extend(parent_violations)
    return ActionCheck(
        sorted(violations, key=lambda v: (v.row_number, v.kind)),
        sorted(warnings, key=lambda v: (v.row_number, v.kind)),
    )


def _parent_checks(
    rules_by_code: Mapping[str, InstrumentRules],
    existing: Mapping[str, list[Action]],
    create: Sequence[ProposedAction],
    complete_until: Mapping[str, date],
) -> tuple[list[Violation], list[Violation]]:
    found, warnings = [], []
    for row in create:
        rules = rules_by_code.get(row.instrument_code)
        if not rules or not rules.requires_party_to_parent or not rules.parent_code:
            continue
        if row.action.action not in CONSENT_ACTIONS:
            continue
        key, parent = row.action.participant_key, rules.parent_code
        parent_actions = [a for a in existing.get(parent, []) if a.participant_key == key]
        parent_actions += [r.action for r in create if r.instrument_code == parent and r.action.participant_key == key]
        if _had_consent(parent_actions, row.action.date):
            continue
        parent_until = complete_until.get(parent)
        if parent_until is not None and row.action.date > parent_until:
            warnings.append(
                Violation(
                    row.row_number,
                    row.participant,
                    f"{_name(row.action.action)} of {row.instrument_code} on {row.action.date}: no consent to "
                    f"{parent} is recorded, but the data of {parent} ends on {parent_until}; not checked",
                    "parent_data_older",
                    {
                        "participant": row.participant,
                        "code": row.instrument_code,
                        "action": row.action.action,
                        "date": row.action.date.isoformat(),
                        "parent": parent,
                        "parent_until": parent_until.isoformat(),
                    },
                )
            )
        else:
            found.append(
                Violation(
                    row.row_number,
                    row.participant,
                    f"{_name(row.action.action)} of {row.instrument_code} on {row.action.date} requires "
                    f"being party to {parent} first, and no consent to {parent} is dated on or before it",
                    "parent_not_party",
                    {
                        "participant": row.participant,
                        "code": row.instrument_code,
                        "action": row.action.action,
                        "date": row.action.date.isoformat(),
                        "parent": parent,
                    },
                )
            )
    return found, warnings


# --- Instrument data ----------------------------------------------------------------------------


def _date_or_none(text: str) -> date | None:
    return date.fromisoformat(text) if text.strip() else None


def _int_or_none(text: str) -> int | None:
    return int(text) if text.strip() else None


def load_instrument_rules(path: Path = INSTRUMENTS_CSV) -> dict[str, InstrumentRules]:
    """Read `treaties/data/instruments.csv` into rules keyed by instrument code."""
    rules = {}
    for row in read_data_file(path).rows:
        rules[row["code"]] = InstrumentRules(
            code=row["code"],
            entry_into_force_on=_date_or_none(row["entry_into_force_on"]),
            eif_days_after_deposit=_int_or_none(row["eif_days_after_deposit"]),
            denunciation_effect_days=_int_or_none(row["denunciation_effect_days"]),
            parent_code=row["parent_code"] or None,
            requires_party_to_parent=row["requires_party_to_parent"].lower() in ("yes", "true", "1"),
            adopted_on=_date_or_none(row["adopted_on"]),
            opened_for_signature_on=_date_or_none(row["opened_for_signature_on"]),
            signature_closed_on=_date_or_none(row["signature_closed_on"]),
        )
    return rules
