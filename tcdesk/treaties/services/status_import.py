"""Importing a status table: read, match names, compare with what is recorded, check, then write.

`status_import_run` is the one entry point (pages, API, command, loading of the shipped real
data). It runs named steps — `_read_table`, `_match_participants`, `_compare_with_record`,
`_check_rules`, `_write` — and returns a typed `StatusImportResult`. With any error nothing is
written (the attempt itself is logged). A row that disagrees with a recorded action of the same
participant and kind (same act, another date or action) is a *difference*: listed with both values
and both sources, never an error, and applied as a correction only when asked
(`apply_corrections=True`, or later with `status_import_corrections_apply`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tcdesk.core.history import note_change_reason

from ..choices import ImportOutcome
from ..models import Instrument, ParticipationAction, StatusImport
from ..participation import (
    Action,
    Difference,
    ProposedAction,
    check_actions,
    find_differences,
    split_unchanged,
    status_as_of,
)
from ..status_formats import ParsedStatusTable, StatusFormatError, parse_status_file
from ..status_formats.parsed import CONSENT_ACTIONS, SIGNATURE_ACTIONS
from .actions import RecordedState, create_actions, note_history_user, recorded_state
from .participants import ParticipantMatcher

# A status table holds a few rows per participant (about 200): a UNTC page with every declaration is
# well under 2 MB. Reading, matching and comparing take time in proportion to the rows, in the request:
# 2 MB of rows (about 70,000) stays within a few seconds; 5 MB took 30 s (bench_worker_budget).
MAX_IMPORT_BYTES = 2 * 1024 * 1024
# DESIGN.md's contract of `tcdesk import_treaty_status --json`; everything else extends it.
CONTRACT_KEYS = ("instrument", "participants", "signatures", "consents", "created", "unchanged", "errors")


def _problem(row: int | None, participant: str | None, rule: str, kind: str, params: dict | None = None) -> dict:
    """A stored error or warning: DESIGN.md's row/participant/rule (plain English) plus kind and params.

    `messages.render(kind, params)` shows it in the user's language.
    """
    return {"row": row, "participant": participant, "rule": rule, "kind": kind, "params": params or {}}


@dataclass
class StatusImportResult:
    """What an import did or would do. `as_dict()` is the JSON document of the command and the API."""

    instrument: str
    file: str
    dry_run: bool
    source: str = ""
    data_as_of: dt.date | None = None
    partial: bool = False
    participants: int = 0
    signatures: int = 0
    consents: int = 0
    created: int = 0
    unchanged: int = 0
    corrected: int = 0
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    differences: list[dict] = field(default_factory=list)
    format: str | None = None
    written: bool = False
    new_parties: list[str] = field(default_factory=list)
    outcome: str = ""
    import_id: int | None = None
    record: StatusImport | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        document = {key: getattr(self, key) for key in CONTRACT_KEYS}
        document.update(
            {
                "differences": self.differences,
                "corrected": self.corrected,
                "warnings": self.warnings,
                "format": self.format,
                "file": self.file,
                "source": self.source,
                "data_as_of": self.data_as_of.isoformat() if self.data_as_of else None,
                "partial": self.partial,
                "dry_run": self.dry_run,
                "written": self.written,
                "new_parties": self.new_parties,
                "import_id": self.import_id,
                "outcome": self.outcome,
            }
        )
        return document


@dataclass
class _MatchedRows:
    """Rows whose participant is known, with what to store beside each action, and the rows refused."""

    proposed: list[ProposedAction] = field(default_factory=list)
    extras: dict[int, dict] = field(default_factory=dict)  # id(row) -> footnotes, organisation id
    errors: list[dict] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)


@dataclass
class _Plan:
    """What writing would do: actions to create, unchanged rows, differences and how they were checked."""

    create: list[ProposedAction]
    unchanged: list[ProposedAction]
    differences: list[Difference]
    after: list[Action]  # the instrument's actions once written (for new parties)


# --- Steps -----------------------------------------------------------------------------------------


def _read_table(data: bytes, filename: str, result: StatusImportResult) -> ParsedStatusTable | None:
    """The parsed table, or None with the reason in `result.errors` (too large, unreadable)."""
    if len(data) > MAX_IMPORT_BYTES:
        limit = MAX_IMPORT_BYTES // 1024
        result.errors.append(
            _problem(None, None, f"the file is larger than {limit} KB", "too_large", {"limit_kb": limit})
        )
        return None
    try:
        table = parse_status_file(data, filename)
    except StatusFormatError as exc:
        result.errors.append(_problem(None, None, str(exc), exc.kind, exc.params))
        return None
    result.format = table.format
    return table


def _match_participants(
    table: ParsedStatusTable, instrument: Instrument, matcher: ParticipantMatcher | None
) -> _MatchedRows:
    """Names as written -> States or regional organisations; unknown, ambiguous or refused names are errors."""
    matched = _MatchedRows()
    matched.errors = [_problem(p.row_number, p.participant, p.rule, p.kind, p.params) for p in table.problems]
    matched.bad_rows = {p.row_number for p in table.problems}
    matcher = matcher or ParticipantMatcher.build()
    for row in table.rows:
        key, is_state = matcher.match(row.participant)
        if key is None:
            options = matcher.candidates(row.participant)
            if len(options) > 1:
                rule = (
                    f"'{row.participant}' could mean several participants ({', '.join(options)}); write the full name"
                )
                params = {"participant": row.participant, "candidates": options}
                matched.errors.append(_problem(row.row_number, row.participant, rule, "ambiguous_participant", params))
            else:
                rule = f"unknown participant '{row.participant}': no State or regional organisation has this name"
                params = {"participant": row.participant}
                matched.errors.append(_problem(row.row_number, row.participant, rule, "unknown_participant", params))
            matched.bad_rows.add(row.row_number)
            continue
        if not is_state and not instrument.counts_regional_organisations:
            matched.errors.append(
                _problem(
                    row.row_number,
                    row.participant,
                    f"{instrument.code} is not open to regional organisations such as '{row.participant}'",
                    "organisation_not_allowed",
                    {"participant": row.participant, "code": instrument.code},
                )
            )
            matched.bad_rows.add(row.row_number)
            continue
        item = ProposedAction(
            row.row_number, row.participant, instrument.code, Action(key, row.action, row.date, is_state)
        )
        matched.proposed.append(item)
        matched.extras[id(item)] = {
            "footnotes": ", ".join(row.footnotes),
            "organisation_id": matcher.organisations[key].pk if not is_state else None,
        }
    return matched


def _compare_with_record(
    instrument: Instrument, rows: list[ProposedAction], *, apply_corrections: bool
) -> tuple[RecordedState, list[Difference], list[ProposedAction], dict[str, list[Action]]]:
    """(recorded state, differences, rows to check, the actions to check them against).

    With corrections applied the differing rows replace the recorded actions they contradict and
    are checked like new rows; otherwise they are set aside and the rest is checked as recorded.
    """
    state = recorded_state({instrument.code})
    differences, others = find_differences(state.actions, rows)
    if not apply_corrections:
        return state, differences, others, state.actions
    replaced = {(d.row.instrument_code, d.recorded) for d in differences}
    against = {code: [a for a in actions if (code, a) not in replaced] for code, actions in state.actions.items()}
    return state, differences, others + [d.row for d in differences], against


def _check_rules(
    state: RecordedState, against: dict[str, list[Action]], rows: list[ProposedAction], matched: _MatchedRows
) -> list[dict]:
    """Rule violations become errors (their rows invalid); warnings are returned."""
    if not rows:
        return []
    check = check_actions(state.rules, against, rows, timezone.localdate(), complete_until=state.complete_until)
    for violation in check.violations:
        matched.errors.append(
            _problem(violation.row_number, violation.participant, violation.rule, violation.kind, violation.params)
        )
        matched.bad_rows.add(violation.row_number)
    return [_problem(w.row_number, w.participant, w.rule, w.kind, w.params) for w in check.warnings]


def _count(result: StatusImportResult, valid: list[ProposedAction]) -> None:
    """DESIGN.md's counts, of the valid rows: distinct participants, signature and consent actions."""
    result.participants = len(dict.fromkeys(r.action.participant_key for r in valid))
    result.signatures = sum(1 for r in valid if r.action.action in SIGNATURE_ACTIONS)
    result.consents = sum(1 for r in valid if r.action.action in CONSENT_ACTIONS)


