"""Settings for the test suite: the production settings with fast hashing and immediate tasks."""

import os

os.environ.setdefault("TCDESK_SECRET_KEY", "tcdesk-test-key")
os.environ.setdefault("TCDESK_SECURE_COOKIES", "0")
os.environ.setdefault("TCDESK_SSL_REDIRECT", "0")
os.environ.setdefault("TCDESK_HSTS_SECONDS", "0")
os.environ.setdefault("TCDESK_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")

import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from tcdesk.settings import *  # noqa: E402,F403
from tcdesk.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Outside the checkout; conftest.py makes the folder (whitenoise warns when it is missing).
STATIC_ROOT = Path(tempfile.gettempdir()) / "tcdesk-test-static"
MEDIA_ROOT = Path(tempfile.gettempdir()) / "tcdesk-test-media"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
