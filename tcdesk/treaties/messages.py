"""Import errors in the user's language.

The pure modules (`participation`, `status_formats`) describe every problem with a plain English
`rule`, a stable `kind` and JSON `params`; the services store all three in `StatusImport.errors`.
This module turns (kind, params) into text in the active language. The English rendering is the
same text as `rule`; an error without a known kind or with missing params (e.g. one stored before
params existed) falls back to its English `rule`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import get_language, gettext_lazy

from .status_formats import parsed as actions_of

ACTION_NAMES = {
    actions_of.SIGNATURE: gettext_lazy("signature"),
    actions_of.SUCCESSION_TO_SIGNATURE: gettext_lazy("succession to signature"),
    actions_of.RATIFICATION: gettext_lazy("ratification"),
    actions_of.ACCESSION: gettext_lazy("accession"),
    actions_of.ACCEPTANCE: gettext_lazy("acceptance"),
    actions_of.APPROVAL: gettext_lazy("approval"),
    actions_of.SUCCESSION: gettext_lazy("succession"),
    actions_of.FORMAL_CONFIRMATION: gettext_lazy("formal confirmation"),
    actions_of.DEFINITIVE_SIGNATURE: gettext_lazy("definitive signature"),
    actions_of.DENUNCIATION: gettext_lazy("denunciation"),
    actions_of.WITHDRAWAL: gettext_lazy("withdrawal"),
}

# kind -> template. Keep the English text identical to the `rule` the pure modules write.
TEMPLATES = {
    # participation.validate_actions
    "future_date": gettext_lazy("the %(action)s date %(date)s is in the future"),
    "before_adoption": gettext_lazy("the %(action)s date %(date)s is before %(code)s was adopted (%(adopted_on)s)"),
    "before_opening": gettext_lazy(
        "the %(action)s date %(date)s is before %(code)s was opened for signature (%(opened_on)s)"
    ),
    "signature_after_closing": gettext_lazy(
        "%(code)s closed for signature on %(closed_on)s; a later signature is impossible (join by accession instead)"
    ),
    "second_signature": gettext_lazy(
        "%(code)s was already signed on %(previous_date)s and is signed again on %(date)s"
    ),
    "second_consent": gettext_lazy(
        "%(action)s of %(code)s on %(date)s while the %(previous_action)s of %(previous_date)s is still in force: "
        "a second consent needs a denunciation in between"
    ),
    "exit_without_consent": gettext_lazy(
        "%(action)s of %(code)s on %(date)s by a participant with no consent to denounce"
    ),
    "unknown_instrument": gettext_lazy("unknown instrument '%(code)s'"),
    "unknown_action": gettext_lazy("unknown action '%(action)s'"),
    "parent_not_party": gettext_lazy(
        "%(action)s of %(code)s on %(date)s requires being party to %(parent)s first, and no consent to "
        "%(parent)s is dated on or before it"
    ),
    "parent_data_older": gettext_lazy(
        "%(action)s of %(code)s on %(date)s: no consent to %(parent)s is recorded, but the data of %(parent)s ends on "
        "%(parent_until)s; not checked"
    ),
    # services: names and the file as a whole
    "unknown_participant": gettext_lazy(
        "unknown participant '%(participant)s': no State or regional organisation has this name"
    ),
    "ambiguous_participant": gettext_lazy(
        "'%(participant)s' could mean several participants (%(candidates)s); write the full name"
    ),
    "organisation_not_allowed": gettext_lazy(
        "%(code)s is not open to regional organisations such as '%(participant)s'"
    ),
    "too_large": gettext_lazy("the file is larger than %(limit_kb)s KB"),
    "data_as_of_future": gettext_lazy("the data cannot be as of %(date)s, a date in the future"),
    # status_formats: files that cannot be read at all (StatusFormatError)
    "empty_file": gettext_lazy("the file is empty"),
    "binary_file": gettext_lazy("the file is binary (it contains NUL bytes), not a status table"),
    "utf16_invalid": gettext_lazy("the file starts with a UTF-16 mark but is not valid UTF-16"),
    "not_utf8": gettext_lazy(
        "the file is not UTF-8 text (byte %(byte)s at position %(position)s); save it as UTF-8 and try again"
    ),
    "csv_no_header": gettext_lazy("the CSV file must start with the header 'participant,action,date'"),
    "text_no_header": gettext_lazy(
        "no header line found: the text must contain the table's header row, starting with 'Participant' and "
        "naming the columns (e.g. 'Signature', 'Ratification, Accession(a)')"
    ),
    "xml_malformed": gettext_lazy("the XML file is not well formed: %(detail)s"),
    "xml_no_participants": gettext_lazy(
        "the XML file has no Participants table; use the 'VIEW XML' file of a treaty's status page"
    ),
    "xml_no_header": gettext_lazy(
        "the XML participants table has no header row naming 'Participant' and its action columns"
    ),
    "html_unreadable": gettext_lazy("the HTML file cannot be read: %(detail)s"),
    "html_no_table": gettext_lazy(
        "no table in the HTML file has a header row starting with 'Participant' and naming its action columns"
    ),
    # status_formats: rows and cells (RowProblem)
    "date_unknown_month": gettext_lazy("'%(text)s' is not a date: unknown month"),
    "date_not_real": gettext_lazy("'%(text)s' is not a real calendar date"),
    "date_bad_form": gettext_lazy(
        "'%(text)s' is not a date of the form '3 Mar 2011' followed by an optional action letter"
    ),
    "date_bad_form_iso": gettext_lazy(
        "'%(text)s' is not a date of the form '2011-03-03' or '3 Mar 2011' followed by an optional action letter"
    ),
    "bracketed_date": gettext_lazy(
        "the date '%(text)s' is in square brackets (an action later withdrawn or superseded, explained in the "
        "treaty's footnotes); record it by hand"
    ),
    "column_not_imported": gettext_lazy(
        "column '%(column)s' is not a signature or consent column; its dates are not imported"
    ),
    "unknown_letter": gettext_lazy("unknown action letter '%(letter)s' after the date (known letters: %(letters)s)"),
    "letter_not_in_column": gettext_lazy("letter '%(letter)s' is not an action of column '%(column)s' (%(letters)s)"),
    "plain_date_not_in_column": gettext_lazy("a plain date is not an action of column '%(column)s' (%(letters)s)"),
    "no_participant_name": gettext_lazy("the row has dates but no participant name"),
    "participant_bracketed": gettext_lazy(
        "the participant is in square brackets, which means it has withdrawn from the treaty; the date of its "
        "denunciation is only in the footnotes: add it as a 'denunciation' row in a CSV file"
    ),
    "no_dates": gettext_lazy("the row has no signature or consent date"),
    "unreadable_date_text": gettext_lazy("cannot read '%(text)s' as a date"),
    "too_many_cells": gettext_lazy("the row has more cells than the header"),
    "empty_participant": gettext_lazy("the participant is empty"),
    "empty_date": gettext_lazy("the date is empty"),
    "unknown_action_word": gettext_lazy(
        "unknown action '%(word)s' (use one of %(known)s, or a letter a, A, AA, c, d, s)"
    ),
    "letter_contradicts_action": gettext_lazy("the date's letter '%(letter)s' contradicts the action '%(word)s'"),
}

# Date problems read in a table column are shown after the column's header.
_DATE_KINDS = frozenset({"date_unknown_month", "date_not_real", "date_bad_form", "date_bad_form_iso"})
_IN_COLUMN = gettext_lazy("%(column)s: %(message)s")
_DATE_COLUMN = gettext_lazy("date column")
_PLAIN_DATE = gettext_lazy("plain date")


def action_name(action: str) -> str:
    """A treaty action in the active language ("accession" -> "adhésion"); unknown words as written."""
    name = ACTION_NAMES.get(action)
    return str(name) if name is not None else action


def _letters(pairs: Iterable[Iterable[str]]) -> str:
    return ", ".join(f"{code or _PLAIN_DATE} = {action_name(action)}" for code, action in pairs)


def _values(params: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in params.items():
        if key in ("action", "previous_action") and isinstance(value, str):
            value = action_name(value)
        elif key == "letters":
            value = _letters(value)
        elif key == "column" and not value:
            value = str(_DATE_COLUMN)
        elif isinstance(value, list | tuple):
            value = ", ".join(str(item) for item in value)
        values[key] = "" if value is None else value
    return values


def render(kind: str | None, params: Mapping[str, Any] | None, fallback: str = "") -> str:
    """The message of `kind` with `params`, in the active language; `fallback` if it cannot be rendered."""
    template = TEMPLATES.get(kind or "")
    if template is None or not isinstance(params, Mapping):
        return fallback
    values = _values(params)
    try:
        message = str(template) % values
        if kind in _DATE_KINDS and "column" in params:
            message = str(_IN_COLUMN) % {"column": values["column"], "message": message}
    except (KeyError, TypeError, ValueError):
        return fallback
    return message


def localise(error: Mapping[str, Any]) -> dict[str, Any]:
    """A stored error plus `message` (active language) and `message_lang` ("en" when only the rule exists)."""
    rule = error.get("rule") or ""
    message = render(error.get("kind"), error.get("params"), "")
    if message:
        return {**error, "message": message, "message_lang": (get_language() or "en").split("-")[0]}
    return {**error, "message": rule, "message_lang": "en"}


def localise_errors(errors: Iterable[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    return [localise(error) for error in errors or []]
