"""Forms that collect input for the treaties pages; the services decide and validate."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tcdesk.core.models import CountryGroup

from .choices import ActionKind
from .models import DECLARATIONS_MAX_CHARS, FOOTNOTES_MAX_CHARS, Instrument

ALLOWED_IMPORT_SUFFIXES = (".xml", ".html", ".htm", ".txt", ".csv", ".tsv")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StatusImportForm(forms.Form):
    instrument = forms.ModelChoiceField(
        queryset=Instrument.objects.all(), label=_("Instrument"), to_field_name="code", empty_label=None
    )
    file = forms.FileField(
        label=_("Status file"),
        help_text=_(
            "The treaty collection's XML, the status table saved as HTML or copied as text, or a CSV "
            "with the columns participant, action, date. At most 2 MB."
        ),
    )
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=1000,
        help_text=_("Where the file came from: the treaty collection page's address, or a repository and commit."),
    )
    data_as_of = forms.DateField(
        label=_("Data as of"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "The date up to which the file is complete (e.g. the “status as at” date of the treaty collection "
            "page). Status asked for a later date is marked as possibly incomplete."
        ),
    )
    partial = forms.BooleanField(
        label=_("The file is partial: it misses participants even on that date"), required=False
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check the file and list every problem, write nothing"), required=False, initial=True
    )
    apply_corrections = forms.BooleanField(
        label=_("Apply the differences from recorded actions as corrections"),
        required=False,
        help_text=_(
            "A row that gives another date or action for an act already recorded is a difference. Without this "
            "box it is only listed; with it the recorded action is corrected and its history keeps the old value."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = min(getattr(settings, "TCDESK_MAX_UPLOAD_BYTES", 5 * 1024 * 1024), 5 * 1024 * 1024)
        if upload.size > limit:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)})
        name = (upload.name or "").lower()
        if not name.endswith(ALLOWED_IMPORT_SUFFIXES):
            raise forms.ValidationError(
                _("Unsupported file type: use .xml, .html, .txt or .csv (got “%(name)s”).") % {"name": upload.name}
            )
        return upload


class CorrectionsForm(forms.Form):
    """The differences of an import that the user chooses to apply as corrections (row numbers)."""

    rows = forms.TypedMultipleChoiceField(
        label=_("Differences to apply"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, differences: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rows"].choices = [(d["row"], str(d["row"])) for d in differences if not d.get("applied")]


class ActionForm(forms.Form):
    participant = forms.CharField(
        label=_("State or organisation"),
        max_length=200,
        help_text=_("ISO3 code (MLI), name in English or French, or EU for the European Union."),
    )
    action = forms.ChoiceField(label=_("Action"), choices=ActionKind.choices)
    date = forms.DateField(label=_("Date of deposit or signature"), widget=DateInput())
    effective_from = forms.DateField(label=_("Effective from (succession only)"), required=False, widget=DateInput())
    footnotes = forms.CharField(
        label=_("Footnotes"), required=False, max_length=FOOTNOTES_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )
    declarations = forms.CharField(
        label=_("Declarations and reservations"),
        required=False,
        max_length=DECLARATIONS_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GapForm(forms.Form):
    group = forms.ModelChoiceField(
        queryset=CountryGroup.objects.all(), label=_("Country group"), to_field_name="code", empty_label=None
    )
    as_of = forms.DateField(label=_("As at"), required=False, widget=DateInput())
