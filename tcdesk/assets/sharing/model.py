"""The inputs and outputs of a sharing computation, as plain typed values. No Django here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any


class Role(StrEnum):
    CONFISCATING = "confiscating"  # the State that holds the confiscated proceeds and shares them
    COOPERATING = "cooperating"  # a State whose cooperation led or contributed to the confiscation


class RuleKind(StrEnum):
    EQUAL = "equal"
    PERCENTAGES = "percentages"  # also what a case-by-case agreement decides for one case
    TIERED = "tiered"


@dataclass(frozen=True)
class Party:
    state: str  # ISO 3166-1 alpha-3
    role: Role
    contribution: str | None = None  # level of contribution, a key of the tier table (tiered rule)


@dataclass(frozen=True)
class Return:
    """An amount returned to a prior legitimate owner or to victims before any sharing."""

    to: str  # who receives it, as written (a State's code, an owner's or a victims' fund's name)
    amount: Decimal


@dataclass(frozen=True)
class Expense:
    """Reasonable expenses paid back to the party that incurred them, outside the split."""

    party: str  # ISO 3166-1 alpha-3 of the State that incurred them
    amount: Decimal


@dataclass(frozen=True)
class SharingRule:
    kind: RuleKind
    percentages: Mapping[str, Decimal] = field(default_factory=dict)  # ISO3 -> share of the pool
    tiers: Mapping[str, Decimal] = field(default_factory=dict)  # contribution level -> share of the pool


@dataclass(frozen=True)
class SharingCase:
    """Everything the computation needs, in one ISO 4217 currency."""

    currency: str
    realised: Decimal
    rule: SharingRule
    parties: tuple[Party, ...]
    returns: tuple[Return, ...] = ()
    expenses: tuple[Expense, ...] = ()
    un_share: Decimal | None = None  # rate of the distributable amount for the UN account; None = 0


class SharingError(ValueError):
    """Bad input: `field` names where (e.g. "parties[2].state"), `rule` says what is wrong in English.

    `kind` (stable machine name) and `params` (JSON values) let the Django layer say the same in
    the user's language.
    """

    def __init__(self, field: str, kind: str, rule: str, **params: Any) -> None:
        self.field, self.kind, self.rule, self.params = field, kind, rule, {"field": field, **params}
        super().__init__(f"{field}: {rule}")

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "kind": self.kind, "rule": self.rule, "params": self.params}


@dataclass(frozen=True)
class PartyShare:
    """One party's share of the pool, with how rounding got there."""

    state: str
    role: Role
    contribution: str | None
    fraction: Fraction  # of the pool: 1/n, its percentage, its tier, or (confiscating, tiered) the rest
    exact_units: Fraction  # pool × fraction, in minor units, before rounding
    rounded_down_units: int
    extra_units: int  # 0 or 1: a leftover unit it received
    amount: Decimal  # final share

    @property
    def discarded_units(self) -> Fraction:
        """The fraction of a minor unit cut off by rounding down (0 ≤ x < 1); largest gets leftovers first."""
        return self.exact_units - self.rounded_down_units


@dataclass(frozen=True)
class Step:
    """One line of the computation as a page shows it: `code` is stable, `params` are JSON values.

    Codes, in order: realised; return (one per return) then returned; expense (one per expense)
    then expenses; distributable (= realised − returned − expenses); un_share; pool
    (= distributable − un_share); share (one per party, confiscating party first, then by ISO3).
    """

    code: str
    amount: Decimal
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SharingResult:
    currency: str
    minor_unit: int
    realised: Decimal
    returned: Decimal
    expenses: Decimal
    distributable: Decimal
    un_share_rate: Decimal
    un_share: Decimal
    pool: Decimal
    leftover_units: int  # units handed out one at a time after rounding every share down
    shares: tuple[PartyShare, ...]  # confiscating party first, then cooperating parties by ISO3
    steps: tuple[Step, ...]

    def _text(self, amount: Decimal) -> str:
        """Amounts here are already in whole minor units (built by Currency.from_units)."""
        return format(amount, "f")

    def as_contract(self) -> dict[str, Any]:
        """The output of `tcdesk compute_sharing --json` (amounts as decimal strings)."""
        text = self._text
        return {
            "currency": self.currency,
            "realised": text(self.realised),
            "returned": text(self.returned),
            "expenses": text(self.expenses),
            "distributable": text(self.distributable),
            "un_share": text(self.un_share),
            "pool": text(self.pool),
            "shares": [{"state": s.state, "amount": text(s.amount)} for s in self.shares],
        }

    def steps_as_dicts(self) -> list[dict[str, Any]]:
        """Steps as JSON values, to store with a decision or render on a page."""
        return [{"code": s.code, "amount": self._text(s.amount), "params": s.params} for s in self.steps]
