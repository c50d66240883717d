"""Tracking mandates: status changes, evidence, and replacement by later resolutions (superseded, renewed)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.core.history import note_change_reason
from tcdesk.core.limits import length_problems, raise_if_too_long, text_length_problems

from ..choices import STATUS_TRANSITIONS, EventKind, MandateStatus
from ..models import COMMENT_MAX_CHARS, EVIDENCE_TEXT_MAX_CHARS, Mandate, MandateEvent, MandateEvidence, Resolution
from ._common import _with_history_user

# ---------------------------------------------------------------------------------------------
# Tracking mandates


def _actor(user):
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def mandate_status_change(*, mandate: Mandate, to_status: str, user, comment: str = "") -> Mandate:
    """Move a mandate to another status along the allowed transitions, recording an event."""
    raise_if_too_long(length_problems(comment=(comment, COMMENT_MAX_CHARS)))
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    comment = (comment or "").strip()
    if to_status not in MandateStatus.values:
        raise ValidationError({"status": [_("Unknown status “%(status)s”.") % {"status": to_status}]})
    if to_status == MandateStatus.SUPERSEDED:
        raise ValidationError(
            {"status": [_("A mandate is superseded by a later resolution: use “Mark as superseded” and name it.")]}
        )
    if to_status == mandate.status:
        raise ValidationError(
            {"status": [_("The mandate is already “%(status)s”.") % {"status": mandate.get_status_display()}]}
        )
    if to_status not in STATUS_TRANSITIONS[mandate.status]:
        raise ValidationError(
            {
                "status": [
                    _("A mandate cannot go from “%(from)s” to “%(to)s”.")
                    % {"from": mandate.get_status_display(), "to": MandateStatus(to_status).label}
                ]
            }
        )
    if to_status == MandateStatus.CLOSED and not comment:
        raise ValidationError({"comment": [_("Say why the mandate is closed.")]})
    from_status = mandate.status
    mandate.status = to_status
    if from_status == MandateStatus.SUPERSEDED:
        mandate.superseded_by = None
    _with_history_user(mandate, user)
    note_change_reason(mandate, comment)
    mandate.save()
    MandateEvent.objects.create(
        mandate=mandate,
        kind=EventKind.STATUS,
        from_status=from_status,
        to_status=to_status,
        actor=_actor(user),
        at=timezone.now(),
        comment=comment,
    )
    return mandate


@transaction.atomic
def mandate_evidence_add(*, mandate: Mandate, user, url: str = "", text: str = "", note: str = "") -> MandateEvidence:
    """Attach a link or a description of what was done; recorded on the timeline."""
    url, text, note = (url or "").strip(), (text or "").strip(), (note or "").strip()
    raise_if_too_long(text_length_problems(MandateEvidence, url=url, note=note))
    raise_if_too_long(length_problems(text=(text, EVIDENCE_TEXT_MAX_CHARS)))
    if not url and not text:
        raise ValidationError({"url": [_("Give a link or a description of the evidence.")]})
    if url:
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise ValidationError({"url": [_("Enter a web address starting with http:// or https://.")]}) from exc
    if len(note) > 500:
        raise ValidationError({"note": [_("The note is limited to 500 characters.")]})
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    now = timezone.now()
    evidence = MandateEvidence(mandate=mandate, url=url, text=text, note=note, added_by=_actor(user), added_at=now)
    _with_history_user(evidence, user)
    evidence.save()
    MandateEvent.objects.create(
        mandate=mandate, kind=EventKind.EVIDENCE, actor=_actor(user), at=now, comment=note or url or text[:200]
    )
    return evidence


def _check_later(mandate: Mandate, later: Resolution, field: str) -> None:
    earlier = mandate.resolution
    if later.pk == earlier.pk:
        raise ValidationError({field: [_("A mandate cannot be replaced by its own resolution.")]})
    if earlier.adoption_date and later.adoption_date:
        is_earlier = later.adoption_date <= earlier.adoption_date
    elif earlier.session and later.session and earlier.body == later.body:
        is_earlier = later.session < earlier.session
    else:
        is_earlier = False
    if is_earlier:
        raise ValidationError(
            {
                field: [
                    _("%(later)s is not later than %(earlier)s.") % {"later": later.symbol, "earlier": earlier.symbol}
                ]
            }
        )


@transaction.atomic
def mandate_mark_superseded(*, mandate: Mandate, by: Resolution, user, comment: str = "") -> Mandate:
    """A later resolution replaces this mandate: status superseded, with a link to it."""
    raise_if_too_long(length_problems(comment=(comment, COMMENT_MAX_CHARS)))
    mandate = Mandate.objects.select_for_update().select_related("resolution").get(pk=mandate.pk)
    _check_later(mandate, by, "resolution")
    from_status = mandate.status
    mandate.status = MandateStatus.SUPERSEDED
    mandate.superseded_by = by
    _with_history_user(mandate, user)
    mandate.save()
    MandateEvent.objects.create(
        mandate=mandate,
        kind=EventKind.SUPERSEDED,
        from_status=from_status,
        to_status=MandateStatus.SUPERSEDED,
        actor=_actor(user),
        at=timezone.now(),
        comment=(comment or "").strip() or _("Superseded by %(symbol)s.") % {"symbol": by.symbol},
    )
    return mandate


@transaction.atomic
def mandate_mark_renewed(*, mandate: Mandate, by: Resolution, user, comment: str = "") -> Mandate:
    """A later resolution renews this mandate: the work continues under the later one, so this
    one is closed, with a link to the renewal."""
    raise_if_too_long(length_problems(comment=(comment, COMMENT_MAX_CHARS)))
    mandate = Mandate.objects.select_for_update().select_related("resolution").get(pk=mandate.pk)
    _check_later(mandate, by, "resolution")
    from_status = mandate.status
    mandate.renewed_by = by
    if mandate.status in (MandateStatus.OPEN, MandateStatus.IN_PROGRESS):
        mandate.status = MandateStatus.CLOSED
    _with_history_user(mandate, user)
    mandate.save()
    MandateEvent.objects.create(
        mandate=mandate,
        kind=EventKind.RENEWED,
        from_status=from_status,
        to_status=mandate.status,
        actor=_actor(user),
        at=timezone.now(),
        comment=(comment or "").strip() or _("Renewed by %(symbol)s.") % {"symbol": by.symbol},
    )
    return mandate