def _plan(
    instrument: Instrument,
    against: dict[str, list[Action]],
    rows: list[ProposedAction],
    differences: list[Difference],
    bad_rows: set[int],
    *,
    apply_corrections: bool,
) -> _Plan:
    valid_differences = [d for d in differences if d.row.row_number not in bad_rows]
    differing = {id(d.row) for d in differences}
    valid = [r for r in rows if r.row_number not in bad_rows and id(r) not in differing]
    create, unchanged = split_unchanged(against, valid)
    after = list(against.get(instrument.code, [])) + [r.action for r in create]
    if apply_corrections:
        after += [d.row.action for d in valid_differences]
    return _Plan(create, unchanged, valid_differences, after)


def _new_parties(instrument: Instrument, state: RecordedState, plan: _Plan) -> list[str]:
    """Participants that were not party (or pending) before and would be after writing."""
    horizon = timezone.localdate() + dt.timedelta(days=800)
    rules = state.rules[instrument.code]
    before = status_as_of(rules, state.actions.get(instrument.code, []), horizon)
    after = status_as_of(rules, plan.after, horizon)
    return sorted((set(after.parties) | set(after.pending)) - (set(before.parties) | set(before.pending)))


def _origin(record: ParticipationAction) -> dict:
    """Where a recorded action came from, for showing beside the file's value."""
    source_import = record.corrected_by or record.source_import
    if source_import is not None:
        return {
            "origin": "import",
            "import_id": source_import.pk,
            "file_name": source_import.file_name,
            "source": source_import.source,
            "data_as_of": source_import.data_as_of.isoformat() if source_import.data_as_of else None,
        }
    return {"origin": "synthetic" if record.synthetic else "hand", "import_id": None, "file_name": "", "source": ""}


