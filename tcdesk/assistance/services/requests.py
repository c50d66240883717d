"""Requests: creating (as a draft or submitted at once) and editing a draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import allows, holds, refusal
from tcdesk.core.models import Country, Theme
from tcdesk.core.sequences import next_value

from .. import workflow
from ..choices import AssistanceType, RequestStatus
from ..codes import join_codes
from ..links import INSTRUMENT_CODE
from ..models import DESCRIPTION_MAX_CHARS, AssistanceRequest, RequestInstrument
from ..permissions import CREATE_REQUEST
from ._common import StaleVersion, _require_change
from .attachments import attachment_add, attachments_check, files_deleted_on_rollback
from .mandate_links import MandateCitation, mandate_links_store, resolve_citations
from .transitions import request_transition

MAX_DESCRIPTION = DESCRIPTION_MAX_CHARS
MAX_BENEFICIARIES = 2_000  # a list of institutions, shown on every officer page of the request


def _highest_reference_number(year: int) -> int:
    """The highest NNNN used in TAR-<year>-NNNN (longer numbers sort after shorter ones)."""
    prefix = f"TAR-{year}-"
    last = (
        AssistanceRequest.objects.filter(reference__startswith=prefix)
        .annotate(width=Length("reference"))
        .order_by("-width", "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    return int(last.rsplit("-", 1)[1]) if last else 0


def next_reference(year: int) -> str:
    """TAR-<year>-NNNN, numbered per year from a locked counter: concurrent submissions each get their
    own number (call inside the transaction that stores it). Numbers given by imports are skipped."""
    number = next_value(f"request-reference:{year}", at_least=lambda: _highest_reference_number(year) + 1)
    return f"TAR-{year}-{number:04d}"


def _validate_request_fields(
    *,
    actor,
    title: str,
    requesting_authority: str,
    description: str,
    assistance_types: Iterable[str],
    theme_codes: Iterable[str],
    instrument_codes: Iterable[str],
    mandates: Iterable[str],
    mandate_ids: Iterable[int],
    desired_start: dt.date | None,
    desired_end: dt.date | None,
    beneficiary_institutions: str = "",
) -> tuple[list[Theme], list[str], list[MandateCitation]]:
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the request a short title.")]
    elif len(title) > 200:
        errors["title"] = [_("The title may have at most 200 characters.")]
    if not (requesting_authority or "").strip():
        errors["requesting_authority"] = [_("Name the national authority that makes the request.")]
    elif len(requesting_authority) > 255:
        errors["requesting_authority"] = [_("At most %(max)s characters.") % {"max": 255}]
    if len(beneficiary_institutions or "") > MAX_BENEFICIARIES:
        errors["beneficiary_institutions"] = [_("At most %(max)s characters.") % {"max": f"{MAX_BENEFICIARIES:,}"}]
    if not (description or "").strip():
        errors["description"] = [_("Describe the assistance the State needs.")]
    elif len(description) > MAX_DESCRIPTION:
        # Every officer page of the State shows it: a bounded text keeps them fast.
        errors["description"] = [
            _("The description may have at most %(max)s characters.") % {"max": f"{MAX_DESCRIPTION:,}"}
        ]
    types = list(assistance_types or [])
    unknown_types = sorted(set(types) - set(AssistanceType.values))
    if not types:
        errors["assistance_types"] = [_("Choose at least one type of assistance.")]
    elif unknown_types:
        errors["assistance_types"] = [
            _("Unknown type(s) of assistance: %(codes)s.") % {"codes": ", ".join(unknown_types)}
        ]
    theme_codes = sorted(set(theme_codes or []))
    themes = list(Theme.objects.filter(code__in=theme_codes))
    unknown_themes = sorted(set(theme_codes) - {t.code for t in themes})
    if unknown_themes:
        errors["themes"] = [_("Unknown theme(s): %(codes)s.") % {"codes": ", ".join(unknown_themes)}]
    codes = sorted({c.strip().upper() for c in instrument_codes or [] if c.strip()})
    bad = [c for c in codes if not INSTRUMENT_CODE.match(c)]
    if bad:
        errors["instruments"] = [
            _("Instrument codes are capital letters, digits and “_” (e.g. UNTOC, ICSANT): %(codes)s.")
            % {"codes": ", ".join(bad)}
        ]
    citations, mandate_errors = resolve_citations(actor=actor, mandates=mandates, mandate_ids=mandate_ids)
    errors.update(mandate_errors)
    if desired_start and desired_end and desired_end < desired_start:
        errors["desired_end"] = [_("The desired end must not be before the desired start.")]
    if errors:
        raise ValidationError(errors)
    return themes, codes, citations


@files_deleted_on_rollback()
def request_create(
    *,
    actor,
    country_iso3: str,
    title: str,
    requesting_authority: str,
    description: str,
    assistance_types: Iterable[str],
    theme_codes: Iterable[str] = (),
    instrument_codes: Iterable[str] = (),
    mandates: Iterable[str] = (),
    mandate_ids: Iterable[int] = (),
    beneficiary_institutions: str = "",
    desired_start: dt.date | None = None,
    desired_end: dt.date | None = None,
    post_conflict: bool = False,
    submit: bool = True,
    comment: str = "",
    attachment=None,
    attachments: Sequence = (),
) -> AssistanceRequest:
    """Record a State's request (as a draft, or submitted at once). Focal points for their own State;
    officers on a State's behalf.

    With `attachments` (uploaded files; `attachment` is one more), the request is created as a draft, the
    files attached and the request then submitted, all in one transaction: a refused file leaves no
    request and no file behind, and the e-mails of the submission go out only once everything is
    committed. Every file is checked (count, size, type read from its content, archives unpacked size)
    before anything is written; the error names each refused file.
    """
    uploads = [*([attachment] if attachment is not None else []), *attachments]
    if uploads:
        attachments_check(uploads)
    iso3 = (country_iso3 or "").upper()
    if not Country.objects.filter(iso3=iso3).exists():
        raise ValidationError({"country": [_("Unknown country code “%(code)s”.") % {"code": country_iso3}]})
    if not allows(actor, CREATE_REQUEST, country=iso3):
        if holds(actor, CREATE_REQUEST):  # a focal point, for another State: a wrong field, not a wrong user
            raise ValidationError({"country": [_("You may only make requests for the State you represent.")]})
        raise PermissionDenied(refusal(CREATE_REQUEST))
    themes, codes, citations = _validate_request_fields(
        actor=actor,
        title=title,
        requesting_authority=requesting_authority,
        description=description,
        assistance_types=assistance_types,
        theme_codes=theme_codes,
        instrument_codes=instrument_codes,
        mandates=mandates,
        mandate_ids=mandate_ids,
        desired_start=desired_start,
        desired_end=desired_end,
        beneficiary_institutions=beneficiary_institutions,
    )
    year = timezone.now().year
    with transaction.atomic():
        ta_request = AssistanceRequest.objects.create(
            reference=next_reference(year),
            country_id=iso3,
            title=title.strip(),
            submitted_by=actor,
            requesting_authority=requesting_authority.strip(),
            assistance_types=join_codes(assistance_types),
            beneficiary_institutions=beneficiary_institutions.strip(),
            description=description.strip(),
            desired_start=desired_start,
            desired_end=desired_end,
            post_conflict=post_conflict,
            status=RequestStatus.DRAFT,
        )
    ta_request.themes.set(themes)
    RequestInstrument.objects.bulk_create([RequestInstrument(request=ta_request, instrument_code=c) for c in codes])
    mandate_links_store(ta_request=ta_request, citations=citations)
    for upload in uploads:
        attachment_add(ta_request=ta_request, actor=actor, upload=upload)
    if submit:
        ta_request = request_transition(
            ta_request=ta_request,
            actor=actor,
            action=workflow.SUBMIT,
            comment=comment,
            expected_version=ta_request.version,
        )
    return ta_request


@transaction.atomic
def request_update(
    *, ta_request: AssistanceRequest, actor, expected_version: int | None = None, **fields
) -> AssistanceRequest:
    """Change a draft (its author's State or an officer). Submitted requests change only through comments."""
    _require_change(actor, ta_request)
    locked = AssistanceRequest.objects.select_for_update().get(pk=ta_request.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(locked.version)
    if locked.status != RequestStatus.DRAFT:
        raise ValidationError({"status": [_("Only a draft can be edited; comment on a submitted request instead.")]})
    themes, codes, citations = _validate_request_fields(
        actor=actor,
        title=fields["title"],
        requesting_authority=fields["requesting_authority"],
        description=fields["description"],
        assistance_types=fields["assistance_types"],
        theme_codes=fields.get("theme_codes", ()),
        instrument_codes=fields.get("instrument_codes", ()),
        mandates=fields.get("mandates", ()),
        mandate_ids=fields.get("mandate_ids", ()),
        desired_start=fields.get("desired_start"),
        desired_end=fields.get("desired_end"),
        beneficiary_institutions=fields.get("beneficiary_institutions") or "",
    )
    for name in ("title", "requesting_authority", "description", "beneficiary_institutions"):
        setattr(locked, name, (fields.get(name) or "").strip())
    locked.assistance_types = join_codes(fields["assistance_types"])
    locked.desired_start = fields.get("desired_start")
    locked.desired_end = fields.get("desired_end")
    locked.post_conflict = bool(fields.get("post_conflict"))
    locked.version += 1
    locked.save()
    locked.themes.set(themes)
    locked.instruments.all().delete()
    RequestInstrument.objects.bulk_create([RequestInstrument(request=locked, instrument_code=c) for c in codes])
    mandate_links_store(ta_request=locked, citations=citations)
    return locked
