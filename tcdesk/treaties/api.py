"""API of treaty participation. Reads are open data; imports and manual entries need the secretariat."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field

from tcdesk.accounts.auth import public_auth
from tcdesk.accounts.rules import Action
from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut
from tcdesk.core.api_filters import filter_or_422, query_params
from tcdesk.core.dates import or_today, today
from tcdesk.core.limits import InSchema
from tcdesk.core.models import Country, CountryGroup
from tcdesk.core.selectors import get_country_for_user

from . import messages, selectors, services
from .choices import Family
from .filters import MatrixFilter
from .models import DECLARATIONS_MAX_CHARS, FOOTNOTES_MAX_CHARS, SOURCE_MAX_CHARS, Instrument, StatusImport
from .permissions import RECORD_ACTIONS, VIEW, VIEW_IMPORTS

router = Router(tags=["treaties"])


class InstrumentOut(Schema):
    code: str
    untc_ref: str | None
    family: str
    short_name: str
    short_name_en: str
    short_name_fr: str
    short_name_es: str
    name: str
    name_en: str
    name_fr: str
    name_es: str
    parent: str | None = Field(None, alias="parent_id")
    requires_party_to_parent: bool
    adopted_on: dt.date | None
    adopted_place: str
    opened_for_signature_on: dt.date | None
    signature_closed_on: dt.date | None
    entry_into_force_on: dt.date | None
    depositary: str
    eif_days_after_deposit: int | None
    denunciation_effect_days: int | None
    counts_regional_organisations: bool
    facts_verified: str
    notes: str
    source: str


class OrganisationsStatusOut(Schema):
    parties: list[str]
    signatories: list[str]


class DataOut(Schema):
    """How far the data behind an answer goes (every status answer carries these keys)."""

    data_as_of: dt.date | None = Field(
        None, description="The date the instrument's recorded participation is complete to (null: unknown)"
    )
    complete: bool = Field(
        False, description="False when the date asked is after data_as_of, or the data is partial or synthetic"
    )
    partial: bool = False
    synthetic: bool = False
    source: str = ""
    warning: str | None = Field(None, description="Why the answer may be incomplete, in the request's language")


class StatusOut(DataOut):
    instrument: str
    as_of: dt.date
    parties: list[str]
    signatories: list[str]
    party_since: dict[str, dt.date]
    pending: dict[str, dt.date | None]
    organisations: OrganisationsStatusOut
    counts: dict[str, int]


class CountryRowItem(Schema):
    instrument: str
    status: str
    since: dt.date | None
    actions: list[dict]
    data_as_of: dt.date | None
    complete: bool


class CountryRowOut(Schema):
    iso3: str
    name: str
    as_of: dt.date
    party_to: list[str]
    instruments: list[CountryRowItem]
    complete: bool = Field(description="False when the data of any instrument may be incomplete on the date")
    warnings: list[str] = Field(default_factory=list, description="Per instrument, why the data may be incomplete")


class GapCountry(Schema):
    iso3: str
    name: str


class GapOut(DataOut):
    instrument: str
    group: str
    as_of: dt.date
    countries: list[GapCountry]


class ImportErrorOut(Schema):
    row: int | None
    participant: str | None
    rule: str = Field(description="The rule broken, in plain English (stable text)")
    kind: str | None = Field(None, description="Stable machine name of the rule, e.g. second_consent")
    params: dict = Field(default_factory=dict, description="The values in the message (codes, ISO dates…)")
    message: str = Field("", description="The rule in the request's language (Accept-Language)")


class DifferenceSideOut(Schema):
    action: str
    date: dt.date
    origin: str = Field(description="import, hand, synthetic (recorded side) or file")
    action_id: int | None = None
    import_id: int | None = None
    file_name: str = ""
    source: str = ""
    data_as_of: dt.date | None = None


class DifferenceOut(Schema):
    row: int
    participant: str
    participant_key: str
    kind: str = Field(description="signature or consent")
    recorded: DifferenceSideOut
    file: DifferenceSideOut
    applied: bool


class ImportResultOut(Schema):
    instrument: str
    participants: int
    signatures: int
    consents: int
    created: int
    unchanged: int
    errors: list[ImportErrorOut]
    differences: list[DifferenceOut]
    corrected: int
    warnings: list[ImportErrorOut]
    format: str | None
    file: str
    source: str
    data_as_of: dt.date | None
    partial: bool
    dry_run: bool
    written: bool
    new_parties: list[str]
    import_id: int
    outcome: str


class CorrectionsIn(InSchema):
    rows: list[int] = Field(min_length=1, description="Row numbers of the differences to apply")


class CorrectionsOut(Schema):
    import_id: int
    corrected: list[int]


class ImportLogOut(Schema):
    id: int
    instrument: str = Field(alias="instrument_id")
    file_name: str
    sha256: str
    format: str
    dry_run: bool
    outcome: str
    at: dt.datetime
    counts: dict
    errors: list[dict]
    warnings: list[dict]
    differences: list[dict]
    new_parties: list[str]
    source: str
    data_as_of: dt.date | None
    partial: bool
    uploaded_by: str | None = None

    @staticmethod
    def resolve_errors(obj: StatusImport) -> list[dict]:
        """Stored errors with `message` in the request's language."""
        return [_public_error(error) for error in obj.errors or []]

    @staticmethod
    def resolve_warnings(obj: StatusImport) -> list[dict]:
        return [_public_error(warning) for warning in obj.warnings or []]

    @staticmethod
    def resolve_uploaded_by(obj: StatusImport) -> str | None:
        return obj.uploaded_by.username if obj.uploaded_by else None


