"""Services: the workflow with its events, refusals, concurrency, priority and notifications."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tcdesk.assistance import services
from tcdesk.assistance.models import AssistanceRequest, PriorityWeights, RequestEvent
from tcdesk.core.models import CountryGroupMembership
from tcdesk.core.selectors import groups_on

from .conftest import walk

pytestmark = pytest.mark.django_db


def test_a_focal_point_submits_for_its_state_and_gets_a_reference_and_a_score(make_request):
    request = make_request()
    assert request.status == "submitted" and request.reference.startswith(f"TAR-{timezone.now().year}-")
    assert request.country_groups == ",LDC,LLDC,"
    codes = [line["code"] for line in request.priority_explanation]
    assert codes[:2] == ["group_ldc", "group_lldc"] and "mandate_link" in codes
    assert request.priority_score == sum(line["points"] for line in request.priority_explanation)
    event = request.events.get()
    assert (event.from_status, event.to_status, event.action) == ("draft", "submitted", "submit")


def test_references_are_numbered_per_year(make_request):
    first, second = make_request(), make_request()
    assert int(second.reference[-4:]) == int(first.reference[-4:]) + 1


def test_a_focal_point_cannot_make_a_request_for_another_state(make_request):
    with pytest.raises(ValidationError) as error:
        make_request(country_iso3="COL")
    assert "country" in error.value.message_dict


def test_bad_fields_are_named(make_request):
    with pytest.raises(ValidationError) as error:
        make_request(
            title="",
            assistance_types=["magic"],
            theme_codes=["nope"],
            instrument_codes=["not a code"],
            mandates=["hello"],
            desired_start=dt.date(2026, 5, 1),
            desired_end=dt.date(2026, 1, 1),
        )
    assert set(error.value.message_dict) >= {
        "title",
        "assistance_types",
        "themes",
        "instruments",
        "mandates",
        "desired_end",
    }


def test_an_officer_takes_every_step_and_each_is_an_event(make_request, officer):
    request = walk(make_request(), officer, "acknowledge", "assess", "accept", "plan", "deliver", "close")
    assert request.status == "closed" and request.decision == "accepted"
    assert request.acknowledged_at and request.decided_at
    assert list(request.events.values_list("to_status", flat=True)) == [
        "submitted",
        "acknowledged",
        "assessed",
        "accepted",
        "planned",
        "delivered",
        "closed",
    ]
    assert all(e.actor == officer for e in request.events.exclude(action="submit"))


def test_an_officer_cannot_skip_a_step(make_request, officer):
    request = make_request()
    with pytest.raises(ValidationError) as error:
        services.request_transition(
            ta_request=request, actor=officer, action="accept", expected_version=request.version
        )
    assert "action" in error.value.message_dict
    assert AssistanceRequest.objects.get(pk=request.pk).status == "submitted"


def test_declining_needs_a_reason(make_request, officer):
    request = walk(make_request(), officer, "acknowledge", "assess")
    with pytest.raises(ValidationError):
        services.request_transition(ta_request=request, actor=officer, action="decline", comment=" ")
    request = services.request_transition(ta_request=request, actor=officer, action="decline", comment="Out of mandate")
    assert request.status == "declined" and request.decision == "declined"


def test_information_requested_and_answered_by_the_state(make_request, officer, focal_mli):
    request = walk(make_request(), officer, "acknowledge", "request_information")
    assert request.status == "information_requested"
    request = services.request_transition(ta_request=request, actor=focal_mli, action="respond", comment="Here it is")
    assert request.status == "acknowledged"


def test_the_state_withdraws_its_own_request_but_not_another_states(make_request, focal_mli, focal_col):
    request = make_request()
    with pytest.raises(PermissionDenied):
        services.request_transition(ta_request=request, actor=focal_col, action="withdraw")
    request = services.request_transition(ta_request=request, actor=focal_mli, action="withdraw")
    assert request.status == "withdrawn"


def test_a_focal_point_cannot_take_officer_actions(make_request, focal_mli):
    request = make_request()
    with pytest.raises(ValidationError):
        services.request_transition(ta_request=request, actor=focal_mli, action="acknowledge")


def test_an_auditor_changes_nothing(make_request, auditor):
    request = make_request()
    with pytest.raises(PermissionDenied):
        services.request_transition(ta_request=request, actor=auditor, action="acknowledge")
    with pytest.raises(PermissionDenied):
        services.request_comment(ta_request=request, actor=auditor, text="hello")


def test_two_transitions_from_the_same_version_cannot_both_succeed(make_request, officer, admin_user):
    request = make_request()
    version = request.version
    services.request_transition(ta_request=request, actor=officer, action="acknowledge", expected_version=version)
    with pytest.raises(services.StaleVersion):
        services.request_transition(
            ta_request=request, actor=admin_user, action="withdraw", comment="x", expected_version=version
        )
    assert AssistanceRequest.objects.get(pk=request.pk).status == "acknowledged"
    assert RequestEvent.objects.filter(request=request, kind="transition").count() == 2


def test_group_membership_is_taken_at_the_submission_date(make_request, officer):
    # A graduation that takes effect after submission does not change the request's groups or score.
    request = make_request()
    CountryGroupMembership.objects.filter(country_id="MLI", group_id="LDC").update(
        valid_to=timezone.localdate() + dt.timedelta(days=1)
    )
    later = services.request_transition(ta_request=request, actor=officer, action="acknowledge")
    assert "LDC" in later.group_list
    assert groups_on("MLI", timezone.localdate() + dt.timedelta(days=2)) == ["LLDC"]


def test_scores_are_recomputed_when_the_weights_change(make_request, admin_user, officer):
    request = make_request()
    old = request.priority_score
    with pytest.raises(PermissionDenied):
        services.priority_weights_update(actor=officer, weights={"ldc": 100})
    current = services.current_weights()
    new = services.priority_weights_update(actor=admin_user, weights={**current.weights, "ldc": 100}, note="LDC first")
    assert new.version == current.version + 1
    assert services.priority_recompute() >= 1
    request.refresh_from_db()
    assert request.priority_score == old + 70 and request.weights_version == new
    assert PriorityWeights.objects.count() == 2


def test_bad_weights_are_refused_naming_the_weight(admin_user):
    with pytest.raises(ValidationError) as error:
        services.priority_weights_update(actor=admin_user, weights={"ldc": -1})
    assert "ldc" in error.value.message_dict and "eit" in error.value.message_dict


def test_comments_notify_the_other_side_by_email(make_request, officer, focal_mli, django_capture_on_commit_callbacks):
    request = make_request()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_comment(ta_request=request, actor=officer, text="Could you name the courts?")
    assert [m.to for m in mail.outbox] == [[focal_mli.email]]
    assert request.reference in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_comment(ta_request=request, actor=focal_mli, text="Bamako and Mopti courts.")
    assert [m.to for m in mail.outbox] == [[officer.email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_comment(ta_request=request, actor=officer, text="internal", internal=True)
    assert mail.outbox == []


def test_only_officers_write_internal_notes(make_request, focal_mli):
    with pytest.raises(ValidationError):
        services.request_comment(ta_request=make_request(), actor=focal_mli, text="x", internal=True)


def test_a_draft_is_edited_then_submitted(make_request, focal_mli):
    draft = make_request(submit=False)
    assert draft.status == "draft" and draft.submitted_at is None
    draft = services.request_update(
        ta_request=draft,
        actor=focal_mli,
        title="Better title",
        requesting_authority="Cour suprême",
        description="d",
        assistance_types=["mentoring"],
    )
    assert draft.title == "Better title" and draft.assistance_type_list == ["mentoring"]
    submitted = services.request_transition(ta_request=draft, actor=focal_mli, action="submit")
    assert submitted.status == "submitted"
    with pytest.raises(ValidationError):
        services.request_update(
            ta_request=submitted,
            actor=focal_mli,
            title="x",
            requesting_authority="x",
            description="x",
            assistance_types=["mentoring"],
        )


# ---------------------------------------------------------------------------------------------- review fixes

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def test_it_deletes_the_stored_file_when_the_request_creation_rolls_back(make_request, settings, tmp_path, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    calls = []

    def fail(**kwargs):
        calls.append(_stored_files(tmp_path))  # the file is on disk by now
        raise RuntimeError("submission failed")

    monkeypatch.setattr(services.requests, "request_transition", fail)  # where request_create looks it up
    with pytest.raises(RuntimeError):
        make_request(attachment=SimpleUploadedFile("letter.pdf", PDF))
    assert len(calls) == 1 and len(calls[0]) == 1
    assert not AssistanceRequest.objects.exists()
    assert _stored_files(tmp_path) == []


def test_it_deletes_the_stored_file_when_the_attachment_row_cannot_be_written(
    make_request, focal_mli, settings, tmp_path, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import IntegrityError

    from tcdesk.assistance.models import RequestAttachment

    request = make_request()
    settings.MEDIA_ROOT = tmp_path

    def broken_save(self, *args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(RequestAttachment, "save", broken_save)
    with pytest.raises(IntegrityError):
        services.attachment_add(ta_request=request, actor=focal_mli, upload=SimpleUploadedFile("a.pdf", PDF))
    assert _stored_files(tmp_path) == []


def test_it_keeps_the_file_of_a_committed_attachment_and_drops_one_whose_block_rolls_back(
    make_request, focal_mli, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    request = make_request()
    settings.MEDIA_ROOT = tmp_path
    kept = services.attachment_add(ta_request=request, actor=focal_mli, upload=SimpleUploadedFile("a.pdf", PDF))
    with services.files_deleted_on_rollback():
        services.attachment_add(ta_request=request, actor=focal_mli, upload=SimpleUploadedFile("b.pdf", PDF))
        transaction.set_rollback(True)
    assert [p.name for p in _stored_files(tmp_path)] == [kept.file.name.rsplit("/", 1)[1]]
    assert list(request.attachments.values_list("original_name", flat=True)) == ["a.pdf"]


def test_it_recomputes_priorities_in_batches_each_committed_before_its_progress_is_reported(make_request):
    from django.db import connection

    for _ in range(5):
        make_request()
    depth = len(connection.atomic_blocks)  # the test's own transaction
    reports = []

    def progress(step, done, total):
        reports.append((len(connection.atomic_blocks), done, total))

    assert services.priority_recompute(progress=progress, batch=2) == 5
    assert reports == [(depth, 2, 5), (depth, 4, 5), (depth, 5, 5)]


def test_it_recomputes_priorities_in_batches_of_500_by_default():
    import inspect

    assert inspect.signature(services.priority_recompute).parameters["batch"].default == 500


def test_higher_apps_hear_of_each_status_change_inside_the_transition(make_request, officer):
    """The `request_status_changed` extension point (funds and portfolio react to it)."""
    from django.db import transaction

    from tcdesk.assistance.extensions import request_status_changed

    heard = []

    def react(event):
        heard.append((event.ta_request.pk, event.action, event.from_status, event.to_status, event.actor))
        assert transaction.get_connection().in_atomic_block

    with request_status_changed.only(react):
        request = make_request()
        request = services.request_transition(
            ta_request=request, actor=officer, action="acknowledge", expected_version=request.version
        )
    assert heard == [
        (request.pk, "submit", "draft", "submitted", request.submitted_by),
        (request.pk, "acknowledge", "submitted", "acknowledged", officer),
    ]


def test_a_reaction_that_fails_undoes_the_transition(make_request, officer):
    from tcdesk.assistance.extensions import request_status_changed

    request = make_request()

    def refuse(event):
        raise RuntimeError("the funds app cannot follow")

    with request_status_changed.only(refuse), pytest.raises(RuntimeError):
        services.request_transition(
            ta_request=request, actor=officer, action="acknowledge", expected_version=request.version
        )
    request.refresh_from_db()
    assert request.status == "submitted" and not request.events.filter(action="acknowledge").exists()
