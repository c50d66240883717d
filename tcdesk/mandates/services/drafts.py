"""The review step of every load: a draft holds the file as read and the parse, the reviewer
corrects it (merge, split, move text, mark as annex), then confirms it (a resolution is stored,
with its corrections) or discards it. Nothing is a resolution before it is confirmed.

Corrections are kept with the resolution (and its history) and replayed whenever the same text is
loaded again, so a re-parse of the same file reproduces the reviewed structure.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.core.history import note_change_reason

from ..choices import DraftStatus
from ..models import Resolution, ResolutionDraft
from ..parsing.corrections import OPERATIONS, CorrectionError, apply_corrections
from ._common import _with_history_user
from .loading import final_symbol, known_corrections, resolution_load
from .reading import parse_source


def draft_document(draft: ResolutionDraft) -> dict[str, Any]:
    """The draft's structure as the reviewer sees it: the parse with the corrections applied."""
    return apply_corrections(draft.parsed, draft.corrections)


@transaction.atomic
def resolution_draft_create(
    *, data: bytes, filename: str = "", user=None, lang: str = "auto", symbol: str | None = None
) -> ResolutionDraft:
    """Read and parse a file for review; corrections made before to the same text are applied again.
    Bad input (not a resolution, no symbol…) is refused here, before any review."""
    source, parsed = parse_source(data=data, filename=filename, lang=lang)
    document = parsed.to_dict()
    symbol_read = final_symbol(document, symbol)
    corrections = known_corrections(source.sha256)
    try:
        apply_corrections(document, corrections)
    except CorrectionError:
        corrections = []  # the parser reads this text differently now: the old corrections no longer apply
    draft = ResolutionDraft(
        source_text=source.text,
        source_sha256=source.sha256,
        source_filename=source.filename[:255],
        source_format=source.format,
        source_data=data,
        lang=lang,
        symbol_given=(symbol or "")[:60],
        symbol=symbol_read[:60],
        parsed=document,
        corrections=corrections,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        created_at=timezone.now(),
    )
    _with_history_user(draft, user)
    note_change_reason(draft, "loaded for review")
    draft.save()
    return draft


def _open(draft: ResolutionDraft) -> ResolutionDraft:
    locked = ResolutionDraft.objects.select_for_update().get(pk=draft.pk)
    if locked.status != DraftStatus.OPEN:
        raise ValidationError(
            {"draft": [_("This load was already %(status)s.") % {"status": locked.get_status_display().lower()}]}
        )
    return locked


def _paragraph_text(document: dict[str, Any], element: str) -> str | None:
    kind, _sep, ref = element.partition(":")
    if kind == "preamble":
        rows = [(f"preamble:{p['index']}", p["text"]) for p in document.get("preamble") or []]
    elif kind == "operative":
        rows = [
            (f"operative:{p['number'] if p.get('number') is not None else position}", p["text"])
            for position, p in enumerate(document.get("operative") or [], start=1)
        ]
    else:
        paragraphs = [p for annex in document.get("annexes") or [] for p in annex.get("paragraphs") or []]
        rows = [(f"annex:{position}", p["text"]) for position, p in enumerate(paragraphs, start=1)]
    return dict(rows).get(element)


def correction_from_words(document: dict[str, Any], correction: dict[str, Any]) -> dict[str, Any]:
    """A correction given with words ("split before: Requests the …", "move: Noting with concern")
    turned into the offsets the corrections store; ValidationError names the field."""
    op = correction.get("op")
    if op not in OPERATIONS:
        raise ValidationError({"op": [_("Choose one of: merge, split, move, mark as annex.")]})
    element = str(correction.get("element") or "")
    text = _paragraph_text(document, element)
    if text is None:
        raise ValidationError({"element": [_("There is no paragraph “%(element)s”.") % {"element": element}]})
    result: dict[str, Any] = {"op": op, "element": element}
    if op == "split":
        if correction.get("at") is not None:
            result["at"] = correction["at"]
        else:
            words = " ".join(str(correction.get("before") or "").split())
            at = text.find(words) if words else -1
            if at <= 0:
                raise ValidationError(
                    {"before": [_("Give words of the paragraph, not its first ones, where the new paragraph starts.")]}
                )
            result["at"] = at
        if correction.get("number") not in (None, ""):
            try:
                result["number"] = int(correction["number"])
            except (TypeError, ValueError):
                raise ValidationError({"number": [_("The number of the new paragraph is a whole number.")]}) from None
    elif op == "move":
        direction = correction.get("to")
        if direction not in ("previous", "next"):
            raise ValidationError({"to": [_("Move the text to the previous or to the next paragraph.")]})
        result["to"] = direction
        if correction.get("chars") is not None:
            result["chars"] = correction["chars"]
        else:
            words = " ".join(str(correction.get("text") or "").split())
            fits = text.startswith(words) if direction == "previous" else text.endswith(words)
            if not words or not fits or words == text:
                where = _("first") if direction == "previous" else _("last")
                raise ValidationError(
                    {"text": [_("Give the %(where)s words of the paragraph, as written, to move.") % {"where": where}]}
                )
            result["chars"] = len(words)
    return result


@transaction.atomic
def resolution_draft_correct(*, draft: ResolutionDraft, user, correction: dict[str, Any]) -> ResolutionDraft:
    """Add one correction to the review; it must apply to the structure as corrected so far."""
    draft = _open(draft)
    current = draft_document(draft)
    stored = correction_from_words(current, correction)
    try:
        apply_corrections(current, [stored])
    except CorrectionError as exc:
        raise ValidationError({"correction": [str(exc).replace("Correction 1: ", "")]}) from None
    draft.corrections = [*draft.corrections, stored]
    _with_history_user(draft, user)
    note_change_reason(draft, f"corrected: {stored['op']} {stored['element']}")
    draft.save(update_fields=["corrections"])
    return draft


@transaction.atomic
def resolution_draft_undo(*, draft: ResolutionDraft, user) -> ResolutionDraft:
    """Take back the last correction."""
    draft = _open(draft)
    if not draft.corrections:
        raise ValidationError({"correction": [_("There is no correction to take back.")]})
    draft.corrections = draft.corrections[:-1]
    _with_history_user(draft, user)
    note_change_reason(draft, "correction taken back")
    draft.save(update_fields=["corrections"])
    return draft


@transaction.atomic
def resolution_draft_confirm(*, draft: ResolutionDraft, user) -> tuple[Resolution, bool]:
    """Store the reviewed resolution (loaded or re-loaded with its corrections); the draft is closed."""
    draft = _open(draft)
    resolution, created = resolution_load(
        data=bytes(draft.source_data),
        filename=draft.source_filename,
        user=user,
        lang=draft.lang,
        symbol=draft.symbol_given or None,
        corrections=list(draft.corrections),
    )
    draft.status = DraftStatus.CONFIRMED
    draft.resolution = resolution
    draft.closed_at = timezone.now()
    _with_history_user(draft, user)
    note_change_reason(draft, "confirmed")
    draft.save(update_fields=["status", "resolution", "closed_at"])
    return resolution, created


@transaction.atomic
def resolution_draft_discard(*, draft: ResolutionDraft, user) -> ResolutionDraft:
    """Close a review without storing anything."""
    draft = _open(draft)
    draft.status = DraftStatus.DISCARDED
    draft.closed_at = timezone.now()
    _with_history_user(draft, user)
    note_change_reason(draft, "discarded")
    draft.save(update_fields=["status", "closed_at"])
    return draft
