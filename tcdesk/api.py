"""The JSON API: one NinjaAPI, one router per app, token or session authentication."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from tcdesk.accounts.api import router as accounts_router
from tcdesk.accounts.auth import api_auth
from tcdesk.assistance.api import router as assistance_router
from tcdesk.core.api import router as core_router
from tcdesk.mandates.api import router as mandates_router
from tcdesk.treaties.api import router as treaties_router

api = NinjaAPI(
    title="tcdesk API",
    version="1",
    description="Mandates, treaties, requests, funds and results of the crime-prevention technical "
    "cooperation programme. Authenticate with `POST /api/auth/token`, then send "
    "`Authorization: Bearer <token>`; browser sessions work too.",
    auth=api_auth,
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Domain validation errors become 422 responses naming each field and rule."""
    if hasattr(exc, "error_dict"):
        detail = [
            {"loc": field.split(".") if "." in field else ["body", field], "msg": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        detail = [{"loc": ["body"], "msg": message} for message in exc.messages]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Permission denied."}, status=403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # The same answer for "does not exist" and "not yours", so IDs cannot be probed.
    return api.create_response(request, {"detail": "Not found."}, status=404)


api.add_router("/auth", accounts_router)
api.add_router("/core", core_router)
api.add_router("/mandates", mandates_router)
api.add_router("/treaties", treaties_router)
api.add_router("/requests", assistance_router)
