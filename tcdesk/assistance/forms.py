"""Forms of the assistance pages; they only collect input, the services validate and write."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tcdesk.core.imports import check_upload_size
from tcdesk.core.models import Country, Organisation, Theme

from . import priority_rules
from .choices import AssistanceType, Decision, Rating
from .models import CITATIONS_MAX_CHARS, COMMENT_MAX_CHARS, DESCRIPTION_MAX_CHARS, PARTNER_DESCRIPTION_MAX_CHARS


class CodesPickerField(forms.MultipleChoiceField):
    """Ticked codes of a picker; a value posted as "A, B" (older forms, scripts) counts as two codes.

    Any code is let through to the service, which checks codes the same way for the page, the API and
    imports (a draft may hold an instrument the treaty registry does not list)."""

    def to_python(self, value):
        codes = []
        for item in super().to_python(value):
            codes += [code.strip() for code in item.replace(";", ",").split(",") if code.strip()]
        return codes

    def valid_value(self, value) -> bool:
        return True


class MultipleFileInput(forms.FileInput):
    """A file input that lets the user choose several files at once."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several uploaded files (a list, empty when none was chosen); each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        one = super().clean
        files = [item for item in data if item] if isinstance(data, (list, tuple)) else ([data] if data else [])
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return [one(item, initial) for item in files]


# Pickers: a list of checkboxes with a filter box above it (tcdesk/static/tcdesk/picker.js); without
# JavaScript the whole list shows.
def _picker(*, label) -> forms.CheckboxSelectMultiple:
    return forms.CheckboxSelectMultiple(attrs={"class": "picker", "data-picker-label": label})


