"""Showing a service's ValidationError on the form that collected the input.

Forms only collect input; services validate and raise `ValidationError({"field": [...]})` naming the
field and the rule. A view catches it and calls `add_service_errors(form, exc)`: each message lands
next to its field (or at the top of the form when the field is not on it). `submitted(form, write)`
does the whole round: validate the form, call the service, keep its errors on the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.BaseForm, exc: ValidationError, *, renamed: dict[str, str] | None = None) -> None:
    """Put the service's errors on the form, field by field; `renamed` maps a service field to the form's
    (e.g. {"file": "attachment"})."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            field = (renamed or {}).get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def submitted(form: forms.BaseForm, write: Callable[[dict[str, Any]], object]) -> bool:
    """Validate the form and, if it is valid, call `write(cleaned_data)` (a service). True when the write
    succeeded; otherwise the form carries every error (its own, and the service's, field by field)."""
    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True
