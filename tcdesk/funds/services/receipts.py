"""Pledges, receipts (and their reversal), refunds and transfers between funds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import money
from ..choices import TransactionKind
from ..errors import OverdrawnError
from ..models import ContributionAgreement, Donor, Earmark, Fund, Pledge, Receipt, Refund
from ..permissions import RECORD_CONTRIBUTION
from ._common import amount_problems, as_decimal, find_donor, raise_if, rate_of, require
from .ledger import account_balance, ledger_post, reversing_legs
from .revaluation import realised_legs, signature_rate


def pot_of(fund: Fund, earmark: Earmark | None) -> tuple[str, str]:
    """The ledger account of a fund's unearmarked money or of an earmark's money."""
    return ("earmark", str(earmark.pk)) if earmark is not None else ("fund", fund.code)


def lock_pot(fund: Fund, earmark: Earmark | None) -> None:
    """Lock the rows of a pot's fund (and earmark): every write that draws on a pot takes these locks
    first, so concurrent draws are serialised and the free balance they check is the current one."""
    Fund.objects.select_for_update().filter(pk=fund.pk).values_list("pk", flat=True).first()
    if earmark is not None:
        Earmark.objects.select_for_update().filter(pk=earmark.pk).values_list("pk", flat=True).first()


def _source_records(
    *, donor: str, fund: str, agreement: int | None, earmark: int | None, on: dt.date, date_field: str
) -> tuple[dict[str, list[str]], Donor | None, Fund | None, ContributionAgreement | None, Earmark | None]:
    errors: dict[str, list[str]] = {}
    donor_obj = find_donor(donor)
    if donor_obj is None:
        errors["donor"] = [
            _("Unknown donor “%(donor)s”: give an ISO3 code, an organisation code or a name.") % {"donor": donor}
        ]
    fund_obj = Fund.objects.filter(code=(fund or "").strip().upper()).first()
    if fund_obj is None:
        errors["fund"] = [_("Unknown fund “%(fund)s”.") % {"fund": fund}]
    earmark_obj = None
    if earmark not in (None, ""):
        earmark_obj = Earmark.objects.select_related("agreement").filter(pk=earmark).first()
        if earmark_obj is None:
            errors["earmark"] = [_("Unknown earmark.")]
    agreement_obj = None
    if agreement not in (None, ""):
        agreement_obj = ContributionAgreement.objects.filter(pk=agreement).first()
        if agreement_obj is None:
            errors["agreement"] = [_("Unknown agreement.")]
    elif earmark_obj is not None:
        agreement_obj = earmark_obj.agreement
    if agreement_obj is not None:
        if earmark_obj is not None and earmark_obj.agreement_id != agreement_obj.pk:
            errors["earmark"] = [_("The earmark belongs to another agreement.")]
        if donor_obj is not None and agreement_obj.donor_id != donor_obj.pk:
            errors["agreement"] = [_("The agreement is with another donor.")]
        if fund_obj is not None and agreement_obj.fund_id != fund_obj.pk:
            errors["fund"] = [_("The agreement is with fund %(fund)s.") % {"fund": agreement_obj.fund.code}]
        if not (agreement_obj.valid_from <= on <= agreement_obj.valid_to):
            errors[date_field] = [
                _("The date is outside the agreement's validity (%(start)s to %(end)s).")
                % {"start": agreement_obj.valid_from, "end": agreement_obj.valid_to}
            ]
    return errors, donor_obj, fund_obj, agreement_obj, earmark_obj


@transaction.atomic
def pledge_record(
    *,
    actor: Any,
    fund: str,
    donor: str,
    amount: Decimal,
    currency: str,
    pledged_on: dt.date,
    reference: str,
    agreement: int | None = None,
    earmark: int | None = None,
) -> Pledge:
    """A donor's pledge (not money yet: it is not posted to the ledger). A repeated reference returns the
    pledge recorded with it."""
    require(actor, RECORD_CONTRIBUTION)
    reference = (reference or "").strip()
    existing = Pledge.objects.filter(reference=reference).first() if reference else None
    if existing:
        return existing
    errors, donor_obj, fund_obj, agreement_obj, earmark_obj = _source_records(
        donor=donor, fund=fund, agreement=agreement, earmark=earmark, on=pledged_on, date_field="date"
    )
    errors.update(amount_problems(amount, currency))
    if not (reference or "").strip():
        errors["reference"] = [_("Give a reference (it makes a repeated submission harmless).")]
    raise_if(errors)
    assert donor_obj is not None and fund_obj is not None
    return Pledge.objects.create(
        reference=reference.strip(),
        donor=donor_obj,
        fund=fund_obj,
        agreement=agreement_obj,
        earmark=earmark_obj,
        amount=as_decimal(amount),
        currency=currency.upper(),
        pledged_on=pledged_on,
    )


@transaction.atomic
def receipt_record(
    *,
    actor: Any,
    fund: str,
    donor: str,
    amount: Decimal,
    currency: str,
    received_on: dt.date,
    agreement: int | None = None,
    earmark: int | None = None,
    reference: str,
) -> Receipt:
    """Money received: converted at the UN operational rate of its month into the fund's currency and
    posted donor → (exchange →) fund or earmark. `reference` is the idempotency key: a repeated one
    returns the receipt recorded with it. Missing rate, bad amount, a date outside the agreement's
    validity, an earmark of another agreement: ValidationError naming the field, nothing posted."""
    require(actor, RECORD_CONTRIBUTION)
    reference = (reference or "").strip()
    existing = Receipt.objects.filter(reference=reference).first() if reference else None
    if existing:
        return existing
    errors, donor_obj, fund_obj, agreement_obj, earmark_obj = _source_records(
        donor=donor, fund=fund, agreement=agreement, earmark=earmark, on=received_on, date_field="received_on"
    )
    errors.update(amount_problems(amount, currency))
    if not reference:
        errors["reference"] = [_("Give a reference (it makes a repeated submission harmless).")]
    raise_if(errors)
    assert fund_obj is not None and donor_obj is not None
    currency = currency.upper()
    value = as_decimal(amount)
    rate = rate_of(currency, received_on)
    fund_rate = rate_of(fund_obj.currency, received_on, field="fund")
    usd = money.to_usd(value, currency, rate)
    fund_amount = money.convert(value, currency, fund_obj.currency, rate, fund_rate)
    fund_usd = usd if fund_obj.currency == currency else money.to_usd(fund_amount, fund_obj.currency, fund_rate)
    difference = Decimal(0)
    if agreement_obj is not None and agreement_obj.currency == currency and currency != "USD":
        # Against the rate of the agreement's signature month; missing, it is an error, not a zero.
        difference = usd - money.to_usd(value, currency, signature_rate(currency, agreement_obj.signed_on))
    receipt = Receipt.objects.create(
        reference=reference,
        donor=donor_obj,
        fund=fund_obj,
        agreement=agreement_obj,
        earmark=earmark_obj,
        amount=value,
        currency=currency,
        received_on=received_on,
        rate=rate,
        usd_amount=usd,
        fund_amount=fund_amount,
        exchange_difference_usd=difference,
    )
    kind, key = pot_of(fund_obj, earmark_obj)
    legs = money.exchange_legs(
        debit_kind="donor",
        debit_key=donor_obj.code,
        debit_fund=fund_obj.code,
        credit_kind=kind,
        credit_key=key,
        credit_fund=fund_obj.code,
        amount=value,
        currency=currency,
        usd=usd,
        converted=fund_amount,
        target=fund_obj.currency,
        converted_usd=fund_usd,
    )
    legs += realised_legs(currency=currency, fund=fund_obj.code, difference=difference)
    receipt.transaction = ledger_post(
        kind=TransactionKind.RECEIPT,
        occurred_on=received_on,
        actor=actor,
        idempotency_key=f"receipt:{reference}",
        source=receipt,
        legs=legs,
        memo=f"{donor_obj.code} → {fund_obj.code}",
    )
    receipt.save(update_fields=["transaction"])
    return receipt


@transaction.atomic
def receipt_reverse(*, actor: Any, receipt: int, reason: str, on: dt.date | None = None) -> Receipt:
    """Reverse a receipt recorded in error (a reversing transaction; nothing is deleted). Refused when its
    money has already been allocated: the pot it went to must still hold it, free."""
    require(actor, RECORD_CONTRIBUTION)
    found = Receipt.objects.select_related("fund", "earmark").filter(pk=receipt).first()
    if found is None:
        raise ValidationError({"receipt": [_("Unknown receipt.")]})
    if found.reversed_at is not None:
        raise ValidationError({"receipt": [_("This receipt was reversed already.")]})
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say why the receipt is reversed.")]})
    lock_pot(found.fund, found.earmark)
    kind, key = pot_of(found.fund, found.earmark)
    free = account_balance(kind, key)
    if free < found.fund_amount:
        raise OverdrawnError(
            _(
                "The receipt cannot be reversed: %(amount)s %(currency)s of it is no longer free in %(pot)s "
                "(free balance %(free)s), it has been allocated. Release those allocations first."
            )
            % {
                "amount": money.round_to_unit(found.fund_amount - max(free, Decimal(0)), found.fund.currency),
                "currency": found.fund.currency,
                "pot": found.earmark.code if found.earmark else found.fund.code,
                "free": money.round_to_unit(free, found.fund.currency),
            },
            field="receipt",
        )
    assert found.transaction is not None
    ledger_post(
        kind=TransactionKind.REVERSAL,
        occurred_on=on or timezone.localdate(),
        actor=actor,
        idempotency_key=f"reversal:{found.transaction_id}",
        source=found,
        legs=reversing_legs(found.transaction),
        memo=reason,
        reverses=found.transaction,
    )
    found.reversed_at = timezone.now()
    found.save(update_fields=["reversed_at"])
    return found


@transaction.atomic
def refund_record(
    *,
    actor: Any,
    fund: str,
    donor: str,
    amount: Decimal,
    currency: str,
    refunded_on: dt.date,
    reference: str,
    earmark: int | None = None,
) -> Refund:
    """Unspent money returned to a donor, from a fund's free money or an earmark's. A repeated reference
    returns the refund recorded with it."""
    require(actor, RECORD_CONTRIBUTION)
    existing = Refund.objects.filter(reference=reference).first() if reference else None
    if existing:
        return existing
    errors, donor_obj, fund_obj, _agreement, earmark_obj = _source_records(
        donor=donor, fund=fund, agreement=None, earmark=earmark, on=refunded_on, date_field="refunded_on"
    )
    errors.update(amount_problems(amount, currency))
    if not (reference or "").strip():
        errors["reference"] = [_("Give a reference (it makes a repeated submission harmless).")]
    if fund_obj is not None and earmark_obj is not None and earmark_obj.agreement.fund_id != fund_obj.pk:
        errors["earmark"] = [_("The earmark belongs to another fund.")]
    raise_if(errors)
    assert fund_obj is not None and donor_obj is not None
    currency = currency.upper()
    value = as_decimal(amount)
    fund_rate = rate_of(fund_obj.currency, refunded_on, field="fund")
    rate = rate_of(currency, refunded_on)
    fund_amount = money.convert(value, currency, fund_obj.currency, rate, fund_rate)
    lock_pot(fund_obj, earmark_obj)
    kind, key = pot_of(fund_obj, earmark_obj)
    free = account_balance(kind, key)
    if fund_amount > free:
        raise OverdrawnError(
            _("Only %(free)s %(currency)s is free in %(pot)s.")
            % {"free": money.round_to_unit(free, fund_obj.currency), "currency": fund_obj.currency, "pot": key}
        )
    usd = money.to_usd(value, currency, rate)
    fund_usd = usd if fund_obj.currency == currency else money.to_usd(fund_amount, fund_obj.currency, fund_rate)
    refund = Refund.objects.create(
        fund=fund_obj,
        donor=donor_obj,
        earmark=earmark_obj,
        amount=value,
        currency=currency,
        usd_amount=usd,
        refunded_on=refunded_on,
        reference=reference.strip(),
    )
    legs = money.exchange_legs(
        debit_kind=kind,
        debit_key=key,
        debit_fund=fund_obj.code,
        credit_kind="donor",
        credit_key=donor_obj.code,
        credit_fund=fund_obj.code,
        amount=fund_amount,
        currency=fund_obj.currency,
        usd=fund_usd,
        converted=value,
        target=currency,
        converted_usd=usd,
    )
    refund.transaction = ledger_post(
        kind=TransactionKind.REFUND,
        occurred_on=refunded_on,
        actor=actor,
        idempotency_key=f"refund:{refund.reference}",
        source=refund,
        legs=legs,
    )
    refund.save(update_fields=["transaction"])
    return refund


@transaction.atomic
def transfer_record(
    *, actor: Any, source: str, target: str, amount: Decimal, transferred_on: dt.date, reference: str
) -> Any:
    """Move free unearmarked money from one fund to another (converted when their currencies differ).
    Flows count it once: it is the source fund's money, not a new contribution."""
    require(actor, RECORD_CONTRIBUTION)
    from ..models import LedgerTransaction

    existing = LedgerTransaction.objects.filter(idempotency_key=f"transfer:{reference}").first()
    if existing:
        return existing
    errors: dict[str, list[str]] = {}
    source_fund = Fund.objects.filter(code=(source or "").upper()).first()
    target_fund = Fund.objects.filter(code=(target or "").upper()).first()
    if source_fund is None:
        errors["source"] = [_("Unknown fund “%(fund)s”.") % {"fund": source}]
    if target_fund is None:
        errors["target"] = [_("Unknown fund “%(fund)s”.") % {"fund": target}]
    if source_fund is not None and source_fund == target_fund:
        errors["target"] = [_("A transfer goes to another fund.")]
    if source_fund is not None:
        errors.update(amount_problems(amount, source_fund.currency))
    if not (reference or "").strip():
        errors["reference"] = [_("Give a reference (it makes a repeated submission harmless).")]
    raise_if(errors)
    assert source_fund is not None and target_fund is not None
    value = as_decimal(amount)
    # Lock in a fixed order (by code) so two opposite transfers cannot deadlock.
    for fund_obj in sorted([source_fund, target_fund], key=lambda f: f.code):
        lock_pot(fund_obj, None)
    free = account_balance("fund", source_fund.code)
    if value > free:
        raise OverdrawnError(
            _("Only %(free)s %(currency)s is free in %(pot)s.")
            % {
                "free": money.round_to_unit(free, source_fund.currency),
                "currency": source_fund.currency,
                "pot": source_fund.code,
            }
        )
    rate = rate_of(source_fund.currency, transferred_on, field="source")
    target_rate = rate_of(target_fund.currency, transferred_on, field="target")
    converted = money.convert(value, source_fund.currency, target_fund.currency, rate, target_rate)
    usd = money.to_usd(value, source_fund.currency, rate)
    converted_usd = (
        usd
        if source_fund.currency == target_fund.currency
        else money.to_usd(converted, target_fund.currency, target_rate)
    )
    legs = money.exchange_legs(
        debit_kind="fund",
        debit_key=source_fund.code,
        debit_fund=source_fund.code,
        credit_kind="fund",
        credit_key=target_fund.code,
        credit_fund=target_fund.code,
        amount=value,
        currency=source_fund.currency,
        usd=usd,
        converted=converted,
        target=target_fund.currency,
        converted_usd=converted_usd,
    )
    return ledger_post(
        kind=TransactionKind.TRANSFER,
        occurred_on=transferred_on,
        actor=actor,
        idempotency_key=f"transfer:{reference}",
        source=None,
        legs=legs,
        memo=f"{source_fund.code} → {target_fund.code}",
    )
