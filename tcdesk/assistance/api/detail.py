"""One request: read it, change a draft."""

import datetime as dt

from django.http import HttpRequest
from pydantic import Field

from tcdesk.core.access import requires
from tcdesk.core.api_errors import ConflictOut, ErrorOut
from tcdesk.core.limits import InSchema

from .. import services
from ..models import DESCRIPTION_MAX_CHARS
from ..permissions import CHANGE_REQUEST, VIEW_REQUEST
from .base import router, stale_answer, visible_request
from .schemas import RequestDetailOut


class RequestPatchIn(InSchema):
    """The fields to change on a draft; the others keep their values."""

    title: str | None = Field(None, max_length=200)
    requesting_authority: str | None = Field(None, max_length=255)
    description: str | None = Field(None, max_length=DESCRIPTION_MAX_CHARS)
    assistance_types: list[str] | None = None
    themes: list[str] | None = None
    instruments: list[str] | None = None
    mandates: list[str] | None = Field(
        None, description="Given with or without `mandate_ids`, the two replace all the related mandates"
    )
    mandate_ids: list[int] | None = None
    beneficiary_institutions: str | None = Field(None, max_length=2_000)
    desired_start: dt.date | None = None
    desired_end: dt.date | None = None
    post_conflict: bool | None = None
    expected_version: int | None = Field(None, description="The `version` you read; a stale one is refused with 409")


@router.get(
    "/{int:pk}",
    response={200: RequestDetailOut, 404: ErrorOut},
    summary="One request",
    operation_id="tcdesk_assistance_api_get_request",
)
@requires(VIEW_REQUEST, per_object=True)
def get_request(request: HttpRequest, pk: int):
    return visible_request(request, pk)


@router.patch(
    "/{int:pk}",
    response={200: RequestDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut, 422: ErrorOut},
    summary="Change a draft",
    operation_id="tcdesk_assistance_api_update_request",
)
@requires(CHANGE_REQUEST, per_object=True)
def update_request(request: HttpRequest, pk: int, payload: RequestPatchIn):
    """Only drafts change (422 otherwise): the State's focal point or an officer. Fields left out keep
    their values; `expected_version`, if given, must be the current one (409 otherwise)."""
    ta_request = visible_request(request, pk, CHANGE_REQUEST)
    given = payload.dict(exclude_unset=True)
    expected = given.pop("expected_version", None)
    fields = {
        "title": ta_request.title,
        "requesting_authority": ta_request.requesting_authority,
        "description": ta_request.description,
        "assistance_types": ta_request.assistance_type_list,
        "theme_codes": [t.code for t in ta_request.themes.all()],
        "instrument_codes": [i.instrument_code for i in ta_request.instruments.all()],
        "mandates": [str(m) for m in ta_request.mandate_links.all()],
        "beneficiary_institutions": ta_request.beneficiary_institutions,
        "desired_start": ta_request.desired_start,
        "desired_end": ta_request.desired_end,
        "post_conflict": ta_request.post_conflict,
    }
    if given.get("mandates") is not None or given.get("mandate_ids") is not None:
        # Either one given: together they are the new set of related mandates.
        given["mandates"] = given.get("mandates") or []
        given["mandate_ids"] = given.get("mandate_ids") or []
    renamed = {"themes": "theme_codes", "instruments": "instrument_codes"}
    for name, value in given.items():
        if value is None and name not in ("desired_start", "desired_end"):
            continue
        fields[renamed.get(name, name)] = value
    try:
        services.request_update(ta_request=ta_request, actor=request.user, expected_version=expected, **fields)
    except services.StaleVersion as stale:
        return stale_answer(stale)
    return 200, visible_request(request, pk)
