"""Root URL configuration: pages per app, the JSON API under /api/, language switching.

Each tcdesk app with pages names its URL prefix on its AppConfig (`url_prefix`); its `urls.py` is
mounted there, in the order of INSTALLED_APPS. A new app adds nothing here.
"""

from django.apps import apps
from django.contrib import admin
from django.urls import include, path

from tcdesk.api import api


def _app_pages() -> list:
    return [
        path(config.url_prefix, include(f"{config.name}.urls"))
        for config in apps.get_app_configs()
        if getattr(config, "url_prefix", None) is not None
    ]


urlpatterns = [
    *_app_pages(),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

# Uploaded files are never served from MEDIA_URL, not even in development: each app serves its
# files through a view that checks permissions (e.g. request attachments).
