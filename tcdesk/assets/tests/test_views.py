"""The pages: lists, forms, the case with its sharing steps, decisions, transfers, reports, deadlines, map."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tcdesk.assets import services
from tcdesk.assets.models import ConfiscationCase, SharingAgreement, Transfer
from tcdesk.core.dates import today

pytestmark = pytest.mark.django_db


def test_an_officer_registers_an_agreement_with_a_form(officer_client):
    response = officer_client.post(
        reverse("assets:agreement_create"),
        {
            "reference": "SA-FORM",
            "title": "Agreement",
            "state": "CHE",
            "counterpart_state": "COL",
            "legal_basis": "model_agreement",
            "status": "signed",
            "rule": "tiered",
            "tiers": "major = 0.5\nsignificant = 0.3",
            "tier_source": "unverified",
            "currency": "usd",
            "transfer_method": "bank_transfer",
            "deduct_expenses": "on",
        },
    )
    agreement = SharingAgreement.objects.get(reference="SA-FORM")
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()
    assert agreement.tiers == {"major": "0.5", "significant": "0.3"} and agreement.currency == "USD"


def test_a_bad_tier_line_and_a_missing_source_are_shown_on_their_fields(officer_client):
    response = officer_client.post(
        reverse("assets:agreement_create"),
        {
            "reference": "SA-F",
            "title": "A",
            "state": "CHE",
            "counterpart_state": "COL",
            "legal_basis": "uncac_57",
            "status": "signed",
            "rule": "tiered",
            "tiers": "major 0.5",
            "currency": "USD",
            "transfer_method": "cheque",
        },
    )
    assert response.status_code == 200
    assert "Line 1: write KEY = share" in response.content.decode()
    assert not SharingAgreement.objects.exists()


def test_the_case_page_shows_every_step_of_the_sharing(officer_client, sharing_case):
    response = officer_client.get(reverse("assets:case_detail", args=[sharing_case.pk]) + "?tab=sharing")
    page = response.content.decode()
    for text in (
        "Distributable",
        "93,800.00 USD",
        "844,200.00 USD",
        "422,100.00 USD",
        "Record this sharing as decided",
    ):
        assert text in page


def test_the_case_page_in_french(officer_client, sharing_case):
    with translation.override("fr"):
        response = officer_client.get(
            reverse("assets:case_detail", args=[sharing_case.pk]) + "?tab=sharing", HTTP_ACCEPT_LANGUAGE="fr"
        )
    page = response.content.decode()
    assert "Répartition" in page or "répartition" in page


def test_an_officer_records_the_decision_and_a_transfer(officer_client, sharing_case):
    url = reverse("assets:decision_record", args=[sharing_case.pk])
    assert officer_client.post(url, {"decided_on": "2026-11-02"}).status_code == 302
    response = officer_client.post(
        reverse("assets:transfer_add", args=[sharing_case.pk]),
        {
            "kind": "share",
            "state": "COL",
            "amount": "422100.00",
            "transferred_on": "2026-11-20",
            "method": "bank_transfer",
        },
    )
    assert response.status_code == 302
    assert Transfer.objects.get().amount == 422100
    too_much = officer_client.post(
        reverse("assets:transfer_add", args=[sharing_case.pk]),
        {"kind": "share", "state": "COL", "amount": "0.01", "transferred_on": "2026-11-20", "method": "bank_transfer"},
    )
    assert too_much.status_code == 200 and "exceed" in too_much.content.decode()


def test_adding_a_party_with_a_bad_form_keeps_the_errors(officer_client, sharing_case):
    response = officer_client.post(
        reverse("assets:case_item_add", args=[sharing_case.pk, "party"]), {"party-state": "UKR", "party-role": "x"}
    )
    assert response.status_code == 200 and "field-error" in response.content.decode()
    response = officer_client.post(
        reverse("assets:case_item_add", args=[sharing_case.pk, "offence"]),
        {"offence-description": "Money laundering", "offence-article": "art. 6"},
    )
    assert response.status_code == 302 and sharing_case.offences.count() == 1


def test_a_focal_point_reads_its_states_case_but_cannot_record(focal_mli_client, focal_col_client, sharing_case):
    url = reverse("assets:case_detail", args=[sharing_case.pk])
    page = focal_mli_client.get(url + "?tab=sharing")
    assert page.status_code == 200 and "Record this sharing as decided" not in page.content.decode()
    assert focal_mli_client.post(reverse("assets:decision_record", args=[sharing_case.pk]), {}).status_code == 403


def test_a_case_of_other_states_is_not_found_for_a_focal_point(officer, focal_mli_client, sharing_agreement):
    case = services.case_create(actor=officer, reference="CC-2", title="Other", agreement=sharing_agreement)
    assert focal_mli_client.get(reverse("assets:case_detail", args=[case.pk])).status_code == 404


def test_deadlines_are_listed_by_days_left_with_alerts(officer_client, officer, sharing_agreement, settings):
    for reference, order in (("CC-LATE", dt.date(2020, 1, 1)), ("CC-SOON", None)):
        services.case_create(
            actor=officer,
            reference=reference,
            title=reference,
            agreement=sharing_agreement,
            final_order_on=order,
            request_deadline=None if order else today() + dt.timedelta(days=10),
        )
    page = officer_client.get(reverse("assets:deadlines")).content.decode()
    assert page.index("CC-LATE") < page.index("CC-SOON")
    assert "deadline-passed" in page and "deadline-alert" in page


def test_reports_and_map(officer_client, officer, sharing_case):
    services.decision_record(actor=officer, case=sharing_case, decided_on=dt.date(2026, 11, 2))
    for by in ("year", "state", "offence", "legal_basis"):
        response = officer_client.get(reverse("assets:reports") + f"?by={by}")
        assert response.status_code == 200
    assert "422,100.00 USD" in officer_client.get(reverse("assets:reports") + "?by=state").content.decode()
    page = officer_client.get(reverse("assets:map")).content.decode()
    assert "<svg" in page and "Colombia" in page


def test_lists_filter_by_state(officer_client, sharing_case):
    page = officer_client.get(reverse("assets:case_list") + "?state=MLI").content.decode()
    assert sharing_case.reference in page
    page = officer_client.get(reverse("assets:agreement_list") + "?state=UKR").content.decode()
    assert "SA-CHE-COL" not in page
    assert ConfiscationCase.objects.count() == 1


def test_the_deadline_command_lists_and_e_mails_the_alerts(officer, focal_mli, sharing_agreement, mailoutbox):
    import io
    import json

    from django.core.management import call_command

    case = services.case_create(
        actor=officer, reference="CC-D", title="Due", agreement=sharing_agreement, final_order_on=dt.date(2026, 10, 1)
    )
    services.case_party_add(
        actor=officer, case=case, state=focal_mli.role_assignments.get().country, role="cooperating"
    )
    out = io.StringIO()
    call_command("sharing_deadlines", "--on", "2026-12-20", "--json", "--notify", stdout=out)
    document = json.loads(out.getvalue())
    assert document["deadlines"] == [
        {"case": case.pk, "reference": "CC-D", "deadline": "2026-12-30", "days_left": 10, "level": "alert"}
    ]
    assert document["notified"] == 1 and focal_mli.email in mailoutbox[0].to


def test_the_country_page_lists_the_states_agreements(officer_client, sharing_agreement, donor_nor_client):
    page = officer_client.get(reverse("core:country_detail", args=["COL"])).content.decode()
    assert "SA-CHE-COL" in page
    assert "SA-CHE-COL" not in donor_nor_client.get(reverse("core:country_detail", args=["COL"])).content.decode()


def test_the_fund_manager_posts_the_un_share_from_the_case_page(officer, finance, sharing_case):
    from django.test import Client

    from tcdesk.funds.tests.factories import fund

    fund("UNTOC-30")
    services.decision_record(actor=officer, case=sharing_case, decided_on=dt.date(2026, 11, 2))
    client = Client()
    client.force_login(finance)
    page = client.get(reverse("assets:case_detail", args=[sharing_case.pk]) + "?tab=sharing").content.decode()
    assert "Post the UN share as a receipt" in page
    response = client.post(reverse("assets:un_share_post", args=[sharing_case.pk]), {"received_on": "2026-11-30"})
    assert response.status_code == 302
    page = client.get(reverse("assets:case_detail", args=[sharing_case.pk]) + "?tab=sharing").content.decode()
    assert "ASSETS-CC-0001-UN" in page


def test_list_filters_answer_htmx_with_the_results_only(officer_client, sharing_case):
    response = officer_client.get(reverse("assets:case_list") + "?q=CC-0001", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="results">') and "CC-0001" in page and "<html" not in page


def test_the_edit_pages_round_trip_their_own_values(officer_client, officer, sharing_case):
    agreement_url = reverse("assets:agreement_edit", args=[sharing_case.agreement.pk])
    form = officer_client.get(agreement_url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("on" if v is True else "" if v in (None, False) else v) for k, v in data.items()}
    data["title"] = "Renamed agreement"
    assert officer_client.post(agreement_url, data).status_code == 302
    services.decision_record(actor=officer, case=sharing_case, decided_on=dt.date(2026, 11, 2))
    case_url = reverse("assets:case_edit", args=[sharing_case.pk])
    form = officer_client.get(case_url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: "" if v is None else v for k, v in data.items()}
    data["description"] = "Decided; only the description changes."
    response = officer_client.post(case_url, data)
    assert response.status_code == 302, response.context["form"].errors
    sharing_case.refresh_from_db()
    assert sharing_case.description.startswith("Decided") and sharing_case.agreement.title == "Renamed agreement"
