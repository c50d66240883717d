"""Forms that only collect input; services validate and write."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .choices import MandateStatus
from .models import COMMENT_MAX_CHARS, EVIDENCE_TEXT_MAX_CHARS


class ResolutionUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("The text extracted from the official PDF (.txt, or Markdown .md), or the PDF itself (.pdf)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.pdf,text/plain,text/markdown,application/pdf"}),
    )
    lang = forms.ChoiceField(
        label=_("Language"),
        choices=[("auto", _("Detect")), ("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))],
        initial="auto",
    )
    symbol = forms.CharField(
        label=_("Symbol"),
        required=False,
        max_length=60,
        help_text=_("Only if the text does not print it and the file name does not give it, e.g. A/RES/60/175."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.TCDESK_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s bytes; the limit is %(limit)s).")
                % {"size": upload.size, "limit": settings.TCDESK_MAX_UPLOAD_BYTES}
            )
        return upload


class ResolutionDetailsForm(forms.Form):
    adoption_date = forms.DateField(
        label=_("Adoption date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    agenda_item = forms.CharField(label=_("Agenda item"), required=False, max_length=60)
    plenary_meeting = forms.IntegerField(label=_("Plenary meeting"), required=False, min_value=1)


class MandateStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"), choices=[c for c in MandateStatus.choices if c[0] != MandateStatus.SUPERSEDED]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=COMMENT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 3})
    )


class EvidenceForm(forms.Form):
    url = forms.CharField(label=_("Link"), required=False, max_length=500, widget=forms.URLInput())
    text = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=EVIDENCE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class ReplacementForm(forms.Form):
    how = forms.ChoiceField(
        label=_("The later resolution"),
        choices=[("superseded", _("supersedes this mandate")), ("renewed", _("renews this mandate"))],
    )
    resolution = forms.CharField(label=_("Later resolution (symbol)"), max_length=60)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=COMMENT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )


class CorrectionForm(forms.Form):
    """One correction at the review step; the service checks that it applies."""

    op = forms.ChoiceField(
        label=_("Correction"),
        choices=[
            ("merge", _("Merge with the paragraph before")),
            ("split", _("Split")),
            ("move", _("Move text")),
            ("to_annex", _("Mark as annex")),
        ],
    )
    element = forms.CharField(label=_("Paragraph"), max_length=40)
    before = forms.CharField(label=_("New paragraph starts with"), required=False, max_length=500)
    number = forms.IntegerField(label=_("Number of the new paragraph"), required=False, min_value=1)
    text = forms.CharField(label=_("Text to move"), required=False, max_length=2000)
    to = forms.ChoiceField(
        label=_("Move to"),
        required=False,
        choices=[("previous", _("the paragraph before")), ("next", _("the paragraph after"))],
    )
