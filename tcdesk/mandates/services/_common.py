"""What the services of the mandates app share: history users, in-place updates, addressees."""

from __future__ import annotations

from typing import Any

from .. import addressees as addressee_table
from ..models import Addressee


def _with_history_user(obj: Any, user) -> None:
    if getattr(user, "is_authenticated", False):
        obj._history_user = user


def _save_if_changed(obj: Any, values: dict[str, Any]) -> bool:
    changed = obj.pk is None or any(getattr(obj, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(obj, name, value)
    if changed:
        obj.save()
    return changed


def _addressee_for(name: str) -> Addressee:
    code, name_en, name_fr, name_es = addressee_table.canonical(name)
    addressee = Addressee.objects.filter(name_en=name_en).first()
    if addressee is None:
        base, suffix = code, 2
        while Addressee.objects.filter(code=code).exists():
            code, suffix = f"{base}-{suffix}"[:60], suffix + 1
        addressee = Addressee.objects.create(code=code, name_en=name_en, name_fr=name_fr, name_es=name_es)
    return addressee
