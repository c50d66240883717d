"""Text budgets: every text a person sends has a length limit, set once per field and checked before work.

The edge (`tcdesk.core.edge`) refuses any text past `TCDESK_MAX_TEXT_CHARS` for every app. Each field
keeps its own, shorter limit in ONE place, its app's model module (a constant beside the model), and
that constant is what the model field, the page form, the API schema and the service all read, so the
four cannot drift apart:

- the model: `models.TextField(..., **bounded(NOTE_MAX_CHARS))` (a `max_length` that model forms take
  over, and a validator that `full_clean` applies; a TextField's length costs no migration of the column);
- the form: a ModelForm takes it from the model, a plain form says `max_length=NOTE_MAX_CHARS`;
- the API schema: `Field(max_length=NOTE_MAX_CHARS)`; every other string of an input schema derived
  from `InSchema` is bounded by `SHORT_TEXT_CHARS` (codes, names, titles, references), so a field cannot
  be forgotten;
- the service, the last line: `check_text_lengths(Model, note=note)` raises a ValidationError naming the
  field and its limit.

`tests/test_field_caps.py` holds every app to this: each string of a request body in the OpenAPI
document has a maximum length, and each text field of a page form has one.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict

# The default ceiling of a string in an API input: a code, a name, a title, a reference.
SHORT_TEXT_CHARS = 300
# Common sizes, for apps to name their own limits by.
NOTE_CHARS = 2_000
DESCRIPTION_CHARS = 10_000
LONG_TEXT_CHARS = 20_000


class InSchema(Schema):
    """Base of API input schemas: every string is at most SHORT_TEXT_CHARS unless its field says more."""

    model_config = ConfigDict(str_max_length=SHORT_TEXT_CHARS)


def bounded(limit: int) -> dict[str, Any]:
    """Keyword arguments of a model TextField bounded to `limit` characters (form and model validation)."""
    return {"max_length": limit, "validators": [MaxLengthValidator(limit)]}


def too_long_message(limit: int, length: int) -> str:
    return _("At most %(max)s characters (this text has %(n)s).") % {"max": f"{limit:,}", "n": f"{length:,}"}


def length_problems(**fields: tuple[str | None, int]) -> dict[str, list[str]]:
    """The fields, given as `name=(value, limit)`, whose value is longer than its limit, as a
    ValidationError's dict (for a text kept in a field of another name, such as a ledger memo)."""
    return {
        name: [too_long_message(limit, len(value))]
        for name, (value, limit) in fields.items()
        if value is not None and len(value) > limit
    }


def text_length_problems(model: type[models.Model], **values: str | None) -> dict[str, list[str]]:
    """The fields among `values` longer than their model field allows, as a ValidationError's dict."""
    limits = {name: model._meta.get_field(name).max_length for name in values}
    return length_problems(**{name: (value, limits[name]) for name, value in values.items() if limits[name]})


def raise_if_too_long(errors: dict[str, list[str]]) -> None:
    """Raise the ValidationError of `length_problems` or `text_length_problems`, if any."""
    if errors:
        raise ValidationError(errors)


def check_text_lengths(model: type[models.Model], **values: str | None) -> None:
    """Raise a ValidationError naming each field of `values` longer than its model field allows."""
    raise_if_too_long(text_length_problems(model, **values))
