from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "tcdesk.funds"
    label = "funds"
    verbose_name = _("Funds")
    url_prefix = "funds/"
    api_prefix = "/funds"

    def ready(self) -> None:
        # Fill the extension points of the apps below (core, assistance): this app imports them, never the reverse.
        from tcdesk.core.extensions import navigation
        from tcdesk.core.navigation import NavEntry

        from . import contributions, home
        from .permissions import VIEW_FUNDS

        navigation.register(NavEntry(_("Funds"), "funds:fund_list", "/funds/", VIEW_FUNDS), order=50)
        contributions.register()
        home.register()
