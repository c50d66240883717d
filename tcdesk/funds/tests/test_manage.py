"""Fund managers' pages and API writes: funds, donors, agreements, earmarks, receipts and their reversal,
refunds, transfers, expenditure. The wrong role is refused; bad input names the field and the rule and
writes nothing; money rules answer 409."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tcdesk.funds import services
from tcdesk.funds.models import (
    Allocation,
    ContributionAgreement,
    Donor,
    Earmark,
    Expenditure,
    Fund,
    LedgerTransaction,
    Pledge,
    Receipt,
    Refund,
)
from tcdesk.funds.tests import factories
from tcdesk.funds.tests.factories import DAY

pytestmark = pytest.mark.django_db


def api(client, method, url, body):
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def messages_of(response) -> dict[str, list[str]]:
    return {item["loc"][-1]: item["msg"] for item in response.json()["detail"]}


@pytest.fixture
def agreement(cpcjf):
    return factories.agreement()


@pytest.fixture
def funded(agreement):
    """NOR gave 105,000 NOK (10,000 USD) unearmarked and 21,000 NOK (2,000 USD) to an Africa earmark."""
    earmark = services.earmark_create(
        actor=None, agreement=agreement.pk, code="NOR-AFR", label="Africa", regions=["002"]
    )
    for reference, amount, pot in (("R-1", "105000", None), ("R-2", "21000", earmark.pk)):
        services.receipt_record(
            actor=None,
            fund="CPCJF",
            donor="NOR",
            amount=Decimal(amount),
            currency="NOK",
            received_on=DAY,
            agreement=agreement.pk,
            earmark=pot,
            reference=reference,
        )
    return earmark


# ---------------------------------------------------------------------------------------------- pages


def test_a_fund_manager_creates_and_edits_a_fund_in_the_browser(finance_client):
    assert finance_client.get("/funds/new/").status_code == 200
    response = finance_client.post(
        "/funds/new/",
        {"code": "UNCAC-62", "name_en": "Corruption Convention fund", "kind": "convention", "currency": "USD"},
    )
    assert response.status_code == 302 and response["Location"] == "/funds/UNCAC-62/"
    response = finance_client.post(
        "/funds/UNCAC-62/edit/",
        {"name_en": "UNCAC art. 62", "name_fr": "CNUCC art. 62", "kind": "convention", "currency": "EUR"},
    )
    assert response.status_code == 302
    fund = Fund.objects.get(code="UNCAC-62")
    assert (fund.name_fr, fund.currency, fund.active) == ("CNUCC art. 62", "EUR", False)


def test_a_bad_fund_names_the_field_and_writes_nothing(finance_client):
    response = finance_client.post("/funds/new/", {"code": "X", "name_en": "X", "kind": "general", "currency": "ZZZ"})
    assert response.status_code == 422
    assert "“ZZZ” is not an ISO 4217 currency.".encode() in response.content
    assert not Fund.objects.filter(code="X").exists()
    french = finance_client.post(
        "/funds/new/", {"code": "X", "name_en": "X", "kind": "general", "currency": "ZZZ"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "n’est pas une devise ISO 4217".encode() in french.content or b"ISO 4217" in french.content


def test_the_currency_of_a_fund_with_money_cannot_change(finance_client, funded):
    response = finance_client.post("/funds/CPCJF/edit/", {"name_en": "CPCJF", "kind": "general", "currency": "EUR"})
    assert response.status_code == 422 and b"currency of account cannot change" in response.content
    assert Fund.objects.get(code="CPCJF").currency == "USD"


def test_programme_staff_and_donors_cannot_manage(officer_client, donor_nor_client, agreement):
    for url in ("/funds/new/", "/funds/donors/new/", "/funds/agreements/new/", "/funds/transfers/new/"):
        assert officer_client.post(url, {}).status_code == 403, url
    assert officer_client.post("/funds/CPCJF/edit/", {}).status_code == 403
    assert donor_nor_client.post("/funds/CPCJF/edit/", {}).status_code == 404  # a donor does not see funds
    assert donor_nor_client.post(f"/funds/agreements/{agreement.pk}/edit/", {}).status_code == 403
    assert ContributionAgreement.objects.get(pk=agreement.pk).amount == Decimal("10000000")


def test_donors_agreements_and_earmarks_from_the_browser(finance_client, cpcjf):
    assert finance_client.post("/funds/donors/new/", {"kind": "state", "code": "DEU"}).status_code == 302
    assert Donor.objects.get(code="DEU").country_id == "DEU"
    response = finance_client.post(
        "/funds/donors/new/", {"kind": "foundation", "code": "FDN-1", "name_en": "A foundation"}
    )
    assert response.status_code == 302
    assert finance_client.post("/funds/donors/FDN-1/edit/", {"name_en": "Another name"}).status_code == 302
    assert Donor.objects.get(code="FDN-1").name_en == "Another name"
    state = finance_client.post("/funds/donors/DEU/edit/", {"name_en": "Allemagne"})
    assert state.status_code == 422 and b"reference data" in state.content
    agreement_form = {
        "reference": "DEU-2026-1",
        "donor": "DEU",
        "fund": "CPCJF",
        "amount": "500000",
        "currency": "EUR",
        "signed_on": "2026-02-01",
        "valid_from": "2026-02-01",
        "valid_to": "2027-01-31",
        "psc_percent": "8",
    }
    assert finance_client.post("/funds/agreements/new/", agreement_form).status_code == 302
    agreement = ContributionAgreement.objects.get(reference="DEU-2026-1")
    assert agreement.psc_rate == Decimal("0.08")
    backwards = finance_client.post(
        f"/funds/agreements/{agreement.pk}/edit/",
        {**agreement_form, "valid_from": "2026-03-01", "valid_to": "2026-01-01"},
    )
    assert backwards.status_code == 422 and b"must end on or after its start" in backwards.content
    response = finance_client.post(
        f"/funds/agreements/{agreement.pk}/earmarks/new/",
        {"code": "DEU-SAHEL", "label": "Sahel", "countries": "MLI, NER", "regions": "", "themes": "", "requests": ""},
    )
    assert response.status_code == 302
    earmark = Earmark.objects.get(code="DEU-SAHEL")
    assert sorted(earmark.countries.values_list("iso3", flat=True)) == ["MLI", "NER"]
    bad = finance_client.post(
        f"/funds/earmarks/{earmark.pk}/edit/", {"label": "Sahel", "countries": "MLI, XXX", "requests": "TA-NOPE"}
    )
    assert bad.status_code == 422 and b"TA-NOPE" in bad.content
    assert sorted(earmark.countries.values_list("iso3", flat=True)) == ["MLI", "NER"]  # nothing half-written


def test_receipt_reversal_refund_transfer_and_expenditure_in_the_browser(finance_client, funded):
    factories.fund("UNTOC-30")
    response = finance_client.post(
        "/funds/receipts/new/",
        {
            "donor": "NOR",
            "fund": "CPCJF",
            "amount": "1000",
            "currency": "USD",
            "received_on": "2026-03-12",
            "reference": "R-9",
        },
    )
    assert response.status_code == 302
    receipt = Receipt.objects.get(reference="R-9")
    assert finance_client.post(f"/funds/receipts/{receipt.pk}/reverse/", {"reason": ""}).status_code == 422
    assert finance_client.post(f"/funds/receipts/{receipt.pk}/reverse/", {"reason": "Twice"}).status_code == 302
    assert Receipt.objects.get(pk=receipt.pk).reversed_at is not None
    refund = {"donor": "NOR", "fund": "CPCJF", "amount": "500", "currency": "USD", "refunded_on": "2026-03-20"}
    assert finance_client.post("/funds/refunds/new/", {**refund, "reference": "RF-1"}).status_code == 302
    too_much = finance_client.post("/funds/refunds/new/", {**refund, "amount": "99999", "reference": "RF-2"})
    assert too_much.status_code == 422 and b"is free in" in too_much.content
    assert not Refund.objects.filter(reference="RF-2").exists()
    transfer = {"source": "CPCJF", "target": "UNTOC-30", "amount": "1500", "transferred_on": "2026-03-21"}
    assert finance_client.post("/funds/transfers/new/", {**transfer, "reference": "T-1"}).status_code == 302
    same = finance_client.post("/funds/transfers/new/", {**transfer, "target": "CPCJF", "reference": "T-2"})
    assert same.status_code == 422 and b"A transfer goes to another fund." in same.content
    allocation = services.allocation_create(
        actor=None,
        fund="CPCJF",
        earmark=funded.pk,
        amount=Decimal("1000"),
        currency="USD",
        request=factories.accepted_request().pk,
        idempotency_key="a-1",
        on=DAY,
    )
    spend = {"amount": "500", "currency": "USD", "spent_on": "2026-03-25", "reference": "X-1"}
    assert finance_client.post(f"/funds/allocations/{allocation.pk}/expenditure/", spend).status_code == 302
    assert Expenditure.objects.get(reference="X-1").support_costs == Decimal("65.00")
    over = finance_client.post(
        f"/funds/allocations/{allocation.pk}/expenditure/", {**spend, "amount": "900", "reference": "X-2"}
    )
    assert over.status_code == 422 and b"more than what is left" in over.content


def pledge_form(agreement, **changes) -> dict:
    return {
        "donor": "NOR",
        "fund": "CPCJF",
        "agreement": agreement.pk,
        "amount": "250000",
        "currency": "NOK",
        "pledged_on": "2026-06-30",
        "reference": "NOR-LETTER-2026-06",
    } | changes


def test_a_fund_manager_records_a_pledge_in_the_browser_and_nothing_is_posted(finance_client, agreement):
    page = finance_client.get(f"/funds/pledges/new/?donor=NOR&fund=CPCJF&agreement={agreement.pk}&currency=NOK")
    assert page.status_code == 200 and b'value="NOR"' in page.content
    posted = LedgerTransaction.objects.count()
    response = finance_client.post("/funds/pledges/new/", pledge_form(agreement))
    assert response.status_code == 302 and response["Location"] == "/funds/pledged-paid/"
    pledge = Pledge.objects.get(reference="NOR-LETTER-2026-06")
    assert (pledge.donor.code, pledge.fund.code, pledge.agreement, pledge.amount, pledge.currency) == (
        "NOR",
        "CPCJF",
        agreement,
        Decimal("250000"),
        "NOK",
    )
    assert LedgerTransaction.objects.count() == posted
    # The same submission again (a double click) records nothing more.
    assert finance_client.post("/funds/pledges/new/", pledge_form(agreement)).status_code == 302
    assert Pledge.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"pledged_on": "2030-01-01"}, "pledged_on", "outside the agreement's validity"),
        ({"amount": "-5"}, "amount", "greater than zero"),
        ({"currency": "XXY"}, "currency", "XXY"),
        ({"donor": "Nobody at all"}, "donor", "Unknown donor"),
        ({"fund": "NOPE"}, "fund", "Unknown fund"),
    ],
)
def test_a_bad_pledge_names_the_field_and_the_rule_and_records_nothing(finance_client, agreement, changes, field, rule):
    response = finance_client.post("/funds/pledges/new/", pledge_form(agreement, **changes))
    assert response.status_code == 422
    assert rule in " ".join(response.context["form"].errors[field])
    assert not Pledge.objects.exists()


def test_only_those_who_record_contributions_may_record_a_pledge(
    officer_client, donor_nor_client, auditor_client, agreement
):
    for client in (officer_client, donor_nor_client, auditor_client):
        assert client.get("/funds/pledges/new/").status_code == 403
        assert client.post("/funds/pledges/new/", pledge_form(agreement)).status_code == 403
    assert not Pledge.objects.exists()


def test_the_pledge_page_speaks_french_and_spanish(finance_client, agreement):
    finance_client.cookies["django_language"] = "fr"
    assert "Enregistrer une annonce de contribution" in finance_client.get("/funds/pledges/new/").content.decode()
    finance_client.cookies["django_language"] = "es"
    assert "Registrar una promesa de contribución" in finance_client.get("/funds/pledges/new/").content.decode()


def test_the_pages_show_management_links_only_to_managers(finance_client, officer_client, funded):
    assert b"/funds/new/" in finance_client.get("/funds/").content
    assert b"/funds/new/" not in officer_client.get("/funds/").content
    assert b"/reverse/" in finance_client.get("/funds/donors/NOR/").content
    assert b"/reverse/" not in officer_client.get("/funds/donors/NOR/").content


# ---------------------------------------------------------------------------------------------- API


def test_the_api_creates_and_edits_funds_donors_agreements_and_earmarks(finance_client, rates):
    response = api(
        finance_client, "POST", "/api/funds/funds", {"code": "UNICRI", "name_en": "UNICRI", "kind": "institute"}
    )
    assert response.status_code == 201 and response.json()["currency"] == "USD"
    fund = {"name_en": "UNICRI", "name_fr": "UNICRI (fr)", "kind": "institute", "currency": "USD"}
    response = api(finance_client, "PUT", "/api/funds/funds/UNICRI", {**fund, "mandate_reference": "", "active": True})
    assert response.status_code == 200 and response.json()["name_fr"] == "UNICRI (fr)"
    assert response.json()["kind"] == "institute"
    assert api(finance_client, "POST", "/api/funds/donors", {"code": "NOR", "kind": "state"}).status_code == 201
    body = {
        "reference": "NOR-U-1",
        "donor": "NOR",
        "fund": "UNICRI",
        "amount": "1000000",
        "currency": "NOK",
        "signed_on": "2026-01-15",
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
    }
    response = api(finance_client, "POST", "/api/funds/agreements", body)
    assert response.status_code == 201
    agreement_id = response.json()["id"]
    response = api(
        finance_client,
        "POST",
        f"/api/funds/agreements/{agreement_id}/earmarks",
        {"code": "NOR-U-AFR", "label": "Africa", "regions": ["002"]},
    )
    assert response.status_code == 201 and response.json()["regions"] == ["002"]
    earmark_id = response.json()["id"]
    earmark = {"label": "Mali", "themes": [], "regions": [], "countries": ["MLI"], "requests": []}
    response = api(finance_client, "PUT", f"/api/funds/earmarks/{earmark_id}", earmark)
    assert response.status_code == 200 and response.json() | {"regions": []} == response.json()
    assert response.json()["countries"] == ["MLI"]
    terms = {key: body[key] for key in ("amount", "signed_on", "valid_from", "valid_to")}
    terms |= {"psc_rate": "0.13", "reporting_obligations": ""}
    response = api(finance_client, "PUT", f"/api/funds/agreements/{agreement_id}", {**terms, "amount": "1200000"})
    assert response.status_code == 200 and Decimal(response.json()["amount"]) == Decimal("1200000")


AGREEMENT_TERMS = {
    "amount": "10000000",
    "signed_on": "2026-01-15",
    "valid_from": "2026-01-01",
    "valid_to": "2027-12-31",
    "psc_rate": "0.07",
    "reporting_obligations": "Annual narrative report",
}


def test_a_put_of_an_agreement_without_its_support_cost_rate_is_refused_and_the_rate_kept(finance_client, cpcjf):
    agreement = factories.agreement()
    ContributionAgreement.objects.filter(pk=agreement.pk).update(psc_rate=Decimal("0.07"))
    url = f"/api/funds/agreements/{agreement.pk}"
    partial = {key: value for key, value in AGREEMENT_TERMS.items() if key != "psc_rate"} | {"amount": "12000000"}
    response = api(finance_client, "PUT", url, partial)
    assert response.status_code == 422, response.content
    assert "replaces the whole record" in messages_of(response)["psc_rate"]
    agreement.refresh_from_db()
    assert (agreement.psc_rate, agreement.amount) == (Decimal("0.07"), Decimal("10000000"))

    response = api(finance_client, "PUT", url, AGREEMENT_TERMS | {"amount": "12000000"})
    assert response.status_code == 200, response.content
    agreement.refresh_from_db()
    assert (agreement.psc_rate, agreement.amount) == (Decimal("0.07"), Decimal("12000000"))
    assert agreement.reporting_obligations == "Annual narrative report"


@pytest.mark.parametrize(
    ("url", "body", "left_out"),
    [
        ("/api/funds/funds/CPCJF", {"name_en": "CPCJF fund", "name_fr": "", "kind": "convention"}, "currency"),
        ("/api/funds/funds/CPCJF", {"name_en": "Renamed", "kind": "general", "currency": "USD"}, "active"),
        ("/api/funds/donors/FDN-X", {"name_en": "Renamed"}, "name_fr"),
        (
            "/api/funds/earmarks/{earmark}",
            {"label": "Renamed", "themes": [], "countries": [], "requests": []},
            "regions",
        ),
    ],
)
def test_every_put_of_the_funds_api_names_each_field_left_out_and_changes_nothing(
    finance_client, funded, url, body, left_out
):
    services.donor_create(actor=None, code="FDN-X", kind="foundation", name_en="A foundation", name_fr="Une fondation")
    before = (
        list(Fund.objects.values()),
        list(Donor.objects.values()),
        list(Earmark.objects.values()),
        sorted(funded.regions.values_list("code", flat=True)),
    )
    response = api(finance_client, "PUT", url.format(earmark=funded.pk), body)
    assert response.status_code == 422, response.content
    assert set(messages_of(response)) >= {left_out}
    after = (
        list(Fund.objects.values()),
        list(Donor.objects.values()),
        list(Earmark.objects.values()),
        sorted(funded.regions.values_list("code", flat=True)),
    )
    assert after == before


@pytest.mark.parametrize(
    ("url", "body", "field", "rule"),
    [
        ("/api/funds/funds", {"code": "NEW", "name_en": "", "currency": "USD"}, "name_en", "English name"),
        ("/api/funds/funds", {"code": "NEW", "name_en": "N", "kind": "nope"}, "kind", "Unknown kind"),
        ("/api/funds/donors", {"code": "ZZZ", "kind": "state"}, "code", "reference data"),
        (
            "/api/funds/agreements",
            {
                "reference": "A",
                "donor": "NOR",
                "fund": "CPCJF",
                "amount": "-5",
                "currency": "NOK",
                "signed_on": "2026-01-01",
                "valid_from": "2026-01-01",
                "valid_to": "2026-12-31",
            },
            "amount",
            "greater than zero",
        ),
        (
            "/api/funds/receipts",
            {
                "donor": "NOR",
                "fund": "CPCJF",
                "amount": "10",
                "currency": "CHF",
                "received_on": "2026-03-01",
                "reference": "Q",
            },
            "currency",
            "No UN operational rate of exchange for CHF in 2026-03",
        ),
        (
            "/api/funds/transfers",
            {"source": "CPCJF", "target": "NOPE", "amount": "1", "transferred_on": "2026-03-01", "reference": "T"},
            "target",
            "Unknown fund",
        ),
    ],
)
def test_bad_input_to_the_api_names_the_field_and_the_rule(finance_client, cpcjf, url, body, field, rule):
    before = (Fund.objects.count(), Donor.objects.count(), LedgerTransaction.objects.count())
    response = api(finance_client, "POST", url, body)
    assert response.status_code == 422, response.content
    assert rule in messages_of(response)[field]
    assert (Fund.objects.count(), Donor.objects.count(), LedgerTransaction.objects.count()) == before


def test_the_api_refuses_the_wrong_role(officer_client, donor_nor_client, agreement):
    assert api(officer_client, "POST", "/api/funds/funds", {"code": "X", "name_en": "X"}).status_code == 403
    assert api(officer_client, "PUT", "/api/funds/funds/CPCJF", {"name_en": "X"}).status_code == 403
    assert api(donor_nor_client, "PUT", "/api/funds/funds/CPCJF", {"name_en": "X"}).status_code == 404
    body = {"amount": "1", "signed_on": "2026-01-01", "valid_from": "2026-01-01", "valid_to": "2026-12-31"}
    assert api(donor_nor_client, "PUT", f"/api/funds/agreements/{agreement.pk}", body).status_code == 403
    transfer = {"source": "CPCJF", "target": "X", "amount": "1", "transferred_on": "2026-03-01", "reference": "T"}
    assert api(officer_client, "POST", "/api/funds/transfers", transfer).status_code == 403
    assert Fund.objects.get(code="CPCJF").name_en == "CPCJF fund"


def test_the_api_records_money_and_answers_409_beyond_the_free_balance(finance_client, funded):
    factories.fund("UNTOC-30")
    receipt = Receipt.objects.get(reference="R-1")
    allocation = services.allocation_create(
        actor=None,
        fund="CPCJF",
        earmark=None,
        amount=Decimal("9000"),
        currency="USD",
        request=factories.accepted_request().pk,
        idempotency_key="a-1",
        on=DAY,
    )
    refused = api(finance_client, "POST", f"/api/funds/receipts/{receipt.pk}/reversal", {"reason": "Error"})
    assert refused.status_code == 409 and "has been allocated" in refused.json()["detail"]
    assert Receipt.objects.get(pk=receipt.pk).reversed_at is None
    transfer = {
        "source": "CPCJF",
        "target": "UNTOC-30",
        "amount": "600",
        "transferred_on": "2026-03-20",
        "reference": "T-1",
    }
    first = api(finance_client, "POST", "/api/funds/transfers", transfer)
    assert first.status_code == 201 and first.json()["reference"] == "T-1"
    assert (
        api(finance_client, "POST", "/api/funds/transfers", transfer).json()["transaction"]
        == first.json()["transaction"]
    )
    over = api(finance_client, "POST", "/api/funds/transfers", {**transfer, "amount": "900", "reference": "T-2"})
    assert over.status_code == 409 and "free in CPCJF" in over.json()["detail"]
    refund = {"donor": "NOR", "fund": "CPCJF", "earmark": funded.pk, "amount": "1500", "currency": "USD"}
    response = api(
        finance_client, "POST", "/api/funds/refunds", {**refund, "refunded_on": "2026-03-21", "reference": "RF-1"}
    )
    assert response.status_code == 201 and response.json()["earmark"] == funded.pk
    spend = {"amount": "1000", "currency": "USD", "spent_on": "2026-03-22", "reference": "X-1"}
    response = api(finance_client, "POST", f"/api/funds/allocations/{allocation.pk}/expenditure", spend)
    assert response.status_code == 201 and response.json()["support_costs"] == "130.00"
    assert services.ledger_verify().ok
    assert Allocation.objects.get(pk=allocation.pk).status == "active"
