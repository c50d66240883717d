from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "tcdesk.planning"
    label = "planning"
    verbose_name = _("Funding plans")
    url_prefix = "planning/"
    api_prefix = "/planning"

    def ready(self) -> None:
        from tcdesk.core.extensions import navigation
        from tcdesk.core.navigation import NavEntry

        from .permissions import VIEW_SCENARIO

        navigation.register(
            NavEntry(_("Funding plans"), "planning:scenario_list", "/planning/", VIEW_SCENARIO), order=60
        )
