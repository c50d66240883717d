"""Root URL configuration: pages per app, the JSON API under /api/, language switching."""

from django.conf import settings
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

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
