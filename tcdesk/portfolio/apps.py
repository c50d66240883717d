from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "tcdesk.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")
    url_prefix = "portfolio/"
    api_prefix = "/portfolio"

    def ready(self) -> None:
        from tcdesk.core.extensions import navigation
        from tcdesk.core.navigation import NavEntry

        from . import contributions

        navigation.register(NavEntry(_("Portfolio"), "portfolio:project_list", "/portfolio/"), order=40)
        contributions.register()
