"""Forms of the asset-sharing pages; they only collect input, the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tcdesk.core.models import Country, Organisation
from tcdesk.treaties.models import Instrument

from .choices import (
    AgreementRule,
    AgreementStatus,
    CaseRule,
    LegalBasis,
    PartyRole,
    ReturnKind,
    TransferKind,
    TransferMethod,
    UNFund,
)
from .models import CONDITIONS_MAX_CHARS, DESCRIPTION_MAX_CHARS, NOTE_MAX_CHARS, TABLE_MAX_CHARS, SharingAgreement

DATE = forms.DateInput(attrs={"type": "date"})


class TableField(forms.CharField):
    """A table of shares typed one per line, `KEY = share` (e.g. `COL = 0.4`), cleaned to a dict."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", TABLE_MAX_CHARS)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dict[str, str]:  # type: ignore[override]
        text = super().to_python(value)
        table: dict[str, str] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            key, sep, share = line.partition("=")
            if not sep or not key.strip() or not share.strip():
                raise ValidationError(
                    _("Line %(line)s: write KEY = share, e.g. COL = 0.4."), params={"line": number}, code="table"
                )
            table[key.strip()] = share.strip()
        return table

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return "\n".join(f"{k} = {v}" for k, v in value.items())
        return value


class AgreementForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=30)
    title = forms.CharField(label=_("Title"), max_length=200)
    state = forms.ModelChoiceField(queryset=Country.objects.all(), label=_("State"), to_field_name="iso3")
    counterpart_state = forms.ModelChoiceField(
        queryset=Country.objects.all(), label=_("Other State"), to_field_name="iso3", required=False
    )
    counterpart_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        label=_("Or a regional organisation"),
        to_field_name="code",
        required=False,
    )
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    concluded_on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=AgreementStatus.choices)
    rule = forms.ChoiceField(label=_("Sharing rule"), choices=AgreementRule.choices)
    percentages = TableField(
        label=_("Fixed percentages"), required=False, help_text=_("One per line: ISO3 = share, e.g. CHE = 0.5.")
    )
    tiers = TableField(
        label=_("Tier table"),
        required=False,
        help_text=_(
            "One per line: level = share of the pool, e.g. major = 0.5. tcdesk offers no preset: no percentage "
            "by level of cooperation could be verified in the Model Agreement."
        ),
    )
    tier_source = forms.CharField(label=_("Source of the tier table"), max_length=300, required=False)
    deduct_expenses = forms.BooleanField(
        label=_("Reasonable expenses deducted before sharing"), required=False, initial=True
    )
    request_deadline_days = forms.IntegerField(
        label=_("Days to request sharing after the final confiscation order"), required=False, min_value=1
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    transfer_method = forms.ChoiceField(label=_("Transfer method"), choices=TransferMethod.choices)
    conditions_of_use = forms.CharField(
        label=_("Conditions of use"),
        required=False,
        max_length=CONDITIONS_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=NOTE_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_currency(self) -> str:
        return self.cleaned_data["currency"].strip().upper()


class CaseForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=30)
    title = forms.CharField(label=_("Title"), max_length=200)
    agreement = forms.ModelChoiceField(queryset=SharingAgreement.objects.all(), label=_("Agreement"), required=False)
    legal_basis = forms.ChoiceField(
        label=_("Legal basis"), choices=[("", _("(the agreement's)")), *LegalBasis.choices], required=False
    )
    currency = forms.CharField(
        label=_("Currency"), max_length=3, required=False, help_text=_("Empty: the agreement's.")
    )
    realised_amount = forms.DecimalField(label=_("Realised amount"), required=False, decimal_places=4, max_digits=20)
    realised_on = forms.DateField(label=_("Realised on"), required=False, widget=DATE)
    final_order_on = forms.DateField(label=_("Final confiscation order"), required=False, widget=DATE)
    request_deadline = forms.DateField(
        label=_("Deadline to request sharing"),
        required=False,
        widget=DATE,
        help_text=_("Empty: the final order date plus the agreement's days."),
    )
    sharing_requested_on = forms.DateField(label=_("Sharing requested on"), required=False, widget=DATE)
    rule = forms.ChoiceField(
        label=_("Sharing rule"), choices=[("", _("(the agreement's)")), *CaseRule.choices], required=False
    )
    percentages = TableField(label=_("Percentages"), required=False, help_text=_("One per line: ISO3 = share."))
    tiers = TableField(
        label=_("Tier table"), required=False, help_text=_("One per line: level = share. Empty: the agreement's.")
    )
    un_share_rate = forms.DecimalField(
        label=_("UN share"), required=False, max_digits=12, decimal_places=10, help_text=_("0.10 for 10%.")
    )
    un_fund = forms.ChoiceField(label=_("UN account"), choices=[("", "—"), *UNFund.choices], required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, agreements: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agreements is not None:
            self.fields["agreement"].queryset = agreements

    def clean_currency(self) -> str:
        return self.cleaned_data["currency"].strip().upper()


class PartyForm(forms.Form):
    state = forms.ModelChoiceField(queryset=Country.objects.all(), label=_("State"), to_field_name="iso3")
    role = forms.ChoiceField(label=_("Role"), choices=PartyRole.choices)
    contribution = forms.CharField(label=_("Level of contribution"), max_length=40, required=False)
    reasons = forms.CharField(
        label=_("Reasons of the assessment"),
        required=False,
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OffenceForm(forms.Form):
    description = forms.CharField(label=_("Offence"), max_length=200)
    instrument = forms.ModelChoiceField(queryset=Instrument.objects.all(), label=_("Convention"), required=False)
    article = forms.CharField(label=_("Article"), max_length=40, required=False)


class AssetForm(forms.Form):
    description = forms.CharField(label=_("Asset"), max_length=200)
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=4)
    currency = forms.CharField(label=_("Currency"), max_length=3)
    valued_on = forms.DateField(label=_("Valued on"), required=False, widget=DATE)
    confiscated_on = forms.DateField(label=_("Confiscated on"), required=False, widget=DATE)

    def clean_currency(self) -> str:
        return self.cleaned_data["currency"].strip().upper()


class ReturnForm(forms.Form):
    recipient = forms.CharField(label=_("Returned to"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ReturnKind.choices)
    amount = forms.DecimalField(label=_("Amount (case currency)"), max_digits=20, decimal_places=4)
    returned_on = forms.DateField(label=_("Returned on"), required=False, widget=DATE)


class ExpenseForm(forms.Form):
    state = forms.ModelChoiceField(queryset=Country.objects.all(), label=_("State"), to_field_name="iso3")
    description = forms.CharField(label=_("Expense"), max_length=200)
    amount = forms.DecimalField(label=_("Amount (case currency)"), max_digits=20, decimal_places=4)


class DecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )


class TransferForm(forms.Form):
    kind = forms.ChoiceField(label=_("Pays"), choices=TransferKind.choices)
    state = forms.ModelChoiceField(
        queryset=Country.objects.all(), label=_("To State"), to_field_name="iso3", required=False
    )
    amount = forms.DecimalField(label=_("Amount"), max_digits=20, decimal_places=4)
    transferred_on = forms.DateField(label=_("Transferred on"), widget=DATE)
    method = forms.ChoiceField(label=_("Method"), choices=TransferMethod.choices)
    reference = forms.CharField(label=_("Reference"), max_length=60, required=False)


class UNShareForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DATE)


ITEM_FORMS = {
    "party": PartyForm,
    "offence": OffenceForm,
    "asset": AssetForm,
    "return": ReturnForm,
    "expense": ExpenseForm,
}
