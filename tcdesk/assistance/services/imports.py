"""Historical requests from an import file: the checked rows written as requests, with their events.

`exchange.request_import` reads and checks the file (all-or-nothing, with a dry run) and calls this
inside its transaction; nothing here checks the rows again.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import require
from tcdesk.core.history import note_change_reason
from tcdesk.core.selectors import GroupsAtDates

from ..choices import EventKind
from ..codes import join_codes
from ..models import AssistanceRequest, RequestEvent, RequestInstrument
from ..permissions import IMPORT_REQUESTS
from .mandate_links import MandateCitation, mandate_links_store
from .priority import priority_recompute
from .requests import next_reference


class HistoricalRowConflict(Exception):  # noqa: N818 - reads as the condition it reports
    """A row could not be written (its reference was taken meanwhile); the whole import rolls back."""

    def __init__(self, row: int, reference: str) -> None:
        super().__init__(row, reference)
        self.row = row
        self.reference = reference


@transaction.atomic
def historical_requests_create(*, actor: Any, rows: list[dict]) -> list[AssistanceRequest]:
    """Write checked import rows as requests, each with an import event, then score them.

    References left empty are numbered per year after the highest one in use, skipping the references
    other rows of the file give. A reference taken meanwhile raises `HistoricalRowConflict`.
    """
    require(actor, IMPORT_REQUESTS)
    groups = GroupsAtDates(row["country"] for row in rows)
    created = []
    counters: dict[int, int] = {}
    given = {r["reference"] for r in rows if r["reference"]}
    for row in rows:
        submitted = row["submitted_at"]
        reference = row["reference"]
        if not reference:
            year = (submitted or timezone.now()).year
            if year not in counters:
                counters[year] = int(next_reference(year).rsplit("-", 1)[1])
            while f"TAR-{year}-{counters[year]:04d}" in given:
                counters[year] += 1
            reference = f"TAR-{year}-{counters[year]:04d}"
            counters[year] += 1
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
        note_change_reason(ta_request, "import")
        try:
            with transaction.atomic():
                ta_request.save()
        except IntegrityError:
            raise HistoricalRowConflict(row["row"], reference) from None
        ta_request.themes.set(row["themes"])
        RequestInstrument.objects.bulk_create(
            [RequestInstrument(request=ta_request, instrument_code=code) for code in row["instruments"]]
        )
        mandate_links_store(
            ta_request=ta_request,
            citations=[MandateCitation(symbol, paragraph, mandate) for (symbol, paragraph), mandate in row["mandates"]],
        )
        RequestEvent.objects.create(
            request=ta_request,
            kind=EventKind.IMPORT,
            to_status=row["status"],
            actor=actor,
            at=submitted or timezone.now(),
            comment=_("Imported from a file of historical requests."),
        )
        created.append(ta_request)
    priority_recompute(queryset=AssistanceRequest.objects.filter(pk__in=[r.pk for r in created]))
    return created
