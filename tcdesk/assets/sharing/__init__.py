"""Sharing confiscated proceeds of crime: the pure computation (no Django import).

Use:

    from tcdesk.assets.sharing import SharingCase, SharingRule, Party, Role, RuleKind, compute_sharing

    result = compute_sharing(SharingCase(currency="USD", realised=Decimal("1000.00"),
                                         rule=SharingRule(RuleKind.EQUAL),
                                         parties=(Party("CHE", Role.CONFISCATING), Party("COL", Role.COOPERATING))))
    result.pool, [s.amount for s in result.shares], result.steps, result.as_contract()

`compute.py` states the rules exactly; `LEGAL_BASES.md` (in the app) says where they come from and
what of the legal texts was verified.
"""

from tcdesk.assets.sharing.compute import compute_sharing, iso3166_alpha3
from tcdesk.assets.sharing.contract import case_from_document, load_document
from tcdesk.assets.sharing.currencies import Currency, find_currency
from tcdesk.assets.sharing.model import (
    Expense,
    Party,
    PartyShare,
    Return,
    Role,
    RuleKind,
    SharingCase,
    SharingError,
    SharingResult,
    SharingRule,
    Step,
)

__all__ = [
    "Currency",
    "Expense",
    "Party",
    "PartyShare",
    "Return",
    "Role",
    "RuleKind",
    "SharingCase",
    "SharingError",
    "SharingResult",
    "SharingRule",
    "Step",
    "case_from_document",
    "compute_sharing",
    "find_currency",
    "iso3166_alpha3",
    "load_document",
]
