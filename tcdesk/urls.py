"""Root URL configuration: pages per app, the JSON API under /api/, language switching."""

from django.contrib import admin
from django.urls import include, path

from tcdesk.api import api

urlpatterns = [
    path("", include("tcdesk.core.urls")),
    path("accounts/", include("tcdesk.accounts.urls")),
    path("mandates/", include("tcdesk.mandates.urls")),
    path("treaties/", include("tcdesk.treaties.urls")),
    path("requests/", include("tcdesk.assistance.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

# Uploaded files are never served from MEDIA_URL, not even in development: each app serves its
# files through a view that checks permissions (e.g. request attachments).
