"""The sharing computation of issue 13, exactly, with every step recorded. No Django here.

    distributable = realised − Σ returns − Σ expenses     (returns first; expenses go back to
                                                           whoever incurred them, outside the split)
    UN share      = distributable × un_share, rounded down to the minor unit
    pool          = distributable − UN share
    exact share   = pool × fraction, where fraction is
                      equal:        1 / number of parties
                      percentages:  the party's percentage (they sum to exactly 1)
                      tiered:       cooperating party: the tier of its contribution level;
                                    confiscating party: 1 − the tiers of all cooperating parties
    share         = exact share rounded down to the minor unit, then the units left over go one at
                    a time to the parties with the largest discarded fraction; ties go to the
                    confiscating party first, then by ISO3 code. The shares sum exactly to the pool.

All arithmetic is on integers of minor units and exact fractions, so no Decimal context (precision,
rounding mode) can change a result.

"Tiers summing above 1". The contract lists a tier table whose shares sum above 1 as bad input, so
the table itself is checked first: its values (one share of the pool per level of contribution) must
add up to 1 or less. Levels are alternatives, so a real-world table could sum higher; a user who needs
that enters the tiers their agreement fixes for the case at hand. What is handed out (the tiers of all
cooperating parties of the case, two parties at one level counting twice) must not exceed 1 either,
or the confiscating party's rest would be negative. Each tier must also lie between 0 and 1.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from functools import cache

import pycountry

from tcdesk.assets.sharing.currencies import Currency, find_currency, has_no_minor_unit
from tcdesk.assets.sharing.model import (
    Party,
    PartyShare,
    Role,
    RuleKind,
    SharingCase,
    SharingError,
    SharingResult,
    Step,
)

_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


@cache
def iso3166_alpha3() -> frozenset[str]:
    """Every ISO 3166-1 alpha-3 code (pycountry): the default list of known States."""
    return frozenset(country.alpha_3 for country in pycountry.countries)


def compute_sharing(case: SharingCase, *, known_states: Collection[str] | None = None) -> SharingResult:
    """Validate `case` and compute the sharing; raises SharingError naming the first field at fault.

    `known_states` is the set of accepted State codes (e.g. the countries of the reference data);
    by default every ISO 3166-1 alpha-3 code.
    """
    states = iso3166_alpha3() if known_states is None else known_states
    currency = _currency(case.currency)
    realised = _units(currency, case.realised, "realised")
    return_units = [_units(currency, r.amount, f"returns[{i}].amount") for i, r in enumerate(case.returns)]
    for i, returned_to in enumerate(case.returns):
        if not isinstance(returned_to.to, str) or not returned_to.to.strip():
            raise SharingError(f"returns[{i}].to", "missing_recipient", "say to whom the amount is returned")
    expense_units = [_units(currency, e.amount, f"expenses[{i}].amount") for i, e in enumerate(case.expenses)]
    for i, expense in enumerate(case.expenses):
        _state(expense.party, f"expenses[{i}].party", states)
    returned, expenses = sum(return_units), sum(expense_units)
    if returned + expenses > realised:
        raise SharingError(
            "returns, expenses",
            "deductions_above_realised",
            f"returns ({_text(currency, returned)}) and expenses ({_text(currency, expenses)}) add up to "
            f"{_text(currency, returned + expenses)}, above the realised amount ({_text(currency, realised)})",
            returned=_text(currency, returned),
            expenses=_text(currency, expenses),
            realised=_text(currency, realised),
        )
    rate = _un_share_rate(case.un_share)
    parties = _parties(case.parties, states)
    fractions = _fractions(case, parties)

    distributable = realised - returned - expenses
    un_share = math.floor(distributable * Fraction(rate))
    pool = distributable - un_share
    shares = _round(currency, parties, fractions, pool)
    leftover = pool - sum(s.rounded_down_units for s in shares)

    amount = currency.from_units
    steps = [Step("realised", amount(realised))]
    steps += [Step("return", amount(u), {"to": r.to}) for r, u in zip(case.returns, return_units, strict=True)]
    steps.append(Step("returned", amount(returned)))
    steps += [Step("expense", amount(u), {"party": e.party}) for e, u in zip(case.expenses, expense_units, strict=True)]
    steps += [
        Step("expenses", amount(expenses)),
        Step("distributable", amount(distributable)),
        Step("un_share", amount(un_share), {"rate": str(rate)}),
        Step("pool", amount(pool), {"leftover_units": leftover}),
    ]
    steps += [
        Step(
            "share",
            s.amount,
            {
                "state": s.state,
                "role": str(s.role),
                "contribution": s.contribution,
                "fraction": str(s.fraction),
                "rounded_down": _text(currency, s.rounded_down_units),
                "discarded_units": str(s.discarded_units),
                "extra_units": s.extra_units,
            },
        )
        for s in shares
    ]
    return SharingResult(
        currency=currency.code,
        minor_unit=currency.minor_unit,
        realised=amount(realised),
        returned=amount(returned),
        expenses=amount(expenses),
        distributable=amount(distributable),
        un_share_rate=rate,
        un_share=amount(un_share),
        pool=amount(pool),
        leftover_units=leftover,
        shares=tuple(shares),
        steps=tuple(steps),
    )


def _text(currency: Currency, units: int) -> str:
    return currency.text(units)


def _currency(code: object) -> Currency:
    if not isinstance(code, str) or not _CURRENCY_CODE.fullmatch(code):
        raise SharingError(
            "currency",
            "currency_format",
            f"{code!r} is not an ISO 4217 code (three capital letters, e.g. USD)",
            value=str(code),
        )
    currency = find_currency(code)
    if currency is not None:
        return currency
    if has_no_minor_unit(code):
        raise SharingError(
            "currency",
            "currency_without_minor_unit",
            f"{code} has no minor unit in ISO 4217 (a unit of account, metal or test code) and cannot be shared",
            value=code,
        )
    raise SharingError("currency", "unknown_currency", f"{code} is not a current ISO 4217 currency", value=code)


def _decimal(value: object, field: str) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise SharingError(field, "not_a_number", f"{value!r} is not a decimal number", value=str(value))
    return value


def _units(currency: Currency, value: object, field: str) -> int:
    amount = _decimal(value, field)
    if amount < 0:
        raise SharingError(field, "negative_amount", f"{amount} is negative", value=str(amount))
    units = currency.to_units(amount)
    if units is None:
        raise SharingError(
            field,
            "below_minor_unit",
            f"{amount} has more decimals than {currency.code} allows ({currency.minor_unit})",
            value=str(amount),
            currency=currency.code,
            minor_unit=currency.minor_unit,
        )
    return units


def _share(value: object, field: str) -> Decimal:
    """A share of something: a decimal between 0 and 1 inclusive."""
    share = _decimal(value, field)
    if not 0 <= share <= 1:
        raise SharingError(field, "share_out_of_range", f"{share} is not between 0 and 1", value=str(share))
    return share


def _un_share_rate(value: Decimal | None) -> Decimal:
    return Decimal(0) if value is None else _share(value, "un_share")


def _state(code: object, field: str, states: Collection[str]) -> str:
    if not isinstance(code, str) or code not in states:
        raise SharingError(
            field, "unknown_state", f"{code!r} is not a known State (ISO 3166-1 alpha-3 code)", value=str(code)
        )
    return code


def _parties(parties: Iterable[Party], states: Collection[str]) -> tuple[Party, ...]:
    parties = tuple(parties)
    if not parties:
        raise SharingError("parties", "no_parties", "list the parties: a confiscating State and those it shares with")
    seen: set[str] = set()
    for i, party in enumerate(parties):
        _state(party.state, f"parties[{i}].state", states)
        if party.state in seen:
            raise SharingError(
                f"parties[{i}].state", "duplicate_party", f"{party.state} is listed twice", state=party.state
            )
        seen.add(party.state)
        if party.role not in set(Role):
            raise SharingError(
                f"parties[{i}].role",
                "unknown_role",
                f"{party.role!r} is not a role (confiscating or cooperating)",
                value=str(party.role),
            )
    confiscating = [p.state for p in parties if p.role == Role.CONFISCATING]
    if not confiscating:
        raise SharingError("parties", "no_confiscating_party", "no party has the role confiscating")
    if len(confiscating) > 1:
        raise SharingError(
            "parties",
            "several_confiscating_parties",
            f"only one party may be confiscating, not {', '.join(confiscating)}",
            states=confiscating,
        )
    return parties


def _fractions(case: SharingCase, parties: tuple[Party, ...]) -> dict[str, Fraction]:
    """Each party's fraction of the pool under the rule; they always sum to exactly 1."""
    rule = case.rule
    if rule.kind not in set(RuleKind):
        raise SharingError(
            "rule.kind",
            "unknown_rule",
            f"{rule.kind!r} is not a sharing rule (equal, percentages or tiered)",
            value=str(rule.kind),
        )
    if rule.kind == RuleKind.EQUAL:
        return {p.state: Fraction(1, len(parties)) for p in parties}
    if rule.kind == RuleKind.PERCENTAGES:
        return _percentages(rule.percentages, parties)
    return _tiered(rule.tiers, parties)


