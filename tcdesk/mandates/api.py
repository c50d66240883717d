"""API of the mandates app: resolutions (list, parsed structure, load, parse-only), the mandate
registry and its tracking, reporting requests.

Resolutions, mandates and reporting requests are public documents: anonymous callers may read them
(open data); evidence and timelines are for signed-in users. Loading needs the secretariat or an
administrator; tracking also programme officers.
"""

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from tcdesk.accounts.auth import public_auth
from tcdesk.accounts.rules import holds
from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut
from tcdesk.core.api_filters import filtered
from tcdesk.core.limits import InSchema

from . import selectors, services
from .api_review import DraftOut
from .api_review import register as register_review
from .filters import MandateFilter, ReportingRequestFilter, ResolutionFilter
from .models import COMMENT_MAX_CHARS, EVIDENCE_TEXT_MAX_CHARS, Addressee, Mandate, Resolution
from .permissions import LOAD_RESOLUTION, PARSE_RESOLUTION, TRACK_MANDATE, VIEW, VIEW_TRACKING

router = Router(tags=["mandates"])

LOAD_BODY_DOC = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": ".txt, .md or .pdf"},
                        "lang": {"type": "string", "enum": ["auto", "en", "fr", "es"]},
                        "symbol": {
                            "type": "string",
                            "description": "Only if neither the text nor the file name gives it",
                        },
                        "confirm": {"type": "boolean", "description": "Store at once, without review"},
                    },
                    "required": ["file"],
                }
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string"},
                        "lang": {"type": "string", "enum": ["auto", "en", "fr", "es"]},
                        "symbol": {"type": "string"},
                        "filename": {"type": "string"},
                        "confirm": {"type": "boolean", "description": "Store at once, without review"},
                    },
                    "required": ["text"],
                }
            },
        },
        "required": True,
    }
}


class ResolutionOut(Schema):
    symbol: str
    body: str
    session: int | None
    adoption_date: dt.date | None
    title: str
    language: str
    agenda_item: str
    mandates: int = 0
    open_mandates: int = 0
    url: str

    @staticmethod
    def resolve_url(obj: Resolution) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_mandates(obj: Resolution) -> int:
        return obj.mandate_count if hasattr(obj, "mandate_count") else obj.mandates.count()

    @staticmethod
    def resolve_open_mandates(obj: Resolution) -> int:
        if hasattr(obj, "open_mandate_count"):
            return obj.open_mandate_count
        return obj.mandates.pending().count()


class CitationOut(Schema):
    kind: str
    body: str | None
    ref: str
    symbol: str = Field(alias="target_symbol")
    occurrences: list[str]
    loaded: bool = Field(alias="is_resolved")
    cited_resolution: str | None = None

    @staticmethod
    def resolve_body(obj) -> str | None:
        return obj.body or None

    @staticmethod
    def resolve_cited_resolution(obj) -> str | None:
        return obj.cited_resolution.symbol if obj.cited_resolution_id else None


class MandateBriefOut(Schema):
    id: int
    key: str
    action: str
    status: str
    due_session: int | None
    due_year: int | None


class ResolutionDetailOut(ResolutionOut):
    plenary_meeting: int | None
    source_sha256: str
    source_format: str
    loaded_at: dt.datetime
    document: dict = Field(alias="parsed", description="The parser's structure (the contract in docs/design.md)")
    citations: list[CitationOut]
    cited_by: list[str]
    mandate_list: list[MandateBriefOut]

    @staticmethod
    def resolve_citations(obj: Resolution):
        return obj.citations.select_related("cited_resolution").order_by("pk")

    @staticmethod
    def resolve_cited_by(obj: Resolution) -> list[str]:
        return sorted({c.resolution.symbol for c in obj.cited_by.select_related("resolution")})

    @staticmethod
    def resolve_mandate_list(obj: Resolution):
        return obj.mandates.order_by("order")


class LoadOut(Schema):
    created: bool
    resolution: ResolutionDetailOut


class EvidenceOut(Schema):
    id: int
    url: str
    text: str
    note: str
    added_by: str | None = None
    added_at: dt.datetime

    @staticmethod
    def resolve_added_by(obj) -> str | None:
        return obj.added_by.get_username() if obj.added_by_id else None


class MandateEventOut(Schema):
    kind: str
    from_status: str
    to_status: str
    actor: str | None = None
    at: dt.datetime
    comment: str

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return obj.actor.get_username() if obj.actor_id else None


