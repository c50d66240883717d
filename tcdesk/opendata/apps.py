"""Open data: what the public sees without signing in, on pages (/open/), files, an IATI feed and an
open JSON API (/api/open/)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "tcdesk.opendata"
    label = "opendata"
    verbose_name = _("Open data")
    url_prefix = "open/"
    api_prefix = "/open"

    def ready(self) -> None:
        from tcdesk.core.extensions import navigation
        from tcdesk.core.navigation import NavEntry

        from . import freshness

        navigation.register(NavEntry(_("Open data"), "opendata:home", "/open/"), order=85)
        freshness.connect_signals()
