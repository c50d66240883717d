"""An IATI 2.03 activity as tcdesk publishes and imports it: immutable dataclasses, no XML.

The writer turns these into XML and the reader turns XML back into them, so that
`read(write(activity)) == activity`. The Django layer maps its models to these classes and back;
it never handles XML itself. Conventions:

- sequences are tuples (the objects are frozen and compare by value);
- money is a `Money` with a `Decimal` amount; `currency=None` means the activity's (or the
  organisation's) `default_currency`;
- texts are tuples of `Narrative`s, one per language; `lang=None` means the activity's `lang`;
- codes from closed IATI lists are enums (`codes.py`); codes from open lists (sectors, countries,
  regions, organisation types, aid/finance/flow types, policy markers) are strings as published.

What IATI allows but tcdesk neither publishes nor reads is left out on purpose: locations,
contact details (names of people never leave tcdesk), other identifiers, conditions, country budget
items, planned disbursements, loan and forward-spending data. The reader skips those elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from tcdesk.portfolio.iati.codes import (
    POLICY_MARKER_GENDER_EQUALITY,
    POLICY_MARKER_VOCABULARY_DAC,
    ActivityStatus,
    BudgetStatus,
    BudgetType,
    DescriptionType,
    IndicatorMeasure,
    OrganisationRole,
    PolicySignificance,
    RelatedActivityType,
    ResultType,
    TransactionType,
)


@dataclass(frozen=True, slots=True)
class Narrative:
    """A text in one language (`lang` an ISO 639-1 code in lower case, or None for the default)."""

    text: str
    lang: str | None = None


Narratives = tuple[Narrative, ...]


def narratives(by_lang: dict[str | None, str]) -> Narratives:
    """Narratives from a {language: text} mapping, skipping empty texts: `narratives({"en": …, "fr": …})`."""
    return tuple(Narrative(text, lang) for lang, text in by_lang.items() if text)


def text_in(texts: Narratives, lang: str, *, default_lang: str | None = None) -> str | None:
    """The text in `lang`, else the one in the default language, else the first; None when there is none."""
    for narrative in texts:
        if (narrative.lang or default_lang) == lang:
            return narrative.text
    for narrative in texts:
        if narrative.lang is None or narrative.lang == default_lang:
            return narrative.text
    return texts[0].text if texts else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Money:
    amount: Decimal
    value_date: date
    currency: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportingOrg:
    ref: str
    type: str
    names: Narratives
    secondary_reporter: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ParticipatingOrg:
    role: OrganisationRole
    ref: str | None = None
    type: str | None = None
    names: Narratives = ()
    activity_id: str | None = None
    crs_channel_code: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Description:
    texts: Narratives
    type: DescriptionType | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecipientCountry:
    """`code` is ISO 3166-1 alpha-2, as IATI requires (tcdesk keys countries by alpha-3)."""

    code: str
    percentage: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecipientRegion:
    code: str
    vocabulary: str = "1"
    percentage: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Sector:
    code: str
    vocabulary: str = "1"
    percentage: Decimal | None = None
    vocabulary_uri: str | None = None
    names: Narratives = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Tag:
    code: str
    vocabulary: str
    vocabulary_uri: str | None = None
    names: Narratives = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyMarker:
    code: str
    significance: PolicySignificance | None = None
    vocabulary: str = POLICY_MARKER_VOCABULARY_DAC
    vocabulary_uri: str | None = None
    names: Narratives = ()

    @property
    def is_gender_equality(self) -> bool:
        return self.vocabulary == POLICY_MARKER_VOCABULARY_DAC and self.code == POLICY_MARKER_GENDER_EQUALITY


@dataclass(frozen=True, slots=True, kw_only=True)
class AidType:
    code: str
    vocabulary: str = "1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Budget:
    period_start: date
    period_end: date
    value: Money
    type: BudgetType = BudgetType.ORIGINAL
    status: BudgetStatus = BudgetStatus.INDICATIVE


@dataclass(frozen=True, slots=True, kw_only=True)
class TransactionOrg:
    """The provider or the receiver of a transaction; `activity_id` is their IATI activity, if any."""

    ref: str | None = None
    type: str | None = None
    activity_id: str | None = None
    names: Narratives = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Transaction:
    type: TransactionType
    date: date
    value: Money
    ref: str | None = None
    humanitarian: bool | None = None
    description: Narratives = ()
    provider_org: TransactionOrg | None = None
    receiver_org: TransactionOrg | None = None
    disbursement_channel: str | None = None
    sectors: tuple[Sector, ...] = ()  # without percentages on a transaction
    recipient_country: str | None = None
    recipient_region: RecipientRegion | None = None  # percentage must stay None on a transaction
    flow_type: str | None = None
    finance_type: str | None = None
    aid_types: tuple[AidType, ...] = ()
    tied_status: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentLink:
    url: str
    format: str  # a media type, e.g. "application/pdf"
    title: Narratives
    categories: tuple[str, ...]  # IATI document category codes, at least one (e.g. "A01")
    description: Narratives = ()
    languages: tuple[str, ...] = ()
    document_date: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RelatedActivity:
    ref: str
    type: RelatedActivityType


@dataclass(frozen=True, slots=True, kw_only=True)
class Dimension:
    """A disaggregation of a result value, e.g. `Dimension(name="sex", value="female")`."""

    name: str
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Baseline:
    year: int
    value: str | None = None
    iso_date: date | None = None
    dimensions: tuple[Dimension, ...] = ()
    comment: Narratives = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultValue:
    """A target or an actual of a result period; one per combination of dimensions."""

    value: str | None = None
    dimensions: tuple[Dimension, ...] = ()
    comment: Narratives = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultPeriod:
    start: date
    end: date
    targets: tuple[ResultValue, ...] = ()
    actuals: tuple[ResultValue, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator:
    measure: IndicatorMeasure
    title: Narratives
    description: Narratives = ()
    ascending: bool | None = None
    aggregation_status: bool | None = None
    baselines: tuple[Baseline, ...] = ()
    periods: tuple[ResultPeriod, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """An output or an outcome (`type`) with its indicators (IATI requires at least one)."""

    type: ResultType
    title: Narratives
    indicators: tuple[Indicator, ...]
    description: Narratives = ()
    aggregation_status: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Activity:
    """One `iati-activity`: a tcdesk project (or a partner's activity read from their file).

    IATI requires a title, at least one description and one participating organisation, and at
    least one of the four dates. `source_line` is where the reader found the activity (not compared).
    """

    identifier: str
    reporting_org: ReportingOrg
    title: Narratives
    descriptions: tuple[Description, ...]
    participating_orgs: tuple[ParticipatingOrg, ...]
    status: ActivityStatus
    planned_start: date | None = None
    actual_start: date | None = None
    planned_end: date | None = None
    actual_end: date | None = None
    scope: str | None = None
    recipient_countries: tuple[RecipientCountry, ...] = ()
    recipient_regions: tuple[RecipientRegion, ...] = ()
    sectors: tuple[Sector, ...] = ()
    tags: tuple[Tag, ...] = ()
    policy_markers: tuple[PolicyMarker, ...] = ()
    collaboration_type: str | None = None
    default_flow_type: str | None = None
    default_finance_type: str | None = None
    default_aid_types: tuple[AidType, ...] = ()
    default_tied_status: str | None = None
    budgets: tuple[Budget, ...] = ()
    transactions: tuple[Transaction, ...] = ()
    document_links: tuple[DocumentLink, ...] = ()
    related_activities: tuple[RelatedActivity, ...] = ()
    results: tuple[Result, ...] = ()
    default_currency: str | None = None
    lang: str | None = None
    last_updated: datetime | None = None
    hierarchy: int | None = None
    humanitarian: bool | None = None
    budget_not_provided: str | None = None
    source_line: int | None = field(default=None, compare=False)

    @property
    def start(self) -> date | None:
        """When it started, or is planned to (the actual date wins): what a country page shows."""
        return self.actual_start or self.planned_start

    @property
    def end(self) -> date | None:
        """When it ended, or is planned to (the actual date wins)."""
        return self.actual_end or self.planned_end

    @property
    def gender_equality(self) -> PolicySignificance | None:
        """The significance of the DAC gender equality marker, None when the activity has none."""
        for marker in self.policy_markers:
            if marker.is_gender_equality:
                return marker.significance
        return None

    def text(self, texts: Narratives, lang: str) -> str | None:
        """One of this activity's texts in `lang` (falling back as `text_in` does)."""
        return text_in(texts, lang, default_lang=self.lang)
