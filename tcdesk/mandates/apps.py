from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MandatesConfig(AppConfig):
    name = "tcdesk.mandates"
    label = "mandates"
    verbose_name = _("Mandates")
    url_prefix = "mandates/"
    api_prefix = "/mandates"

    def ready(self) -> None:
        from tcdesk.core.extensions import navigation
        from tcdesk.core.navigation import NavEntry

        from . import home

        home.register()
        navigation.register(NavEntry(_("Mandates"), "mandates:resolution_list", "/mandates/"), order=10)
