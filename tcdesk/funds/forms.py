"""Forms of the funds pages: they only collect input; services validate and write."""

from typing import TYPE_CHECKING, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import DonorKind, FundKind
from .models import CODE_LIST_MAX_CHARS, NOTE_MAX_CHARS, REASON_MAX_CHARS, REPORTING_OBLIGATIONS_MAX_CHARS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class AllocationForm(forms.Form):
    source = forms.ChoiceField(label=_("Money from"))
    amount = forms.DecimalField(label=_("Amount"), max_digits=20, decimal_places=3)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=120)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(label=_("Check only (write nothing)"), required=False, initial=True)


class RateForm(forms.Form):
    currency = forms.CharField(label=_("Currency"), max_length=3)
    month = forms.CharField(label=_("Month (YYYY-MM)"), max_length=7)
    rate = forms.DecimalField(label=_("Units per US dollar"), max_digits=20, decimal_places=6)


# ---------------------------------------------------------------------------------------------- management
# Fund managers' forms. Codes typed by hand (donors, regions, countries, requests) are checked by the
# services, which name the field and the rule; these forms only parse the input.

_DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def split_codes(text: str) -> list[str]:
    """Codes typed in one box, separated by commas, semicolons or spaces."""
    return [part for part in text.replace(";", ",").replace(" ", ",").split(",") if part.strip()]


class FundForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("e.g. CPCJF, UNTOC-30"))
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=FundKind.choices)
    currency = forms.CharField(label=_("Currency of account"), max_length=3, initial="USD")
    mandate_reference = forms.CharField(label=_("Legal basis"), max_length=200, required=False)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class DonorForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DonorKind.choices)
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("A State: its ISO3 code; an organisation: its code in the reference data; otherwise a new code."),
    )
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=200, required=False)


class AgreementForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=60)
    donor = forms.CharField(label=_("Donor"), max_length=200, help_text=_("ISO3 code, organisation code or name."))
    fund = forms.CharField(label=_("Fund"), max_length=20, help_text=_("Fund code, e.g. CPCJF."))
    amount = forms.DecimalField(label=_("Amount"), max_digits=20, decimal_places=3)
    currency = forms.CharField(label=_("Currency"), max_length=3)
    signed_on = forms.DateField(label=_("Signature date"), **_DATE)
    valid_from = forms.DateField(label=_("Valid from"), **_DATE)
    valid_to = forms.DateField(label=_("Valid to"), **_DATE)
    psc_percent = forms.DecimalField(
        label=_("Programme support cost rate (%)"), max_digits=6, decimal_places=2, initial=13
    )
    reporting_obligations = forms.CharField(
        label=_("Reporting obligations"),
        required=False,
        max_length=REPORTING_OBLIGATIONS_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AgreementEditForm(AgreementForm):
    """An amendment: the reference, donor, fund and currency stay."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("reference", "donor", "fund", "currency"):
            del self.fields[name]


class TargetingFieldsMixin(forms.Form):
    """The themes, regions and countries money is kept for: codes typed in boxes, cleaned into lists.

    A fund's earmark and a planning scenario's source (which may stand for one) ask for them the same way,
    with the same limits; the services check the codes and name the field. A form words a field's help its
    own way in `targeting_help_texts`, and places these fields among its own with `field_order` (Django
    puts a mixin's fields first).
    """

    themes = forms.CharField(
        label=_("Themes"),
        required=False,
        max_length=CODE_LIST_MAX_CHARS,
        help_text=_("Theme codes, separated by commas."),
    )
    regions = forms.CharField(
        label=_("Regions"),
        required=False,
        max_length=CODE_LIST_MAX_CHARS,
        help_text=_("M49 codes, e.g. 002 for Africa."),
    )
    countries = forms.CharField(
        label=_("Countries"), required=False, max_length=CODE_LIST_MAX_CHARS, help_text=_("ISO3 codes, e.g. MLI, NER.")
    )

    #: Help texts replacing the ones above, by field name.
    targeting_help_texts: ClassVar[dict[str, "StrOrPromise"]] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, text in self.targeting_help_texts.items():
            self.fields[name].help_text = text

    # Each box gives a list of codes, split the same way in both apps (commas, semicolons or spaces):
    # "MLI NER" is two countries wherever it is typed.
    def clean_themes(self) -> list[str]:
        return split_codes(self.cleaned_data["themes"])

    def clean_regions(self) -> list[str]:
        return split_codes(self.cleaned_data["regions"])

    def clean_countries(self) -> list[str]:
        return split_codes(self.cleaned_data["countries"])


class EarmarkForm(TargetingFieldsMixin):
    field_order = ["code", "label", "themes", "regions", "countries", "requests"]

    code = forms.CharField(label=_("Code"), max_length=60)
    label = forms.CharField(label=_("Label"), max_length=200)
    requests = forms.CharField(
        label=_("Requests"), required=False, max_length=CODE_LIST_MAX_CHARS, help_text=_("Request references.")
    )


class EarmarkEditForm(EarmarkForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["code"]


class ReceiptForm(forms.Form):
    donor = forms.CharField(label=_("Donor"), max_length=200, help_text=_("ISO3 code, organisation code or name."))
    fund = forms.CharField(label=_("Fund"), max_length=20)
    agreement = forms.IntegerField(label=_("Agreement (number)"), required=False)
    earmark = forms.IntegerField(label=_("Earmark"), required=False)
    amount = forms.DecimalField(label=_("Amount"), max_digits=20, decimal_places=3)
    currency = forms.CharField(label=_("Currency"), max_length=3)
    received_on = forms.DateField(label=_("Received on"), **_DATE)
    reference = forms.CharField(label=_("Reference"), max_length=80, help_text=_("The bank's or the donor's."))


class PledgeForm(forms.Form):
    """A donor's announced contribution: not money yet, so nothing is posted to the ledger."""

    donor = forms.CharField(label=_("Donor"), max_length=200, help_text=_("ISO3 code, organisation code or name."))
    fund = forms.CharField(label=_("Fund"), max_length=20)
    agreement = forms.IntegerField(label=_("Agreement (number)"), required=False)
    earmark = forms.IntegerField(label=_("Earmark"), required=False)
    amount = forms.DecimalField(label=_("Amount"), max_digits=20, decimal_places=3)
    currency = forms.CharField(label=_("Currency"), max_length=3)
    pledged_on = forms.DateField(label=_("Pledged on"), **_DATE)
    reference = forms.CharField(
        label=_("Reference"), max_length=80, help_text=_("The pledge's own reference, e.g. the donor's letter.")
    )


class ReversalForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it reversed?"), max_length=REASON_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = forms.DateField(label=_("Date of the reversal"), required=False, **_DATE)


class RefundForm(forms.Form):
    donor = forms.CharField(label=_("Donor"), max_length=200)
    fund = forms.CharField(label=_("Fund"), max_length=20)
    earmark = forms.IntegerField(label=_("Earmark"), required=False)
    amount = forms.DecimalField(label=_("Amount"), max_digits=20, decimal_places=3)
    currency = forms.CharField(label=_("Currency"), max_length=3)
    refunded_on = forms.DateField(label=_("Returned on"), **_DATE)
    reference = forms.CharField(label=_("Reference"), max_length=80)


class TransferForm(forms.Form):
    source = forms.CharField(label=_("From fund"), max_length=20)
    target = forms.CharField(label=_("To fund"), max_length=20)
    amount = forms.DecimalField(label=_("Amount (source fund's currency)"), max_digits=20, decimal_places=3)
    transferred_on = forms.DateField(label=_("Date"), **_DATE)
    reference = forms.CharField(label=_("Reference"), max_length=80)


class ExpenditureForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount"), max_digits=20, decimal_places=3)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    spent_on = forms.DateField(label=_("Spent on"), **_DATE)
    reference = forms.CharField(label=_("Reference"), max_length=80)


class RevaluationForm(forms.Form):
    month = forms.CharField(label=_("Month (YYYY-MM)"), max_length=7)
