"""Every write of the assistance app: requests, workflow transitions, comments, attachments, priority.

Each function runs in one transaction (priority_recompute: one per batch), validates before writing and
raises ValidationError naming the field and the rule. Transitions lock the request row and check its
`version`, so two concurrent transitions on one request cannot both succeed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import threading
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Length
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.models import User
from tcdesk.accounts.permissions import has_role
from tcdesk.core.models import Country, CountryGroupMembership, Organisation, Theme

from . import files, priority, workflow
from .choices import ActivitySource, AssistanceType, Decision, EventKind, RequestAction, RequestStatus
from .codes import join_codes
from .links import INSTRUMENT_CODE, PartyStatusCache, parse_mandate, party_status
from .models import (
    AssistanceRequest,
    PartnerActivity,
    PriorityWeights,
    RequestAttachment,
    RequestEvent,
    RequestInstrument,
    RequestMandateLink,
)

Progress = Callable[[str, int, int], None]
logger = logging.getLogger(__name__)


class StaleVersion(Exception):  # noqa: N818 - reads as the condition it reports
    """The request changed since the caller read it (another transition won)."""

    def __init__(self, current: int) -> None:
        super().__init__(current)
        self.current = current


def workflow_message(error: workflow.WorkflowError) -> str:
    action = str(dict(RequestAction.choices).get(error.action, error.action))
    status = str(dict(RequestStatus.choices).get(error.status, error.status))
    messages = {
        "unknown_action": _("“%(action)s” is not a workflow action."),
        "not_your_action": _("You may not take the action “%(action)s” on this request."),
        "wrong_status": _("“%(action)s” is not possible while the request is “%(status)s”."),
        "comment_required": _("“%(action)s” needs a reason in the comment."),
    }
    return messages[error.code] % {"action": action, "status": status}


# ---------------------------------------------------------------------------------------------- actors


def actor_kinds(user, request: AssistanceRequest | None = None, country_iso3: str | None = None) -> set[str]:
    """The workflow actor kinds a user has for a request (or for a State)."""
    kinds: set[str] = set()
    if has_role(user, Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR):
        kinds.add(workflow.OFFICER)
    iso3 = request.country_id if request is not None else country_iso3
    if iso3 and has_role(user, Role.STATE_FOCAL_POINT) and iso3 in user.scoped_country_codes(Role.STATE_FOCAL_POINT):
        kinds.add(workflow.STATE)
    return kinds


def _require_change(user, request: AssistanceRequest) -> None:
    if not AssistanceRequest.objects.for_user(user, "change").filter(pk=request.pk).exists():
        raise PermissionDenied(_("You may not change this request."))


# ---------------------------------------------------------------------------------------------- files


_stored_files = threading.local()


@contextlib.contextmanager
def files_deleted_on_rollback():
    """An atomic block that deletes from storage the attachment files stored inside it if it rolls back
    (by an exception or `set_rollback`): the database forgets the row, the disk must forget the file.

    Blocks nest: a file stored in an inner block is deleted when any enclosing block of this kind rolls
    back. (A rollback of a plain `transaction.atomic` around it cannot be seen; callers that attach files
    inside a transaction of their own use this block instead.)
    """
    trackers = _stored_files.__dict__.setdefault("trackers", [])
    stored: list = []
    trackers.append(stored)
    try:
        with transaction.atomic():
            yield
            rolled_back = transaction.get_rollback()
    except BaseException:
        _delete_stored(stored)
        raise
    finally:
        trackers.pop()
    if rolled_back:
        _delete_stored(stored)


def _remember_stored(field_file) -> None:
    for stored in getattr(_stored_files, "trackers", []):
        stored.append((field_file.storage, field_file.name))


def _delete_stored(stored: list) -> None:
    for storage, name in stored:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("could not delete the orphaned file %s", name, exc_info=True)


# ---------------------------------------------------------------------------------------------- priority


def current_weights() -> PriorityWeights:
    """The weights in force (the latest version); version 1 holds the defaults if none was saved."""
    weights = PriorityWeights.objects.order_by("-version").first()
    if weights is None:
        weights, _created = PriorityWeights.objects.get_or_create(
            version=1, defaults={"weights": dict(priority.DEFAULT_WEIGHTS), "note": "defaults"}
        )
    return weights


def groups_on(iso3: str, day: dt.date) -> list[str]:
    return sorted(
        CountryGroupMembership.objects.filter(country_id=iso3, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .values_list("group_id", flat=True)
    )


def priority_inputs(
    request: AssistanceRequest,
    *,
    now: dt.datetime | None = None,
    instrument_codes: list[str] | None = None,
    mandate_count: int | None = None,
    cache: PartyStatusCache | None = None,
) -> priority.PriorityInputs:
    now = now or timezone.now()
    submitted = request.submitted_at or now
    day = submitted.date()
    codes = instrument_codes if instrument_codes is not None else [i.instrument_code for i in request.instruments.all()]
    status = party_status(request.country_id, codes, day, cache) if codes else {}
    groups = frozenset(request.group_list) if request.country_groups else frozenset(groups_on(request.country_id, day))
    return priority.PriorityInputs(
        groups=groups,
        post_conflict=request.post_conflict,
        instruments_not_party=tuple(c for c in codes if status.get(c) is False),
        instruments_party=tuple(c for c in codes if status.get(c) is True),
        instruments_unknown=tuple(c for c in codes if status.get(c) is None),
        days_waiting=request.days_waiting(now) or 0,
        mandate_links=mandate_count if mandate_count is not None else request.mandate_links.count(),
        as_of_group_date=day.isoformat(),
    )


def _apply_priority(request: AssistanceRequest, weights: PriorityWeights, inputs: priority.PriorityInputs) -> None:
    result = priority.score(inputs, priority.Weights.from_mapping(weights.weights))
    request.priority_score = result.score
    request.priority_explanation = result.explanation()
    request.weights_version = weights
    request.priority_computed_at = timezone.now()


def priority_recompute(
    *, queryset=None, weights: PriorityWeights | None = None, progress: Progress | None = None, batch: int = 500
) -> int:
    """Recompute stored scores (all requests by default) with the weights in force; returns the count.

    Written with bulk_update in batches of `batch` requests, each batch in its own transaction, and the
    progress reported after each one: the job page shows it as it goes, and on SQLite the write lock is
    held for one batch at a time, not for the whole run. (Called inside a caller's transaction, as the
    import does, the batches are savepoints of it.) A recomputation is not a change of the request, so
    it adds no history rows (the weights version on each request says which weights produced its score).
    """
    weights = weights or current_weights()
    queryset = (queryset if queryset is not None else AssistanceRequest.objects.all()).order_by("pk")
    cache = PartyStatusCache()
    now = timezone.now()
    done = 0
    ids = list(queryset.values_list("pk", flat=True))
    total = len(ids)
    for start in range(0, total, batch):
        with transaction.atomic():
            chunk = list(AssistanceRequest.objects.filter(pk__in=ids[start : start + batch]).order_by("pk"))
            chunk_ids = [r.pk for r in chunk]
            instruments: dict[int, list[str]] = {}
            for request_id, code in RequestInstrument.objects.filter(request_id__in=chunk_ids).values_list(
                "request_id", "instrument_code"
            ):
                instruments.setdefault(request_id, []).append(code)
            mandates: dict[int, int] = {}
            for request_id in RequestMandateLink.objects.filter(request_id__in=chunk_ids).values_list(
                "request_id", flat=True
            ):
                mandates[request_id] = mandates.get(request_id, 0) + 1
            for request in chunk:
                inputs = priority_inputs(
                    request,
                    now=now,
                    instrument_codes=sorted(instruments.get(request.pk, [])),
                    mandate_count=mandates.get(request.pk, 0),
                    cache=cache,
                )
                _apply_priority(request, weights, inputs)
            AssistanceRequest.objects.bulk_update(
                chunk, ["priority_score", "priority_explanation", "weights_version", "priority_computed_at"]
            )
        done += len(chunk)
        if progress:
            progress(_("priorities recomputed"), done, total)
    return done


@transaction.atomic
def priority_weights_update(*, actor, weights: dict, note: str = "") -> PriorityWeights:
    """Save a new version of the weights (administrators only); the caller then recomputes the scores."""
    if not has_role(actor, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only administrators change the priority weights."))
    errors = priority.validate_weights(weights)
    if errors:
        raise ValidationError(
            {
                key: [_("Enter a whole number.") if code == "not_integer" else _("Enter a number from 0 to 1000.")]
                for key, code in errors.items()
            }
        )
    latest = PriorityWeights.objects.select_for_update().order_by("-version").first()
    version = (latest.version if latest else 0) + 1
    return PriorityWeights.objects.create(
        version=version,
        weights={k: int(weights[k]) for k in priority.WEIGHT_KEYS},
        note=note,
        created_by=actor,
    )


# ---------------------------------------------------------------------------------------------- requests


def _next_reference(year: int) -> str:
    """TAR-<year>-NNNN, numbered per year (longer numbers sort after shorter ones)."""
    prefix = f"TAR-{year}-"
    last = (
        AssistanceRequest.objects.filter(reference__startswith=prefix)
        .annotate(width=Length("reference"))
        .order_by("-width", "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) if last else 0
    return f"{prefix}{number + 1:04d}"


def _validate_request_fields(
    *,
    title: str,
    requesting_authority: str,
    description: str,
    assistance_types: Iterable[str],
    theme_codes: Iterable[str],
    instrument_codes: Iterable[str],
    mandates: Iterable[str],
    desired_start: dt.date | None,
    desired_end: dt.date | None,
) -> tuple[list[Theme], list[str], list[tuple[str, str]]]:
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the request a short title.")]
    elif len(title) > 200:
        errors["title"] = [_("The title may have at most 200 characters.")]
    if not (requesting_authority or "").strip():
        errors["requesting_authority"] = [_("Name the national authority that makes the request.")]
    if not (description or "").strip():
        errors["description"] = [_("Describe the assistance the State needs.")]
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
    parsed = []
    for citation in mandates or []:
        if not citation.strip():
            continue
        link = parse_mandate(citation)
        if link is None:
            errors.setdefault("mandates", []).append(
                _("“%(text)s” is not a resolution citation (e.g. A/RES/60/175 op. 5).") % {"text": citation}
            )
        else:
            parsed.append(link)
    if desired_start and desired_end and desired_end < desired_start:
        errors["desired_end"] = [_("The desired end must not be before the desired start.")]
    if errors:
        raise ValidationError(errors)
    return themes, codes, sorted(set(parsed))


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
    beneficiary_institutions: str = "",
    desired_start: dt.date | None = None,
    desired_end: dt.date | None = None,
    post_conflict: bool = False,
    submit: bool = True,
    comment: str = "",
    attachment=None,
) -> AssistanceRequest:
    """Record a State's request (as a draft, or submitted at once). Focal points for their own State;
    officers on a State's behalf.

    With an `attachment` (an uploaded file), the request is created as a draft, the file attached and
    the request then submitted, all in one transaction: a refused file leaves no request behind, and the
    e-mails of the submission go out only once everything is committed. The file is checked (size and
    type read from its content) before anything is written.
    """
    if attachment is not None:
        attachment_check(attachment)
    iso3 = (country_iso3 or "").upper()
    if not Country.objects.filter(iso3=iso3).exists():
        raise ValidationError({"country": [_("Unknown country code “%(code)s”.") % {"code": country_iso3}]})
    kinds = actor_kinds(actor, country_iso3=iso3)
    if not kinds:
        if has_role(actor, Role.STATE_FOCAL_POINT):
            raise ValidationError({"country": [_("You may only make requests for the State you represent.")]})
        raise PermissionDenied(_("Only State focal points and programme officers make requests."))
    themes, codes, mandate_links = _validate_request_fields(
        title=title,
        requesting_authority=requesting_authority,
        description=description,
        assistance_types=assistance_types,
        theme_codes=theme_codes,
        instrument_codes=instrument_codes,
        mandates=mandates,
        desired_start=desired_start,
        desired_end=desired_end,
    )
    year = timezone.now().year
    for attempt in range(5):
        try:
            with transaction.atomic():
                request = AssistanceRequest.objects.create(
                    reference=_next_reference(year),
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
            break
        except IntegrityError:
            if attempt == 4:
                raise
    request.themes.set(themes)
    RequestInstrument.objects.bulk_create([RequestInstrument(request=request, instrument_code=c) for c in codes])
    RequestMandateLink.objects.bulk_create(
        [RequestMandateLink(request=request, symbol=s, paragraph=p) for s, p in mandate_links]
    )
    if attachment is not None:
        attachment_add(request=request, actor=actor, upload=attachment)
    if submit:
        request = request_transition(
            request=request, actor=actor, action=workflow.SUBMIT, comment=comment, expected_version=request.version
        )
    return request


@transaction.atomic
def request_update(
    *, request: AssistanceRequest, actor, expected_version: int | None = None, **fields
) -> AssistanceRequest:
    """Change a draft (its author's State or an officer). Submitted requests change only through comments."""
    _require_change(actor, request)
    locked = AssistanceRequest.objects.select_for_update().get(pk=request.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(locked.version)
    if locked.status != RequestStatus.DRAFT:
        raise ValidationError({"status": [_("Only a draft can be edited; comment on a submitted request instead.")]})
    themes, codes, mandate_links = _validate_request_fields(
        title=fields["title"],
        requesting_authority=fields["requesting_authority"],
        description=fields["description"],
        assistance_types=fields["assistance_types"],
        theme_codes=fields.get("theme_codes", ()),
        instrument_codes=fields.get("instrument_codes", ()),
        mandates=fields.get("mandates", ()),
        desired_start=fields.get("desired_start"),
        desired_end=fields.get("desired_end"),
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
    locked.mandate_links.all().delete()
    RequestMandateLink.objects.bulk_create(
        [RequestMandateLink(request=locked, symbol=s, paragraph=p) for s, p in mandate_links]
    )
    return locked


@transaction.atomic
def request_transition(
    *,
    request: AssistanceRequest,
    actor,
    action: str,
    comment: str = "",
    expected_version: int | None = None,
    project_reference: str = "",
    at: dt.datetime | None = None,
) -> AssistanceRequest:
    """Take a workflow action. Refuses illegal transitions, a missing reason, and a stale version.

    The row is locked (`select_for_update`) and the version bumped with a conditional UPDATE, so of two
    concurrent transitions from the same version only the first succeeds, on SQLite and PostgreSQL.
    """
    if not AssistanceRequest.objects.for_user(actor, "view").filter(pk=request.pk).exists():
        raise PermissionDenied(_("You may not change this request."))
    locked = AssistanceRequest.objects.select_for_update().get(pk=request.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(locked.version)
    kinds = actor_kinds(actor, locked)
    try:
        target = workflow.check(action, locked.status, kinds, comment)
    except workflow.WorkflowError as error:
        if error.code == "not_your_action" and not kinds:
            raise PermissionDenied(workflow_message(error)) from None
        raise ValidationError({"action": [workflow_message(error)]}) from None
    if action == workflow.PLAN and len(project_reference) > 60:
        raise ValidationError({"project_reference": [_("The project reference may have at most 60 characters.")]})
    if not AssistanceRequest.objects.filter(pk=locked.pk, version=locked.version).update(version=F("version") + 1):
        raise StaleVersion(AssistanceRequest.objects.values_list("version", flat=True).get(pk=locked.pk))
    now = at or timezone.now()
    source = locked.status
    locked.version += 1
    locked.status = target
    if action == workflow.SUBMIT:
        locked.submitted_at = now
        locked.country_groups = join_codes(groups_on(locked.country_id, now.date()))
    elif action == workflow.ACKNOWLEDGE:
        locked.acknowledged_at = now
    elif action in (workflow.ACCEPT, workflow.DECLINE):
        locked.decided_at = now
        locked.decision = Decision.ACCEPTED if action == workflow.ACCEPT else Decision.DECLINED
    elif action == workflow.PLAN and project_reference:
        locked.project_reference = project_reference.strip()
    _apply_priority(locked, current_weights(), priority_inputs(locked, now=now))
    locked._change_reason = action
    locked.save()
    event = RequestEvent.objects.create(
        request=locked,
        kind=EventKind.TRANSITION,
        action=action,
        from_status=source,
        to_status=target,
        actor=actor,
        at=now,
        comment=comment.strip(),
    )
    _notify(event, locked, actor)
    return locked


@transaction.atomic
def request_comment(*, request: AssistanceRequest, actor, text: str, internal: bool = False) -> RequestEvent:
    """Add a comment to the thread; officers may keep a note internal (not shown to the State)."""
    _require_change(actor, request)
    if not (text or "").strip():
        raise ValidationError({"text": [_("Write a comment.")]})
    if len(text) > 10000:
        raise ValidationError({"text": [_("A comment may have at most 10,000 characters.")]})
    if internal and workflow.OFFICER not in actor_kinds(actor, request):
        raise ValidationError({"internal": [_("Only programme officers write internal notes.")]})
    event = RequestEvent.objects.create(
        request=request,
        kind=EventKind.COMMENT,
        actor=actor,
        comment=text.strip(),
        visible_to_state=not internal,
        from_status=request.status,
        to_status=request.status,
    )
    _notify(event, request, actor)
    return event


_muted = threading.local()


@contextlib.contextmanager
def notifications_muted():
    """No e-mail inside the block (demo data and imports must not write to people or to stdout)."""
    previous = getattr(_muted, "on", False)
    _muted.on = True
    try:
        yield
    finally:
        _muted.on = previous


def _notify(event: RequestEvent, request: AssistanceRequest, actor) -> None:
    """E-mail the other side: the State's focal points when officers write, officers when the State writes."""
    if not event.visible_to_state or getattr(_muted, "on", False):
        return
    from_state = workflow.STATE in actor_kinds(actor, request) and workflow.OFFICER not in actor_kinds(actor, request)
    if from_state:
        recipients = User.objects.filter(role_assignments__role=Role.PROGRAMME_OFFICER)
    else:
        recipients = User.objects.filter(
            Q(role_assignments__role=Role.STATE_FOCAL_POINT, role_assignments__country_id=request.country_id)
            | Q(pk=request.submitted_by_id)
        )
    people = [
        (u.email, u.preferred_language or settings.LANGUAGE_CODE)
        for u in recipients.exclude(pk=getattr(actor, "pk", None)).exclude(email="").distinct()
        if u.is_active
    ]
    if not people:
        return
    url = request.get_absolute_url()
    reference = request.reference
    kind, action, to_status, comment = event.kind, event.action, event.to_status, event.comment
    actor_name = actor.get_full_name() or actor.get_username()

    def send() -> None:
        for address, language in people:
            with translation.override(language):
                if kind == EventKind.COMMENT:
                    subject = _("[tcdesk] %(ref)s: new comment") % {"ref": reference}
                else:
                    subject = _("[tcdesk] %(ref)s: %(status)s") % {
                        "ref": reference,
                        "status": dict(RequestStatus.choices)[to_status],
                    }
                body = _("%(who)s on request %(ref)s (%(action)s):\n\n%(comment)s\n\nSee %(url)s") % {
                    "who": actor_name,
                    "ref": reference,
                    "action": dict(RequestAction.choices).get(action, _("comment")),
                    "comment": comment or "—",
                    "url": url,
                }
            try:
                send_mail(subject, body, None, [address])
            except OSError:  # a mail server down must not undo the work already committed
                logger.warning("could not e-mail %s about %s", address, reference, exc_info=True)

    transaction.on_commit(send)


# ---------------------------------------------------------------------------------------------- attachments


def attachment_filename(original: str, content_type: str) -> str:
    """A safe stored name: the original stem cleaned of path and odd characters ("attachment" when nothing
    is left, e.g. for "@@@.pdf" or "....pdf"), with the extension of the type read from the content."""
    base = os.path.basename((original or "").replace("\\", "/"))
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem.strip(". ")[:80]
    try:
        cleaned = get_valid_filename(stem).strip(".") if stem else ""
    except SuspiciousFileOperation:
        cleaned = ""
    if not any(c.isalnum() for c in cleaned):
        cleaned = "attachment"
    return cleaned + files.ALLOWED[content_type]


def attachment_check(upload) -> str:
    """The content type of an acceptable upload (size limited; type read from the content, not the name);
    ValidationError on `file` otherwise. Writes nothing."""
    limit = settings.TCDESK_MAX_UPLOAD_BYTES
    if upload is None:
        raise ValidationError({"file": [_("Choose a file.")]})
    if upload.size > limit:
        raise ValidationError(
            {
                "file": [
                    _("“%(name)s” is %(size)s MB; files may be at most %(limit)s MB.")
                    % {"name": upload.name, "size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
                ]
            }
        )
    content_type = files.sniff(upload)
    if content_type is None:
        raise ValidationError(
            {
                "file": [
                    _("“%(name)s” is not a PDF, DOCX, PNG or JPEG file (checked from its content).")
                    % {"name": upload.name}
                ]
            }
        )
    return content_type


def attachment_add(*, request: AssistanceRequest, actor, upload) -> RequestAttachment:
    """Attach a PDF, DOCX or image; the type is read from the content and the size is limited.

    The file is checked before anything is written, and deleted from storage again if the transaction
    that stored it rolls back (see `files_deleted_on_rollback`).
    """
    with files_deleted_on_rollback():
        _require_change(actor, request)
        content_type = attachment_check(upload)
        name = attachment_filename(upload.name, content_type)
        attachment = RequestAttachment(
            request=request,
            original_name=name,
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save(name, upload, save=False)
        _remember_stored(attachment.file)
        attachment.save()
    return attachment


# ---------------------------------------------------------------------------------------------- partners


@transaction.atomic
def partner_activity_save(
    *,
    actor,
    organisation_code: str,
    country_iso3: str,
    title: str,
    description: str = "",
    theme_codes: Iterable[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    source: str = ActivitySource.MANUAL,
    iati_identifier: str | None = None,
    activity: PartnerActivity | None = None,
) -> PartnerActivity:
    """Record (or update, matched on the IATI identifier) a development partner's activity in a State."""
    if actor is not None and not has_role(actor, Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only programme officers record partners' activities."))
    errors: dict[str, list[str]] = {}
    organisation = Organisation.objects.filter(code=organisation_code).first()
    if organisation is None:
        errors["organisation"] = [_("Unknown organisation code “%(code)s”.") % {"code": organisation_code}]
    if not Country.objects.filter(iso3=(country_iso3 or "").upper()).exists():
        errors["country"] = [_("Unknown country code “%(code)s”.") % {"code": country_iso3}]
    if not (title or "").strip():
        errors["title"] = [_("Give the activity a title.")]
    themes = list(Theme.objects.filter(code__in=list(theme_codes)))
    if len(themes) != len(set(theme_codes)):
        errors["themes"] = [_("Unknown theme(s).")]
    if start and end and end < start:
        errors["end"] = [_("The end must not be before the start.")]
    if source not in ActivitySource.values:
        errors["source"] = [_("Unknown source.")]
    if errors:
        raise ValidationError(errors)
    if activity is None and iati_identifier:
        activity = PartnerActivity.objects.filter(iati_identifier=iati_identifier).first()
    activity = activity or PartnerActivity()
    activity.organisation = organisation
    activity.country_id = country_iso3.upper()
    activity.title = title.strip()
    activity.description = description.strip()
    activity.start, activity.end = start, end
    activity.source = source
    activity.iati_identifier = iati_identifier or None
    activity.save()
    activity.themes.set(themes)
    return activity
