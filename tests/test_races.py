"""Concurrent writes (issue 18): one winner, no server error, nothing stored twice.

Each test starts N threads (their own database connections) at a barrier and lets them write the same
thing at once, as N browser tabs or API clients would. The threaded tests need a database that lets
writers wait for each other (PostgreSQL; the embedded SQLite serialises writers in IMMEDIATE
transactions, which the suite's in-memory test database cannot share between threads), so they run
on PostgreSQL; the serialised checks they rely on are also tested one after the other on both.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, connections, models, transaction
from django.db.models import Max
from django.test import Client
from django.utils import timezone

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.assistance.models import AssistanceRequest
from tcdesk.core.models import CountryGroupMembership
from tcdesk.mandates.tests.conftest import MINI_EN

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads need a database whose writers wait (PostgreSQL)"
)


def in_thread(work: Callable[[], Any]) -> Any:
    """work() on a connection of its own, committed (the test's connection is inside a transaction
    that the threads could not see)."""
    [result] = _at_once(1, lambda _index: work())
    if isinstance(result, Exception):
        raise result
    return result


def _high_water_marks() -> dict[type, int]:
    marks = {}
    for model in apps.get_models(include_auto_created=True):
        if isinstance(model._meta.pk, models.AutoField | models.BigAutoField):
            marks[model] = model.objects.aggregate(top=Max("pk"))["top"] or 0
    return marks


def _delete_rows_after(marks: dict[type, int]) -> None:
    # PostgreSQL checks the foreign keys Django makes at commit (DEFERRABLE INITIALLY DEFERRED): the
    # tables can be emptied in any order inside one transaction. Rows that were there before may have
    # been pointed at new ones (a citation resolved when the resolution it cites was loaded): such
    # nullable references are cleared first, as they were.
    with transaction.atomic():
        for model in marks:
            for field in model._meta.concrete_fields:
                target = field.related_model if field.many_to_one and field.null else None
                if target in marks:
                    model._base_manager.filter(pk__lte=marks[model], **{f"{field.attname}__gt": marks[target]}).update(
                        **{field.attname: None}
                    )
        for model, top in marks.items():
            model._base_manager.filter(pk__gt=top)._raw_delete(model._base_manager.db)


@pytest.fixture
def committed_db(db):
    """Writes committed by threads, removed afterwards: every row added to a table with an integer
    key since the test began is deleted, so the tests that follow find the database as it was."""
    marks = in_thread(_high_water_marks)
    yield
    in_thread(lambda: _delete_rows_after(marks))


def _at_once(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run work(0..count-1) in threads released together; each result, or the exception raised."""
    start = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        try:
            start.wait()
            results[index] = work(index)
        except Exception as exc:  # noqa: BLE001 - returned to the test, which asserts on it
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _signed_in(role: str, username: str, country: str | None = None) -> Client:
    def sign_in() -> Client:
        user = UserFactory(username=username)
        role_assign(user=user, role=role, country_id=country)
        client = Client()
        client.force_login(user)
        return client

    return in_thread(sign_in)


@on_postgresql
def test_parallel_submissions_each_get_their_own_reference(committed_db):
    clients = [_signed_in(Role.STATE_FOCAL_POINT, f"focal-{i}", "MLI") for i in range(5)]
    body = {
        "country": "MLI",
        "title": "Training of prosecutors",
        "requesting_authority": "Ministry of Justice",
        "description": "Two workshops.",
        "assistance_types": ["training_prosecutors"],
    }
    responses = _at_once(5, lambda i: clients[i].post("/api/requests", body, content_type="application/json"))
    assert [r.status_code for r in responses] == [201] * 5, [getattr(r, "content", r) for r in responses]
    references = sorted(AssistanceRequest.objects.values_list("reference", flat=True))
    year = timezone.now().year
    assert references == [f"TAR-{year}-{n:04d}" for n in range(1, 6)]


@on_postgresql
def test_parallel_identical_memberships_store_one(committed_db):
    clients = [_signed_in(Role.ADMINISTRATOR, f"admin-{i}") for i in range(6)]
    body = {"group": "LDC", "country": "FRA", "valid_from": "2030-01-01"}
    responses = _at_once(6, lambda i: clients[i].post("/api/core/memberships", body, content_type="application/json"))
    codes = sorted(r.status_code for r in responses)
    assert codes.count(201) == 1 and set(codes) <= {201, 409, 422}, codes
    assert CountryGroupMembership.objects.filter(country_id="FRA", group_id="LDC").count() == 1


