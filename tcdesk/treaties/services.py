"""Every write of the treaties app: loading instruments, importing status tables, recording actions."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from tcdesk.core.choices import OrganisationRoleKind
from tcdesk.core.country_names import CountryNameMatcher, load_names_from_csv
from tcdesk.core.csvdata import read_data_file
from tcdesk.core.models import Country, Organisation, Theme

from . import messages
from .choices import Family, ImportOutcome
from .models import Instrument, ParticipationAction, StatusImport
from .participation import (
    INSTRUMENTS_CSV,
    Action,
    ProposedAction,
    split_unchanged,
    status_as_of,
    validate_actions,
)
from .status_formats import StatusFormatError, parse_status_file
from .status_formats.model import ACTIONS, CONSENT_ACTIONS, SIGNATURE_ACTIONS

Progress = Callable[[str, int, int], None]
MAX_IMPORT_BYTES = 5 * 1024 * 1024
_ORG_PREFIX = "org:"


def _no_progress(step: str, done: int, total: int) -> None:
    pass


# --- Instruments ----------------------------------------------------------------------------------


def _family(themes: list[str]) -> str:
    first = themes[0] if themes else ""
    if first == "terrorism":
        return Family.TERRORISM
    if first == "drugs":
        return Family.DRUGS
    if first == "cybercrime":
        return Family.CYBERCRIME
    return Family.CRIME


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _int(text: str) -> int | None:
    return int(text) if text else None


def _yes(text: str) -> bool:
    return text.strip().lower() in ("yes", "true", "1")


@transaction.atomic
def instruments_load(*, path: Path = INSTRUMENTS_CSV, progress: Progress = _no_progress) -> dict[str, int]:
    """Create or update the instruments from `data/instruments.csv`; idempotent (unchanged rows are not saved)."""
    rows = read_data_file(path).rows
    known_themes = set(Theme.objects.values_list("code", flat=True))
    existing = {i.code: i for i in Instrument.objects.prefetch_related("themes")}
    summary = {"created": 0, "updated": 0, "unchanged": 0}
    for index, row in enumerate(rows, start=1):
        themes = [t for t in row["themes"].split(";") if t]
        values = {
            "untc_ref": row["untc_ref"] or None,
            "family": _family(themes),
            "sort_order": index,
            "short_name_en": row["short_name_en"],
            "short_name_fr": row["short_name_fr"],
            "name_en": row["name_en"],
            "name_fr": row["name_fr"],
            "parent_id": row["parent_code"] or None,
            "requires_party_to_parent": _yes(row["requires_party_to_parent"]),
            "adopted_on": _date(row["adopted_on"]),
            "adopted_place": row["adopted_place"],
            "opened_for_signature_on": _date(row["opened_for_signature_on"]),
            "signature_closed_on": _date(row["signature_closed_on"]),
            "entry_into_force_on": _date(row["entry_into_force_on"]),
            "depositary": row["depositary"],
            "eif_days_after_deposit": _int(row["eif_days_after_deposit"]),
            "denunciation_effect_days": _int(row["denunciation_effect_days"]),
            "counts_regional_organisations": _yes(row["counts_regional_organisations"]),
            "facts_verified": row["facts_verified"] or "no",
            "notes": row["notes"],
            "source": row["source"],
        }
        instrument = existing.get(row["code"])
        if instrument is None:
            # Parents come before their children in the file; a forward reference is set on a second pass.
            parent = values.pop("parent_id")
            instrument = Instrument(code=row["code"], **values)
            instrument.full_clean(exclude=["parent", "themes"])
            instrument.save()
            instrument.parent_id = parent
            summary["created"] += 1
            changed = True
        else:
            changed = any(getattr(instrument, k) != v for k, v in values.items())
            for key, value in values.items():
                setattr(instrument, key, value)
            summary["updated" if changed else "unchanged"] += 1
        if changed:
            instrument.save()
        wanted = {t for t in themes if t in known_themes}
        if row["code"] not in existing or {t.code for t in instrument.themes.all()} != wanted:
            instrument.themes.set(wanted)
        progress("instruments", index, len(rows))
    return summary


# --- Matching participants ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _csv_name_pairs() -> tuple[tuple[str, str], ...]:
    """Country names and aliases from the shipped core data files (read once per process)."""
    return tuple(load_names_from_csv())


@dataclass
class ParticipantMatcher:
    """Names as written in treaty tables -> ISO3 codes of States or codes of regional organisations."""

    matcher: CountryNameMatcher
    organisations: dict[str, Organisation]
    country_keys: set[str]

    @classmethod
    def build(cls) -> ParticipantMatcher:
        countries = {
            c.iso3: c
            for c in Country.objects.only("iso3", "name_en", "name_fr", "official_name_en", "official_name_fr")
        }
        pairs = [(key, name) for key, name in _csv_name_pairs() if key in countries]
        for country in countries.values():
            for name in (country.name_en, country.name_fr, country.official_name_en, country.official_name_fr):
                pairs.append((country.iso3, name))
        organisations = {o.code: o for o in Organisation.objects.with_role(OrganisationRoleKind.REGIONAL_ORGANISATION)}
        for org in organisations.values():
            for name in (org.name_en, org.name_fr, org.acronym):
                pairs.append((_ORG_PREFIX + org.code, name))
        return cls(CountryNameMatcher(pairs), organisations, set(countries))

    def match(self, name: str) -> tuple[str | None, bool]:
        """(participant key, is a State) or (None, True) when unknown or ambiguous."""
        key = self.matcher.match(name)
        if key is None:
            return None, True
        if key.startswith(_ORG_PREFIX):
            return key[len(_ORG_PREFIX) :], False
        return key, True

    def candidates(self, name: str) -> list[str]:
        return sorted(k.removeprefix(_ORG_PREFIX) for k in self.matcher.candidates(name))


# --- Recording actions ----------------------------------------------------------------------------


def _error(row: int | None, participant: str | None, rule: str, kind: str, params: dict | None = None) -> dict:
    """A stored import error: DESIGN.md's row/participant/rule (plain English) plus kind and params.

    `messages.render(kind, params)` shows it in the user's language.
    """
    return {"row": row, "participant": participant, "rule": rule, "kind": kind, "params": params or {}}


def _validate(proposed: list[ProposedAction], today: dt.date) -> tuple[list, dict[str, list[Action]], dict]:
    """Violations of `proposed` against the recorded actions of the instruments (and parents) involved."""
    codes = {p.instrument_code for p in proposed}
    instruments = {i.code: i for i in Instrument.objects.filter(code__in=codes)}
    parents = {i.parent_id for i in instruments.values() if i.parent_id}
    instruments.update({i.code: i for i in Instrument.objects.filter(code__in=parents - set(instruments))})
    from . import selectors

    existing = selectors.stored_actions(list(instruments))
    rules = {code: instrument.rules() for code, instrument in instruments.items()}
    violations = validate_actions(rules, existing, proposed, today)
    return violations, existing, rules


def _create(rows: Iterable[ProposedAction], extras: dict[int, dict], *, source_import=None, synthetic=False) -> int:
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
    created = _create(create, {}, synthetic=synthetic)
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
        key, is_state = matcher.match(participant)
        if key is None:
            raise ValidationError({"participant": [f"unknown State or organisation '{participant}'"]})
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
    if user is not None and getattr(user, "is_authenticated", False):
        record._history_user = user
    record.full_clean(exclude=["source_import"])
    record.save()
    return record


# --- Importing status tables ----------------------------------------------------------------------


def _participant_key_set(rows: Iterable[ProposedAction]) -> list[str]:
    return list(dict.fromkeys(r.action.participant_key for r in rows))


def status_import_run(*, instrument: Instrument, data: bytes, filename: str, user=None, dry_run: bool = False) -> dict:
    """Import a status table (treaty collection XML, HTML, copied text or CSV) for one instrument.

    Parse, match names, validate against what is recorded; with any error nothing is written (the
    attempt itself is logged); otherwise only new actions are created, in one transaction. Returns
    the DESIGN.md contract {"instrument", "participants", "signatures", "consents", "created",
    "unchanged", "errors"} plus "format", "dry_run", "written", "new_parties", "import_id".
    """
    sha = hashlib.sha256(data).hexdigest()
    result = {
        "instrument": instrument.code,
        "participants": 0,
        "signatures": 0,
        "consents": 0,
        "created": 0,
        "unchanged": 0,
        "errors": [],
        "format": None,
        "file": filename,
        "dry_run": dry_run,
        "written": False,
        "new_parties": [],
    }
    if len(data) > MAX_IMPORT_BYTES:
        limit = MAX_IMPORT_BYTES // 1024
        result["errors"].append(
            _error(None, None, f"the file is larger than {limit} KB", "too_large", {"limit_kb": limit})
        )
        return _log(instrument, filename, sha, user, result, ImportOutcome.UNREADABLE)
    try:
        table = parse_status_file(data, filename)
    except StatusFormatError as exc:
        result["errors"].append(_error(None, None, str(exc), exc.kind, exc.params))
        return _log(instrument, filename, sha, user, result, ImportOutcome.UNREADABLE)
    result["format"] = table.format

    errors = [_error(p.row_number, p.participant, p.rule, p.kind, p.params) for p in table.problems]
    matcher = ParticipantMatcher.build()
    proposed: list[ProposedAction] = []
    extras: dict[int, dict] = {}
    bad_rows: set[int] = {p.row_number for p in table.problems}
    for row in table.rows:
        key, is_state = matcher.match(row.participant)
        if key is None:
            options = matcher.candidates(row.participant)
            if len(options) > 1:
                rule = (
                    f"'{row.participant}' could mean several participants ({', '.join(options)}); write the full name"
                )
                params = {"participant": row.participant, "candidates": options}
                errors.append(_error(row.row_number, row.participant, rule, "ambiguous_participant", params))
            else:
                rule = f"unknown participant '{row.participant}': no State or regional organisation has this name"
                params = {"participant": row.participant}
                errors.append(_error(row.row_number, row.participant, rule, "unknown_participant", params))
            bad_rows.add(row.row_number)
            continue
        if not is_state and not instrument.counts_regional_organisations:
            errors.append(
                _error(
                    row.row_number,
                    row.participant,
                    f"{instrument.code} is not open to regional organisations such as '{row.participant}'",
                    "organisation_not_allowed",
                    {"participant": row.participant, "code": instrument.code},
                )
            )
            bad_rows.add(row.row_number)
            continue
        item = ProposedAction(
            row.row_number, row.participant, instrument.code, Action(key, row.action, row.date, is_state)
        )
        proposed.append(item)
        extras[id(item)] = {
            "footnotes": ", ".join(row.footnotes),
            "organisation_id": matcher.organisations[key].pk if not is_state else None,
        }

    with transaction.atomic():
        if not dry_run:
            Instrument.objects.select_for_update().filter(pk=instrument.pk).first()
        violations, existing, rules = _validate(proposed, timezone.localdate()) if proposed else ([], {}, {})
        for v in violations:
            errors.append(_error(v.row_number, v.participant, v.rule, v.kind, v.params))
            bad_rows.add(v.row_number)
        valid = [p for p in proposed if p.row_number not in bad_rows]
        result["participants"] = len(_participant_key_set(valid))
        result["signatures"] = sum(1 for p in valid if p.action.action in SIGNATURE_ACTIONS)
        result["consents"] = sum(1 for p in valid if p.action.action in CONSENT_ACTIONS)
        create, unchanged = split_unchanged(existing, valid)
        result["unchanged"] = len(unchanged)
        result["errors"] = sorted(
            {(e["row"] or 0, e["participant"] or "", e["rule"]): e for e in errors}.values(),
            key=lambda e: (e["row"] or 0, e["participant"] or ""),
        )
        if not result["errors"]:
            result["created"] = len(create)
            if create:
                horizon = timezone.localdate() + dt.timedelta(days=800)
                mine = rules[instrument.code]
                before_actions = existing.get(instrument.code, [])
                before = status_as_of(mine, before_actions, horizon)
                after = status_as_of(mine, before_actions + [r.action for r in create], horizon)
                was = set(before.parties) | set(before.pending)
                result["new_parties"] = sorted((set(after.parties) | set(after.pending)) - was)
        if result["errors"]:
            outcome = ImportOutcome.DRY_RUN if dry_run else ImportOutcome.REJECTED
        elif dry_run:
            outcome = ImportOutcome.DRY_RUN
        else:
            outcome = ImportOutcome.APPLIED
            log = _log(instrument, filename, sha, user, result, outcome, table_format=table.format)
            _create(create, extras, source_import=log["_import"])
            result["written"] = True
            return log
    return _log(instrument, filename, sha, user, result, outcome, table_format=table.format)


def _log(instrument, filename, sha, user, result, outcome, *, table_format="") -> dict:
    counts = {k: result[k] for k in ("participants", "signatures", "consents", "created", "unchanged")}
    record = StatusImport.objects.create(
        instrument=instrument,
        file_name=filename[:255],
        sha256=sha,
        format=table_format or "",
        dry_run=result["dry_run"],
        outcome=outcome,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        counts=counts,
        errors=result["errors"],
        new_parties=result["new_parties"],
    )
    result["import_id"] = record.pk
    result["outcome"] = str(outcome)
    result["_import"] = record
    return result


def public_result(result: dict) -> dict:
    """The result without internal objects (for JSON)."""
    return {k: v for k, v in result.items() if not k.startswith("_")}
