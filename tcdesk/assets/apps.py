from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssetsConfig(AppConfig):
    name = "tcdesk.assets"
    label = "assets"
    verbose_name = _("Asset sharing")
    url_prefix = "assets/"
    api_prefix = "/assets"

    def ready(self) -> None:
        from tcdesk.core.extensions import navigation
        from tcdesk.core.navigation import NavEntry

        from . import contributions
        from .permissions import VIEW

        navigation.register(NavEntry(_("Asset sharing"), "assets:agreement_list", "/assets/", VIEW), order=70)
        contributions.register()