def _describe_differences(
    instrument: Instrument, differences: list[Difference], *, filename: str, source: str, data_as_of: dt.date | None
) -> list[dict]:
    """Both values and both sources of each difference (the recorded action is found by its identity)."""
    if not differences:
        return []
    keys = {d.recorded.participant_key for d in differences}
    records = {}
    for record in (
        ParticipationAction.objects.filter(instrument=instrument)
        .filter(Q(country_id__in=keys) | Q(organisation__code__in=keys))
        .select_related("source_import", "corrected_by", "organisation")
    ):
        records[(record.participant_key, record.action, record.date)] = record
    described = []
    for difference in differences:
        recorded = records[difference.recorded.identity]
        described.append(
            {
                "row": difference.row.row_number,
                "participant": difference.row.participant,
                "participant_key": difference.recorded.participant_key,
                "is_state": difference.recorded.is_state,
                "kind": difference.kind,
                "recorded": {
                    "action_id": recorded.pk,
                    "action": recorded.action,
                    "date": recorded.date.isoformat(),
                    **_origin(recorded),
                },
                "file": {
                    "action": difference.row.action.action,
                    "date": difference.row.action.date.isoformat(),
                    "origin": "file",
                    "file_name": filename,
                    "source": source,
                    "data_as_of": data_as_of.isoformat() if data_as_of else None,
                },
                "applied": False,
            }
        )
    return described


def _apply_correction(difference: dict, *, record: StatusImport, user) -> None:
    """Change the recorded action to the file's value; its history keeps the old one and why it changed."""
    action = ParticipationAction.objects.select_for_update().get(pk=difference["recorded"]["action_id"])
    action.action = difference["file"]["action"]
    action.date = dt.date.fromisoformat(difference["file"]["date"])
    action.corrected_by = record
    note_change_reason(action, f"correction from status import #{record.pk}")
    note_history_user(action, user)
    action.full_clean(exclude=["source_import", "corrected_by"])
    action.save()
    difference["applied"] = True
    difference["applied_at"] = timezone.now().isoformat(timespec="seconds")
    difference["applied_by"] = user.get_username() if getattr(user, "is_authenticated", False) else None
    difference["applied_import_id"] = record.pk


