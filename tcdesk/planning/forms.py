"""Forms of the planning pages: they collect input; the services check it."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tcdesk.funds.forms import TargetingFieldsMixin

from .models import CODE_LIST_MAX_CHARS, NOTE_MAX_CHARS, RULES_MAX_CHARS


class ScenarioForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    default_cost = forms.DecimalField(
        label=_("Default cost of a request"),
        initial=Decimal("100000.00"),
        decimal_places=2,
        help_text=_("Used for requests that no officer has estimated yet (marked “default” until estimated)."),
    )
    divisible = forms.BooleanField(label=_("Requests may be funded in part"), required=False)
    time_limit = forms.IntegerField(label=_("Time limit of a solve (seconds)"), initial=60, min_value=1)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )


class PolicyForm(forms.Form):
    min_share = forms.CharField(
        label=_("Minimum share per country group"),
        required=False,
        help_text=_("One rule a line: group code and share, e.g. “LDC 0.4” or “post-conflict 0.1”."),
        max_length=RULES_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    max_share_theme = forms.CharField(
        label=_("Maximum share per theme"),
        required=False,
        help_text=_("One rule a line: theme code and share, e.g. “corruption 0.5”."),
        max_length=RULES_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    country_cap = forms.DecimalField(label=_("Cap per country"), required=False, decimal_places=2)
    time_limit = forms.IntegerField(label=_("Time limit of a solve (seconds)"), min_value=1)


def parse_shares(text: str) -> dict[str, str]:
    """“LDC 0.4” lines to {"LDC": "0.4"} (a line without a share keeps the code with an empty share,
    which the service refuses naming it)."""
    shares = {}
    for line in (text or "").splitlines():
        parts = line.replace(":", " ").replace("=", " ").split()
        if parts:
            shares[parts[0]] = parts[1] if len(parts) > 1 else ""
    return shares


def format_shares(shares: dict[str, str]) -> str:
    return "\n".join(f"{code} {share}" for code, share in sorted(shares.items()))


class RequestEstimateForm(forms.Form):
    cost_by_year = forms.CharField(
        label=_("Cost estimate by year"),
        help_text=_("One year a line, e.g. “2027 80000”."),
        max_length=RULES_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    divisible = forms.BooleanField(label=_("Divisible"), required=False)
    must_fund = forms.BooleanField(label=_("Must be funded"), required=False)
    must_not_fund = forms.BooleanField(label=_("Must not be funded"), required=False)


class SourceForm(TargetingFieldsMixin):
    """Money entered by hand, with the earmarks a fund may have (the service splits the codes and checks them)."""

    field_order = ["label", "amount", "themes", "regions", "countries", "request_ids", "valid_from", "valid_to"]
    # The planning pages word two of the helps their own way (a source's empty box means any).
    targeting_help_texts = {
        "themes": _("Codes, separated by commas; empty: any."),
        "countries": _("ISO 3166 alpha-3 codes."),
    }

    label = forms.CharField(label=_("Label"), max_length=200)
    amount = forms.DecimalField(label=_("Amount"), decimal_places=2)
    request_ids = forms.CharField(
        label=_("Requests"), required=False, max_length=CODE_LIST_MAX_CHARS, help_text=_("Request numbers.")
    )
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(label=_("Valid to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
