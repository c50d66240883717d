"""An IATI 2.03 organisation file's record (`iati-organisation`): who publishes, and its budgets.

tcdesk publishes one at `/open/iati/organisation.xml`: the programme's total budget per year,
budgets per recipient country, region or organisation, and total expenditure. Same conventions
as `model.py` (frozen dataclasses, tuples, `Money` with `currency=None` meaning the default).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from tcdesk.portfolio.iati.codes import BudgetStatus
from tcdesk.portfolio.iati.model import DocumentLink, Money, Narratives, ReportingOrg


@dataclass(frozen=True, slots=True, kw_only=True)
class BudgetLine:
    """A breakdown of a budget or expenditure; the lines need not add up to the total."""

    value: Money
    names: Narratives
    ref: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TotalBudget:
    period_start: date
    period_end: date
    value: Money
    status: BudgetStatus = BudgetStatus.INDICATIVE
    lines: tuple[BudgetLine, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RecipientOrgBudget:
    recipient_org_names: Narratives
    period_start: date
    period_end: date
    value: Money
    recipient_org_ref: str | None = None
    status: BudgetStatus = BudgetStatus.INDICATIVE
    lines: tuple[BudgetLine, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RecipientCountryBudget:
    country: str  # ISO 3166-1 alpha-2
    period_start: date
    period_end: date
    value: Money
    status: BudgetStatus = BudgetStatus.INDICATIVE
    lines: tuple[BudgetLine, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RecipientRegionBudget:
    region: str
    period_start: date
    period_end: date
    value: Money
    region_vocabulary: str = "1"
    status: BudgetStatus = BudgetStatus.INDICATIVE
    lines: tuple[BudgetLine, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TotalExpenditure:
    period_start: date
    period_end: date
    value: Money
    lines: tuple[BudgetLine, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Organisation:
    """One `iati-organisation`: its identifier, name, and what it plans to spend and has spent."""

    identifier: str
    name: Narratives
    reporting_org: ReportingOrg
    total_budgets: tuple[TotalBudget, ...] = ()
    recipient_org_budgets: tuple[RecipientOrgBudget, ...] = ()
    recipient_region_budgets: tuple[RecipientRegionBudget, ...] = ()
    recipient_country_budgets: tuple[RecipientCountryBudget, ...] = ()
    total_expenditures: tuple[TotalExpenditure, ...] = ()
    document_links: tuple[DocumentLink, ...] = ()
    default_currency: str | None = None
    lang: str | None = None
    last_updated: datetime | None = None
    source_line: int | None = field(default=None, compare=False)
