"""From a recorded case to the pure module's input: the `compute_sharing` document, and its messages.

The document is the issue's contract shape (decimal strings), so a decision's stored input can be run
again with `tcdesk compute_sharing --input FILE --json` and give the same numbers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .choices import AgreementRule
from .models import ConfiscationCase
from .sharing import SharingError, SharingResult, case_from_document, compute_sharing


def _text(amount: Decimal | None) -> str:
    return format(amount.normalize(), "f") if amount is not None else "0"


def effective_rule(case: ConfiscationCase) -> tuple[str, dict[str, str], dict[str, str]]:
    """(kind, percentages, tiers) the case is computed with: the case's own rule, else its agreement's.

    A case-by-case agreement has no rule of its own: the case must say its percentages.
    """
    agreement = case.agreement
    if case.rule:
        tiers = case.tiers or (agreement.tiers if agreement else {})
        return case.rule, dict(case.percentages or {}), dict(tiers or {})
    if agreement is None:
        raise SharingError("rule", "missing_rule", "choose the sharing rule of this case (no agreement gives one)")
    if agreement.rule == AgreementRule.CASE_BY_CASE:
        raise SharingError(
            "rule", "case_by_case", "the agreement shares case by case: decide this case's rule and percentages"
        )
    return agreement.rule, dict(agreement.percentages or {}), dict(agreement.tiers or {})


def sharing_document(case: ConfiscationCase) -> dict[str, Any]:
    """The compute_sharing input document of a case (raises SharingError when the case lacks something)."""
    if case.realised_amount is None:
        raise SharingError("realised", "missing_field", "record the realised amount first")
    kind, percentages, tiers = effective_rule(case)
    deduct = case.agreement.deduct_expenses if case.agreement else True
    return {
        "currency": case.currency,
        "realised": _text(case.realised_amount),
        "returns": [{"to": r.recipient, "amount": _text(r.amount)} for r in case.returns.all()],
        "expenses": [{"party": e.state_id, "amount": _text(e.amount)} for e in case.expenses.all()] if deduct else [],
        "un_share": None if case.un_share_rate is None else _text(case.un_share_rate),
        "rule": {"kind": kind, "percentages": percentages, "tiers": tiers},
        "parties": [
            {"state": p.state_id, "role": p.role, **({"contribution": p.contribution} if p.contribution else {})}
            for p in case.parties.all()
        ],
    }


def compute_for_case(case: ConfiscationCase) -> tuple[dict[str, Any], SharingResult]:
    """The input document and the result of the pure computation; SharingError when the case is not ready."""
    document = sharing_document(case)
    return document, compute_sharing(case_from_document(document))


# Messages of the pure module's errors in the user's language (the module speaks English; `kind` is stable).
def error_message(error: SharingError) -> str:
    p = error.params
    messages = {
        "missing_rule": _("Choose the sharing rule of this case (no agreement gives one)."),
        "case_by_case": _("The agreement shares case by case: decide this case's rule and percentages."),
        "missing_field": _("%(field)s: this is required.") % {"field": error.field},
        "no_parties": _("Add the parties: the confiscating State and those it shares with."),
        "no_confiscating_party": _("No party has the role confiscating."),
        "several_confiscating_parties": _("Only one party may be confiscating."),
        "deductions_above_realised": _(
            "Returns (%(returned)s) and expenses (%(expenses)s) add up to more than the realised amount (%(realised)s)."
        )
        % {k: p.get(k, "") for k in ("returned", "expenses", "realised")},
        "percentages_not_one": _("The percentages sum to %(total)s, not exactly 1.") % {"total": p.get("total", "")},
        "missing_percentages": _("Give each party's percentage."),
        "missing_percentage": _("Party %(state)s has no percentage.") % {"state": p.get("state", "")},
        "percentage_for_non_party": _("%(state)s has a percentage but is not a party.") % {"state": p.get("state", "")},
        "missing_tiers": _("Give the tier table (level of contribution: share)."),
        "tier_table_above_one": _("The tiers sum to %(total)s, above 1.") % {"total": p.get("total", "")},
        "missing_contribution": _("Cooperating party %(state)s has no level of contribution.")
        % {"state": p.get("state", "")},
        "level_without_tier": _("Level %(value)s of %(state)s has no tier in the tier table.")
        % {"value": p.get("value", p.get("level", "")), "state": p.get("state", "")},
        "tiers_above_one": _("The tiers of the cooperating parties sum to %(total)s, above 1.")
        % {"total": p.get("total", "")},
        "share_out_of_range": _("%(field)s: %(value)s is not between 0 and 1.")
        % {"field": error.field, "value": p.get("value", "")},
        "below_minor_unit": _("%(field)s: %(value)s has more decimals than %(currency)s allows (%(minor_unit)s).")
        % {k: p.get(k, "") for k in ("field", "value", "currency", "minor_unit")},
        "unknown_currency": _("%(value)s is not a current ISO 4217 currency.") % {"value": p.get("value", "")},
    }
    return messages.get(error.kind, str(error))
