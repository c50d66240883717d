"""Errors of the JSON API, one shape for every app.

Every error answers `{"detail": …}`: a message (401, 403, 404, 409) or a list of
`{"loc": [...], "msg": …}` naming each field and rule (422). Endpoints list their error statuses with
`ErrorOut` (and `ConflictOut` for a stale version) so the OpenAPI document shows them; the handlers
installed on the API (`install_error_handlers`) turn the domain's exceptions into these answers.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema


class ErrorOut(Schema):
    detail: list[dict] | str


class ConflictOut(Schema):
    detail: str
    current_version: int


def validation_detail(exc: ValidationError) -> list[dict]:
    """A ValidationError as the API's list of {"loc", "msg"}: a field named "query.x" or "body.x" keeps
    its place, a bare field name is in the body."""
    if hasattr(exc, "error_dict"):
        return [
            {"loc": field.split(".") if "." in field else ["body", field], "msg": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"loc": ["body"], "msg": message} for message in exc.messages]


def whole_record(payload: Schema) -> dict:
    """The fields of a PUT body, refusing (422, one entry per field) a body that leaves any out.

    A PUT replaces the whole record: a field left out would otherwise take its schema default and
    silently overwrite what is stored (an agreement's support-cost rate went back to 13 %). Clients send
    every field, their current values for those they keep; PATCH endpoints are the partial ones."""
    missing = [name for name in type(payload).model_fields if name not in payload.model_fields_set]
    if missing:
        message = _("Required: a PUT replaces the whole record, so send this field (its current value to keep it).")
        raise ValidationError({name: [message] for name in missing})
    return payload.dict()


def conflict_message() -> str:
    """What a unique or exclusion constraint refusing a write means to the person who made it."""
    return _("This conflicts with a record saved at the same time or already there; reload and try again.")


def data_error_message() -> str:
    """What a value the database cannot store (too long for its column, a number out of range) means."""
    return _("A value is too long or out of range for its field; shorten it and try again.")


def install_error_handlers(api: NinjaAPI) -> None:
    """422 for ValidationError, 403 for PermissionDenied, 404 for Http404 (missing or not yours alike),
    409 for a write the database refused as a duplicate or an overlap (IntegrityError): two people
    saving the same thing at once get one winner and a message, not a server error."""

    @api.exception_handler(IntegrityError)
    def on_integrity_error(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        return api.create_response(request, {"detail": conflict_message()}, status=409)

    @api.exception_handler(DataError)
    def on_data_error(request: HttpRequest, exc: DataError) -> HttpResponse:
        return api.create_response(request, {"detail": data_error_message()}, status=422)

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": validation_detail(exc)}, status=422)

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or "Permission denied."}, status=403)

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # The same answer for "does not exist" and "not yours", so IDs cannot be probed.
        return api.create_response(request, {"detail": "Not found."}, status=404)