class RequestForm(forms.Form):
    country = forms.ModelChoiceField(queryset=Country.objects.all(), label=_("Requesting State"), to_field_name="iso3")
    title = forms.CharField(label=_("Title"), max_length=200)
    requesting_authority = forms.CharField(
        label=_("Requesting authority"), max_length=255, help_text=_("The ministry, court or agency that asks.")
    )
    assistance_types = forms.MultipleChoiceField(
        label=_("Type of assistance"), choices=AssistanceType.choices, widget=forms.CheckboxSelectMultiple
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    instruments = CodesPickerField(
        label=_("Instruments concerned"),
        required=False,
        widget=_picker(label=_("Filter the instruments")),
        help_text=_("The conventions and protocols the assistance is about, by name; type to filter the list."),
    )
    beneficiary_institutions = forms.CharField(
        label=_("Beneficiary institutions"),
        required=False,
        max_length=2_000,  # services.requests.MAX_BENEFICIARIES
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("Description"), max_length=DESCRIPTION_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 6})
    )
    desired_start = forms.DateField(
        label=_("Desired start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    desired_end = forms.DateField(
        label=_("Desired end"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    post_conflict = forms.BooleanField(label=_("Part of post-conflict reconstruction"), required=False)
    mandate_ids = forms.TypedMultipleChoiceField(
        label=_("Related mandates"),
        coerce=int,
        required=False,
        widget=_picker(label=_("Filter the mandates")),
        help_text=_("Open mandates of the registry, by resolution; type words of a paragraph or a symbol to filter."),
    )
    mandates = forms.CharField(
        label=_("Other related mandates"),
        required=False,
        max_length=CITATIONS_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One citation per line, e.g. A/RES/60/175 op. 5 or op. 2 (a). A resolution not yet in the registry "
            "is kept as written; a paragraph the registry does not have is refused."
        ),
    )
    # The input keeps its old name, "attachment": a form or script posting one file still works.
    attachment = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "PDF, DOCX, PNG or JPEG; up to %(n)s files, at most %(mb)s MB together. More can be added later, "
            "on the request's Attachments tab."
        )
        % {"n": settings.TCDESK_MAX_ATTACHMENTS_PER_SUBMISSION, "mb": settings.TCDESK_MAX_UPLOAD_BYTES // 1048576},
    )
    save_as_draft = forms.BooleanField(label=_("Save as a draft (do not submit yet)"), required=False)

    # The page shows the fields in these sections (fieldsets with a legend); a field a subclass removed
    # is skipped, a section left empty is not shown.
    SECTIONS = (
        ("state", _("The requesting State and authority"), ("country", "requesting_authority")),
        (
            "ask",
            _("What is asked"),
            ("title", "assistance_types", "themes", "description", "desired_start", "desired_end"),
        ),
        ("legal", _("Legal framework: instruments and mandates"), ("instruments", "mandate_ids", "mandates")),
        ("beneficiaries", _("Beneficiaries"), ("beneficiary_institutions", "post_conflict")),
        ("attachments", _("Attachments"), ("attachment",)),
    )

    def __init__(self, *args, countries=None, user=None, **kwargs):
        from .selectors import instrument_choices, mandate_choices

        super().__init__(*args, **kwargs)
        if countries is not None:
            self.fields["country"].queryset = countries
        self.fields["instruments"].choices = instrument_choices(extra_codes=self.initial.get("instruments") or ())
        self.fields["mandate_ids"].choices = mandate_choices(user)

    def sections(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """(id, legend, bound fields) of each section holding a field of this form; the fields no section
        names come last, in a section without a legend."""
        placed = {name for _id, _legend, names in self.SECTIONS for name in names}
        shown = [
            (key, legend, [self[name] for name in names if name in self.fields]) for key, legend, names in self.SECTIONS
        ]
        rest = [self[name] for name in self.fields if name not in placed]
        return [section for section in shown if section[2]] + ([("other", "", rest)] if rest else [])

    def clean_attachment(self) -> list:
        """Count, sizes and types (read from the content) are checked here, before the request is created;
        the error names each refused file."""
        from .services import attachments_check

        uploads = self.cleaned_data.get("attachment") or []
        if uploads:
            try:
                attachments_check(uploads)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["file"]) from None
        return uploads

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "country_iso3": data["country"].iso3,
            **self.field_kwargs(),
        }

    def field_kwargs(self) -> dict:
        """What the State may still change on a draft (everything but the State)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "requesting_authority": data["requesting_authority"],
            "assistance_types": data["assistance_types"],
            "theme_codes": [t.code for t in data["themes"]],
            "instrument_codes": list(data["instruments"]),
            "mandates": [line for line in data["mandates"].splitlines() if line.strip()],
            "mandate_ids": data.get("mandate_ids") or [],
            "beneficiary_institutions": data["beneficiary_institutions"],
            "description": data["description"],
            "desired_start": data["desired_start"],
            "desired_end": data["desired_end"],
            "post_conflict": data["post_conflict"],
        }


class RequestEditForm(RequestForm):
    """A draft's fields; the State stays, the attachments are on their own tab. (The version the user
    read travels in a hidden input of the page.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("country", "attachment", "save_as_draft"):
            del self.fields[name]

    @classmethod
    def initial_for(cls, ta_request) -> dict:
        return {
            "title": ta_request.title,
            "requesting_authority": ta_request.requesting_authority,
            "assistance_types": ta_request.assistance_type_list,
            "themes": list(ta_request.themes.all()),
            "instruments": [i.instrument_code for i in ta_request.instruments.all()],
            "beneficiary_institutions": ta_request.beneficiary_institutions,
            "description": ta_request.description,
            "desired_start": ta_request.desired_start,
            "desired_end": ta_request.desired_end,
            "post_conflict": ta_request.post_conflict,
            **cls._mandates_initial(ta_request),
        }

    @staticmethod
    def _mandates_initial(ta_request) -> dict:
        """Links to open mandates go to the picker; the others (closed mandates, resolutions not in the
        registry) stay as citations in the text field."""
        from tcdesk.mandates.choices import PENDING_STATUSES

        picked, written = [], []
        for link in ta_request.mandate_links.select_related("mandate"):
            if link.mandate is not None and link.mandate.status in PENDING_STATUSES:
                picked.append(link.mandate_id)
            else:
                written.append(str(link))
        return {"mandate_ids": picked, "mandates": "\n".join(written)}


