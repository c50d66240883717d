"""Forms that collect input for the portfolio pages; the services decide and validate.

Lists (sectors, countries, budgets, organisations, participants by role, indicator periods) are
typed one per line, e.g. `15130 60`; a line that cannot be read is an error naming the line.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tcdesk.core.models import Theme

from .choices import ActivityKind, GenderMarker, IndicatorMeasure, ProgrammeScope, ProjectStatus, TargetGroup
from .models import DESCRIPTION_MAX_CHARS, Programme


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# A table typed into a text area (sectors, places, budgets, organisations, roles, periods): a few dozen lines.
LINES_MAX_CHARS = 5_000


class LinesField(forms.CharField):
    """Lines of space-separated values: each line's values are checked by `parts` (callables)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *, parts: tuple, min_parts: int | None = None, **kwargs):
        self.parts = parts
        self.min_parts = min_parts or len(parts)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", LINES_MAX_CHARS)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value) or ""
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            values = line.split(None, len(self.parts) - 1)
            if not self.min_parts <= len(values) <= len(self.parts):
                raise forms.ValidationError(
                    _("Line %(n)s: expected %(count)s values.") % {"n": number, "count": len(self.parts)}
                )
            try:
                rows.append(tuple(convert(v) for convert, v in zip(self.parts, values, strict=False)))
            except (ValueError, InvalidOperation):
                raise forms.ValidationError(
                    _("Line %(n)s cannot be read: “%(line)s”.") % {"n": number, "line": line}
                ) from None
        return rows


def _decimal(value: str) -> Decimal:
    return Decimal(value.replace(",", "."))


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _optional_decimal(value: str) -> Decimal | None:
    return None if value in ("-", "") else _decimal(value)


def _optional_int(value: str) -> int | None:
    return None if value in ("-", "") else int(value)


class ProgrammeForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=200, required=False)
    scope = forms.ChoiceField(label=_("Scope"), choices=ProgrammeScope.choices)
    region_code = forms.CharField(label=_("Region (M49 code)"), max_length=3, required=False)
    country_iso3 = forms.CharField(label=_("Country (ISO3)"), max_length=3, required=False)
    theme_codes = forms.ModelMultipleChoiceField(label=_("Themes"), queryset=Theme.objects.all(), required=False)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=DESCRIPTION_MAX_CHARS,
    )
    start = forms.DateField(label=_("Start"), required=False, widget=DateInput())
    end = forms.DateField(label=_("End"), required=False, widget=DateInput())


class ProjectForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all())
    iati_identifier = forms.CharField(label=_("IATI identifier"), max_length=150)
    title_en = forms.CharField(label=_("Title (English)"), max_length=250)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=250, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=DESCRIPTION_MAX_CHARS
    )
    status = forms.TypedChoiceField(label=_("Status (IATI)"), choices=ProjectStatus.choices, coerce=int)
    planned_start = forms.DateField(label=_("Planned start"), widget=DateInput())
    planned_end = forms.DateField(label=_("Planned end"), widget=DateInput())
    actual_start = forms.DateField(label=_("Actual start"), required=False, widget=DateInput())
    actual_end = forms.DateField(label=_("Actual end"), required=False, widget=DateInput())
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    gender_marker = forms.TypedChoiceField(
        label=_("Gender equality marker"), choices=[("", "—"), *GenderMarker.choices], coerce=int, empty_value=None
    )
    theme_codes = forms.ModelMultipleChoiceField(label=_("Themes"), queryset=Theme.objects.all(), required=False)
    sectors = LinesField(
        label=_("DAC sectors"), parts=(str, _decimal), help_text=_("One per line: code percentage, e.g. 15130 60.")
    )
    countries = LinesField(
        label=_("Recipient countries"),
        parts=(str, _decimal),
        help_text=_("One per line: ISO3 percentage, e.g. MLI 50."),
    )
    regions = LinesField(
        label=_("Recipient regions"),
        parts=(str, _decimal),
        help_text=_("One per line: M49 code percentage, e.g. 002 50."),
    )
    budgets = LinesField(label=_("Budget by year"), parts=(int, _decimal), help_text=_("One per line: year amount."))
    organisations = LinesField(
        label=_("Participating organisations"),
        parts=(int, str),
        help_text=_(
            "One per line: IATI role (1 funding, 2 accountable, 3 extending, 4 implementing) and an organisation code."
        ),
    )
    mandate_ids = forms.TypedMultipleChoiceField(
        label=_("Mandates served"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Operative paragraphs of the registry, by resolution (Ctrl or ⌘ to pick several)."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        from .selectors import mandate_choices

        super().__init__(*args, **kwargs)
        self.fields["mandate_ids"].choices = mandate_choices(user)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["theme_codes"] = [t.code for t in data["theme_codes"]]
        data["organisations"] = [{"role": role, "organisation": code} for role, code in data["organisations"]]
        return data


class AnswerRequestForm(forms.Form):
    request_id = forms.IntegerField(label=_("Request number (id)"))


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[c for c in ActivityKind.choices if c[0] != ActivityKind.TRAINING]
    )
    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=DESCRIPTION_MAX_CHARS,
    )
    country_iso3 = forms.CharField(label=_("Country (ISO3)"), max_length=3, required=False)
    start = forms.DateField(label=_("Start"), widget=DateInput())
    end = forms.DateField(label=_("End"), widget=DateInput())


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=DESCRIPTION_MAX_CHARS,
    )
    country_iso3 = forms.CharField(label=_("Country (ISO3)"), max_length=3, required=False)
    start = forms.DateField(label=_("Start"), widget=DateInput())
    end = forms.DateField(label=_("End"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    participants = forms.IntegerField(label=_("Participants in total"), min_value=0)
    women = forms.IntegerField(label=_("Women"), min_value=0)
    men = forms.IntegerField(label=_("Men"), min_value=0)
    other_sex = forms.IntegerField(label=_("Other or not disclosed"), min_value=0)
    roles = LinesField(
        label=_("Participants by role"),
        parts=(str, int, int, int),
        help_text=_("One per line: role women men other, e.g. prosecutors 6 9 0."),
    )
    pre_score = forms.DecimalField(label=_("Average pre-test score"), required=False, min_value=0, max_value=100)
    post_score = forms.DecimalField(label=_("Average post-test score"), required=False, min_value=0, max_value=100)


class IndicatorForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"), max_length=250, help_text=_("An existing outcome's title, or a new one.")
    )
    output = forms.CharField(
        label=_("Output"), max_length=250, required=False, help_text=_("Leave empty for an indicator of the outcome.")
    )
    title = forms.CharField(label=_("Indicator"), max_length=250)
    measure = forms.TypedChoiceField(label=_("Measure"), choices=IndicatorMeasure.choices, coerce=int)
    counts_people = forms.BooleanField(label=_("Counts people (targets and actuals by sex)"), required=False)
    baseline_year = forms.IntegerField(label=_("Baseline year"), min_value=1990, max_value=2100)
    baseline_value = forms.DecimalField(label=_("Baseline"))
    periods = LinesField(
        label=_("Periods"),
        parts=(
            _date,
            _date,
            _optional_decimal,
            _optional_decimal,
            _optional_int,
            _optional_int,
            _optional_int,
            _optional_int,
            _optional_int,
            _optional_int,
        ),
        min_parts=4,
        help_text=_(
            "One per line: start end target actual, then for people target women men other and actual women men "
            "other; “-” for none. E.g. 2026-01-01 2026-12-31 40 35 20 20 0 18 17 0."
        ),
    )

    def periods_for_service(self) -> list[dict]:
        keys = (
            "start",
            "end",
            "target",
            "actual",
            "target_women",
            "target_men",
            "target_other",
            "actual_women",
            "actual_men",
            "actual_other",
        )
        return [dict(zip(keys, row, strict=False)) for row in self.cleaned_data["periods"]]


class IatiImportForm(forms.Form):
    file = forms.FileField(label=_("IATI 2.03 activity file"), help_text=_("An XML file of at most 200 MB."))
    dry_run = forms.BooleanField(label=_("Dry run: check the file, store nothing"), required=False, initial=True)
