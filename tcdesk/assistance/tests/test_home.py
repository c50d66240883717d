"""Each role lands on a home page listing its own work (core.extensions.home_sections)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tcdesk.assistance.tests.factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db


def _keys(response) -> list[str]:
    return [section.key for section in response.context["sections"]]


def test_sign_in_lands_on_the_home_page(client, officer):
    response = client.post(reverse("accounts:login"), {"username": officer.username, "password": "pw"})
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")


def test_officer_sees_new_awaiting_overdue_and_own_requests(officer_client, officer):
    new = AssistanceRequestFactory(status="submitted", submitted_at=timezone.now() - dt.timedelta(days=2))
    old = AssistanceRequestFactory(status="acknowledged", submitted_at=timezone.now() - dt.timedelta(days=90))
    mine = AssistanceRequestFactory(status="assessed", assigned_to=officer)
    closed = AssistanceRequestFactory(status="closed", assigned_to=officer)
    response = officer_client.get(reverse("core:dashboard"))
    assert _keys(response)[:4] == ["new-requests", "my-requests", "overdue-requests", "awaiting-decision"]
    sections = {s.key: s for s in response.context["sections"]}
    assert sections["new-requests"].items == [new]
    assert sections["overdue-requests"].items == [old]
    assert sections["my-requests"].items == [mine]
    assert closed not in sections["awaiting-decision"].items and set(sections["awaiting-decision"].items) == {
        new,
        old,
        mine,
    }
    body = response.content.decode()
    assert "?status=submitted&amp;sort=submitted" in body and "waiting 90 days" in body
    assert "focal" not in " ".join(_keys(response)) and "your-state-requests" not in _keys(response)


def test_focal_point_sees_what_is_asked_of_it_and_its_own_state_only(focal_mli_client):
    asked = AssistanceRequestFactory(status="information_requested")
    mine = AssistanceRequestFactory(status="acknowledged")
    AssistanceRequestFactory(status="information_requested", country_id="COL")
    response = focal_mli_client.get(reverse("core:dashboard"))
    sections = {s.key: s for s in response.context["sections"]}
    assert list(sections)[:2] == ["asked-of-you", "your-state-requests"]
    assert sections["asked-of-you"].items == [asked]
    assert set(sections["your-state-requests"].items) == {asked, mine}
    assert "new-requests" not in sections and "jobs" not in sections
    assert "your-state-treaties" in sections


def test_secretariat_sees_reports_due_and_mandates_without_evidence(secretariat_client):
    response = secretariat_client.get(reverse("core:dashboard"))
    keys = _keys(response)
    assert "reports-due" in keys and "mandates-without-evidence" in keys
    assert "new-requests" not in keys
    assert "No report is due at these sessions in the resolutions loaded." in response.content.decode()


def test_administrator_sees_jobs_and_reference_data_health(admin_client):
    response = admin_client.get(reverse("core:dashboard"))
    keys = _keys(response)
    assert "jobs" in keys and "reference-health" in keys
    assert "Group memberships not verified against a source" in response.content.decode()


def test_fund_manager_and_donor_see_what_exists_for_them(finance, donor_nor_client, client):
    AssistanceRequestFactory(status="accepted")
    client.force_login(finance)
    keys = _keys(client.get(reverse("core:dashboard")))
    assert keys == ["accepted-requests", "fund-balances"]  # the funds app's section follows the requests'
    donor = donor_nor_client.get(reverse("core:dashboard"))
    assert _keys(donor) == ["your-state-treaties", "your-contributions"]
    assert "Norway" in donor.content.decode()


def test_the_home_page_in_french(officer_client):
    AssistanceRequestFactory(status="submitted")
    body = officer_client.get(reverse("core:dashboard"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Nouvelles demandes dont accuser réception" in body and "En attente de décision" in body
    for english in ("New requests to acknowledge", "Awaiting a decision", "Open in the queue", "Menu\n", "waiting "):
        assert english not in body
    queue = officer_client.get(reverse("assistance:request_list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    for english in ("With the ticked requests", "Apply", "Mine", "Overdue", "Assigned to", "nobody"):
        assert english not in queue
