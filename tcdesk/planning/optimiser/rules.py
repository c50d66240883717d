"""The rules a plan must respect, named so that explanations can point at them.

Every share rule is written in one homogeneous form, Σ_r w_r · amount_r ≥ 0, so that greedy,
rounding and explanations share one exact computation:

* minimum share m of group g: w_r = [r in g] − m   (Σ_{r in g} x_r ≥ m Σ_r x_r);
* maximum share M of theme t: w_r = M − [r has t]  (Σ_{r has t} x_r ≤ M Σ_r x_r).

The weights are kept as integers, multiplied by the share's denominator (a share of 0.35 gives
weights in units of 1/20), so with amounts in cents every slack Σ w_r x_r is an exact integer with
the sign of the true slack: arithmetic on Python integers, far faster than on fractions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from .scenario import Policy, Request


class RuleKind(StrEnum):
    """What a rule constrains. ``money``, ``earmarks`` and ``indivisible`` are facts of the scenario
    that explanations of infeasibility may name alongside the policy rules."""

    MIN_SHARE = "min_share"
    MAX_SHARE_THEME = "max_share_theme"
    COUNTRY_CAP = "country_cap"
    MUST_FUND = "must_fund"
    MUST_NOT_FUND = "must_not_fund"
    MONEY = "money"
    EARMARKS = "earmarks"
    INDIVISIBLE = "indivisible"


@dataclass(frozen=True, order=True)
class RuleRef:
    """One rule: its kind and what it is about (a group, a theme, a request id; none for the others)."""

    kind: RuleKind
    key: str | None = None

    def __str__(self) -> str:
        return self.kind.value if self.key is None else f"{self.kind.value}:{self.key}"


@dataclass(frozen=True)
class ShareRule:
    """A minimum share for a group or a maximum share for a theme, in the form Σ w_r x_r ≥ 0."""

    ref: RuleRef
    share: Fraction

    def weight(self, request: Request) -> int:
        """w_r times the share's denominator (an exact integer)."""
        whole, part = self.share.denominator, self.share.numerator
        if self.ref.kind is RuleKind.MIN_SHARE:
            return (whole if self.ref.key in request.groups else 0) - part
        return part - (whole if self.ref.key in request.themes else 0)

    @property
    def scale(self) -> int:
        """What the integer weights are multiplied by."""
        return self.share.denominator


def ceil_div(numerator: int, denominator: int) -> int:
    """⌈numerator / denominator⌉ for integers, denominator > 0 (exact, unlike float division)."""
    return -(-numerator // denominator)


def share_rules(policy: Policy) -> list[ShareRule]:
    """The policy's share rules in a stable order (minimum shares, then maximum shares, by name)."""
    rules = [
        ShareRule(RuleRef(RuleKind.MIN_SHARE, group), Fraction(share))
        for group, share in sorted(policy.min_share.items())
    ]
    rules += [
        ShareRule(RuleRef(RuleKind.MAX_SHARE_THEME, theme), Fraction(share))
        for theme, share in sorted(policy.max_share_theme.items())
    ]
    return rules


def format_money(amount: Decimal | int, currency: str) -> str:
    """``1234567.5`` → ``USD 1,234,567.50`` (English grouping; pages format in the user's language)."""
    return f"{currency} {Decimal(amount):,.2f}"


def format_share(share: Decimal | Fraction) -> str:
    percent = (
        Decimal(share.numerator) / Decimal(share.denominator) * 100 if isinstance(share, Fraction) else share * 100
    )
    return f"{percent.normalize():f} %"


def describe_rule(ref: RuleRef, policy: Policy, currency: str, costs: dict[str, Decimal] | None = None) -> str:
    """One English sentence for a rule (pages translate from ``ref.kind`` and ``ref.key`` instead)."""
    match ref.kind:
        case RuleKind.MIN_SHARE:
            share = format_share(policy.min_share[ref.key])
            return f"at least {share} of the funded amount must go to requests of group {ref.key}"
        case RuleKind.MAX_SHARE_THEME:
            share = format_share(policy.max_share_theme[ref.key])
            return f"at most {share} of the funded amount may go to requests with theme {ref.key}"
        case RuleKind.COUNTRY_CAP:
            assert policy.country_cap is not None
            where = f"country {ref.key}" if ref.key else "any country"
            return f"{where} may receive at most {format_money(policy.country_cap, currency)}"
        case RuleKind.MUST_FUND:
            cost = f" (cost {format_money(costs[ref.key], currency)})" if costs and ref.key in costs else ""
            return f"request {ref.key} must be funded in full{cost}"
        case RuleKind.MUST_NOT_FUND:
            return f"request {ref.key} must not be funded"
        case RuleKind.MONEY:
            return "the free amounts of the sources are limited"
        case RuleKind.EARMARKS:
            return "sources may fund only the themes, regions, countries or requests they are earmarked for"
        case RuleKind.INDIVISIBLE:
            return "indivisible requests are funded in full or not at all"
    raise AssertionError(ref)