class MandateOut(Schema):
    id: int
    resolution: str
    paragraph: int = Field(alias="paragraph_number")
    subparagraph: str = Field(alias="subparagraph_label")
    key: str
    action: str
    further_actions: list[str] = Field(alias="other_action_list")
    lead: str
    text: str
    addressees: list[str]
    themes: list[str]
    status: str
    due_session: int | None
    due_year: int | None
    in_text: bool
    superseded_by: str | None = None
    renewed_by: str | None = None

    @staticmethod
    def resolve_resolution(obj: Mandate) -> str:
        return obj.resolution.symbol

    @staticmethod
    def resolve_addressees(obj: Mandate) -> list[str]:
        return [a.code for a in obj.addressees.all()]

    @staticmethod
    def resolve_themes(obj: Mandate) -> list[str]:
        return sorted(t.code for t in obj.themes.all())

    @staticmethod
    def resolve_superseded_by(obj: Mandate) -> str | None:
        return obj.superseded_by.symbol if obj.superseded_by_id else None

    @staticmethod
    def resolve_renewed_by(obj: Mandate) -> str | None:
        return obj.renewed_by.symbol if obj.renewed_by_id else None


class PanelOut(Schema):
    key: str = Field(description="What the panel lists, e.g. requests")
    title: str
    count: int = Field(description="How many the caller may see in all")
    items: list[dict]


class MandateDetailOut(MandateOut):
    evidence: list[EvidenceOut]
    events: list[MandateEventOut]
    serving: list[PanelOut] = Field(
        description="What other apps hold under this mandate that the caller may see (requests; later "
        "projects, money, trainings), one panel per kind; a kind the caller may see nothing of is left out"
    )
    requests: list[dict] = Field(
        description="The items of the `requests` panel: technical-assistance requests citing this mandate that "
        "the caller may see (a State focal point: its own State's only; none for anonymous callers and donors)"
    )

    @staticmethod
    def resolve_serving(obj: Mandate, context) -> list[dict]:
        return _serving(obj, context["request"].user)

    @staticmethod
    def resolve_requests(obj: Mandate, context) -> list[dict]:
        panels = _serving(obj, context["request"].user)
        return next((panel["items"] for panel in panels if panel["key"] == "requests"), [])

    @staticmethod
    def resolve_evidence(obj: Mandate, context):
        if not holds(context["request"].user, VIEW_TRACKING):
            return []
        return obj.evidence.select_related("added_by")

    @staticmethod
    def resolve_events(obj: Mandate, context):
        if not holds(context["request"].user, VIEW_TRACKING):
            return []
        return selectors.mandate_timeline(obj)


def _serving(mandate: Mandate, user) -> list[dict]:
    """The mandate's panels as JSON, computed once per response."""
    if getattr(mandate, "_serving_json", None) is None:
        mandate._serving_json = [panel.as_api() for panel in selectors.serving(mandate, user)]
    return mandate._serving_json


class AddresseeOut(Schema):
    code: str
    name: str
    name_en: str
    name_fr: str


class ReportingRequestOut(Schema):
    resolution: str
    paragraph: int = Field(alias="paragraph_number")
    kind: str
    addressee: str | None = None
    to_session: int | None
    due_year: int | None
    mandate: int | None = Field(None, alias="mandate_id")
    status: str | None = None

    @staticmethod
    def resolve_resolution(obj) -> str:
        return obj.resolution.symbol

    @staticmethod
    def resolve_addressee(obj) -> str | None:
        return obj.addressee.name_en if obj.addressee_id else None

    @staticmethod
    def resolve_status(obj) -> str | None:
        return obj.mandate.status if obj.mandate_id else None


class ResolutionQuery(Schema):
    q: str | None = Field(None, description="Text in the symbol or title")
    body: str | None = Field(None, description="GA, ECOSOC, SC or other")
    session: int | None = None
    language: str | None = Field(None, description="en, fr or es")


class MandateQuery(Schema):
    q: str | None = Field(None, description="Text of the mandate")
    addressee: str | None = Field(None, description="Addressee code (secretary-general, member-states, unodc…)")
    action: str | None = Field(None, description="request, invitation, urging, encouragement, decision, …")
    theme: str | None = Field(None, description="Theme code (terrorism, corruption, …)")
    body: str | None = None
    session: int | None = Field(None, description="Session of the resolution")
    resolution: str | None = Field(None, description="Symbol of the resolution")
    status: str | None = Field(None, description="open, in_progress, delivered, superseded, closed")
    pending: bool | None = Field(None, description="true: only open or in progress")
    due_session: int | None = None


class ReportingQuery(Schema):
    to_session: int | None = None
    due_year: int | None = None
    addressee: str | None = None
    kind: str | None = Field(None, description="report or transmission")
    body: str | None = None


class StatusIn(InSchema):
    status: str = Field(description="open, in_progress, delivered or closed")
    comment: str = Field("", max_length=COMMENT_MAX_CHARS)


class EvidenceIn(InSchema):
    url: str = Field("", max_length=500)
    text: str = Field("", max_length=EVIDENCE_TEXT_MAX_CHARS)
    note: str = Field("", max_length=500)