@on_postgresql
def test_parallel_overlapping_open_ended_memberships_store_one(committed_db):
    clients = [_signed_in(Role.ADMINISTRATOR, f"admin-{i}") for i in range(6)]
    responses = _at_once(
        6,
        lambda i: clients[i].post(
            "/api/core/memberships",
            {"group": "LDC", "country": "FRA", "valid_from": f"2030-0{i + 1}-01"},
            content_type="application/json",
        ),
    )
    codes = sorted(r.status_code for r in responses)
    assert codes.count(201) == 1 and set(codes) <= {201, 409, 422}, codes
    assert CountryGroupMembership.objects.filter(country_id="FRA", group_id="LDC").count() == 1


@on_postgresql
def test_the_database_itself_refuses_overlapping_memberships_on_postgresql(db):
    from django.db import IntegrityError

    CountryGroupMembership.objects.create(group_id="LDC", country_id="FRA", valid_from=dt.date(2030, 1, 1))
    with pytest.raises(IntegrityError):
        CountryGroupMembership.objects.create(group_id="LDC", country_id="FRA", valid_from=dt.date(2031, 1, 1))


@on_postgresql
def test_parallel_priority_weights_saves_give_one_winner_per_version(committed_db):
    from tcdesk.assistance import priority_rules

    clients = [_signed_in(Role.ADMINISTRATOR, f"admin-{i}") for i in range(6)]
    weights = dict.fromkeys(priority_rules.WEIGHT_KEYS, 10)
    responses = _at_once(
        6, lambda i: clients[i].post("/api/requests/weights", {"weights": weights}, content_type="application/json")
    )
    codes = sorted(r.status_code for r in responses)
    assert set(codes) <= {201, 409} and 201 in codes, codes
    assert all(r.json()["detail"] for r in responses if r.status_code == 409)


@on_postgresql
def test_the_same_new_resolution_loaded_twice_at_once_is_stored_once(committed_db):
    from tcdesk.mandates.models import Resolution

    clients = [_signed_in(Role.SECRETARIAT, f"secretariat-{i}") for i in range(4)]
    body = {"text": MINI_EN, "symbol": "A/RES/59/159", "confirm": True}
    responses = _at_once(
        4, lambda i: clients[i].post("/api/mandates/resolutions", body, content_type="application/json")
    )
    codes = sorted(r.status_code for r in responses)
    assert set(codes) <= {200, 201, 409} and 201 in codes, [getattr(r, "content", r) for r in responses]
    assert Resolution.objects.filter(symbol="A/RES/59/159").count() == 1


# ------------------------------------------------------------------------------ serialised, both databases


def test_an_overlapping_membership_is_refused_after_an_open_ended_one(admin_client):
    first = {"group": "LDC", "country": "FRA", "valid_from": "2030-01-01"}
    assert admin_client.post("/api/core/memberships", first, content_type="application/json").status_code == 201
    second = {"group": "LDC", "country": "FRA", "valid_from": "2031-01-01"}
    response = admin_client.post("/api/core/memberships", second, content_type="application/json")
    assert response.status_code == 422
    assert "overlap" in response.json()["detail"][0]["msg"]


def test_a_unique_conflict_is_a_409_with_a_message(admin_client, monkeypatch):
    from django.db import IntegrityError

    from tcdesk.core import services

    def collide(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(services, "group_membership_create", collide)
    body = {"group": "LDC", "country": "FRA", "valid_from": "2030-01-01"}
    response = admin_client.post("/api/core/memberships", body, content_type="application/json")
    assert response.status_code == 409
    assert "same time" in response.json()["detail"]


def test_references_continue_after_imported_ones(officer, db):
    from tcdesk.assistance.services import next_reference
    from tcdesk.assistance.tests.factories import AssistanceRequestFactory

    year = timezone.now().year
    assert next_reference(year) == f"TAR-{year}-0001"
    AssistanceRequestFactory(reference=f"TAR-{year}-0041")  # numbered without the counter (an import)
    assert next_reference(year) == f"TAR-{year}-0042"
    assert next_reference(year) == f"TAR-{year}-0043"
