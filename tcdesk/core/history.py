"""Readable change history (who, when, what changed from what to what) from django-simple-history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    reason: str
    subject: str = ""  # set when a page merges the history of several objects
    changes: list[FieldChange] = field(default_factory=list)


def note_change_reason(obj: Any, reason: str) -> None:
    """Why the next save of `obj` happens, kept in its history record (django-simple-history reads it)."""
    obj._change_reason = reason[:100]


def history_entries(obj: Any, *, limit: int = 200, subject: str = "") -> list[HistoryEntry]:
    """Newest first; each entry lists the fields that changed against the previous version."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            changes = [FieldChange(field=_verbose(obj, c.field), old=c.old, new=c.new) for c in delta.changes]
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user.get_username() if record.history_user else str(_("system")),
                kind=str(CHANGE_TYPES.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
                subject=subject,
            )
        )
    return entries


def _verbose(obj: Any, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field removed since the record was written
        return name


def merged_history(*sources: tuple[Any, str], limit: int = 200) -> list[HistoryEntry]:
    """The histories of an object and its parts (e.g. a country and its group memberships), newest first."""
    entries = [entry for obj, subject in sources for entry in history_entries(obj, limit=limit, subject=subject)]
    return sorted(entries, key=lambda e: e.when, reverse=True)[:limit]
