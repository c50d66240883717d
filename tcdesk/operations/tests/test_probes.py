"""Health, readiness, request ids, JSON logs and metrics: what load balancers, Prometheus and the
people reading logs rely on."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings

from tcdesk.operations import readiness
from tcdesk.operations.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_migration_check():
    readiness._migrations_complete.clear()
    yield
    readiness._migrations_complete.clear()


def test_healthz_answers_without_sign_in_database_or_known_host(client, django_assert_num_queries):
    with override_settings(SECURE_SSL_REDIRECT=True), django_assert_num_queries(0):
        response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


def test_readyz_is_ready_when_database_cache_and_migrations_are(client):
    response = client.get("/readyz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "cache": "ok", "migrations": "ok"},
    }


def test_readyz_stays_cheap_once_migrations_are_known_applied(client, django_assert_max_num_queries):
    client.get("/readyz")
    with django_assert_max_num_queries(1):
        assert client.get("/readyz").status_code == 200


def test_readyz_names_an_unapplied_migration(client):
    MigrationRecorder.Migration.objects.filter(app="assistance", name="0003_resolve_mandate_links").delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["migrations"].startswith("1 not applied: assistance.0003_resolve_mandate_links")
    assert body["checks"]["database"] == "ok"


def test_readyz_says_the_database_is_unreachable(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused\nmore")):
        response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "unreachable (OperationalError: connection refused)"
    assert checks["migrations"] == "unknown: no database"


def test_readyz_says_the_cache_is_unreachable(client):
    # A Redis cache on a port nothing listens on: the real client fails to connect.
    broken = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=broken):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("unreachable (ConnectionError")


def test_probes_refuse_other_methods(client):
    assert client.post("/healthz").status_code == 405


# ------------------------------------------------------------------------------------------ request ids


def test_a_plain_request_id_from_the_caller_is_echoed(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.42")
    assert response["X-Request-ID"] == "lb-7f3a.42"


def test_a_missing_request_id_is_generated(client):
    first = client.get("/accounts/login/")["X-Request-ID"]
    second = client.get("/accounts/login/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second


@pytest.mark.parametrize("bad", ["two words", "x" * 129, "semi;colon", "new\nline"])
def test_a_malformed_request_id_is_replaced_not_logged(client, bad):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=bad)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


# ----------------------------------------------------------------------------------------------- logs


def test_the_access_log_is_one_json_object_per_request_with_its_id(client):
    stream = _json_handler_on("tcdesk.access")
    client.get("/api/core/countries/MLI", HTTP_X_REQUEST_ID="req-123")
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["request_id"] == "req-123"
    assert entry["logger"] == "tcdesk.access"
    assert entry["status"] == 200
    assert entry["route"] == "api/core/countries/<iso3>"
    assert entry["path"] == "/api/core/countries/MLI"
    assert entry["duration_ms"] >= 0


def test_application_logs_during_a_request_carry_its_id(client):
    stream = _json_handler_on("django.request")
    client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-404")
    entries = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert any(e["request_id"] == "req-404" and e["level"] == "WARNING" for e in entries)


def test_production_settings_log_json_lines_on_standard_error():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('tcdesk.example').warning('disk at %s%%', 91, extra={'volume': 'media'})"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TCDESK_", "DJANGO_"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "DJANGO_SETTINGS_MODULE": "tcdesk.settings", "TCDESK_SECRET_KEY": "k" * 50},
        capture_output=True,
        text=True,
        check=True,
    )
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["message"] == "disk at 91%"
    assert entry["volume"] == "media"
    assert entry["level"] == "WARNING"
    assert entry["request_id"] == "-"


def _json_handler_on(logger_name: str):
    import io

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger(logger_name)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    def restore():
        logger.removeHandler(handler)
        logger.setLevel(previous)

    _cleanups.append(restore)
    return stream


_cleanups: list = []


@pytest.fixture(autouse=True)
def _restore_loggers():
    yield
    while _cleanups:
        _cleanups.pop()()


# -------------------------------------------------------------------------------------------- metrics

TOKEN = "scrape-token-for-tests-0123456789"


@override_settings(TCDESK_METRICS_TOKEN=TOKEN)
def test_metrics_are_refused_without_the_token(client, admin_client):
    assert client.get("/metrics").status_code == 401
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer not-the-token")
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"].startswith("Bearer")
    # Signing in is not enough: the token is the only key (the endpoint is for the scraper).
    assert admin_client.get("/metrics").status_code == 401


@override_settings(TCDESK_METRICS_TOKEN="")
def test_metrics_do_not_exist_when_no_token_is_configured(client):
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@override_settings(TCDESK_METRICS_TOKEN=TOKEN)
def test_metrics_count_requests_by_route_pattern_with_latency(client):
    client.get("/api/core/countries/MLI")
    client.get("/api/core/countries/COL")
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", HTTP_HOST="10.0.0.9:8000")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    text = response.content.decode()
    count = _sample(text, 'tcdesk_http_requests_total{method="GET",route="api/core/countries/<iso3>",status="200"}')
    assert count >= 2
    assert (
        _sample(text, 'tcdesk_http_request_duration_seconds_count{method="GET",route="api/core/countries/<iso3>"}') >= 2
    )
    assert (
        'tcdesk_http_request_duration_seconds_bucket{le="0.1",method="GET",route="api/core/countries/<iso3>"}' in text
    )


@override_settings(TCDESK_METRICS_TOKEN=TOKEN)
def test_metrics_report_the_task_queue_length_and_oldest_age(client):
    import datetime as dt

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    def queued(minutes_ago: int, queue: str = "default") -> None:
        row = DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="tcdesk.core.tasks.reload_reference_data",
            backend_name="default",
            queue_name=queue,
            run_after=get_date_max(),
        )
        DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - dt.timedelta(minutes=minutes_ago))

    queued(5)
    queued(1)
    queued(0, queue="reports")
    text = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    assert _sample(text, 'tcdesk_tasks_queued{queue="default"}') == 2
    assert _sample(text, 'tcdesk_tasks_queued{queue="reports"}') == 1
    assert 299 <= _sample(text, 'tcdesk_tasks_oldest_queued_age_seconds{queue="default"}') < 400


def _sample(text: str, series: str) -> float:
    for line in text.splitlines():
        if line.startswith(series + " "):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{series} not in the metrics:\n{text[:2000]}")
