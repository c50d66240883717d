"""The Secretary-General's report and other documents generated from the records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "tcdesk.reports"
    label = "reports"
    verbose_name = _("Reports")
    url_prefix = "reports/"
    api_prefix = "/reports"

    def ready(self) -> None:
        from tcdesk.core.extensions import navigation
        from tcdesk.core.navigation import NavEntry

        from .permissions import VIEW_REPORT

        navigation.register(NavEntry(_("Reports"), "reports:report_list", "/reports/", VIEW_REPORT), order=80)
