"""Historical requests from an import file: the checked rows written as requests, with their events.

`exchange.request_import` reads and checks the file (all-or-nothing, with a dry run) and calls this
inside its transaction; nothing here checks the rows again.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from tcdesk.accounts.rules import require
from tcdesk.core.history import note_change_reason
from tcdesk.core.models import Theme
from tcdesk.core.selectors import GroupsAtDates

from ..choices import EventKind
from ..codes import join_codes
from ..models import AssistanceRequest, RequestEvent, RequestInstrument, RequestMandateLink
from ..permissions import IMPORT_REQUESTS
from ..selectors import PartyStatusCache
from .priority import _apply_priority, current_weights, priority_inputs
from .requests import next_reference


class HistoricalRowConflict(Exception):  # noqa: N818 - reads as the condition it reports
    """A row could not be written (its reference was taken meanwhile); the whole import rolls back."""

    def __init__(self, row: int, reference: str) -> None:
        super().__init__(row, reference)
        self.row = row
        self.reference = reference


# Rows written per INSERT statement (well under SQLite's 32,766 bound variables for every table here).
BATCH_SIZE = 500


def _references(rows: list[dict]) -> list[str]:
    """Each row's reference: as given, or numbered per year after the highest one in use, skipping the
    references other rows of the file give."""
    counters: dict[int, int] = {}
    given = {r["reference"] for r in rows if r["reference"]}
    references = []
    for row in rows:
        reference = row["reference"]
        if not reference:
            year = (row["submitted_at"] or timezone.now()).year
            if year not in counters:
                counters[year] = int(next_reference(year).rsplit("-", 1)[1])
            while f"TAR-{year}-{counters[year]:04d}" in given:
                counters[year] += 1
            reference = f"TAR-{year}-{counters[year]:04d}"
            counters[year] += 1
        references.append(reference)
    return references


def _conflict(rows: list[dict], references: list[str]) -> HistoricalRowConflict | None:
    """The first row whose reference is in use already (by a request committed meanwhile)."""
    taken = set(AssistanceRequest.objects.filter(reference__in=references).values_list("reference", flat=True))
    for row, reference in zip(rows, references, strict=True):
        if reference in taken:
            return HistoricalRowConflict(row["row"], reference)
    return None


@transaction.atomic
def historical_requests_create(*, actor: Any, rows: list[dict]) -> list[AssistanceRequest]:
    """Write checked import rows as requests, each with an import event and its history record, then
    score them. References left empty are numbered (`_references`); a reference taken meanwhile raises
    `HistoricalRowConflict` naming the row, and the caller's transaction writes nothing.

    Everything is written in bulk, a few statements per BATCH_SIZE rows whatever the file's size
    (requests with their scores and history records, themes, instruments, mandate links, events), so that an
    import of thousands of rows holds one transaction for seconds, not minutes.
    """
    require(actor, IMPORT_REQUESTS)
    if not rows:
        return []
    groups = GroupsAtDates(row["country"] for row in rows)
    references = _references(rows)
    if conflict := _conflict(rows, references):
        raise conflict
    weights, party_cache, now = current_weights(), PartyStatusCache(), timezone.now()
    requests = []
    for row, reference in zip(rows, references, strict=True):
        submitted = row["submitted_at"]
        day = (submitted or now).date()
        ta_request = AssistanceRequest(
            reference=reference,
            country_id=row["country"],
            title=row["title"],
            requesting_authority=row["requesting_authority"],
            assistance_types=join_codes(row["assistance_types"]),
            beneficiary_institutions=row["beneficiary_institutions"],
            description=row["description"],
            desired_start=row["desired_start"],
            desired_end=row["desired_end"],
            post_conflict=row["post_conflict"],
            status=row["status"],
            decision=row["decision"],
            country_groups=join_codes(groups.on(row["country"], submitted.date())) if submitted else "",
            submitted_at=submitted,
            acknowledged_at=row["acknowledged_at"],
            decided_at=row["decided_at"],
        )
        # Scored before it is written (as `priority_recompute` would score it), so that the score goes
        # out with the row instead of in a second pass over the new requests.
        inputs = priority_inputs(
            ta_request,
            now=now,
            instrument_codes=row["instruments"],
            mandate_count=len(row["mandates"]),
            cache=party_cache,
            groups_at_submission=groups.on(row["country"], day),
        )
        _apply_priority(ta_request, weights, inputs)
        note_change_reason(ta_request, "import")
        requests.append(ta_request)
    try:
        with transaction.atomic():
            created = bulk_create_with_history(
                requests, AssistanceRequest, batch_size=BATCH_SIZE, default_user=actor, default_change_reason="import"
            )
    except IntegrityError:
        # Taken between the check and the insert: name the row (nothing of this import is kept).
        if conflict := _conflict(rows, references):
            raise conflict from None
        raise
    if any(r.pk is None for r in created):  # every supported database returns the new keys
        raise RuntimeError("bulk_create did not return the primary keys of the imported requests")
    themes = {t.code: t.pk for t in Theme.objects.filter(code__in={c for row in rows for c in row["themes"]})}
    through = AssistanceRequest.themes.through
    through.objects.bulk_create(
        [
            through(assistancerequest_id=ta_request.pk, theme_id=themes[code])
            for ta_request, row in zip(created, rows, strict=True)
            for code in dict.fromkeys(row["themes"])
        ],
        batch_size=BATCH_SIZE,
    )
    RequestInstrument.objects.bulk_create(
        [
            RequestInstrument(request=ta_request, instrument_code=code)
            for ta_request, row in zip(created, rows, strict=True)
            for code in row["instruments"]
        ],
        batch_size=BATCH_SIZE,
    )
    RequestMandateLink.objects.bulk_create(
        [
            RequestMandateLink(request=ta_request, symbol=symbol, paragraph=paragraph, mandate=mandate)
            for ta_request, row in zip(created, rows, strict=True)
            for (symbol, paragraph), mandate in row["mandates"]
        ],
        batch_size=BATCH_SIZE,
    )
    comment = _("Imported from a file of historical requests.")
    RequestEvent.objects.bulk_create(
        [
            RequestEvent(
                request=ta_request,
                kind=EventKind.IMPORT,
                to_status=row["status"],
                actor=actor,
                at=row["submitted_at"] or now,
                comment=comment,
            )
            for ta_request, row in zip(created, rows, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    return created
