"""Forms of the funds pages: they only collect input; services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class AllocationForm(forms.Form):
    source = forms.ChoiceField(label=_("Money from"))
    amount = forms.DecimalField(label=_("Amount"), max_digits=20, decimal_places=3)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    idempotency_key = forms.CharField(widget=forms.HiddenInput)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(label=_("Check only (write nothing)"), required=False, initial=True)


class RateForm(forms.Form):
    currency = forms.CharField(label=_("Currency"), max_length=3)
    month = forms.CharField(label=_("Month (YYYY-MM)"), max_length=7)
    rate = forms.DecimalField(label=_("Units per US dollar"), max_digits=20, decimal_places=6)
