"""API of the review step: every load is a draft the secretariat reviews, corrects and confirms.

Registered on the mandates router under `/drafts` by `register(router)` (called from `api.py`, so
that the endpoints sit in the app's one router). Reading a draft needs
`VIEW_DRAFT`; creating, correcting, confirming and discarding one need `LOAD_RESOLUTION`.
Don't use `from __future__ import annotations` here (ninja resolves annotations at import).
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut
from tcdesk.core.limits import InSchema

from . import selectors, services
from .models import CORRECTION_TEXT_MAX_CHARS, ResolutionDraft
from .permissions import LOAD_RESOLUTION, VIEW_DRAFT


class DraftOut(Schema):
    id: int
    status: str
    symbol: str
    url: str
    source_filename: str
    corrections: list[dict]
    warnings: list[dict] = Field(description="What the parser is unsure of, with the paragraphs concerned")
    document: dict = Field(description="The parser's structure (the parse_resolution contract), corrections applied")

    @staticmethod
    def resolve_url(obj: ResolutionDraft) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_document(obj: ResolutionDraft) -> dict:
        return services.draft_document(obj)

    @staticmethod
    def resolve_warnings(obj: ResolutionDraft) -> list[dict]:
        return services.draft_document(obj).get("warnings") or []


class CorrectionIn(InSchema):
    op: str = Field(description="merge | split | move | to_annex")
    element: str = Field(description='The paragraph, as the document names it: "operative:3", "preamble:2", "annex:1"')
    at: int | None = Field(None, description="split: the character of the text where the new paragraph starts")
    before: str | None = Field(None, description="split: or the words the new paragraph starts with")
    number: int | None = Field(None, description="split: the number of the new paragraph")
    to: str | None = Field(None, description="move: previous | next")
    chars: int | None = Field(None, description="move: how many characters (first ones to previous, last ones to next)")
    text: str | None = Field(
        None, description="move: or the words to move, as written", max_length=CORRECTION_TEXT_MAX_CHARS
    )


_ROUTES: list[tuple[str, str, dict, Any]] = []


def _route(method: str, path: str, **options: Any):
    """Remember an endpoint for `register` (the mandates router adds it under /drafts)."""

    def remember(view: Any) -> Any:
        _ROUTES.append((method, path, options, view))
        return view

    return remember


def register(router: Router) -> None:
    """Add the review endpoints to the mandates router, under /drafts."""
    for method, path, options, view in _ROUTES:
        getattr(router, method)(f"/drafts{path}", **options)(view)


def _draft(request: HttpRequest, draft_id: int, action=None) -> ResolutionDraft:
    return selectors.get_draft_for_user(request.user, draft_id, action)


@_route(
    "post",
    "",
    response={201: DraftOut, 403: ErrorOut, 422: ErrorOut},
    summary="Read a resolution for review (nothing is stored as a resolution)",
)
@requires(LOAD_RESOLUTION)
def create_draft(request: HttpRequest):
    """The same body as loading a resolution (multipart `file` or JSON `{"text": …}`). The answer
    lists the warnings; corrections made before to the same text are already applied."""
    from .api import _document_field_as_sent, _upload_from_request  # the one reader of load bodies

    data, filename, lang, symbol = _upload_from_request(request)
    with _document_field_as_sent(request):
        draft = services.resolution_draft_create(
            data=data, filename=filename, user=request.user, lang=lang, symbol=symbol
        )
    return 201, draft


@_route("get", "/{int:draft_id}", response={200: DraftOut, 403: ErrorOut, 404: ErrorOut}, summary="A load under review")
@requires(VIEW_DRAFT, per_object=True)
def get_draft(request: HttpRequest, draft_id: int):
    return _draft(request, draft_id)


@_route(
    "post",
    "/{int:draft_id}/corrections",
    response={200: DraftOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Correct the reading: merge, split, move text, mark as annex",
)
@requires(LOAD_RESOLUTION, per_object=True)
def correct_draft(request: HttpRequest, draft_id: int, payload: CorrectionIn):
    draft = _draft(request, draft_id, LOAD_RESOLUTION)
    correction: dict[str, Any] = {key: value for key, value in payload.dict().items() if value is not None}
    return services.resolution_draft_correct(draft=draft, user=request.user, correction=correction)


@_route(
    "post",
    "/{int:draft_id}/undo",
    response={200: DraftOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Take back the last correction",
)
@requires(LOAD_RESOLUTION, per_object=True)
def undo_correction(request: HttpRequest, draft_id: int):
    return services.resolution_draft_undo(draft=_draft(request, draft_id, LOAD_RESOLUTION), user=request.user)


@_route(
    "post",
    "/{int:draft_id}/discard",
    response={200: DraftOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Discard the load: nothing is stored",
)
@requires(LOAD_RESOLUTION, per_object=True)
def discard_draft(request: HttpRequest, draft_id: int):
    return services.resolution_draft_discard(draft=_draft(request, draft_id, LOAD_RESOLUTION), user=request.user)
