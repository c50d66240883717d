from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "tcdesk.assistance"
    label = "assistance"
    verbose_name = _("Assistance requests")
    url_prefix = "requests/"
    api_prefix = "/requests"

    def ready(self) -> None:
        # Fill the extension points of the apps below (core, mandates): this app imports them, never the reverse.
        from tcdesk.core.extensions import navigation
        from tcdesk.core.navigation import NavEntry

        from . import contributions

        navigation.register(NavEntry(_("Requests"), "assistance:request_list", "/requests/"), order=30)
        contributions.register()
