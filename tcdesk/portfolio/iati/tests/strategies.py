"""Hypothesis strategies: any activity or organisation the schema accepts (IATI rules not enforced)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from hypothesis import strategies as st

from tcdesk.portfolio.iati import (
    Activity,
    ActivityStatus,
    AidType,
    Baseline,
    Budget,
    BudgetLine,
    BudgetStatus,
    BudgetType,
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
    RecipientOrgBudget,
    RecipientRegion,
    RecipientRegionBudget,
    RelatedActivity,
    RelatedActivityType,
    ReportingOrg,
    Result,
    ResultPeriod,
    ResultType,
    ResultValue,
    Sector,
    Tag,
    TotalBudget,
    TotalExpenditure,
    Transaction,
    TransactionOrg,
    TransactionType,
)

# Characters XML 1.0 can carry (no controls, no surrogates, no non-characters); the reader drops
# white space around texts, so generated texts have none.
texts = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Cn"), include_characters="\n\t"),
    max_size=40,
).map(str.strip)
codes = st.from_regex(r"[A-Z0-9][A-Z0-9.\-]{0,7}", fullmatch=True)
languages = st.sampled_from(["en", "fr", "es", "ar", "zh", "ru"])
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))
amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2)
percentages = st.decimals(min_value=0, max_value=100, places=3)
# Hypothesis takes naive bounds and adds the time zones itself.
EARLIEST = dt.datetime(1990, 1, 1)  # noqa: DTZ001
LATEST = dt.datetime(2060, 1, 1)  # noqa: DTZ001
urls = st.from_regex(r"https://example\.org/[a-z0-9/]{0,20}", fullmatch=True)


def narratives(min_size: int = 0) -> st.SearchStrategy[tuple[Narrative, ...]]:
    narrative = st.builds(Narrative, texts, st.none() | languages)
    return st.lists(narrative, min_size=min_size, max_size=3).map(tuple)


def small(strategy: st.SearchStrategy, min_size: int = 0, max_size: int = 2) -> st.SearchStrategy[tuple]:
    return st.lists(strategy, min_size=min_size, max_size=max_size).map(tuple)


money = st.builds(Money, amount=amounts, value_date=dates, currency=st.none() | st.sampled_from(["USD", "EUR", "NOK"]))
sectors = st.builds(
    Sector,
    code=codes,
    vocabulary=st.sampled_from(["1", "2", "99"]),
    percentage=st.none() | percentages,
    vocabulary_uri=st.none() | urls,
    names=narratives(),
)
aid_types = st.builds(AidType, code=codes, vocabulary=st.sampled_from(["1", "2"]))
transaction_orgs = st.builds(
    TransactionOrg,
    ref=st.none() | codes,
    type=st.none() | st.sampled_from(["10", "40", "21"]),
    activity_id=st.none() | codes,
    names=narratives(),
)
transactions = st.builds(
    Transaction,
    type=st.sampled_from(TransactionType),
    date=dates,
    value=money,
    ref=st.none() | codes,
    humanitarian=st.none() | st.booleans(),
    description=narratives(),
    provider_org=st.none() | transaction_orgs,
    receiver_org=st.none() | transaction_orgs,
    disbursement_channel=st.none() | codes,
    sectors=small(sectors.map(lambda sector: replace(sector, percentage=None))),
    recipient_country=st.none() | st.sampled_from(["ML", "CO", "UA"]),
    recipient_region=st.none() | st.builds(RecipientRegion, code=codes, vocabulary=st.sampled_from(["1", "2"])),
    flow_type=st.none() | codes,
    finance_type=st.none() | codes,
    aid_types=small(aid_types),
    tied_status=st.none() | codes,
)
dimensions = small(st.builds(Dimension, name=st.sampled_from(["sex", "age"]), value=texts))
result_values = st.builds(ResultValue, value=st.none() | texts, dimensions=dimensions, comment=narratives())
indicators = st.builds(
    Indicator,
    measure=st.sampled_from(IndicatorMeasure),
    title=narratives(1),
    description=narratives(),
    ascending=st.none() | st.booleans(),
    aggregation_status=st.none() | st.booleans(),
    baselines=small(
        st.builds(
            Baseline,
            year=st.integers(1990, 2060),
            value=st.none() | texts,
            iso_date=st.none() | dates,
            dimensions=dimensions,
            comment=narratives(),
        )
    ),
    periods=small(
        st.builds(
            ResultPeriod,
            start=dates,
            end=dates,
            targets=small(result_values),
            actuals=small(result_values),
        )
    ),
)
document_links = st.builds(
    DocumentLink,
    url=urls,
    format=st.sampled_from(["application/pdf", "text/html"]),
    title=narratives(1),
    categories=small(st.sampled_from(["A01", "A07", "B01"]), min_size=1),
    description=narratives(),
    languages=small(languages),
    document_date=st.none() | dates,
)
reporting_orgs = st.builds(
    ReportingOrg,
    ref=codes,
    type=st.sampled_from(["10", "40"]),
    names=narratives(1),
    secondary_reporter=st.none() | st.booleans(),
)


@st.composite
def activities(draw: st.DrawFn) -> Activity:
    start_dates = draw(
        st.fixed_dictionaries(
            {},
            optional={"planned_start": dates, "actual_start": dates, "planned_end": dates, "actual_end": dates},
        ).filter(bool)
    )
    return Activity(
        identifier=draw(codes),
        reporting_org=draw(reporting_orgs),
        title=draw(narratives(1)),
        descriptions=draw(
            small(
                st.builds(Description, texts=narratives(1), type=st.none() | st.sampled_from(DescriptionType)),
                min_size=1,
            )
        ),
        participating_orgs=draw(
            small(
                st.builds(
                    ParticipatingOrg,
                    role=st.sampled_from(OrganisationRole),
                    ref=st.none() | codes,
                    type=st.none() | st.sampled_from(["10", "40"]),
                    names=narratives(),
                    activity_id=st.none() | codes,
                    crs_channel_code=st.none() | codes,
                ),
                min_size=1,
            )
        ),
        status=draw(st.sampled_from(ActivityStatus)),
        **start_dates,
        scope=draw(st.none() | st.sampled_from(["1", "4", "8"])),
        recipient_countries=draw(small(st.builds(RecipientCountry, code=codes, percentage=st.none() | percentages))),
        recipient_regions=draw(
            small(
                st.builds(
                    RecipientRegion,
                    code=codes,
                    vocabulary=st.sampled_from(["1", "2"]),
                    percentage=st.none() | percentages,
                )
            )
        ),
        sectors=draw(small(sectors)),
        tags=draw(
            small(
                st.builds(
                    Tag, code=codes, vocabulary=st.sampled_from(["2", "3", "99"]), vocabulary_uri=st.none() | urls
                )
            )
        ),
        policy_markers=draw(
            small(
                st.builds(
                    PolicyMarker,
                    code=codes,
                    significance=st.none() | st.sampled_from(PolicySignificance),
                    vocabulary=st.sampled_from(["1", "99"]),
                    names=narratives(),
                )
            )
        ),
        collaboration_type=draw(st.none() | codes),
        default_flow_type=draw(st.none() | codes),
        default_finance_type=draw(st.none() | codes),
        default_aid_types=draw(small(aid_types)),
        default_tied_status=draw(st.none() | codes),
        budgets=draw(
            small(
                st.builds(
                    Budget,
                    period_start=dates,
                    period_end=dates,
                    value=money,
                    type=st.sampled_from(BudgetType),
                    status=st.sampled_from(BudgetStatus),
                )
            )
        ),
        transactions=draw(small(transactions)),
        document_links=draw(small(document_links, max_size=2)),
        related_activities=draw(
            small(st.builds(RelatedActivity, ref=codes, type=st.sampled_from(RelatedActivityType)))
        ),
        results=draw(
            small(
                st.builds(
                    Result,
                    type=st.sampled_from(ResultType),
                    title=narratives(1),
                    indicators=small(indicators, min_size=1, max_size=2),
                    description=narratives(),
                    aggregation_status=st.none() | st.booleans(),
                ),
                max_size=2,
            )
        ),
        default_currency=draw(st.none() | st.sampled_from(["USD", "EUR"])),
        lang=draw(st.none() | languages),
        last_updated=draw(
            st.none()
            | st.datetimes(
                min_value=EARLIEST,
                max_value=LATEST,
                timezones=st.none() | st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5))]),
            )
        ),
        hierarchy=draw(st.none() | st.integers(1, 5)),
        humanitarian=draw(st.none() | st.booleans()),
        budget_not_provided=draw(st.none() | st.sampled_from(["1", "2", "3"])),
    )


budget_lines = small(st.builds(BudgetLine, value=money, names=narratives(1), ref=st.none() | codes))
organisations = st.builds(
    Organisation,
    identifier=codes,
    name=narratives(1),
    reporting_org=reporting_orgs,
    total_budgets=small(
        st.builds(
            TotalBudget,
            period_start=dates,
            period_end=dates,
            value=money,
            status=st.sampled_from(BudgetStatus),
            lines=budget_lines,
        )
    ),
    recipient_org_budgets=small(
        st.builds(
            RecipientOrgBudget,
            recipient_org_names=narratives(1),
            recipient_org_ref=st.none() | codes,
            period_start=dates,
            period_end=dates,
            value=money,
            status=st.sampled_from(BudgetStatus),
            lines=budget_lines,
        )
    ),
    recipient_region_budgets=small(
        st.builds(
            RecipientRegionBudget,
            region=codes,
            region_vocabulary=st.sampled_from(["1", "2"]),
            period_start=dates,
            period_end=dates,
            value=money,
            lines=budget_lines,
        )
    ),
    recipient_country_budgets=small(
        st.builds(RecipientCountryBudget, country=codes, period_start=dates, period_end=dates, value=money)
    ),
    total_expenditures=small(
        st.builds(TotalExpenditure, period_start=dates, period_end=dates, value=money, lines=budget_lines)
    ),
    document_links=small(document_links, max_size=2),
    default_currency=st.none() | st.sampled_from(["USD", "EUR"]),
    lang=st.none() | languages,
    last_updated=st.none() | st.datetimes(min_value=EARLIEST, max_value=LATEST),
)