class TransitionForm(forms.Form):
    """A workflow action from the request page. The service checks the action, the reason and the
    project reference (naming the rule); a missing or unreadable version skips the version check."""

    action = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    expected_version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=COMMENT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )
    project_reference = forms.CharField(label=_("Project reference"), required=False, max_length=60)
    confirm = forms.BooleanField(required=False)  # decline and withdraw: the page asks for it

    def clean_expected_version(self) -> int | None:
        try:
            return int(self.cleaned_data.get("expected_version") or "")
        except ValueError:
            return None


class CommentForm(forms.Form):
    """A comment; an officer says, before sending, whether the State will read it (no default: a
    wrong guess either hides an answer from the State or shows it an internal note)."""

    text = forms.CharField(label=_("Comment"), max_length=COMMENT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 3}))
    visibility = forms.ChoiceField(
        label=_("Who will read it"),
        choices=[
            ("state", _("Visible to the State (its focal points are e-mailed)")),
            ("internal", _("Internal: programme staff only")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, officer: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not officer:
            del self.fields["visibility"]


class AssessmentForm(forms.Form):
    """The officer's assessment; the service checks the rules and takes the "assess" step."""

    relevance = forms.ChoiceField(label=_("Relevance"), choices=[("", "---------"), *Rating.choices])
    feasibility = forms.ChoiceField(label=_("Feasibility"), choices=[("", "---------"), *Rating.choices])
    cost_estimate = forms.DecimalField(
        label=_("Cost estimate"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    cost_currency = forms.CharField(
        label=_("Currency"), required=False, max_length=3, help_text=_("ISO 4217 code, e.g. USD, EUR.")
    )
    recommended_decision = forms.ChoiceField(
        label=_("Recommended decision"), choices=[("", "---------"), *Decision.choices]
    )
    comment = forms.CharField(
        label=_("Assessment note (visible to the State)"),
        required=False,
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assigned to"), queryset=None, required=False, empty_label=_("Nobody"))

    def __init__(self, *args, **kwargs):
        from .services import assignable_users

        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_users()


class AttachmentForm(forms.Form):
    file = MultipleFileField(
        label=_("Files"),
        help_text=_("PDF, DOCX, PNG or JPEG; up to %(n)s files, at most %(mb)s MB together.")
        % {"n": settings.TCDESK_MAX_ATTACHMENTS_PER_SUBMISSION, "mb": settings.TCDESK_MAX_UPLOAD_BYTES // 1048576},
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("At most %(mb)s MB.") % {"mb": settings.TCDESK_MAX_UPLOAD_BYTES // 1048576},
    )
    dry_run = forms.BooleanField(label=_("Dry run: check only, write nothing"), required=False, initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload_size(upload.name, upload.size)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["file"]) from None
        return upload


WEIGHT_LABELS = {
    "ldc": _("Least developed country at submission"),
    "eit": _("Economy in transition at submission"),
    "lldc": _("Landlocked developing country at submission"),
    "sids": _("Small island developing State at submission"),
    "post_conflict": _("Part of post-conflict reconstruction"),
    "instrument_not_party": _("Per instrument the State is not party to"),
    "instrument_max": _("At most this many instruments count"),
    "waiting_per_30_days": _("Per 30 days of waiting"),
    "waiting_max": _("Cap on waiting points"),
    "mandate_link": _("Cites a mandate"),
}


class WeightsForm(forms.Form):
    note = forms.CharField(label=_("Why the change"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in priority_rules.WEIGHT_KEYS:
            self.fields[key] = forms.IntegerField(label=WEIGHT_LABELS[key], min_value=0, max_value=1000)
        self.order_fields([*priority_rules.WEIGHT_KEYS, "note"])


class PartnerActivityForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(roles__role="development_partner").distinct(),
        label=_("Partner"),
        to_field_name="code",
    )
    country = forms.ModelChoiceField(queryset=Country.objects.all(), label=_("Country"), to_field_name="iso3")
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=PARTNER_DESCRIPTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    start = forms.DateField(label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