class ActionIn(InSchema):
    participant: str = Field(min_length=2, max_length=200, description="ISO3 code, a name, or EU")
    action: str = Field(description="signature, ratification, accession, acceptance, approval, succession, …")
    date: dt.date
    effective_from: dt.date | None = None
    footnotes: str = Field("", max_length=FOOTNOTES_MAX_CHARS)
    declarations: str = Field("", max_length=DECLARATIONS_MAX_CHARS)


class ActionOut(Schema):
    id: int
    instrument: str = Field(alias="instrument_id")
    participant: str = Field(alias="participant_key")
    action: str
    date: dt.date
    effective_from: dt.date | None


class MatrixQuery(Schema):
    as_of: dt.date | None = Field(None, description="Status date (default today)")
    region: str | None = Field(None, description="M49 code of a region or sub-region")
    group: str | None = Field(None, description="Country group code; membership as at the date")
    family: str | None = Field(None, description="crime, terrorism, drugs or cybercrime")
    q: str | None = None


def _public_error(error: dict) -> dict:
    localised = messages.localise(error)
    localised.pop("message_lang", None)
    return localised


def _instrument(request, code: str, action: Action | None = None) -> Instrument:
    """By tcdesk code or treaty collection reference; 404 when unknown, 403 when `action` is not allowed."""
    try:
        instrument = selectors.get_instrument(code)
    except Instrument.DoesNotExist:
        raise Http404 from None
    return selectors.get_instrument_for_user(request.user, instrument.code, action)


@router.get("/instruments", response=list[InstrumentOut], auth=public_auth, summary="List instruments")
@requires(VIEW)
def list_instruments(request: HttpRequest, family: str | None = None):
    queryset = Instrument.objects.for_user(request.user)
    if family:
        if family not in Family.values:
            raise ValidationError({"query.family": [f"unknown family '{family}' (one of {', '.join(Family.values)})"]})
        queryset = queryset.filter(family=family)
    return queryset


@router.get(
    "/instruments/{code}", response={200: InstrumentOut, 404: ErrorOut}, auth=public_auth, summary="One instrument"
)
@requires(VIEW, per_object=True)
def get_instrument(request: HttpRequest, code: str):
    """By tcdesk code (ICSANT) or treaty collection reference (XVIII-15)."""
    return _instrument(request, code)


@router.get(
    "/instruments/{code}/status",
    response={200: StatusOut, 404: ErrorOut},
    auth=public_auth,
    summary="Parties and signatories at a date",
)
@requires(VIEW, per_object=True)
def instrument_status(request: HttpRequest, code: str, as_of: dt.date | None = None):
    """The same document as `tcdesk treaty_status --json`: States in parties/signatories, organisations apart."""
    return selectors.status_document(_instrument(request, code), or_today(as_of))


@router.get("/instruments/{code}/coverage", response={200: dict, 404: ErrorOut}, auth=public_auth, summary="Coverage")
@requires(VIEW, per_object=True)
def instrument_coverage(request: HttpRequest, code: str, as_of: dt.date | None = None):
    """Share of each region and country group (as at the date) that is party, and parties over time."""
    instrument = _instrument(request, code)
    day = or_today(as_of)
    shares = selectors.coverage(instrument, day)
    return {
        "instrument": instrument.code,
        "as_of": day.isoformat(),
        **selectors.coverage_of(instrument).document(day),
        **{
            key: [
                {"code": s.code, "name": s.name, "members": s.members, "parties": s.parties, "percent": s.percent}
                for s in values
            ]
            for key, values in shares.items()
        },
        "parties_over_time": [[d.isoformat(), n] for d, n in selectors.parties_over_time(instrument, day)],
    }


@router.get(
    "/instruments/{code}/gaps",
    response={200: GapOut, 404: ErrorOut, 422: ErrorOut},
    auth=public_auth,
    summary="Members of a group not party",
)
@requires(VIEW, per_object=True)
def instrument_gaps(request: HttpRequest, code: str, group: str = "LDC", as_of: dt.date | None = None):
    instrument = _instrument(request, code)
    if not CountryGroup.objects.filter(code=group.upper()).exists():
        raise ValidationError({"query.group": [f"unknown country group '{group}'"]})
    day = or_today(as_of)
    countries = selectors.gap_list(instrument.code, group, day)
    return {
        "instrument": instrument.code,
        "group": group.upper(),
        "as_of": day,
        "countries": [{"iso3": c.iso3, "name": c.name} for c in countries],
        **selectors.coverage_of(instrument).document(day),
    }


