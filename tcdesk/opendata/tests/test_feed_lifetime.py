"""The IATI feed's minimum lifetime: a written feed is served as is (with its ETag, so pollers get 304)
for TCDESK_OPEN_FEED_MIN_AGE seconds even while the data changes; an older one that no longer matches
the data is still served while one background task rebuilds it. Only the very first build, and a change
of what administrators exclude, happen in the request."""

from __future__ import annotations

import os
import time

import pytest
from django.tasks import default_task_backend
from django.test import Client, override_settings

from tcdesk.opendata import feeds, services
from tcdesk.opendata.tasks import rebuild_feed
from tcdesk.portfolio.tests import factories as portfolio_factories

pytestmark = pytest.mark.django_db

QUEUE = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
URL = "/open/iati/activities.xml"


@pytest.fixture(autouse=True)
def _feeds_in_tmp(settings, tmp_path):
    settings.TCDESK_OPENDATA_DIR = tmp_path / "feeds"
    settings.TCDESK_OPEN_FEED_MIN_AGE = 300


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def published(officer):
    return portfolio_factories.project(officer, title_en="First published project")


def _body(response) -> str:
    return b"".join(response.streaming_content).decode()


def _change_the_data(officer, capture) -> None:
    with capture(execute=True):  # the commit bumps the data generation: the current ETag changes
        portfolio_factories.project(officer, title_en="A project added later")


def _age_the_feed(seconds: int) -> None:
    for path in feeds.feed_dir().glob("activities-*.xml"):
        then = time.time() - seconds
        os.utime(path, (then, then))


@override_settings(TASKS=QUEUE)
def test_a_young_feed_is_served_as_is_with_its_etag_while_the_data_changes(
    anonymous, officer, published, django_capture_on_commit_callbacks
):
    first = anonymous.get(URL)
    assert first.status_code == 200 and "First published project" in _body(first)
    etag, modified = first["ETag"], first["Last-Modified"]
    _change_the_data(officer, django_capture_on_commit_callbacks)
    assert feeds.feed_tag("activities") != etag

    again = anonymous.get(URL)
    assert again.status_code == 200 and again["ETag"] == etag and again["Last-Modified"] == modified
    assert "A project added later" not in _body(again)
    unchanged = anonymous.get(URL, headers={"if-none-match": etag})
    assert unchanged.status_code == 304 and unchanged["ETag"] == etag
    assert anonymous.get(URL, headers={"if-modified-since": modified}).status_code == 304
    assert default_task_backend.results == []  # young: no rebuild asked for


@override_settings(TASKS=QUEUE)
def test_a_stale_feed_past_its_minimum_age_is_served_while_one_rebuild_is_queued(
    anonymous, officer, published, django_capture_on_commit_callbacks
):
    etag = anonymous.get(URL)["ETag"]
    _change_the_data(officer, django_capture_on_commit_callbacks)
    _age_the_feed(301)

    for _ in range(3):  # every hit meanwhile gets the previous file; one rebuild only is queued
        response = anonymous.get(URL)
        assert response.status_code == 200 and response["ETag"] == etag
        assert "A project added later" not in _body(response)
    [queued] = default_task_backend.results
    assert queued.task.name == rebuild_feed.name and queued.args == ["activities"]

    rebuild_feed.call("activities")  # what the worker does
    rebuilt = anonymous.get(URL, headers={"if-none-match": etag})
    assert rebuilt.status_code == 200 and rebuilt["ETag"] == feeds.feed_tag("activities") != etag
    assert "A project added later" in _body(rebuilt)
    assert len(list(feeds.feed_dir().glob("activities-*.xml"))) == 1


@override_settings(TASKS=QUEUE)
def test_the_first_build_happens_in_the_request(anonymous, published):
    assert not list(feeds.feed_dir().glob("activities-*.xml"))
    response = anonymous.get(URL)
    assert response.status_code == 200 and response["ETag"] == feeds.feed_tag("activities")
    assert default_task_backend.results == []


@override_settings(TASKS=QUEUE)
def test_an_exclusion_is_applied_at_once_however_young_the_feed(
    anonymous, admin_user, officer, published, django_capture_on_commit_callbacks
):
    etag = anonymous.get(URL)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        kept = portfolio_factories.project(officer, title_en="Another published project")
        services.exclusion_add(actor=admin_user, kind="project", code=published.iati_identifier, reason="Partner asked")
    response = anonymous.get(URL, headers={"if-none-match": etag})
    assert response.status_code == 200 and response["ETag"] != etag
    body = _body(response)
    assert published.iati_identifier not in body and kept.iati_identifier in body
