"""Readable change history (who, when, what changed from what to what) from django-simple-history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
# Bookkeeping fields no reader needs (a model adds its own with `history_hidden_fields`).
HIDDEN_FIELDS = frozenset({"version", "created_at", "updated_at", "key_hash", "source_sha256"})


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
            hidden = HIDDEN_FIELDS | set(getattr(obj, "history_hidden_fields", ()))
            changes = [
                FieldChange(
                    field=_verbose(obj, c.field), old=_words(obj, c.field, c.old), new=_words(obj, c.field, c.new)
                )
                for c in delta.changes
                if c.field not in hidden
            ]
            if not changes and not record.history_change_reason:
                continue  # only bookkeeping changed: nothing a reader would call a change
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user.get_username() if record.history_user else str(_("system")),
                kind=str(CHANGE_TYPES.get(record.history_type, record.history_type)),
                reason=_reason(obj, record.history_change_reason or ""),
                changes=changes,
                subject=subject,
            )
        )
    return entries


def _reason(obj: Any, code: str) -> str:
    """A recorded reason in words: a model names its workflow's codes in `history_reasons`."""
    return str(getattr(obj, "history_reasons", {}).get(code, code))


def _words(obj: Any, name: str, value: Any) -> Any:
    """A stored value as a reader would say it: a choice's label, a related object's name, yes or no."""
    if value is None or value == "":
        return None
    try:
        model_field = obj._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field removed since the record was written
        return value
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation and model_field.many_to_one:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else value
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return value


def _verbose(obj: Any, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field removed since the record was written
        return name


def merged_history(*sources: tuple[Any, str], limit: int = 200) -> list[HistoryEntry]:
    """The histories of an object and its parts (e.g. a country and its group memberships), newest first."""
    entries = [entry for obj, subject in sources for entry in history_entries(obj, limit=limit, subject=subject)]
    return sorted(entries, key=lambda e: e.when, reverse=True)[:limit]
