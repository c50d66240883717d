"""WSGI entry point for application servers (gunicorn, uWSGI, mod_wsgi)."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

from tcdesk.cli import prepare_local_folders

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcdesk.settings")
prepare_local_folders()
application = get_wsgi_application()

from django.conf import settings  # noqa: E402 - settings are configured by the line above

if not settings.DEBUG and not os.environ.get("TCDESK_SECRET_KEY"):
    # Fail at boot, not at the first signed cookie.
    raise ImproperlyConfigured("Set TCDESK_SECRET_KEY (or TCDESK_DEBUG=1 for development).")
