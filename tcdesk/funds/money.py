"""Money arithmetic of the ledger: minor units, conversion at a rate, balanced legs. No Django here.

Amounts are `Decimal` in an ISO 4217 currency with that currency's minor unit (JPY 0, USD 2, KWD 3
decimals, from `tcdesk.core.currencies`). A UN operational rate of exchange is the number of units of a
currency one US dollar buys, so `usd = amount / rate` and `amount = usd * rate`. Every conversion
rounds once, half-even, to the target's minor unit; the legs of a transaction then balance exactly per
currency because each converted amount appears twice, with opposite signs (the `exchange` account
takes the other side), never recomputed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

from tcdesk.core.currencies import find_currency

ZERO = Decimal(0)


def minor_unit(currency: str) -> int | None:
    """Decimals of an ISO 4217 currency that can be split into units, or None for an unknown code."""
    found = find_currency(currency)
    return found.minor_unit if found else None


def quantum(currency: str) -> Decimal:
    unit = minor_unit(currency)
    if unit is None:
        raise ValueError(f"unknown currency {currency!r}")
    return Decimal(1).scaleb(-unit)


def fits_minor_unit(amount: Decimal, currency: str) -> bool:
    """Whether the amount has no digit below the currency's minor unit (JPY 1.5 does not fit)."""
    return amount == amount.quantize(quantum(currency), rounding=ROUND_HALF_EVEN)


def round_to_unit(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(quantum(currency), rounding=ROUND_HALF_EVEN)


def to_usd(amount: Decimal, currency: str, rate: Decimal) -> Decimal:
    """The USD equivalent of an amount at a rate (units of `currency` per USD), to the cent."""
    if currency == "USD":
        return amount
    return round_to_unit(amount / rate, "USD")


def convert(amount: Decimal, source: str, target: str, source_rate: Decimal, target_rate: Decimal) -> Decimal:
    """An amount in `source` in `target` (both rates per USD), rounded once to the target's unit."""
    if source == target:
        return amount
    return round_to_unit(amount / source_rate * target_rate, target)


def percent_of(amount: Decimal, rate: Decimal, currency: str) -> Decimal:
    """`rate` (0.13 for 13 %) of an amount, rounded to the currency's unit (programme support costs)."""
    return round_to_unit(amount * rate, currency)


def split(amount: Decimal, shares: list[Decimal], currency: str) -> list[Decimal]:
    """`amount` divided in proportion to `shares` (summing to 1), each part rounded to the currency's
    unit and the units left over given to the largest remainders: the parts sum exactly to `amount`."""
    unit = quantum(currency)
    exact = [amount * share for share in shares]
    parts = [value.quantize(unit, rounding=ROUND_FLOOR) for value in exact]
    left = int((amount - sum(parts, ZERO)) / unit)
    order = sorted(range(len(parts)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in order[: max(left, 0)]:
        parts[i] += unit
    return parts


@dataclass(frozen=True)
class Leg:
    """One entry of a transaction: signed `amount` in `currency` on an account, with its USD equivalent."""

    account_kind: str
    account_key: str
    fund: str  # the fund whose money the account is ("" for donors and the exchange account)
    amount: Decimal
    currency: str
    usd: Decimal


def imbalances(legs: list[Leg]) -> dict[str, Decimal]:
    """Per currency (and "USD equivalent"), the non-zero sums of the legs: empty when they balance."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    usd = ZERO
    for leg in legs:
        sums[leg.currency] += leg.amount
        usd += leg.usd
    found = {currency: total for currency, total in sums.items() if total != 0}
    if usd != 0:
        found["USD equivalent"] = usd
    return found


def off_unit_legs(legs: list[Leg]) -> list[Leg]:
    """Legs whose amount or USD equivalent has digits below the minor unit."""
    return [leg for leg in legs if not fits_minor_unit(leg.amount, leg.currency) or not fits_minor_unit(leg.usd, "USD")]


def exchange_legs(
    *,
    debit_kind: str,
    debit_key: str,
    debit_fund: str,
    credit_kind: str,
    credit_key: str,
    credit_fund: str,
    amount: Decimal,
    currency: str,
    usd: Decimal,
    converted: Decimal,
    target: str,
    converted_usd: Decimal,
) -> list[Leg]:
    """Money leaving one account in `currency` and arriving on another in `target` (converted): four legs
    through the exchange account when the currencies differ, two otherwise. The exchange account takes
    the difference of USD equivalents (the exchange gain or loss), so the USD equivalents balance too."""
    if currency == target:
        return [
            Leg(debit_kind, debit_key, debit_fund, -amount, currency, -usd),
            Leg(credit_kind, credit_key, credit_fund, amount, currency, usd),
        ]
    return [
        Leg(debit_kind, debit_key, debit_fund, -amount, currency, -usd),
        Leg("exchange", currency, "", amount, currency, usd),
        Leg("exchange", target, "", -converted, target, -converted_usd),
        Leg(credit_kind, credit_key, credit_fund, converted, target, converted_usd),
    ]
