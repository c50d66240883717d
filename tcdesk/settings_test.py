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

from tcdesk.settings import *  # noqa: E402,F403
from tcdesk.settings import STATIC_ROOT, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Each test process keeps its own cache, even when REDIS_URL is set: the suite clears the cache between
# tests, which must never flush a Redis others use (the shared-cache tests make their own clients).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tcdesk-tests"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when the folder is missing
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
