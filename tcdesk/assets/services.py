"""Every write of asset sharing: named functions, keyword-only arguments, one transaction, history.

Validation raises `ValidationError({"field": [...]})` naming the field and the rule; nothing is written
when anything is wrong. Permission is checked here too (`rules.require`), for callers that are not views.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import require
from tcdesk.core.currencies import find_currency
from tcdesk.core.history import note_change_reason
from tcdesk.core.limits import check_text_lengths, text_length_problems
from tcdesk.core.models import Country
from tcdesk.funds.models import Receipt
from tcdesk.funds.services import receipt_record
from tcdesk.treaties.models import Instrument

from .choices import AgreementRule, CaseRule, LegalBasis, PartyRole, TransferKind, TransferMethod, UNFund
from .models import (
    CaseAsset,
    CaseExpense,
    CaseOffence,
    CaseParty,
    CaseReturn,
    ConfiscationCase,
    DecisionShare,
    SharingAgreement,
    SharingDecision,
    Transfer,
)
from .permissions import MANAGE, POST_UN_SHARE
from .sharing import SharingError
from .sharing_input import compute_for_case, error_message

AGREEMENT_FIELDS = (
    "reference",
    "title",
    "state",
    "counterpart_state",
    "counterpart_organisation",
    "legal_basis",
    "concluded_on",
    "status",
    "rule",
    "percentages",
    "tiers",
    "tier_source",
    "deduct_expenses",
    "request_deadline_days",
    "currency",
    "transfer_method",
    "conditions_of_use",
    "notes",
)
CASE_FIELDS = (
    "reference",
    "title",
    "agreement",
    "legal_basis",
    "currency",
    "realised_amount",
    "realised_on",
    "final_order_on",
    "request_deadline",
    "sharing_requested_on",
    "rule",
    "percentages",
    "tiers",
    "un_share_rate",
    "un_fund",
    "description",
)


# ---------------------------------------------------------------------------------------------- checks


def _currency(code: Any, field: str, errors: dict[str, list[str]]) -> int | None:
    if not isinstance(code, str) or find_currency(code) is None:
        errors.setdefault(field, []).append(
            _("%(value)s is not an ISO 4217 currency that can be split into units (e.g. USD).") % {"value": code}
        )
        return None
    currency = find_currency(code)
    return currency.minor_unit if currency else None


def _amount(value: Any, currency: str, field: str, errors: dict[str, list[str]], *, positive: bool = False) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        errors.setdefault(field, []).append(_("Enter an amount."))
        return
    if value < 0 or (positive and value == 0):
        errors.setdefault(field, []).append(
            _("The amount must be above zero.") if positive else _("The amount cannot be negative.")
        )
        return
    found = find_currency(currency)
    if found is not None and found.to_units(value) is None:
        errors.setdefault(field, []).append(
            _("%(currency)s has %(digits)s decimals: %(value)s has more.")
            % {"currency": currency, "digits": found.minor_unit, "value": value}
        )


def _shares_table(value: Any, field: str, errors: dict[str, list[str]]) -> dict[str, str]:
    """A {key: share} table of decimal strings, each share between 0 and 1."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        errors.setdefault(field, []).append(_("Give a table of key: share."))
        return {}
    table: dict[str, str] = {}
    for key, share in value.items():
        try:
            number = Decimal(str(share).strip())
        except ArithmeticError:
            number = Decimal("NaN")
        if not number.is_finite() or not 0 <= number <= 1:
            errors.setdefault(field, []).append(
                _("%(key)s: %(value)s is not a share between 0 and 1.") % {"key": key, "value": share}
            )
            continue
        table[str(key).strip()] = format(number, "f")
    return table


