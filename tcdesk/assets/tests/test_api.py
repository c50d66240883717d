"""The API over the same services and rules."""

import json
from decimal import Decimal

import pytest

from tcdesk.assets.models import SharingDecision

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_an_officer_registers_an_agreement_and_a_case_and_decides_the_sharing(officer_client, instruments):
    agreement = post(
        officer_client,
        "/api/assets/agreements",
        {
            "reference": "SA-API",
            "title": "A",
            "state": "CHE",
            "counterpart_state": "COL",
            "legal_basis": "untoc_14_3_b",
            "rule": "equal",
            "request_deadline_days": 60,
        },
    )
    assert agreement.status_code == 201, agreement.content
    case = post(
        officer_client,
        "/api/assets/cases",
        {
            "reference": "CC-API",
            "title": "C",
            "agreement": agreement.json()["id"],
            "realised_amount": "1000.01",
            "final_order_on": "2026-10-01",
            "un_share_rate": "0.05",
            "un_fund": "UNCAC-62",
        },
    )
    assert case.status_code == 201, case.content
    body = case.json()
    assert (
        body["request_deadline"] == "2026-11-30" and body["currency"] == "USD" and body["legal_basis"] == "untoc_14_3_b"
    )
    base = f"/api/assets/cases/{body['id']}"
    assert post(officer_client, f"{base}/parties", {"state": "CHE", "role": "confiscating"}).status_code == 201
    assert post(officer_client, f"{base}/parties", {"state": "COL", "role": "cooperating"}).status_code == 201
    offence = post(
        officer_client, f"{base}/offences", {"description": "Bribery", "instrument": "UNCAC", "article": "15"}
    )
    assert offence.json()["offences"] == [{"description": "Bribery", "instrument": "UNCAC", "article": "15"}]
    sharing = officer_client.get(f"{base}/sharing").json()
    assert sharing["result"] == {
        "currency": "USD",
        "realised": "1000.01",
        "returned": "0.00",
        "expenses": "0.00",
        "distributable": "1000.01",
        "un_share": "50.00",
        "pool": "950.01",
        "shares": [{"state": "CHE", "amount": "475.01"}, {"state": "COL", "amount": "475.00"}],
    }
    decision = post(officer_client, f"{base}/decision", {"decided_on": "2026-11-02"})
    assert decision.status_code == 201 and decision.json()["result"] == sharing["result"]
    again = post(officer_client, f"{base}/decision", {"decided_on": "2026-11-02"})
    assert again.status_code == 422
    assert officer_client.get(f"{base}/sharing").json()["decided"] is True


def test_bad_input_names_the_field(officer_client):
    response = post(
        officer_client,
        "/api/assets/agreements",
        {
            "reference": "SA",
            "title": "A",
            "state": "CHE",
            "counterpart_state": "COL",
            "legal_basis": "untoc_14_3_b",
            "rule": "percentages",
            "percentages": {"CHE": "0.5", "COL": "0.4"},
        },
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "percentages"]


def test_sharing_that_cannot_be_computed_says_why(officer_client, officer, sharing_agreement):
    case = post(
        officer_client,
        "/api/assets/cases",
        {"reference": "CC-E", "title": "E", "agreement": sharing_agreement.pk, "realised_amount": "10.00"},
    ).json()
    error = officer_client.get(f"/api/assets/cases/{case['id']}/sharing").json()["error"]
    assert error["kind"] == "no_parties"


def test_a_focal_point_sees_its_states_cases_only_and_a_donor_nothing(
    focal_mli_client, focal_col_client, donor_nor_client, sharing_case
):
    assert [c["reference"] for c in focal_mli_client.get("/api/assets/cases").json()["items"]] == ["CC-0001"]
    assert focal_mli_client.get("/api/assets/agreements").json()["items"] == []
    assert [a["reference"] for a in focal_col_client.get("/api/assets/agreements").json()["items"]] == ["SA-CHE-COL"]
    assert donor_nor_client.get("/api/assets/cases").status_code == 403


