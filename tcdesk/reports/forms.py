"""Forms that collect a report's inputs; the services validate them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ReportLanguage
from .models import CONCLUSIONS_MAX_CHARS


class DateInput(forms.DateInput):
    input_type = "date"


class ReportForm(forms.Form):
    resolution = forms.CharField(
        label=_("Resolution"), max_length=60, required=False, help_text=_("For example A/RES/60/175.")
    )
    donor = forms.CharField(
        label=_("or donor"),
        max_length=40,
        required=False,
        help_text=_("For a report to a donor on its contributions: its code, e.g. NOR."),
    )
    instrument = forms.CharField(
        label=_("or convention"),
        max_length=40,
        required=False,
        help_text=_("For a report to the Conference of the Parties to a convention: its code, e.g. UNTOC or UNCAC."),
    )
    period_start = forms.DateField(label=_("Period from"), widget=DateInput)
    period_end = forms.DateField(label=_("Period to"), widget=DateInput)
    language = forms.ChoiceField(
        label=_("Generate now in"),
        choices=[("", _("Do not generate yet")), *ReportLanguage.choices],
        required=False,
    )


class GenerateForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=ReportLanguage.choices)


class ConclusionsForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=ReportLanguage.choices)
    text = forms.CharField(
        label=_("Conclusions and recommendations"),
        max_length=CONCLUSIONS_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One paragraph per line; each becomes a numbered paragraph of the report."),
    )
