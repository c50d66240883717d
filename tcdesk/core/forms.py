"""Forms of the reference-data pages; they only collect input, the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import OrganisationRoleKind
from .models import Country, CountryGroup


class GroupMembershipForm(forms.Form):
    group = forms.ModelChoiceField(queryset=CountryGroup.objects.all(), label=_("Country group"))
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("First day no longer a member; leave empty if still a member."),
    )
    source = forms.CharField(label=_("Source"), required=False, max_length=500)
    verified = forms.BooleanField(label=_("Verified against the source"), required=False)


class OrganisationForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    acronym = forms.CharField(label=_("Acronym"), max_length=40, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=255, required=False)
    name_es = forms.CharField(label=_("Name (Spanish)"), max_length=255, required=False)
    country = forms.ModelChoiceField(queryset=Country.objects.all(), label=_("Seat"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=OrganisationRoleKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(label=_("Website"), required=False, max_length=200)
