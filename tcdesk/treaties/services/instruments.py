"""Writes of the instrument list: `data/instruments.csv` into `Instrument` rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction

from tcdesk.core.csvdata import read_data_file
from tcdesk.core.models import Theme

from ..choices import Family
from ..models import Instrument
from ..participation import INSTRUMENTS_CSV

Progress = Callable[[str, int, int], None]


def _no_progress(step: str, done: int, total: int) -> None:
    pass


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
        values: dict[str, Any] = {
            "untc_ref": row["untc_ref"] or None,
            "family": _family(themes),
            "sort_order": index,
            "short_name_en": row["short_name_en"],
            "short_name_fr": row["short_name_fr"],
            "short_name_es": row.get("short_name_es", ""),
            "name_en": row["name_en"],
            "name_fr": row["name_fr"],
            "name_es": row.get("name_es", ""),
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
            instrument.themes.set(Theme.objects.filter(code__in=wanted))
        progress("instruments", index, len(rows))
    return summary
