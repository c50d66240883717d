"""What the last load of a resolution did: what was parsed, what changed, what still needs review.

Shown on the resolution's page to those who load resolutions, so that the page they land on after
"Confirm and store" says what the load did (and the next visit still does).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .choices import DraftStatus, EventKind
from .models import Mandate, MandateEvent, Resolution, ResolutionDraft
from .review import warning_message


@dataclass
class LoadSummary:
    """The last confirmed load of a resolution and its outcome."""

    loaded_by: str
    loaded_at: dt.datetime | None
    corrections: int
    new_mandates: int
    changed: list[Mandate] = field(default_factory=list)
    gone: list[Mandate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    citations_not_loaded: int = 0
    missing_details: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.changed or self.gone or self.warnings or self.missing_details)


def last_load_summary(resolution: Resolution) -> LoadSummary | None:
    """The summary of the resolution's last confirmed load, or None when it was loaded another way
    (a command, the demo) and no review step recorded it."""
    draft = (
        ResolutionDraft.objects.filter(resolution=resolution, status=DraftStatus.CONFIRMED)
        .select_related("created_by")
        .order_by("-closed_at", "-pk")
        .first()
    )
    if draft is None:
        return None
    events = MandateEvent.objects.filter(mandate__resolution=resolution, at__gte=draft.created_at)
    if draft.closed_at:
        events = events.filter(at__lte=draft.closed_at)
    changed_ids = set(events.filter(kind=EventKind.RELOADED).values_list("mandate_id", flat=True))
    missing = [
        label
        for label, value in (
            (_("Adoption date"), resolution.adoption_date),
            (_("Session"), resolution.session),
            (_("Agenda item"), resolution.agenda_item),
            (_("Plenary meeting"), resolution.plenary_meeting),
        )
        if not value
    ]
    user = draft.created_by
    return LoadSummary(
        loaded_by=(user.get_full_name() or user.get_username()) if user else "",
        loaded_at=draft.closed_at,
        corrections=len(draft.corrections or []),
        new_mandates=events.filter(kind=EventKind.CREATED).count(),
        changed=list(resolution.mandates.filter(pk__in=changed_ids).order_by("order")),
        gone=list(resolution.mandates.filter(in_text=False).order_by("order")),
        warnings=[warning_message(w) for w in (resolution.parsed or {}).get("warnings") or []],
        citations_not_loaded=resolution.citations.filter(cited_resolution__isnull=True).count(),
        missing_details=missing,
    )
