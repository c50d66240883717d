"""Agreements, cases, decisions and transfers as the services record them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tcdesk.assets import services
from tcdesk.assets.models import ConfiscationCase, SharingAgreement, SharingDecision, Transfer
from tcdesk.assets.tests import factories
from tcdesk.core.models import Country, Organisation

pytestmark = pytest.mark.django_db


def test_an_agreement_is_registered_with_its_tier_table_and_its_source(officer):
    agreement = factories.agreement(officer)
    assert agreement.tiers == {"major": "0.5", "significant": "0.3"}
    assert agreement.history.count() == 1


def test_a_tier_table_without_a_source_is_refused(officer):
    with pytest.raises(ValidationError) as error:
        factories.agreement(officer, tier_source="")
    assert "tier_source" in error.value.message_dict


def test_fixed_percentages_must_name_both_states_and_sum_to_exactly_one(officer):
    with pytest.raises(ValidationError) as error:
        factories.agreement(officer, rule="percentages", percentages={"CHE": "0.5", "COL": "0.4"})
    assert "exactly 1" in error.value.message_dict["percentages"][0]
    with pytest.raises(ValidationError) as error:
        factories.agreement(officer, rule="percentages", percentages={"CHE": "0.5", "MLI": "0.5"})
    assert "percentages" in error.value.message_dict
    assert factories.agreement(officer, rule="percentages", percentages={"CHE": "0.6", "COL": "0.4"}).pk


def test_an_agreement_names_exactly_one_counterpart_and_two_different_states(officer):
    with pytest.raises(ValidationError) as error:
        factories.agreement(officer, counterpart_organisation=Organisation.objects.first())
    assert "counterpart_state" in error.value.message_dict
    with pytest.raises(ValidationError):
        factories.agreement(officer, counterpart_state=Country.objects.get(iso3="CHE"))
    with_organisation = factories.agreement(
        officer, reference="SA-2", counterpart_state=None, counterpart_organisation=Organisation.objects.first()
    )
    assert with_organisation.counterpart == Organisation.objects.first()


def test_a_reference_is_unique_and_nothing_is_half_written(officer):
    factories.agreement(officer)
    with pytest.raises(ValidationError) as error:
        factories.agreement(officer)
    assert "reference" in error.value.message_dict
    assert SharingAgreement.objects.count() == 1


def test_only_officers_record(focal_mli, auditor):
    for user in (focal_mli, auditor):
        with pytest.raises(PermissionDenied):
            factories.agreement(user)


def test_the_request_deadline_follows_from_the_final_order_and_the_agreement(officer, sharing_case):
    assert sharing_case.request_deadline == dt.date(2026, 10, 1) + dt.timedelta(days=90)


def test_returns_and_expenses_never_exceed_the_realised_amount(officer, sharing_case):
    with pytest.raises(ValidationError) as error:
        services.case_return_add(
            actor=officer, case=sharing_case, recipient="owner", kind="prior_owner", amount=Decimal("938000.01")
        )
    assert "above the realised amount" in error.value.message_dict["amount"][0]


def test_an_amount_with_more_decimals_than_the_currency_is_refused(officer, sharing_case):
    with pytest.raises(ValidationError) as error:
        services.case_return_add(
            actor=officer, case=sharing_case, recipient="owner", kind="prior_owner", amount=Decimal("1.001")
        )
    assert "USD has 2 decimals" in error.value.message_dict["amount"][0]


def test_a_second_confiscating_state_is_refused(officer, sharing_case):
    with pytest.raises(ValidationError) as error:
        services.case_party_add(
            actor=officer, case=sharing_case, state=Country.objects.get(iso3="UKR"), role="confiscating"
        )
    assert "role" in error.value.message_dict


def test_the_decision_stores_every_step_and_the_contract_numbers(officer, sharing_case):
    decision = services.decision_record(actor=officer, case=sharing_case, decided_on=dt.date(2026, 11, 2))
    assert decision.un_share == Decimal("93800.00") and decision.pool == Decimal("844200.00")
    shares = {s.state_id: s.amount for s in decision.shares.all()}
    assert shares == {"CHE": Decimal("168840.00"), "COL": Decimal("422100.00"), "MLI": Decimal("253260.00")}
    assert [s["code"] for s in decision.steps][:3] == ["realised", "return", "returned"]
    assert decision.inputs["rule"]["tiers"] == {"major": "0.5", "significant": "0.3"}
    assert decision.un_fund == "UNTOC-30"


def test_a_decided_case_keeps_its_figures(officer, sharing_case):
    services.decision_record(actor=officer, case=sharing_case, decided_on=dt.date(2026, 11, 2))
    with pytest.raises(ValidationError):
        services.case_return_add(
            actor=officer, case=sharing_case, recipient="owner", kind="prior_owner", amount=Decimal("1.00")
        )
    with pytest.raises(ValidationError):
        services.case_update(actor=officer, case=sharing_case, realised_amount=Decimal("2.00"))
    case = services.case_update(actor=officer, case=sharing_case, sharing_requested_on=dt.date(2026, 11, 1))
    assert case.sharing_requested_on == dt.date(2026, 11, 1)


def test_a_case_that_cannot_be_computed_records_no_decision(officer, sharing_agreement):
    case = services.case_create(
        actor=officer,
        reference="CC-X",
        title="No parties",
        agreement=sharing_agreement,
        realised_amount=Decimal("10.00"),
    )
    with pytest.raises(ValidationError) as error:
        services.decision_record(actor=officer, case=case, decided_on=dt.date(2026, 11, 2))
    assert "sharing" in error.value.message_dict
    assert not SharingDecision.objects.filter(case=case).exists()


def test_a_case_by_case_agreement_needs_the_case_percentages(officer):
    agreement = factories.agreement(officer, rule="case_by_case", tiers={}, tier_source="")
    with pytest.raises(ValidationError) as error:
        factories.case(officer, agreement)
    assert "rule" in error.value.message_dict
    case = factories.case(
        officer, agreement, rule="percentages", percentages={"CHE": "0.5", "COL": "0.25", "MLI": "0.25"}
    )
    decision = services.decision_record(actor=officer, case=case, decided_on=dt.date(2026, 11, 2))
    assert {s.state_id: s.amount for s in decision.shares.all()}["CHE"] == Decimal("422100.00")


def test_transfers_never_exceed_what_is_due(officer, sharing_case):
    decision = services.decision_record(actor=officer, case=sharing_case, decided_on=dt.date(2026, 11, 2))
    col = Country.objects.get(iso3="COL")
    day = dt.date(2026, 11, 20)
    services.transfer_record(
        actor=officer,
        decision=decision,
        kind="share",
        state=col,
        amount=Decimal("400000.00"),
        transferred_on=day,
        method="bank_transfer",
    )
    with pytest.raises(ValidationError) as error:
        services.transfer_record(
            actor=officer,
            decision=decision,
            kind="share",
            state=col,
            amount=Decimal("22100.01"),
            transferred_on=day,
            method="bank_transfer",
        )
    assert "exceed" in error.value.message_dict["amount"][0]
    services.transfer_record(
        actor=officer,
        decision=decision,
        kind="expense",
        state=Country.objects.get(iso3="CHE"),
        amount=Decimal("12000.00"),
        transferred_on=day,
        method="bank_transfer",
    )
    assert Transfer.objects.filter(decision=decision).count() == 2


def test_focal_points_see_the_cases_and_agreements_of_their_state_only(officer, focal_mli, focal_col, donor_nor):
    agreement = factories.agreement(officer)
    case = factories.case(officer, agreement)
    other = factories.agreement(
        officer,
        reference="SA-2",
        state=Country.objects.get(iso3="FRA"),
        counterpart_state=Country.objects.get(iso3="UKR"),
    )
    assert list(ConfiscationCase.objects.for_user(focal_mli)) == [case]
    assert list(SharingAgreement.objects.for_user(focal_mli)) == []
    assert list(SharingAgreement.objects.for_user(focal_col)) == [agreement]
    assert set(SharingAgreement.objects.for_user(officer)) == {agreement, other}
    assert not ConfiscationCase.objects.for_user(donor_nor).exists()
    assert not SharingAgreement.objects.for_user(donor_nor).exists()


@pytest.fixture
def un_accounts(db):
    from tcdesk.funds.tests.factories import fund

    fund("UNTOC-30")
    fund("UNCAC-62")


def test_the_fund_manager_posts_the_un_share_as_a_receipt_once(officer, finance, sharing_case, un_accounts):
    from tcdesk.funds.models import Receipt

    decision = services.decision_record(actor=officer, case=sharing_case, decided_on=dt.date(2026, 11, 2))
    with pytest.raises(PermissionDenied):
        services.un_share_post(actor=officer, decision=decision, received_on=dt.date(2026, 11, 30))
    receipt = services.un_share_post(actor=finance, decision=decision, received_on=dt.date(2026, 11, 30))
    again = services.un_share_post(actor=finance, decision=decision, received_on=dt.date(2026, 11, 30))
    assert receipt.pk == again.pk and Receipt.objects.count() == 1
    assert (receipt.fund.code, receipt.amount, receipt.currency) == ("UNTOC-30", Decimal("93800.00"), "USD")
    assert receipt.reference == "ASSETS-CC-0001-UN" and receipt.donor.code
    decision.refresh_from_db()
    assert decision.un_receipt_reference == "ASSETS-CC-0001-UN"


def test_a_decision_without_a_un_share_posts_nothing(officer, finance, sharing_agreement, un_accounts):
    from tcdesk.funds.models import Receipt

    case = factories.case(officer, sharing_agreement, un_share_rate=None, un_fund="")
    decision = services.decision_record(actor=officer, case=case, decided_on=dt.date(2026, 11, 2))
    with pytest.raises(ValidationError) as error:
        services.un_share_post(actor=finance, decision=decision, received_on=dt.date(2026, 11, 30))
    assert "un_share" in error.value.message_dict and not Receipt.objects.exists()