@router.get(
    "/countries/{iso3}", response={200: CountryRowOut, 404: ErrorOut}, auth=public_auth, summary="A State's row"
)
@requires(VIEW, per_object=True)
def country_status(request: HttpRequest, iso3: str, as_of: dt.date | None = None):
    country = get_country_for_user(request.user, iso3)
    day = or_today(as_of)
    row = selectors.country_row(country, day, Instrument.objects.for_user(request.user))
    return {
        "iso3": country.iso3,
        "name": country.name,
        "as_of": day,
        "party_to": [e.instrument.code for e in row if e.cell.status == "party"],
        "instruments": [
            {
                "instrument": e.instrument.code,
                "status": e.cell.status,
                "since": e.cell.since,
                "actions": [
                    {
                        "action": a.action,
                        "date": a.date.isoformat(),
                        "effective_from": a.effective_from.isoformat() if a.effective_from else None,
                        "synthetic": a.synthetic,
                    }
                    for a in e.actions
                ],
                "data_as_of": e.coverage.as_of,
                "complete": e.coverage.complete_on(day),
            }
            for e in row
        ],
        "complete": all(e.coverage.complete_on(day) for e in row),
        "warnings": [
            f"{e.instrument.code}: {' '.join(e.coverage.warnings(day))}"
            for e in row
            if e.coverage.has_actions and not e.coverage.complete_on(day)
        ],
    }


@router.get("/matrix", response={200: dict, 422: ErrorOut}, auth=public_auth, summary="States × instruments")
@requires(VIEW)
def status_matrix(request: HttpRequest, filters: Query[MatrixQuery]):
    params = query_params(filters)
    params.setdefault("as_of", today())
    filterset = MatrixFilter(params, queryset=Country.objects.for_user(request.user))
    filter_or_422(filterset)
    result = selectors.status_matrix(filterset.as_of_date, filterset.countries(), filterset.instruments())
    return result.as_dict()


@router.post(
    "/imports",
    response={200: ImportResultOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Import a status table (multipart)",
)
@requires(RECORD_ACTIONS)
def import_status(
    request: HttpRequest,
    file: File[UploadedFile],
    instrument: str = Form(..., max_length=100),
    dry_run: Form[bool] = False,
    source: str = Form("", max_length=SOURCE_MAX_CHARS),
    data_as_of: Form[dt.date | None] = None,
    partial: Form[bool] = False,
    apply_corrections: Form[bool] = False,
):
    """Secretariat and administrators. `instrument` is a tcdesk code or a reference like XVIII-15.

    With any error nothing is written and `errors` lists every problem by row. `source` and
    `data_as_of` (the date the file is complete to) are stored with the import. Rows that disagree
    with a recorded action are listed in `differences`; `apply_corrections` applies them.
    """
    try:
        target = selectors.get_instrument(instrument)
    except Instrument.DoesNotExist:
        message = _("unknown instrument '%(code)s'") % {"code": instrument}
        raise ValidationError({"body.instrument": [message]}) from None
    if file.size > services.MAX_IMPORT_BYTES:
        limit = services.MAX_IMPORT_BYTES // (1024 * 1024)
        raise ValidationError({"body.file": [_("the file is larger than %(limit_mb)s MB") % {"limit_mb": limit}]})
    result = services.status_import_run(
        instrument=target,
        data=file.read(),
        filename=file.name or "upload",
        user=request.user,
        dry_run=dry_run,
        source=source,
        data_as_of=data_as_of,
        partial=partial,
        apply_corrections=apply_corrections,
    ).as_dict()
    result["errors"] = [_public_error(error) for error in result["errors"]]
    result["warnings"] = [_public_error(warning) for warning in result["warnings"]]
    return result


@router.post(
    "/imports/{import_id}/corrections",
    response={200: CorrectionsOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Apply differences of an import as corrections",
)
@requires(RECORD_ACTIONS, per_object=True)
def apply_corrections(request: HttpRequest, import_id: int, payload: CorrectionsIn):
    """Secretariat and administrators. All or nothing; each corrected action's history keeps the old value."""
    record = selectors.get_import_for_user(request.user, import_id, RECORD_ACTIONS)
    result = services.status_import_corrections_apply(record=record, rows=payload.rows, user=request.user)
    return {"import_id": result.import_id, "corrected": result.corrected}


@router.get("/imports", response=list[ImportLogOut], summary="The import log (signed-in users)")
@requires(VIEW_IMPORTS)
def list_imports(request: HttpRequest, instrument: str | None = None):
    queryset = StatusImport.objects.for_user(request.user).select_related("uploaded_by")
    if instrument:
        queryset = queryset.filter(instrument_id=_instrument(request, instrument).code)
    return queryset[:200]


@router.post(
    "/instruments/{code}/actions",
    response={201: ActionOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Record one action by hand",
)
@requires(RECORD_ACTIONS, per_object=True)
def record_action(request: HttpRequest, code: str, payload: ActionIn):
    instrument = _instrument(request, code, RECORD_ACTIONS)
    record = services.action_record(instrument=instrument, user=request.user, **payload.dict())
    return 201, record
