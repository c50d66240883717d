"""The IATI rules tcdesk's exports must follow beyond the schema, each naming the field and the rule."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from tcdesk.portfolio.iati import (
    Budget,
    Narrative,
    PolicyMarker,
    PolicySignificance,
    RecipientCountry,
    RecipientRegion,
    Sector,
    check_activity,
    check_organisation,
)
from tcdesk.portfolio.iati.tests.factories import ActivityFactory, MoneyFactory, OrganisationFactory

TODAY = dt.date(2025, 6, 1)


def rules(activity):
    return [(issue.params["field"], issue.params["rule"]) for issue in check_activity(activity, today=TODAY)]


def test_a_well_formed_project_breaks_no_rule():
    assert rules(ActivityFactory()) == []


@pytest.mark.parametrize(
    ("countries", "regions", "expected"),
    [
        ((("ML", "60"), ("NE", "30")), (), [("recipient_countries", "percentages_sum")]),
        ((("ML", "60"),), (("298", "40"),), []),  # countries and regions share the 100
        ((("ML", None), ("NE", None)), (), [("recipient_countries", "percentage_required")]),
        ((("ML", None),), (), []),  # a single country needs no percentage
        ((("ML", "99.5"),), (), [("recipient_countries", "percentages_sum")]),
        ((("ML", "120"), ("NE", "-20")), (), [("recipient_countries", "percentage_range")]),
    ],
)
def test_recipient_percentages_add_up_to_100(countries, regions, expected):
    activity = ActivityFactory(
        recipient_countries=tuple(
            RecipientCountry(code=code, percentage=Decimal(p) if p else None) for code, p in countries
        ),
        recipient_regions=tuple(RecipientRegion(code=code, percentage=Decimal(p)) for code, p in regions),
    )

    assert rules(activity) == expected


def test_sector_percentages_add_up_to_100_within_each_vocabulary():
    activity = ActivityFactory(
        sectors=(
            Sector(code="15130", percentage=Decimal("70")),
            Sector(code="15190", percentage=Decimal("30")),
            Sector(code="CT", vocabulary="99", percentage=Decimal("50")),
        )
    )

    (issue,) = check_activity(activity, today=TODAY)

    assert issue.params == {"field": "sectors", "rule": "percentages_sum", "total": "50"}
    assert issue.message == "sectors: percentages add up to 50, not 100 (vocabulary 99)"


def test_end_before_start_is_refused():
    activity = ActivityFactory(planned_start=dt.date(2025, 1, 1), planned_end=dt.date(2024, 12, 31))

    assert rules(activity) == [("planned_end", "end_before_start")]


def test_a_start_date_is_required():
    assert rules(ActivityFactory(planned_start=None, actual_start=None)) == [("planned_start", "start_required")]


def test_actual_dates_cannot_lie_in_the_future():
    assert rules(ActivityFactory(actual_start=dt.date(2025, 7, 1))) == [("actual_start", "future_actual_date")]


def test_the_identifier_starts_with_the_reporting_organisation_and_has_no_slash():
    assert rules(ActivityFactory(identifier="XI-IATI-TCDESK-GLO/T/001")) == [("identifier", "identifier_characters")]
    assert rules(ActivityFactory(identifier="GLOT001")) == [("identifier", "identifier_prefix")]


def test_a_budget_covers_at_most_a_year_and_ends_after_it_starts():
    too_long = Budget(period_start=dt.date(2024, 1, 1), period_end=dt.date(2025, 6, 30), value=MoneyFactory())
    backwards = Budget(period_start=dt.date(2024, 6, 30), period_end=dt.date(2024, 1, 1), value=MoneyFactory())

    assert rules(ActivityFactory(budgets=(too_long, backwards))) == [
        ("budgets[1]", "budget_period_length"),
        ("budgets[2]", "end_before_start"),
    ]


def test_every_value_needs_a_currency_when_there_is_no_default():
    assert ("transactions[1]", "currency_required") in rules(ActivityFactory(default_currency=None))


def test_every_text_needs_a_language_when_there_is_no_default():
    activity = ActivityFactory(lang=None, title=(Narrative("Title"), Narrative("Titre", "fr")))

    assert ("title", "language_required") in rules(activity)


def test_transactions_cannot_be_dated_in_the_future():
    activity = ActivityFactory()
    late = dataclasses.replace(activity.transactions[0], date=dt.date(2025, 6, 2))

    assert rules(dataclasses.replace(activity, transactions=(late,))) == [
        ("transactions[1]", "future_transaction_date")
    ]


def test_a_sector_is_reported_on_the_activity_or_on_the_transactions_not_both():
    activity = ActivityFactory()
    with_sector = dataclasses.replace(activity.transactions[0], sectors=(Sector(code="15130"),))

    assert rules(dataclasses.replace(activity, transactions=(with_sector,))) == [("sectors", "sector_once")]
    assert rules(dataclasses.replace(activity, sectors=(), transactions=())) == [("sectors", "sector_required")]


def test_the_gender_equality_marker_takes_0_1_or_2():
    marker = PolicyMarker(code="1", significance=PolicySignificance.PRINCIPAL_OBJECTIVE_AND_ACTION_PROGRAMME)
    activity = ActivityFactory(policy_markers=(marker,))

    assert rules(activity) == [("policy_markers", "gender_marker_significance")]
    assert ActivityFactory().gender_equality is PolicySignificance.SIGNIFICANT_OBJECTIVE


def test_quantitative_indicators_need_their_values():
    activity = ActivityFactory()
    indicator = activity.results[0].indicators[0]
    baseline = dataclasses.replace(indicator.baselines[0], value=None)
    result = dataclasses.replace(
        activity.results[0], indicators=(dataclasses.replace(indicator, baselines=(baseline,)),)
    )

    assert rules(dataclasses.replace(activity, results=(result,))) == [("results[1]", "indicator_value_required")]


def test_an_organisation_record_reports_for_itself():
    assert check_organisation(OrganisationFactory()) == []
    assert [i.params["rule"] for i in check_organisation(OrganisationFactory(identifier="XM-OTHER"))] == [
        "reporting_org_ref"
    ]