def _percentages(percentages: object, parties: tuple[Party, ...]) -> dict[str, Fraction]:
    if not isinstance(percentages, Mapping) or not percentages:
        raise SharingError("rule.percentages", "missing_percentages", "give each party's percentage (ISO3: share)")
    states = {p.state for p in parties}
    for state in percentages:
        if state not in states:
            raise SharingError(
                f"rule.percentages.{state}",
                "percentage_for_non_party",
                f"{state} has a percentage but is not a party",
                state=str(state),
            )
    for party in parties:
        if party.state not in percentages:
            raise SharingError(
                f"rule.percentages.{party.state}",
                "missing_percentage",
                f"party {party.state} has no percentage",
                state=party.state,
            )
    shares = {state: _share(value, f"rule.percentages.{state}") for state, value in percentages.items()}
    total = sum((Fraction(share) for share in shares.values()), Fraction(0))  # exact, unlike a Decimal sum
    if total != 1:
        raise SharingError(
            "rule.percentages",
            "percentages_not_one",
            f"the percentages sum to {_fraction_text(total)}, not exactly 1",
            total=_fraction_text(total),
        )
    return {state: Fraction(share) for state, share in shares.items()}


def _tiered(tiers: object, parties: tuple[Party, ...]) -> dict[str, Fraction]:
    if not isinstance(tiers, Mapping) or not tiers:
        raise SharingError("rule.tiers", "missing_tiers", "give the tier table (level of contribution: share)")
    table = {level: _share(value, f"rule.tiers.{level}") for level, value in tiers.items()}
    table_total = sum((Fraction(share) for share in table.values()), Fraction(0))
    if table_total > 1:
        listed = ", ".join(f"{level} {share}" for level, share in table.items())
        raise SharingError(
            "rule.tiers",
            "tier_table_above_one",
            f"the tiers sum to {_fraction_text(table_total)}, above 1 ({listed})",
            total=_fraction_text(table_total),
            tiers={level: str(share) for level, share in table.items()},
        )
    fractions: dict[str, Fraction] = {}
    for i, party in enumerate(parties):
        if party.role != Role.COOPERATING:
            continue
        if not party.contribution:
            raise SharingError(
                f"parties[{i}].contribution",
                "missing_contribution",
                f"cooperating party {party.state} has no level of contribution",
                state=party.state,
            )
        if party.contribution not in table:
            raise SharingError(
                f"parties[{i}].contribution",
                "level_without_tier",
                f"level {party.contribution!r} of {party.state} has no tier in rule.tiers",
                state=party.state,
                level=party.contribution,
            )
        fractions[party.state] = Fraction(table[party.contribution])
    handed_out = sum(fractions.values(), Fraction(0))
    if handed_out > 1:
        applied = [
            {"state": p.state, "level": p.contribution, "tier": str(table[p.contribution])}
            for p in parties
            if p.state in fractions and p.contribution is not None
        ]
        detail = ", ".join(f"{a['state']} {a['level']} {a['tier']}" for a in applied)
        raise SharingError(
            "rule.tiers",
            "tiers_above_one",
            f"the tiers of the cooperating parties sum to {_fraction_text(handed_out)}, above 1 ({detail})",
            total=_fraction_text(handed_out),
            applied=applied,
        )
    confiscating = next(p.state for p in parties if p.role == Role.CONFISCATING)
    fractions[confiscating] = 1 - handed_out
    return fractions


