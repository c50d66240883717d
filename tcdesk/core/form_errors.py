"""Showing a service's ValidationError on the form that collected the input.

Forms only collect input; services validate and raise `ValidationError({"field": [...]})` naming the
field and the rule. A view catches it and calls `add_service_errors(form, exc)`: each message lands
next to its field (or at the top of the form when the field is not on it).
"""

from __future__ import annotations

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
