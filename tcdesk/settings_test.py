"""Settings for the test suite: the production settings with fast hashing and immediate tasks."""

import os

os.environ.setdefault("TCDESK_SECRET_KEY", "tcdesk-test-key")
os.environ.setdefault("TCDESK_SECURE_COOKIES", "0")
os.environ.setdefault("TCDESK_SSL_REDIRECT", "0")
os.environ.setdefault("TCDESK_HSTS_SECONDS", "0")
os.environ.setdefault("TCDESK_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
# Tests read what they just wrote: no cached public pages and no access log unless a test asks.
os.environ.setdefault("TCDESK_PUBLIC_CACHE_SECONDS", "0")
os.environ.setdefault("TCDESK_ACCESS_LOG", "0")

import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from tcdesk.settings import *  # noqa: E402,F403
from tcdesk.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Outside the checkout; conftest.py makes the folder (whitenoise warns when it is missing).
# Each pytest-xdist worker gets its own folders.
_RUN_DIR = Path(tempfile.gettempdir()) / f"tcdesk-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
STATIC_ROOT = _RUN_DIR / "static"
# A process started by a test (backups, workers) is given its own media folder through the environment.
MEDIA_ROOT = Path(os.environ.get("TCDESK_MEDIA_ROOT") or _RUN_DIR / "media")
# Each test process keeps its own cache, even when REDIS_URL is set: the suite clears the cache between
# tests, which must never flush a Redis others use (the shared-cache tests make their own clients).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tcdesk-tests"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
