"""Records a report is computed from, written through the lower apps' own services where they exist."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone

from tcdesk.assistance.models import AssistanceRequest, RequestEvent
from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.mandates.models import MandateEvent, MandateEvidence, Resolution
from tcdesk.mandates.services import (
    mandate_evidence_add,
    mandate_status_change,
    resolution_load,
    resolution_update_details,
)
from tcdesk.treaties.models import Instrument
from tcdesk.treaties.services import action_record, instruments_load

FOUNDING = Path(__file__).resolve().parents[2] / "mandates" / "corpus" / "A-RES-60-175.fr.txt"
START, END = dt.date(2005, 12, 16), dt.date(2006, 6, 30)
ADOPTED = dt.date(2005, 12, 16)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def founding_resolution() -> Resolution:
    found = Resolution.objects.filter(symbol="A/RES/60/175").first()
    if found:
        return found
    resolution, _created = resolution_load(data=FOUNDING.read_bytes(), filename=FOUNDING.name)
    return resolution_update_details(resolution=resolution, user=None, adoption_date=ADOPTED)


def request_in(
    *, country: str, groups: str, submitted: dt.date, decision: str = "", decided: dt.date | None = None, **extra
) -> AssistanceRequest:
    status = {"accepted": "accepted", "declined": "declined"}.get(decision, "submitted")
    return AssistanceRequestFactory(
        country_id=country,
        country_groups=groups,
        submitted_at=at(submitted),
        decision=decision,
        decided_at=at(decided) if decided else None,
        status=status,
        **extra,
    )


def delivered(ta_request: AssistanceRequest, on: dt.date) -> None:
    RequestEvent.objects.create(
        request=ta_request, kind="transition", action="deliver", from_status="planned", to_status="delivered", at=at(on)
    )


def seed_period(user) -> dict:
    """A small, fully known world for 16 December 2005 – 30 June 2006 (and records just outside it)."""
    resolution = founding_resolution()
    requests = [
        request_in(
            country="MLI",
            groups=",LDC,LLDC,",
            submitted=dt.date(2006, 1, 10),
            decision="accepted",
            decided=dt.date(2006, 2, 9),
        ),
        request_in(
            country="NER",
            groups=",LDC,LLDC,",
            submitted=dt.date(2006, 2, 1),
            decision="declined",
            decided=dt.date(2006, 3, 3),
        ),
        request_in(
            country="COL",
            groups=",",
            submitted=dt.date(2006, 3, 1),
            post_conflict=True,
            decision="accepted",
            decided=dt.date(2006, 4, 10),
        ),
        request_in(country="UKR", groups=",EIT,", submitted=dt.date(2006, 5, 5)),
        # Outside the period: not counted.
        request_in(country="MLI", groups=",LDC,LLDC,", submitted=dt.date(2006, 7, 2)),
        request_in(country="COL", groups=",", submitted=dt.date(2005, 12, 15)),
    ]
    delivered(requests[0], dt.date(2006, 6, 1))
    if not Instrument.objects.exists():
        instruments_load()
    untoc = Instrument.objects.get(code="UNTOC")
    action_record(instrument=untoc, participant="MLI", action="ratification", date=dt.date(2002, 4, 12), user=user)
    action_record(instrument=untoc, participant="COL", action="ratification", date=dt.date(2006, 3, 1), user=user)
    action_record(instrument=untoc, participant="NER", action="accession", date=dt.date(2006, 9, 1), user=user)
    mandates = {m.key: m for m in resolution.mandates.all()}
    six = next(m for key, m in sorted(mandates.items()) if m.paragraph_number == 6)
    mandate_status_change(mandate=six, to_status="in_progress", user=user)
    mandate_evidence_add(mandate=six, user=user, text="Training of judges in Bamako")
    # Recorded during the period (the services stamp the present moment).
    MandateEvent.objects.filter(mandate=six).update(at=at(dt.date(2006, 5, 2)))
    MandateEvidence.objects.filter(mandate=six).update(added_at=at(dt.date(2006, 5, 2)))
    return {"resolution": resolution, "requests": requests, "mandate": six}


def now() -> dt.datetime:
    return timezone.now()
