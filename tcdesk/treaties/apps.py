from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatiesConfig(AppConfig):
    name = "tcdesk.treaties"
    label = "treaties"
    verbose_name = _("Treaties")
    url_prefix = "treaties/"
    api_prefix = "/treaties"

    def ready(self) -> None:
        from tcdesk.core.extensions import navigation
        from tcdesk.core.navigation import NavEntry

        from . import contributions

        navigation.register(NavEntry(_("Treaties"), "treaties:instrument_list", "/treaties/"), order=20)
        contributions.register()