def _fraction_text(value: Fraction) -> str:
    """The exact decimal text of a sum of decimals (its denominator divides a power of ten)."""
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    return str(Decimal(f"{value.numerator * 10**places // value.denominator}E-{places}"))


def _round(
    currency: Currency, parties: tuple[Party, ...], fractions: dict[str, Fraction], pool: int
) -> list[PartyShare]:
    """Round every share down, then hand the leftover units out by largest discarded fraction."""
    exact = {p.state: pool * fractions[p.state] for p in parties}
    floors = {state: math.floor(value) for state, value in exact.items()}
    leftover = pool - sum(floors.values())  # < number of parties, since each cut is < 1 unit

    def priority(party: Party) -> tuple[Fraction, bool, str]:
        return (-(exact[party.state] - floors[party.state]), party.role != Role.CONFISCATING, party.state)

    extra = {p.state for p in sorted(parties, key=priority)[:leftover]}
    order = sorted(parties, key=lambda p: (p.role != Role.CONFISCATING, p.state))
    return [
        PartyShare(
            state=p.state,
            role=Role(p.role),
            contribution=p.contribution,
            fraction=fractions[p.state],
            exact_units=exact[p.state],
            rounded_down_units=floors[p.state],
            extra_units=int(p.state in extra),
            amount=currency.from_units(floors[p.state] + int(p.state in extra)),
        )
        for p in order
    ]
