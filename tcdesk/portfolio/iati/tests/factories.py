"""factory_boy factories of IATI dataclasses: a synthetic tcdesk project that passes every IATI rule.

Synthetic data: the reporting organisation `XI-IATI-TCDESK` and the projects are made up; the codes
(DAC sectors, countries, transaction types) are real IATI codes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from tcdesk.portfolio.iati import (
    Activity,
    ActivityStatus,
    Baseline,
    Budget,
    BudgetLine,
    Description,
    DescriptionType,
    Dimension,
    DocumentLink,
    Indicator,
    IndicatorMeasure,
    Money,
    Narrative,
    Organisation,
    OrganisationRole,
    ParticipatingOrg,
    PolicyMarker,
    PolicySignificance,
    RecipientCountry,
    RecipientCountryBudget,
    RelatedActivity,
    RelatedActivityType,
    ReportingOrg,
    Result,
    ResultPeriod,
    ResultType,
    ResultValue,
    Sector,
    TotalBudget,
    TotalExpenditure,
    Transaction,
    TransactionOrg,
    TransactionType,
)

ORG_REF = "XI-IATI-TCDESK"


def bilingual(english: str, french: str) -> tuple[Narrative, ...]:
    return (Narrative(english, None), Narrative(french, "fr"))


class ReportingOrgFactory(factory.Factory):
    class Meta:
        model = ReportingOrg

    ref = ORG_REF
    type = "40"
    names = bilingual("Crime prevention and criminal justice programme", "Programme de prévention du crime")


class MoneyFactory(factory.Factory):
    class Meta:
        model = Money

    amount = Decimal("125000.50")
    value_date = dt.date(2024, 3, 1)
    currency = None


class TransactionFactory(factory.Factory):
    class Meta:
        model = Transaction

    type = TransactionType.DISBURSEMENT
    date = dt.date(2024, 3, 1)
    value = factory.SubFactory(MoneyFactory)
    ref = factory.Sequence(lambda n: f"LEDGER-{n + 1:06d}")
    description = bilingual("Disbursement to the implementing partner", "Décaissement au partenaire")
    provider_org = TransactionOrg(ref=ORG_REF, type="40", names=(Narrative("Programme"),))
    receiver_org = TransactionOrg(
        ref="XM-DAC-41114", type="40", names=(Narrative("United Nations Development Programme"),)
    )


class BudgetFactory(factory.Factory):
    class Meta:
        model = Budget

    period_start = dt.date(2024, 1, 1)
    period_end = dt.date(2024, 12, 31)
    value = factory.SubFactory(MoneyFactory, amount=Decimal("500000"), value_date=dt.date(2024, 1, 1))


def women_and_men_trained() -> Result:
    """An output counting people trained, by sex: the results tcdesk publishes for training events."""

    def by_sex(women: str, men: str) -> tuple[ResultValue, ...]:
        return (
            ResultValue(value=women, dimensions=(Dimension(name="sex", value="female"),)),
            ResultValue(value=men, dimensions=(Dimension(name="sex", value="male"),)),
        )

    return Result(
        type=ResultType.OUTPUT,
        title=bilingual("Judges and prosecutors trained", "Juges et procureurs formés"),
        aggregation_status=True,
        indicators=(
            Indicator(
                measure=IndicatorMeasure.UNIT,
                title=bilingual("People trained, by sex", "Personnes formées, par sexe"),
                ascending=True,
                baselines=(Baseline(year=2023, value="0", iso_date=dt.date(2023, 12, 31)),),
                periods=(
                    ResultPeriod(
                        start=dt.date(2024, 1, 1),
                        end=dt.date(2024, 12, 31),
                        targets=by_sex("40", "40"),
                        actuals=by_sex("37", "45"),
                    ),
                ),
            ),
        ),
    )


class ActivityFactory(factory.Factory):
    """A project of a global programme against trafficking in persons, with money, results and markers."""

    class Meta:
        model = Activity

    identifier = factory.Sequence(lambda n: f"{ORG_REF}-GLOT{n + 1:03d}")
    reporting_org = factory.SubFactory(ReportingOrgFactory)
    title = bilingual(
        "Strengthening criminal justice responses to trafficking in persons",
        "Renforcer la réponse de la justice pénale à la traite des personnes",
    )
    descriptions = (
        Description(
            type=DescriptionType.GENERAL,
            texts=bilingual("Training of judges and prosecutors.", "Formation de juges et de procureurs."),
        ),
    )
    participating_orgs = (
        ParticipatingOrg(role=OrganisationRole.FUNDING, ref="XM-DAC-8-1", type="10", names=(Narrative("Norway"),)),
        ParticipatingOrg(role=OrganisationRole.EXTENDING, ref=ORG_REF, type="40", names=(Narrative("Programme"),)),
        ParticipatingOrg(role=OrganisationRole.IMPLEMENTING, ref="XM-DAC-41114", type="40", names=(Narrative("UNDP"),)),
    )
    status = ActivityStatus.IMPLEMENTATION
    planned_start = dt.date(2024, 1, 1)
    actual_start = dt.date(2024, 2, 15)
    planned_end = dt.date(2026, 12, 31)
    scope = "4"
    recipient_countries = (
        RecipientCountry(code="ML", percentage=Decimal("60")),
        RecipientCountry(code="NE", percentage=Decimal("40")),
    )
    sectors = (
        Sector(code="15130", percentage=Decimal("70")),
        Sector(code="15190", percentage=Decimal("30")),
    )
    policy_markers = (PolicyMarker(code="1", significance=PolicySignificance.SIGNIFICANT_OBJECTIVE),)
    default_flow_type = "10"
    default_finance_type = "110"
    budgets = factory.LazyFunction(lambda: (BudgetFactory(),))
    transactions = factory.LazyFunction(
        lambda: (
            TransactionFactory(type=TransactionType.INCOMING_FUNDS, value=MoneyFactory(amount=Decimal("500000"))),
            TransactionFactory(),
            TransactionFactory(type=TransactionType.EXPENDITURE, value=MoneyFactory(amount=Decimal("80000.25"))),
        )
    )
    document_links = (
        DocumentLink(
            url="https://tcdesk.example.org/projects/GLOT001/report.pdf",
            format="application/pdf",
            title=bilingual("Annual progress report 2024", "Rapport annuel 2024"),
            categories=("A07",),
            languages=("en", "fr"),
            document_date=dt.date(2025, 1, 31),
        ),
    )
    related_activities = (RelatedActivity(ref=f"{ORG_REF}-GLOT", type=RelatedActivityType.PARENT),)
    results = factory.LazyFunction(lambda: (women_and_men_trained(),))
    default_currency = "USD"
    lang = "en"
    last_updated = dt.datetime(2025, 2, 1, 9, 30, tzinfo=dt.UTC)
    hierarchy = 2
    humanitarian = False


class OrganisationFactory(factory.Factory):
    class Meta:
        model = Organisation

    identifier = ORG_REF
    name = bilingual("Crime prevention and criminal justice programme", "Programme de prévention du crime")
    reporting_org = factory.SubFactory(ReportingOrgFactory)
    total_budgets = factory.LazyFunction(
        lambda: (
            TotalBudget(
                period_start=dt.date(2025, 1, 1),
                period_end=dt.date(2025, 12, 31),
                value=MoneyFactory(amount=Decimal("12500000"), value_date=dt.date(2025, 1, 1)),
                lines=(
                    BudgetLine(
                        ref="CPCJF",
                        value=MoneyFactory(amount=Decimal("9000000"), value_date=dt.date(2025, 1, 1)),
                        names=bilingual("Crime Prevention and Criminal Justice Fund", "Fonds pour la prévention"),
                    ),
                ),
            ),
        )
    )
    recipient_country_budgets = factory.LazyFunction(
        lambda: (
            RecipientCountryBudget(
                country="ML",
                period_start=dt.date(2025, 1, 1),
                period_end=dt.date(2025, 12, 31),
                value=MoneyFactory(amount=Decimal("750000"), value_date=dt.date(2025, 1, 1)),
            ),
        )
    )
    total_expenditures = factory.LazyFunction(
        lambda: (
            TotalExpenditure(
                period_start=dt.date(2024, 1, 1),
                period_end=dt.date(2024, 12, 31),
                value=MoneyFactory(amount=Decimal("11020000.75"), value_date=dt.date(2024, 12, 31)),
            ),
        )
    )
    default_currency = "USD"
    lang = "en"
    last_updated = dt.datetime(2025, 2, 1, 9, 30, tzinfo=dt.UTC)
