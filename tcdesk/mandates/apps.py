from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MandatesConfig(AppConfig):
    name = "tcdesk.mandates"
    label = "mandates"
    verbose_name = _("Mandates")
    url_prefix = "mandates/"
    api_prefix = "/mandates"

    def ready(self) -> None:
        from tcdesk.core.extensions import long_text_paths, navigation
        from tcdesk.core.navigation import NavEntry

        from . import home

        home.register()
        # Resolutions arrive as whole texts in JSON bodies (parse, load, review): the edge's per-text limit
        # does not apply; the body-size limit and the parser's own budgets do.
        long_text_paths.register("/api/mandates/")
        navigation.register(NavEntry(_("Mandates"), "mandates:resolution_list", "/mandates/"), order=10)
