"""The production profile as an operator configures it (PostgreSQL, Redis, metrics token, behind a
proxy) passes Django's deployment check, and its settings pick the shared cache and sessions."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "tcdesk.settings",
    "DATABASE_URL": "postgres://tcdesk:secret@db.internal:5432/tcdesk",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "TCDESK_SECRET_KEY": "p" * 64 + "-a-long-random-production-secret",
    "TCDESK_ALLOWED_HOSTS": "tcdesk.example.org",
    "TCDESK_CSRF_TRUSTED_ORIGINS": "https://tcdesk.example.org",
    "TCDESK_BEHIND_PROXY": "1",
    "TCDESK_METRICS_TOKEN": "m" * 40,
    "TCDESK_HSTS_PRELOAD": "1",
    "TCDESK_DB_CONN_MAX_AGE": "60",
}


def _run(*args: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TCDESK_", "DJANGO_", "REDIS_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, *args], env={**base, **PRODUCTION}, capture_output=True, text=True, check=False
    )


def test_the_production_profile_passes_the_deployment_check():
    result = _run("-m", "tcdesk.cli", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_production_profile_shares_cache_and_sessions_through_redis():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.SESSION_ENGINE, "
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['CONN_MAX_AGE'], s.LOGGING['handlers']"
        "['console']['formatter'], s.STORAGES['staticfiles']['BACKEND']]))"
    )
    result = _run("-c", code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.internal:6379/0",
        "django.contrib.sessions.backends.cached_db",
        "django.db.backends.postgresql",
        60,
        "json",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]