def _log(
    instrument: Instrument, result: StatusImportResult, *, sha: str, user, outcome: str, partial_note: str
) -> StatusImportResult:
    counts = {
        key: getattr(result, key)
        for key in ("participants", "signatures", "consents", "created", "unchanged", "corrected")
    }
    counts["differences"] = len(result.differences)
    record = StatusImport.objects.create(
        instrument=instrument,
        file_name=result.file[:255],
        sha256=sha,
        format=result.format or "",
        dry_run=result.dry_run,
        outcome=outcome,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        counts=counts,
        errors=result.errors,
        warnings=result.warnings,
        differences=result.differences,
        new_parties=result.new_parties,
        source=result.source,
        data_as_of=result.data_as_of,
        partial=result.partial,
        partial_note=partial_note[:300],
    )
    result.import_id = record.pk
    result.outcome = str(outcome)
    result.record = record
    return result


def _sorted_problems(problems: list[dict]) -> list[dict]:
    unique = {(p["row"] or 0, p["participant"] or "", p["rule"]): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p["row"] or 0, p["participant"] or ""))


# --- Entry points -----------------------------------------------------------------------------------


def status_import_run(
    *,
    instrument: Instrument,
    data: bytes,
    filename: str,
    user=None,
    dry_run: bool = False,
    source: str = "",
    data_as_of: dt.date | None = None,
    partial: bool = False,
    partial_note: str = "",
    apply_corrections: bool = False,
    matcher: ParticipantMatcher | None = None,
) -> StatusImportResult:
    """Import a status table (treaty collection XML, HTML, copied text or CSV) for one instrument.

    `source` (where the file came from) and `data_as_of` (the date it is complete to) are stored
    with the import; `partial` says the file misses participants even at that date. Only new
    actions are created; differences are listed and, with `apply_corrections`, applied with history.
    `matcher` lets a caller importing many files build the name matcher once.
    """
    result = StatusImportResult(
        instrument=instrument.code,
        file=filename,
        dry_run=dry_run,
        source=source.strip(),
        data_as_of=data_as_of,
        partial=partial,
    )
    sha = hashlib.sha256(data).hexdigest()
    if data_as_of is not None and data_as_of > timezone.localdate():
        result.errors.append(
            _problem(
                None,
                None,
                f"the data cannot be as of {data_as_of}, a date in the future",
                "data_as_of_future",
                {"date": data_as_of.isoformat()},
            )
        )
        return _log(instrument, result, sha=sha, user=user, outcome=ImportOutcome.UNREADABLE, partial_note=partial_note)
    table = _read_table(data, filename, result)
    if table is None:
        return _log(instrument, result, sha=sha, user=user, outcome=ImportOutcome.UNREADABLE, partial_note=partial_note)
    matched = _match_participants(table, instrument, matcher)
    with transaction.atomic():
        if not dry_run:
            Instrument.objects.select_for_update().filter(pk=instrument.pk).first()
        state, differences, rows, against = _compare_with_record(
            instrument, matched.proposed, apply_corrections=apply_corrections
        )
        result.warnings = _sorted_problems(_check_rules(state, against, rows, matched))
        _count(result, [r for r in matched.proposed if r.row_number not in matched.bad_rows])
        plan = _plan(instrument, against, rows, differences, matched.bad_rows, apply_corrections=apply_corrections)
        result.unchanged = len(plan.unchanged)
        result.differences = _describe_differences(
            instrument, plan.differences, filename=filename, source=result.source, data_as_of=data_as_of
        )
        result.errors = _sorted_problems(matched.errors)
        if result.errors:
            outcome = ImportOutcome.DRY_RUN if dry_run else ImportOutcome.REJECTED
            return _log(instrument, result, sha=sha, user=user, outcome=outcome, partial_note=partial_note)
        result.created = len(plan.create)
        result.new_parties = _new_parties(instrument, state, plan)
        if dry_run:
            return _log(
                instrument, result, sha=sha, user=user, outcome=ImportOutcome.DRY_RUN, partial_note=partial_note
            )
        result.corrected = len(plan.differences) if apply_corrections else 0
        _log(instrument, result, sha=sha, user=user, outcome=ImportOutcome.APPLIED, partial_note=partial_note)
        _write(result, plan, matched, user=user, apply_corrections=apply_corrections)
    return result


