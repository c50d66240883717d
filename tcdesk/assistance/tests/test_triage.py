"""The queue fit for triage and the safe actions of a request's page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tcdesk.assistance.models import AssistanceRequest
from tcdesk.assistance.tests.factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db
QUEUE = "assistance:request_list"


def _listed(response) -> set[int]:
    return {r.pk for r, _days in response.context["rows"]}


def test_the_queue_shows_open_work_unless_asked_for_everything(officer_client):
    open_one = AssistanceRequestFactory(status="acknowledged")
    closed = AssistanceRequestFactory(status="closed")
    assert _listed(officer_client.get(reverse(QUEUE))) == {open_one.pk}
    assert _listed(officer_client.get(reverse(QUEUE), {"status": "all"})) == {open_one.pk, closed.pk}


def test_mine_and_not_assigned(officer_client, officer):
    mine = AssistanceRequestFactory(assigned_to=officer)
    nobody = AssistanceRequestFactory()
    assert _listed(officer_client.get(reverse(QUEUE), {"assignee": "me"})) == {mine.pk}
    assert _listed(officer_client.get(reverse(QUEUE), {"assignee": "none"})) == {nobody.pk}


def test_bulk_acknowledge_says_what_happened_to_each(officer_client):
    a, b = AssistanceRequestFactory(), AssistanceRequestFactory()
    already = AssistanceRequestFactory(status="acknowledged")
    response = officer_client.post(
        reverse("assistance:request_bulk"), {"operation": "acknowledge", "ids": [a.pk, b.pk, already.pk, 999999]}
    )
    assert response.status_code == 200
    outcomes = {o.request_id: o for o in response.context["outcomes"]}
    assert outcomes[a.pk].done and outcomes[b.pk].done
    assert not outcomes[already.pk].done and "not possible" in outcomes[already.pk].message
    assert not outcomes[999999].done and "Not found" in outcomes[999999].message
    assert set(AssistanceRequest.objects.filter(pk__in=[a.pk, b.pk]).values_list("status", flat=True)) == {
        "acknowledged"
    }
    assert "2 requests done, 2 not done." in response.content.decode()


def test_bulk_assign_and_who_may_not(officer_client, officer, focal_mli_client):
    a = AssistanceRequestFactory()
    response = officer_client.post(
        reverse("assistance:request_bulk"), {"operation": "assign", "assignee": officer.pk, "ids": [a.pk]}
    )
    assert response.context["done"] == 1
    assert AssistanceRequest.objects.get(pk=a.pk).assigned_to == officer
    denied = focal_mli_client.post(reverse("assistance:request_bulk"), {"operation": "acknowledge", "ids": [a.pk]})
    assert denied.status_code == 403


def test_back_to_the_filtered_queue_and_previous_next(officer_client):
    first = AssistanceRequestFactory(priority_score=30)
    second = AssistanceRequestFactory(priority_score=20)
    AssistanceRequestFactory(priority_score=10, country_id="COL")
    officer_client.get(reverse(QUEUE), {"country": "MLI"})
    page = officer_client.get(reverse("assistance:request_detail", args=[second.pk]))
    assert page.context["neighbours"] == {"position": 2, "total": 2, "previous_id": first.pk, "next_id": None}
    assert page.context["queue_url"].endswith("?country=MLI")


def test_decline_asks_for_confirmation_and_says_what_the_state_sees(officer_client):
    assessed = AssistanceRequestFactory(status="assessed")
    page = officer_client.get(reverse("assistance:request_detail", args=[assessed.pk])).content.decode()
    assert "will see this request as “Declined”" in page
    url = reverse("assistance:request_transition", args=[assessed.pk])
    refused = officer_client.post(url, {"action": "decline", "comment": "Out of scope", "expected_version": 1})
    assert refused.status_code == 422 and "Tick the confirmation box" in refused.content.decode()
    assert AssistanceRequest.objects.get(pk=assessed.pk).status == "assessed"
    done = officer_client.post(
        url, {"action": "decline", "comment": "Out of scope", "expected_version": 1, "confirm": "on"}
    )
    assert done.status_code == 302 and AssistanceRequest.objects.get(pk=assessed.pk).status == "declined"


def test_the_next_step_stands_apart(officer_client):
    assessed = AssistanceRequestFactory(status="assessed")
    context = officer_client.get(reverse("assistance:request_detail", args=[assessed.pk])).context
    assert context["next_step"]["code"] == "accept"
    assert [a["code"] for a in context["other_steps"]] == ["request_information"]
    assert [a["code"] for a in context["stopping_steps"]] == ["decline", "withdraw"]


def test_assessment_has_its_own_fields_and_a_decimal_cost(officer_client):
    acknowledged = AssistanceRequestFactory(status="acknowledged")
    url = reverse("assistance:request_assess", args=[acknowledged.pk])
    fields = {"relevance": "high", "feasibility": "medium", "recommended_decision": "accepted", "expected_version": 1}
    bad = officer_client.post(url, {**fields, "cost_estimate": "125000.50", "cost_currency": "XYZ"})
    assert bad.status_code == 422 and "three-letter ISO 4217 code" in bad.content.decode()
    assert AssistanceRequest.objects.get(pk=acknowledged.pk).status == "acknowledged"
    ok = officer_client.post(url, {**fields, "cost_estimate": "125000.50", "cost_currency": "usd"})
    assert ok.status_code == 302
    stored = AssistanceRequest.objects.get(pk=acknowledged.pk)
    assert (stored.status, stored.relevance, stored.recommended_decision) == ("assessed", "high", "accepted")
    assert stored.cost_estimate == Decimal("125000.50") and stored.cost_currency == "USD"


def test_waiting_days_stop_when_a_request_ends(officer_client):
    submitted = timezone.now() - dt.timedelta(days=100)
    withdrawn = AssistanceRequestFactory(status="withdrawn", submitted_at=submitted)
    AssistanceRequest.objects.filter(pk=withdrawn.pk).update(updated_at=submitted + dt.timedelta(days=10))
    withdrawn.refresh_from_db()
    assert withdrawn.days_waiting() == 10
    body = officer_client.get(reverse(QUEUE), {"status": "all"}).content.decode()
    assert "ended after 10 days, undecided" in body


def test_comments_say_who_will_read_them(officer_client):
    req = AssistanceRequestFactory(status="acknowledged")
    page = officer_client.get(reverse("assistance:request_detail", args=[req.pk]) + "?tab=comments")
    body = page.content.decode()
    assert "Visible to the State" in body and "Internal: programme staff only" in body


def test_history_reads_in_words_without_bookkeeping(officer_client, make_request, officer):
    req = make_request()
    officer_client.post(
        reverse("assistance:request_transition", args=[req.pk]), {"action": "acknowledge", "expected_version": 2}
    )
    body = officer_client.get(reverse("assistance:request_detail", args=[req.pk]) + "?tab=history").content.decode()
    assert "Acknowledge" in body and "Acknowledged" in body
    assert "<strong>version</strong>" not in body and "acknowledged →" not in body


def test_notifications_are_in_the_recipients_language_with_an_absolute_link(
    make_request, officer, focal_mli, django_capture_on_commit_callbacks, settings
):
    from django.core import mail

    from tcdesk.assistance import services

    settings.TCDESK_SITE_URL = "https://tcdesk.example.org"
    focal_mli.preferred_language = "fr"
    focal_mli.save()
    req = make_request()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_transition(
            ta_request=req, actor=officer, action="acknowledge", comment="Reçu, merci.", expected_version=req.version
        )
    (message,) = mail.outbox
    assert req.title in message.subject and "Accusé de réception" in message.subject
    assert f"https://tcdesk.example.org/requests/{req.pk}/" in message.body
    assert "Reçu, merci." in message.body and "Statut" in message.body


def test_saved_filters_belong_to_their_owner(officer_client, officer, admin_client):
    from tcdesk.assistance.models import SavedQueueFilter

    response = officer_client.post(
        reverse("assistance:queue_filter_save"), {"name": "Mali, mine", "query": "country=MLI&assignee=me&page=3"}
    )
    assert response["Location"].endswith("?country=MLI&assignee=me")
    saved = SavedQueueFilter.objects.get(user=officer)
    assert saved.query == "country=MLI&assignee=me"
    assert "Mali, mine" in officer_client.get(reverse(QUEUE)).content.decode()
    assert "Mali, mine" not in admin_client.get(reverse(QUEUE)).content.decode()
    delete = reverse("assistance:queue_filter_delete", args=[saved.pk])
    assert admin_client.post(delete).status_code == 404  # another user's filter is out of sight
    assert officer_client.post(reverse("assistance:queue_filter_save"), {"name": " ", "query": ""}).status_code == 302
    assert SavedQueueFilter.objects.count() == 1
    officer_client.post(delete)
    assert not SavedQueueFilter.objects.exists()


def test_states_do_not_see_who_handles_their_requests(focal_mli_client, officer):
    AssistanceRequestFactory(assigned_to=officer)
    response = focal_mli_client.get(reverse(QUEUE))
    assert "assignee" not in [c.key for c in response.context["listing"].columns]
    assert "assignee" not in response.context["filter"].form.fields
    assert officer.username not in response.content.decode()
