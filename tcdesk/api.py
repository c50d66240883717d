"""The JSON API: one NinjaAPI, one router per app, token or session authentication.

Each tcdesk app with an API names its prefix on its AppConfig (`api_prefix`); the `router` of its
`api.py` is mounted there, in the order of INSTALLED_APPS. A new app adds nothing here.
"""

import importlib

from django.apps import apps
from ninja import NinjaAPI, Swagger

from tcdesk.accounts.auth import api_auth
from tcdesk.core.api_errors import install_error_handlers


class ApiDocs(Swagger):
    """Swagger UI on the project's own page (core/api_docs.html), which declares its language."""

    template = "core/api_docs.html"


api = NinjaAPI(
    title="tcdesk API",
    version="1",
    description="Mandates, treaties, requests, funds and results of the crime-prevention technical "
    "cooperation programme. Authenticate with `POST /api/auth/token`, then send "
    "`Authorization: Bearer <token>`; browser sessions work too.",
    auth=api_auth,
    urls_namespace="api",
    docs=ApiDocs(),
)
install_error_handlers(api)

for config in apps.get_app_configs():
    prefix = getattr(config, "api_prefix", None)
    if prefix:
        api.add_router(prefix, importlib.import_module(f"{config.name}.api").router)