class ReplacementIn(InSchema):
    resolution: str = Field(description="Symbol of the later resolution, loaded in tcdesk")
    comment: str = Field("", max_length=COMMENT_MAX_CHARS)


def _upload_from_request(request: HttpRequest) -> tuple[bytes, str, str, str | None]:
    """(data, filename, lang, symbol) from a multipart upload or a JSON {"text": …} body."""
    if request.content_type == "application/json":
        try:
            payload = json.loads(request.body or b"{}")
        except ValueError as exc:
            raise ValidationError({"body": ["The body is not valid JSON."]}) from exc
        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise ValidationError({"text": ['Send {"text": "…"} with the text of the resolution.']})
        filename = str(payload.get("filename") or "resolution.txt")
        if not filename.lower().endswith(".txt"):
            filename = filename.rsplit(".", 1)[0] + ".txt"
        return payload["text"].encode("utf-8"), filename, str(payload.get("lang") or "auto"), payload.get("symbol")
    upload = request.FILES.get("file")
    if upload is None:
        raise ValidationError({"file": ['Send the file as multipart field “file”, or JSON {"text": …}.']})
    return upload.read(), upload.name, request.POST.get("lang") or "auto", request.POST.get("symbol") or None


@contextmanager
def _document_field_as_sent(request: HttpRequest) -> Iterator[None]:
    """Errors about the document name the field the client sent it in. Why: the services read bytes
    and name them "file"; a JSON body sends the text as "text", and an error pointing at a "file"
    field that was never sent sends the client looking in the wrong place."""
    try:
        yield
    except ValidationError as exc:
        if request.content_type != "application/json" or not hasattr(exc, "error_dict") or "file" not in exc.error_dict:
            raise
        raise ValidationError(
            {("text" if name == "file" else name): errors for name, errors in exc.error_dict.items()}
        ) from exc


@router.get("/resolutions", response=list[ResolutionOut], auth=public_auth, summary="List resolutions")
@paginate(PageNumberPagination)
@requires(VIEW)
def list_resolutions(request: HttpRequest, filters: Query[ResolutionQuery]):
    queryset = selectors.resolutions_list(request.user)
    return filtered(ResolutionFilter, filters, queryset).order_by("-session", "symbol")


@router.post(
    "/resolutions",
    response={200: LoadOut, 201: LoadOut, 202: DraftOut, 403: ErrorOut, 422: ErrorOut},
    summary="Load or re-load a resolution (through the review step)",
    openapi_extra=LOAD_BODY_DOC,
)
@requires(LOAD_RESOLUTION)
def load_resolution(request: HttpRequest):
    """Multipart upload of a .txt, .md or .pdf file (field `file`, optional `lang`, `symbol`), or JSON
    `{"text": …, "lang": …, "symbol": …}`. Every load is a review step: the answer is 202 with the
    draft to review (its warnings and structure; correct it under `/drafts/{id}`, then confirm), and
    nothing is stored yet. With `confirm` true (form field or JSON key) the reading is accepted as it
    is, corrections made before to the same text applied: re-loading a symbol updates it (200) and
    keeps the tracking of its mandates, a new one answers 201. Nothing is stored on bad input (422)."""
    data, filename, lang, symbol = _upload_from_request(request)
    with _document_field_as_sent(request):
        draft = services.resolution_draft_create(
            data=data, filename=filename, user=request.user, lang=lang, symbol=symbol
        )
    if not _confirmed(request):
        return 202, draft
    resolution, created = services.resolution_draft_confirm(draft=draft, user=request.user)
    return (201 if created else 200), {"created": created, "resolution": resolution}