def test_reports_and_deadlines(officer_client, sharing_case):
    post(officer_client, f"/api/assets/cases/{sharing_case.pk}/decision", {"decided_on": "2026-11-02"})
    rows = officer_client.get("/api/assets/reports/shared?by=legal_basis").json()
    assert rows[0]["key"] == "drugs_1988_5_5_b_ii" and rows[0]["shared"] == "844200.0000"
    assert officer_client.get("/api/assets/reports/shared?by=nothing").status_code == 422
    assert officer_client.get("/api/assets/deadlines").json() == []
    assert officer_client.get("/api/assets/agreements-by-state").json() == {"CHE": 1, "COL": 1}
    assert SharingDecision.objects.count() == 1


def test_the_fund_manager_posts_the_un_share_through_the_api(officer_client, finance, sharing_case):
    from django.test import Client

    from tcdesk.funds.tests.factories import fund

    fund("UNTOC-30")
    post(officer_client, f"/api/assets/cases/{sharing_case.pk}/decision", {"decided_on": "2026-11-02"})
    client = Client()
    client.force_login(finance)
    response = post(client, f"/api/assets/cases/{sharing_case.pk}/un-share", {"received_on": "2026-11-30"})
    assert response.status_code == 201 and response.json()["un_receipt_reference"] == "ASSETS-CC-0001-UN"
    assert (
        post(officer_client, f"/api/assets/cases/{sharing_case.pk}/un-share", {"received_on": "2026-11-30"}).status_code
        == 403
    )


def put(client, url, body):
    return client.put(url, json.dumps(body), content_type="application/json")


AGREEMENT_BODY = {
    "reference": "SA-CHE-COL",
    "title": "Agreement on the sharing of confiscated assets",
    "state": "CHE",
    "counterpart_state": "COL",
    "counterpart_organisation": None,
    "legal_basis": "model_agreement",
    "concluded_on": "2020-05-04",
    "status": "in_force",
    "rule": "tiered",
    "percentages": {},
    "tiers": {"major": "0.5", "significant": "0.3"},
    "tier_source": "Article 5 of the agreement (synthetic test data)",
    "deduct_expenses": True,
    "request_deadline_days": 90,
    "currency": "USD",
    "transfer_method": "bank_transfer",
    "conditions_of_use": "",
    "notes": "",
}


def test_a_put_of_an_agreement_that_leaves_out_a_field_is_refused_and_changes_nothing(
    officer_client, sharing_agreement
):
    url = f"/api/assets/agreements/{sharing_agreement.pk}"
    partial = {key: value for key, value in AGREEMENT_BODY.items() if key != "request_deadline_days"}
    response = put(officer_client, url, partial | {"title": "Renamed"})
    assert response.status_code == 422, response.content
    assert [item["loc"] for item in response.json()["detail"]] == [["body", "request_deadline_days"]]
    sharing_agreement.refresh_from_db()
    assert (sharing_agreement.title, sharing_agreement.request_deadline_days) == (AGREEMENT_BODY["title"], 90)

    response = put(officer_client, url, AGREEMENT_BODY | {"title": "Renamed"})
    assert response.status_code == 200, response.content
    sharing_agreement.refresh_from_db()
    assert (sharing_agreement.title, sharing_agreement.request_deadline_days) == ("Renamed", 90)


def test_a_put_of_a_case_that_leaves_out_a_field_is_refused_and_changes_nothing(officer_client, sharing_case):
    body = {"reference": "CC-0001", "title": "Renamed", "agreement": sharing_case.agreement_id, "currency": "USD"}
    response = put(officer_client, f"/api/assets/cases/{sharing_case.pk}", body)
    assert response.status_code == 422, response.content
    left_out = {item["loc"][-1] for item in response.json()["detail"]}
    assert {"un_share_rate", "realised_amount", "legal_basis", "final_order_on"} <= left_out
    sharing_case.refresh_from_db()
    assert sharing_case.title == "Proceeds of a drug-trafficking network"
    assert sharing_case.un_share_rate == Decimal("0.10")
