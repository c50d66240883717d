from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tcdesk.core"
    label = "core"
    verbose_name = _("Reference data")
    url_prefix = ""  # pages (tcdesk/urls.py mounts each app's urls.py at its prefix)
    api_prefix = "/core"  # API router (tcdesk/api.py mounts each app's api.router at its prefix)

    def ready(self) -> None:
        from . import home, search
        from .extensions import navigation
        from .navigation import NavEntry

        home.register()
        search.register()

        navigation.register(NavEntry(_("Dashboard"), "core:dashboard", "/"), order=0)
        navigation.register(NavEntry(_("Reference data"), "core:reference_home", "/reference/"), order=90)