def _write(result: StatusImportResult, plan: _Plan, matched: _MatchedRows, *, user, apply_corrections: bool) -> None:
    """Create the new actions and, when asked, apply the corrections; the import's record is updated."""
    record = result.record
    assert record is not None  # logged before writing
    create_actions(plan.create, matched.extras, source_import=record)
    if apply_corrections:
        for difference in result.differences:
            _apply_correction(difference, record=record, user=user)
        record.differences = result.differences
        record.save(update_fields=["differences"])
    result.written = True


@dataclass
class CorrectionsResult:
    """Corrections applied from a stored import (a dry run or an applied import)."""

    import_id: int
    corrected: list[int] = field(default_factory=list)  # row numbers
    errors: list[str] = field(default_factory=list)


@transaction.atomic
def status_import_corrections_apply(*, record: StatusImport, rows: list[int], user=None) -> CorrectionsResult:
    """Apply the selected differences of an import as corrections, all or nothing.

    Each recorded action must still be as it was when the import compared it, and the corrected
    actions must still obey the rules (e.g. a Protocol consent not before the Convention's).
    Raises ValidationError naming the row and the rule; nothing is changed then.
    """
    record = StatusImport.objects.select_for_update().get(pk=record.pk)
    if record.errors:
        raise ValidationError({"rows": ["this import has errors: fix the file and import it again"]})
    wanted = set(rows)
    chosen = [d for d in record.differences if d["row"] in wanted and not d.get("applied")]
    missing = wanted - {d["row"] for d in record.differences}
    if missing:
        raise ValidationError({"rows": [f"row {n} is not a difference of this import" for n in sorted(missing)]})
    if not chosen:
        raise ValidationError({"rows": ["choose at least one difference that is not applied yet"]})
    instrument = record.instrument
    Instrument.objects.select_for_update().filter(pk=instrument.pk).first()
    problems = []
    for difference in chosen:
        recorded = ParticipationAction.objects.filter(pk=difference["recorded"]["action_id"]).first()
        if recorded is None or (recorded.action, recorded.date.isoformat()) != (
            difference["recorded"]["action"],
            difference["recorded"]["date"],
        ):
            problems.append(f"row {difference['row']} ({difference['participant']}): the recorded action has changed")
    if problems:
        raise ValidationError({"rows": problems})
    state = recorded_state({instrument.code})
    replaced = {(d["participant_key"], d["recorded"]["action"], d["recorded"]["date"]) for d in chosen}
    against = {
        code: [
            a
            for a in actions
            if code != instrument.code or (a.participant_key, a.action, a.date.isoformat()) not in replaced
        ]
        for code, actions in state.actions.items()
    }
    corrected_rows = [
        ProposedAction(
            d["row"],
            d["participant"],
            instrument.code,
            Action(
                d["participant_key"],
                d["file"]["action"],
                dt.date.fromisoformat(d["file"]["date"]),
                is_state=d.get("is_state", True),
            ),
        )
        for d in chosen
    ]
    check = check_actions(
        state.rules, against, corrected_rows, timezone.localdate(), complete_until=state.complete_until
    )
    if check.violations:
        raise ValidationError({"rows": [f"row {v.row_number} ({v.participant}): {v.rule}" for v in check.violations]})
    result = CorrectionsResult(import_id=record.pk)
    for difference in chosen:
        _apply_correction(difference, record=record, user=user)
        result.corrected.append(difference["row"])
    record.counts = {**record.counts, "corrected": record.counts.get("corrected", 0) + len(chosen)}
    record.save(update_fields=["differences", "counts"])
    return result