def _check_agreement(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = text_length_problems(
        SharingAgreement, **{field: str(data.get(field) or "") for field in ("conditions_of_use", "notes")}
    )
    for field in ("reference", "title"):
        if not str(data.get(field) or "").strip():
            errors.setdefault(field, []).append(_("This field is required."))
    if not isinstance(data.get("state"), Country):
        errors.setdefault("state", []).append(_("Choose the State."))
    counterpart_state, organisation = data.get("counterpart_state"), data.get("counterpart_organisation")
    if bool(counterpart_state) == bool(organisation):
        errors.setdefault("counterpart_state", []).append(
            _("Name the other party: another State or a regional organisation, not both.")
        )
    elif counterpart_state is not None and counterpart_state == data.get("state"):
        errors.setdefault("counterpart_state", []).append(_("An agreement is between two different States."))
    if data.get("legal_basis") not in LegalBasis.values:
        errors.setdefault("legal_basis", []).append(_("Choose the legal basis."))
    if data.get("rule") not in AgreementRule.values:
        errors.setdefault("rule", []).append(_("Choose the sharing rule."))
    _currency(data.get("currency"), "currency", errors)
    if data.get("transfer_method") not in TransferMethod.values:
        errors.setdefault("transfer_method", []).append(_("Choose the transfer method."))
    days = data.get("request_deadline_days")
    if days is not None and (not isinstance(days, int) or days <= 0 or days > 3650):
        errors.setdefault("request_deadline_days", []).append(_("Give a number of days between 1 and 3650."))
    percentages = _shares_table(data.get("percentages"), "percentages", errors)
    tiers = _shares_table(data.get("tiers"), "tiers", errors)
    rule = data.get("rule")
    if rule == AgreementRule.PERCENTAGES and "percentages" not in errors:
        parties = {c.iso3 for c in (data.get("state"), counterpart_state) if isinstance(c, Country)}
        if set(percentages) != parties:
            errors.setdefault("percentages", []).append(
                _("Give a percentage for each State party (%(states)s) and for no one else.")
                % {"states": ", ".join(sorted(parties))}
            )
        elif sum(Fraction(v) for v in percentages.values()) != 1:
            errors.setdefault("percentages", []).append(_("The percentages must sum to exactly 1."))
    if rule == AgreementRule.TIERED and "tiers" not in errors:
        if not tiers:
            errors.setdefault("tiers", []).append(_("Enter the tier table of the agreement."))
        elif sum(Fraction(v) for v in tiers.values()) > 1:
            errors.setdefault("tiers", []).append(_("The tiers sum to more than 1."))
        if not str(data.get("tier_source") or "").strip():
            errors.setdefault("tier_source", []).append(
                _("Say where the tier table comes from (the agreement's article), or write that it is unverified.")
            )
    if errors:
        raise ValidationError(errors)
    return {
        **data,
        "percentages": percentages if rule == AgreementRule.PERCENTAGES else {},
        "tiers": tiers if rule == AgreementRule.TIERED else {},
        "reference": data["reference"].strip(),
        "title": data["title"].strip(),
    }


def _save(obj: Any, field: str, message: str) -> None:
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError({field: [message]}) from exc


# ---------------------------------------------------------------------------------------------- agreements


@transaction.atomic
def agreement_create(*, actor: Any, **fields: Any) -> SharingAgreement:
    """Register a sharing agreement (fields: AGREEMENT_FIELDS; missing optional fields take their defaults)."""
    require(actor, MANAGE)
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    defaults = {
        "status": "negotiating",
        "currency": "USD",
        "transfer_method": TransferMethod.BANK_TRANSFER,
        "deduct_expenses": True,
    }
    data = _check_agreement({**defaults, **{k: v for k, v in fields.items() if v is not None or k not in defaults}})
    agreement = SharingAgreement(**{k: v for k, v in data.items() if k in AGREEMENT_FIELDS and v is not None})
    _save(agreement, "reference", _("An agreement with this reference exists."))
    return agreement


@transaction.atomic
def agreement_update(*, actor: Any, agreement: SharingAgreement, reason: str = "", **fields: Any) -> SharingAgreement:
    """Change an agreement; the change shows in its history."""
    require(actor, MANAGE)
    agreement = SharingAgreement.objects.select_for_update().get(pk=agreement.pk)
    current = {name: getattr(agreement, name) for name in AGREEMENT_FIELDS}
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    data = _check_agreement({**current, **fields})
    for name in AGREEMENT_FIELDS:
        setattr(agreement, name, data[name])
    if reason:
        note_change_reason(agreement, reason)
    _save(agreement, "reference", _("An agreement with this reference exists."))
    return agreement


# ---------------------------------------------------------------------------------------------- cases


def _deadline(data: dict[str, Any]) -> dt.date | None:
    """The deadline entered, else the final order date plus the agreement's days (None if unknown)."""
    if data.get("request_deadline"):
        return data["request_deadline"]
    agreement, order = data.get("agreement"), data.get("final_order_on")
    if agreement is not None and order and agreement.request_deadline_days:
        return order + dt.timedelta(days=agreement.request_deadline_days)
    return None


def _check_case(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = text_length_problems(
        ConfiscationCase, description=str(data.get("description") or "")
    )
    for field in ("reference", "title"):
        if not str(data.get(field) or "").strip():
            errors.setdefault(field, []).append(_("This field is required."))
    agreement = data.get("agreement")
    if data.get("legal_basis") in (None, "") and agreement is not None:
        data["legal_basis"] = agreement.legal_basis
    if data.get("legal_basis") not in LegalBasis.values:
        errors.setdefault("legal_basis", []).append(_("Choose the legal basis."))
    if not data.get("currency") and agreement is not None:
        data["currency"] = agreement.currency
    _currency(data.get("currency"), "currency", errors)
    if data.get("realised_amount") is not None and "currency" not in errors:
        _amount(data["realised_amount"], data["currency"], "realised_amount", errors)
    if data.get("rule") not in ("", None, *CaseRule.values):
        errors.setdefault("rule", []).append(_("Choose the sharing rule."))
    no_rule = not data.get("rule") and (agreement is None or agreement.rule == AgreementRule.CASE_BY_CASE)
    if no_rule and data.get("realised_amount") is not None:
        errors.setdefault("rule", []).append(
            _("No agreement fixes the rule: choose this case's rule (percentages for a case-by-case agreement).")
        )
    percentages = _shares_table(data.get("percentages"), "percentages", errors)
    tiers = _shares_table(data.get("tiers"), "tiers", errors)
    rate = data.get("un_share_rate")
    if rate is not None and (not isinstance(rate, Decimal) or not 0 <= rate <= 1):
        errors.setdefault("un_share_rate", []).append(_("The UN share is a rate between 0 and 1 (0.10 for 10%)."))
    if data.get("un_fund") not in ("", None, *UNFund.values):
        errors.setdefault("un_fund", []).append(_("Choose the UN account."))
    if rate and not data.get("un_fund"):
        errors.setdefault("un_fund", []).append(_("Say which UN account receives the UN share."))
    order, requested = data.get("final_order_on"), data.get("sharing_requested_on")
    deadline = data.get("request_deadline")
    if order and deadline and deadline < order:
        errors.setdefault("request_deadline", []).append(_("The deadline cannot be before the final order."))
    if requested and order and requested < order:
        errors.setdefault("sharing_requested_on", []).append(
            _("Sharing is requested after the final confiscation order.")
        )
    if errors:
        raise ValidationError(errors)
    return {
        **data,
        "reference": data["reference"].strip(),
        "title": data["title"].strip(),
        "rule": data.get("rule") or "",
        "un_fund": data.get("un_fund") or "",
        "description": data.get("description") or "",
        "percentages": percentages,
        "tiers": tiers,
        "request_deadline": _deadline(data),
    }


def _check_not_decided(case: ConfiscationCase) -> None:
    if SharingDecision.objects.filter(case=case).exists():
        raise ValidationError({"case": [_("The sharing of this case is decided: its figures can no longer change.")]})


@transaction.atomic
def case_create(*, actor: Any, **fields: Any) -> ConfiscationCase:
    """Record a confiscation case (fields: CASE_FIELDS); the request deadline follows from the agreement."""
    require(actor, MANAGE)
    unknown = set(fields) - set(CASE_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    data = _check_case(dict(fields))
    case = ConfiscationCase(**{k: v for k, v in data.items() if k in CASE_FIELDS})
    _save(case, "reference", _("A case with this reference exists."))
    return case


@transaction.atomic
def case_update(*, actor: Any, case: ConfiscationCase, reason: str = "", **fields: Any) -> ConfiscationCase:
    """Change a case. Once its sharing is decided only dates (the request) and the description may change."""
    require(actor, MANAGE)
    case = ConfiscationCase.objects.select_for_update().get(pk=case.pk)
    unknown = set(fields) - set(CASE_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    current = {name: getattr(case, name) for name in CASE_FIELDS}
    changed = {k for k, v in fields.items() if current.get(k) != v}
    if changed - {"sharing_requested_on", "description", "title"}:
        _check_not_decided(case)
    data = _check_case({**current, **fields, "request_deadline": fields.get("request_deadline")})
    for name in CASE_FIELDS:
        setattr(case, name, data[name])
    if reason:
        note_change_reason(case, reason)
    _save(case, "reference", _("A case with this reference exists."))
    return case


def _locked_case(case: ConfiscationCase) -> ConfiscationCase:
    case = ConfiscationCase.objects.select_for_update().get(pk=case.pk)
    _check_not_decided(case)
    return case


@transaction.atomic
def case_party_add(
    *, actor: Any, case: ConfiscationCase, state: Country, role: str, contribution: str = "", reasons: str = ""
) -> CaseParty:
    """Add a State to a case with its role and, for a cooperating State, its level of contribution and why."""
    require(actor, MANAGE)
    case = _locked_case(case)
    errors: dict[str, list[str]] = text_length_problems(CaseParty, reasons=reasons)
    if role not in PartyRole.values:
        errors["role"] = [_("Choose confiscating or cooperating.")]
    if role == PartyRole.CONFISCATING and case.parties.filter(role=PartyRole.CONFISCATING).exists():
        errors["role"] = [_("The case already has a confiscating State.")]
    if case.parties.filter(state=state).exists():
        errors["state"] = [_("%(state)s is already a party to this case.") % {"state": state.iso3}]
    if role == PartyRole.COOPERATING and contribution and not reasons.strip():
        errors["reasons"] = [_("Give the reasons of the assessment of the contribution.")]
    if errors:
        raise ValidationError(errors)
    return CaseParty.objects.create(
        case=case, state=state, role=role, contribution=contribution.strip(), reasons=reasons.strip()
    )


@transaction.atomic
def case_offence_add(
    *, actor: Any, case: ConfiscationCase, description: str, instrument: Instrument | None = None, article: str = ""
) -> CaseOffence:
    """Link an offence to a case, with the convention (and article) that covers it."""
    require(actor, MANAGE)
    case = ConfiscationCase.objects.select_for_update().get(pk=case.pk)
    if not description.strip():
        raise ValidationError({"description": [_("This field is required.")]})
    return CaseOffence.objects.create(
        case=case, description=description.strip(), instrument=instrument, article=article.strip()
    )


@transaction.atomic
def case_asset_add(
    *,
    actor: Any,
    case: ConfiscationCase,
    description: str,
    value: Decimal,
    currency: str,
    valued_on: dt.date | None = None,
    confiscated_on: dt.date | None = None,
) -> CaseAsset:
    """Record a confiscated asset with its value in its own currency."""
    require(actor, MANAGE)
    case = ConfiscationCase.objects.select_for_update().get(pk=case.pk)
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = [_("This field is required.")]
    if _currency(currency, "currency", errors) is not None:
        _amount(value, currency, "value", errors)
    if errors:
        raise ValidationError(errors)
    return CaseAsset.objects.create(
        case=case,
        description=description.strip(),
        value=value,
        currency=currency,
        valued_on=valued_on,
        confiscated_on=confiscated_on,
    )


def _check_deductions(case: ConfiscationCase, extra: Decimal, field: str) -> None:
    if case.realised_amount is None:
        return
    returned = sum((r.amount for r in case.returns.all()), Decimal(0))
    expenses = sum((e.amount for e in case.expenses.all()), Decimal(0))
    if returned + expenses + extra > case.realised_amount:
        raise ValidationError(
            {
                field: [
                    _("Returns and expenses would add up to %(total)s, above the realised amount (%(realised)s).")
                    % {"total": returned + expenses + extra, "realised": case.realised_amount}
                ]
            }
        )


@transaction.atomic
def case_return_add(
    *,
    actor: Any,
    case: ConfiscationCase,
    recipient: str,
    kind: str,
    amount: Decimal,
    returned_on: dt.date | None = None,
) -> CaseReturn:
    """Record an amount returned to a prior legitimate owner or to victims (in the case's currency)."""
    require(actor, MANAGE)
    case = _locked_case(case)
    errors: dict[str, list[str]] = {}
    if not recipient.strip():
        errors["recipient"] = [_("This field is required.")]
    _amount(amount, case.currency, "amount", errors, positive=True)
    if errors:
        raise ValidationError(errors)
    _check_deductions(case, amount, "amount")
    return CaseReturn.objects.create(
        case=case, recipient=recipient.strip(), kind=kind, amount=amount, returned_on=returned_on
    )


@transaction.atomic
def case_expense_add(
    *, actor: Any, case: ConfiscationCase, state: Country, description: str, amount: Decimal
) -> CaseExpense:
    """Record reasonable expenses a State party incurred (paid back to it outside the split)."""
    require(actor, MANAGE)
    case = _locked_case(case)
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = [_("This field is required.")]
    if not case.parties.filter(state=state).exists():
        errors["state"] = [_("%(state)s is not a party to this case.") % {"state": state.iso3}]
    _amount(amount, case.currency, "amount", errors, positive=True)
    if errors:
        raise ValidationError(errors)
    _check_deductions(case, amount, "amount")
    return CaseExpense.objects.create(case=case, state=state, description=description.strip(), amount=amount)


# ---------------------------------------------------------------------------------------------- decisions


@transaction.atomic
def decision_record(*, actor: Any, case: ConfiscationCase, decided_on: dt.date, note: str = "") -> SharingDecision:
    """Compute the sharing of the case with the pure module and store the input, every step and the shares."""
    require(actor, MANAGE)
    check_text_lengths(SharingDecision, note=note)
    case = _locked_case(case)
    try:
        document, result = compute_for_case(case)
    except SharingError as exc:
        raise ValidationError({"sharing": [error_message(exc)]}) from exc
    if case.final_order_on and decided_on < case.final_order_on:
        raise ValidationError({"decided_on": [_("A decision comes after the final confiscation order.")]})
    decision = SharingDecision.objects.create(
        case=case,
        decided_on=decided_on,
        decided_by=actor,
        currency=result.currency,
        realised=result.realised,
        returned=result.returned,
        expenses=result.expenses,
        distributable=result.distributable,
        un_share_rate=result.un_share_rate,
        un_share=result.un_share,
        pool=result.pool,
        un_fund=case.un_fund if result.un_share else "",
        inputs=document,
        steps=result.steps_as_dicts(),
        note=note,
    )
    states = {c.iso3: c for c in Country.objects.filter(iso3__in=[s.state for s in result.shares])}
    DecisionShare.objects.bulk_create(
        DecisionShare(decision=decision, state=states[s.state], role=str(s.role), amount=s.amount)
        for s in result.shares
    )
    return decision


def due_amount(decision: SharingDecision, kind: str, state: Country | None) -> Decimal:
    """What the decision owes under a transfer kind (to a State for shares and expenses)."""
    if kind == TransferKind.UN_SHARE:
        return decision.un_share
    if state is None:
        return Decimal(0)
    if kind == TransferKind.SHARE:
        share = decision.shares.filter(state=state).first()
        return share.amount if share else Decimal(0)
    return sum(
        (Decimal(e["amount"]) for e in decision.inputs.get("expenses", []) if e["party"] == state.iso3), Decimal(0)
    )


@transaction.atomic
def transfer_record(
    *,
    actor: Any,
    decision: SharingDecision,
    kind: str,
    amount: Decimal,
    transferred_on: dt.date,
    method: str,
    state: Country | None = None,
    reference: str = "",
) -> Transfer:
    """Record money moved under a decision; the transfers of a kind to a State never exceed what is due."""
    require(actor, MANAGE)
    decision = SharingDecision.objects.select_for_update().get(pk=decision.pk)
    errors: dict[str, list[str]] = {}
    if kind not in TransferKind.values:
        errors["kind"] = [_("Choose what the transfer pays.")]
    if method not in TransferMethod.values:
        errors["method"] = [_("Choose the transfer method.")]
    if kind in (TransferKind.SHARE, TransferKind.EXPENSE) and state is None:
        errors["state"] = [_("Name the State that receives it.")]
    if kind == TransferKind.UN_SHARE:
        state = None
    if transferred_on < decision.decided_on:
        errors["transferred_on"] = [_("A transfer comes after the decision.")]
    _amount(amount, decision.currency, "amount", errors, positive=True)
    if errors:
        raise ValidationError(errors)
    due = due_amount(decision, kind, state)
    paid = sum((t.amount for t in decision.transfers.filter(kind=kind, state=state)), Decimal(0))
    if paid + amount > due:
        raise ValidationError(
            {
                "amount": [
                    _("%(paid)s already transferred and %(amount)s more exceed the %(due)s due.")
                    % {"paid": paid, "amount": amount, "due": due}
                ]
            }
        )
    return Transfer.objects.create(
        decision=decision,
        kind=kind,
        state=state,
        amount=amount,
        currency=decision.currency,
        transferred_on=transferred_on,
        method=method,
        reference=reference.strip(),
        recorded_by=actor,
    )


def un_share_reference(decision: SharingDecision) -> str:
    """The idempotency key of the UN share's receipt in the funds ledger."""
    return f"ASSETS-{decision.case.reference}-UN"


@transaction.atomic
def un_share_post(*, actor: Any, decision: SharingDecision, received_on: dt.date) -> Receipt:
    """Post the UN share of a decision as a receipt of the UN account it names (idempotent by reference).

    The donor is the confiscating State, which contributes the share (UNTOC art. 14(3)(a) and 30(2)(c),
    UNCAC art. 62(2)(c)).
    """
    require(actor, POST_UN_SHARE)
    decision = SharingDecision.objects.select_for_update().select_related("case").get(pk=decision.pk)
    if not decision.un_share:
        raise ValidationError({"un_share": [_("This decision has no UN share.")]})
    if decision.un_fund not in UNFund.values:
        raise ValidationError({"un_fund": [_("Say which UN account receives the UN share.")]})
    confiscating = decision.shares.filter(role=PartyRole.CONFISCATING).first()
    if confiscating is None:
        raise ValidationError({"un_share": [_("The decision has no confiscating State.")]})
    receipt = receipt_record(
        actor=actor,
        fund=decision.un_fund,
        donor=confiscating.state_id,
        amount=decision.un_share,
        currency=decision.currency,
        received_on=received_on,
        reference=un_share_reference(decision),
    )
    if decision.un_receipt_reference != un_share_reference(decision):
        decision.un_receipt_reference = un_share_reference(decision)
        decision.save(update_fields=["un_receipt_reference", "updated_at"])
    return receipt