@router.post(
    "/drafts/{int:draft_id}/confirm",
    response={200: LoadOut, 201: LoadOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Confirm a reviewed load: the resolution is stored with its corrections",
)
@requires(LOAD_RESOLUTION, per_object=True)
def confirm_draft(request: HttpRequest, draft_id: int):
    draft = selectors.get_draft_for_user(request.user, draft_id, LOAD_RESOLUTION)
    resolution, created = services.resolution_draft_confirm(draft=draft, user=request.user)
    return (201 if created else 200), {"created": created, "resolution": resolution}


def _confirmed(request: HttpRequest) -> bool:
    if request.content_type == "application/json":
        try:
            payload = json.loads(request.body or b"{}")
        except ValueError:
            return False
        return isinstance(payload, dict) and payload.get("confirm") is True
    return str(request.POST.get("confirm", "")).lower() in {"1", "true", "yes", "on"}


@router.post(
    "/parse",
    response={200: dict, 422: ErrorOut},
    summary="Parse a resolution without storing it",
    openapi_extra=LOAD_BODY_DOC,
)
@requires(PARSE_RESOLUTION)
def parse(request: HttpRequest):
    """The JSON of `tcdesk parse_resolution FILE --json` (docs/design.md, "Stable interfaces"); nothing is stored."""
    data, filename, lang, _symbol = _upload_from_request(request)
    with _document_field_as_sent(request):
        _source, parsed = services.parse_source(data=data, filename=filename, lang=lang)
    return parsed.to_dict()


@router.get(
    "/resolutions/{path:symbol}",
    response={200: ResolutionDetailOut, 404: ErrorOut},
    auth=public_auth,
    summary="One resolution with its parsed structure",
)
@requires(VIEW, per_object=True)
def get_resolution(request: HttpRequest, symbol: str):
    return selectors.get_resolution_for_user(request.user, symbol)


@router.get("/mandates", response=list[MandateOut], auth=public_auth, summary="The mandate registry")
@paginate(PageNumberPagination)
@requires(VIEW)
def list_mandates(request: HttpRequest, filters: Query[MandateQuery]):
    queryset = selectors.registry(Mandate.objects.for_user(request.user))
    return filtered(MandateFilter, filters, queryset).order_by("resolution__symbol", "order")


@router.get(
    "/mandates/{int:mandate_id}",
    response={200: MandateDetailOut, 404: ErrorOut},
    auth=public_auth,
    summary="One mandate, with its evidence and timeline for signed-in users",
)
@requires(VIEW, per_object=True)
def get_mandate(request: HttpRequest, mandate_id: int):
    return selectors.get_mandate_for_user(request.user, mandate_id)


@router.post(
    "/mandates/{int:mandate_id}/status",
    response={200: MandateDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Change a mandate's status",
)
@requires(TRACK_MANDATE, per_object=True)
def change_status(request: HttpRequest, mandate_id: int, payload: StatusIn):
    mandate = selectors.get_mandate_for_user(request.user, mandate_id, TRACK_MANDATE)
    services.mandate_status_change(
        mandate=mandate, to_status=payload.status, user=request.user, comment=payload.comment
    )
    return selectors.get_mandate_for_user(request.user, mandate_id)


@router.post(
    "/mandates/{int:mandate_id}/evidence",
    response={201: EvidenceOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Add evidence to a mandate",
)
@requires(TRACK_MANDATE, per_object=True)
def add_evidence(request: HttpRequest, mandate_id: int, payload: EvidenceIn):
    mandate = selectors.get_mandate_for_user(request.user, mandate_id, TRACK_MANDATE)
    return 201, services.mandate_evidence_add(mandate=mandate, user=request.user, **payload.dict())


def _later(symbol: str) -> Resolution:
    later = Resolution.objects.filter(symbol=services.normalise_symbol(symbol)).first()
    if later is None:
        raise ValidationError({"resolution": ["No loaded resolution has this symbol: load it first."]})
    return later


@router.post(
    "/mandates/{int:mandate_id}/superseded",
    response={200: MandateDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Mark a mandate as superseded by a later resolution",
)
@requires(TRACK_MANDATE, per_object=True)
def mark_superseded(request: HttpRequest, mandate_id: int, payload: ReplacementIn):
    mandate = selectors.get_mandate_for_user(request.user, mandate_id, TRACK_MANDATE)
    services.mandate_mark_superseded(
        mandate=mandate, by=_later(payload.resolution), user=request.user, comment=payload.comment
    )
    return selectors.get_mandate_for_user(request.user, mandate_id)


@router.post(
    "/mandates/{int:mandate_id}/renewed",
    response={200: MandateDetailOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Mark a mandate as renewed by a later resolution",
)
@requires(TRACK_MANDATE, per_object=True)
def mark_renewed(request: HttpRequest, mandate_id: int, payload: ReplacementIn):
    mandate = selectors.get_mandate_for_user(request.user, mandate_id, TRACK_MANDATE)
    services.mandate_mark_renewed(
        mandate=mandate, by=_later(payload.resolution), user=request.user, comment=payload.comment
    )
    return selectors.get_mandate_for_user(request.user, mandate_id)


@router.get("/reporting-requests", response=list[ReportingRequestOut], auth=public_auth, summary="Reports due")
@paginate(PageNumberPagination)
@requires(VIEW)
def list_reporting_requests(request: HttpRequest, filters: Query[ReportingQuery]):
    queryset = selectors.reporting_requests(request.user)
    return filtered(ReportingRequestFilter, filters, queryset).order_by(
        "to_session", "resolution__symbol", "paragraph_number"
    )


@router.get("/addressees", response=list[AddresseeOut], auth=public_auth, summary="Canonical addressees")
@requires(VIEW)
def list_addressees(request: HttpRequest):
    return Addressee.objects.order_by("name_en")


register_review(router)  # the review step's endpoints, under /drafts (api_review.py)
