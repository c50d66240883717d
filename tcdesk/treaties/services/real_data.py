"""Loading the shipped real status tables (`data/status/`) as the registry's data, through the importer."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from tcdesk.core.csvdata import read_data_file
from tcdesk.core.history import note_change_reason

from .. import selectors
from ..choices import ImportOutcome
from ..models import Instrument, ParticipationAction, StatusImport
from .participants import ParticipantMatcher
from .status_import import status_import_run

STATUS_DIR = Path(__file__).resolve().parents[1] / "data" / "status"
Progress = Callable[[str, int, int], None]


def _no_progress(step: str, done: int, total: int) -> None:
    pass


@dataclass
class LoadedFile:
    """One shipped file: what its import did (or that it was loaded already)."""

    file: str
    instrument: str
    data_as_of: str
    partial: bool
    already_loaded: bool = False
    synthetic_removed: int = 0
    created: int = 0
    unchanged: int = 0
    participants: int = 0
    signatures: int = 0
    consents: int = 0
    warnings: int = 0
    differences: list[dict] = field(default_factory=list)
    import_id: int | None = None


def _remove_synthetic(instrument: Instrument) -> int:
    """Real data supersedes invented demo actions of the same instrument (each deletion is in the history)."""
    removed = 0
    for action in ParticipationAction.objects.filter(instrument=instrument, synthetic=True):
        note_change_reason(action, "synthetic demo data replaced by real data")
        action.delete()
        removed += 1
    return removed


@transaction.atomic
def treaty_status_load(*, directory: Path = STATUS_DIR, progress: Progress = _no_progress) -> list[LoadedFile]:
    """Import every file of `manifest.csv` with its source and "as of" date; idempotent, all or nothing.

    A file already applied (same instrument, same content) is skipped. Differences from actions
    entered by hand are reported, never applied silently. Any error stops the load and writes nothing.
    """
    manifest = read_data_file(directory / "manifest.csv").rows
    matcher = ParticipantMatcher.build()  # once for all files
    loaded = []
    for number, row in enumerate(manifest, start=1):
        try:
            instrument = selectors.get_instrument(row["instrument"])
        except Instrument.DoesNotExist as exc:
            raise ValidationError(f"manifest.csv row {number}: {exc}") from None
        data = (directory / row["file"]).read_bytes()
        entry = LoadedFile(
            file=row["file"],
            instrument=instrument.code,
            data_as_of=row["data_as_of"],
            partial=row["partial"].lower() == "yes",
        )
        sha = hashlib.sha256(data).hexdigest()
        if StatusImport.objects.filter(instrument=instrument, sha256=sha, outcome=ImportOutcome.APPLIED).exists():
            entry.already_loaded = True
            loaded.append(entry)
            progress("treaty status", number, len(manifest))
            continue
        entry.synthetic_removed = _remove_synthetic(instrument)
        result = status_import_run(
            instrument=instrument,
            data=data,
            filename=row["file"],
            source=row["source"],
            data_as_of=dt.date.fromisoformat(row["data_as_of"]),
            partial=entry.partial,
            partial_note=row.get("note", ""),
            matcher=matcher,
        )
        if result.errors:
            first = result.errors[0]
            raise ValidationError(
                f"{row['file']}: {len(result.errors)} errors, first at row {first['row']} "
                f"({first['participant']}): {first['rule']}"
            )
        entry.created, entry.unchanged = result.created, result.unchanged
        entry.participants, entry.signatures, entry.consents = result.participants, result.signatures, result.consents
        entry.warnings, entry.differences, entry.import_id = len(result.warnings), result.differences, result.import_id
        loaded.append(entry)
        progress("treaty status", number, len(manifest))
    return loaded


def summary(loaded: list[LoadedFile]) -> list[dict]:
    """The load as JSON-ready dicts (the command's and the demo's summary)."""
    return [asdict(entry) for entry in loaded]
