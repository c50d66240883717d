"""Demo data of the treaties app: the instruments, the sample status files, and SYNTHETIC participation.

The participation generated here is invented (every row has `synthetic=True` and pages mark it):
plausible dates after each instrument's opening, Protocols only after their Convention, some least
developed countries left outside the nuclear terrorism convention so that gap lists say something.
Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from django.utils import timezone

from tcdesk.core.models import Country, Organisation

from . import services
from .models import Instrument, ParticipationAction
from .participation import Action, ProposedAction

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
D = dt.date

# Hand-written SYNTHETIC rows for the demo focal-point States (plausible, not checked against the depositary).
HAND_WRITTEN = {
    "MLI": [
        ("UNTOC", "signature", D(2000, 12, 15)),
        ("UNTOC", "ratification", D(2002, 4, 12)),
        ("TIP_PROTOCOL", "signature", D(2000, 12, 15)),
        ("TIP_PROTOCOL", "ratification", D(2002, 4, 12)),
        ("SOM_PROTOCOL", "signature", D(2000, 12, 15)),
        ("SOM_PROTOCOL", "ratification", D(2002, 4, 12)),
        ("FIREARMS_PROTOCOL", "accession", D(2011, 5, 3)),
        ("UNCAC", "signature", D(2003, 12, 9)),
        ("UNCAC", "ratification", D(2008, 4, 18)),
        # Mali is an LDC and stays outside ICSANT: the gap list shows it.
    ],
    "COL": [
        ("UNTOC", "signature", D(2000, 12, 12)),
        ("UNTOC", "ratification", D(2004, 8, 4)),
        ("TIP_PROTOCOL", "accession", D(2004, 8, 4)),
        ("SOM_PROTOCOL", "accession", D(2004, 8, 4)),
        ("FIREARMS_PROTOCOL", "accession", D(2007, 2, 6)),
        ("UNCAC", "signature", D(2003, 12, 10)),
        ("UNCAC", "ratification", D(2006, 10, 27)),
        ("ICSANT", "signature", D(2005, 9, 14)),
    ],
    "UKR": [
        ("UNTOC", "signature", D(2000, 12, 15)),
        ("UNTOC", "ratification", D(2004, 5, 21)),
        ("TIP_PROTOCOL", "signature", D(2000, 12, 15)),
        ("TIP_PROTOCOL", "ratification", D(2004, 5, 21)),
        ("SOM_PROTOCOL", "signature", D(2000, 12, 15)),
        ("SOM_PROTOCOL", "ratification", D(2004, 5, 21)),
        ("UNCAC", "signature", D(2003, 12, 11)),
        ("UNCAC", "ratification", D(2009, 12, 2)),
        ("ICSANT", "signature", D(2005, 9, 14)),
        ("ICSANT", "ratification", D(2006, 9, 25)),
    ],
}

# (instrument, probability of joining, latest consent year)
PLAN = [
    ("UNTOC", 0.93, 2016),
    ("TIP_PROTOCOL", 0.9, 2020),
    ("SOM_PROTOCOL", 0.78, 2020),
    ("FIREARMS_PROTOCOL", 0.6, 2022),
    ("UNCAC", 0.92, 2022),
    ("ICSANT", 0.6, 2024),
]


def _between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _synthetic_rows(
    rng: random.Random,
    countries: list[Country],
    instruments: dict[str, Instrument],
    taken: set[tuple[str, str]],
    ldcs: set[str],
    today: dt.date,
) -> list[ProposedAction]:
    rows: list[ProposedAction] = []
    number = 0

    def add(code: str, iso3: str, action: str, day: dt.date, effective_from: dt.date | None = None) -> None:
        nonlocal number
        number += 1
        rows.append(ProposedAction(number, iso3, code, Action(iso3, action, day, True, effective_from)))

    for iso3, actions in HAND_WRITTEN.items():
        for code, action, day in actions:
            if (iso3, code) not in taken:
                add(code, iso3, action, day)
    # A successor State (effect from its independence, notified later): SYNTHETIC.
    if ("MNE", "UNTOC") not in taken:
        add("UNTOC", "MNE", "succession", D(2006, 10, 23), D(2006, 6, 3))
        add("TIP_PROTOCOL", "MNE", "succession", D(2006, 10, 23), D(2006, 6, 3))
    special = set(HAND_WRITTEN) | {"MNE"}

    for country in countries:
        iso3 = country.iso3
        if iso3 in special:
            continue
        consent_on: dict[str, dt.date] = {}
        for code, probability, last_year in PLAN:
            instrument = instruments[code]
            if (iso3, code) in taken:
                continue
            chance = probability * (0.45 if code == "ICSANT" and iso3 in ldcs else 1)
            parent_day = consent_on.get(instrument.parent_id) if instrument.requires_party_to_parent else None
            if instrument.requires_party_to_parent and parent_day is None:
                continue
            opens = instrument.opened_for_signature_on or instrument.adopted_on
            signed = None
            if instrument.signature_closed_on and rng.random() < 0.65:
                signed = _between(rng, opens + dt.timedelta(days=1), instrument.signature_closed_on)
                add(code, iso3, "signature", signed)
            if rng.random() >= chance:
                continue
            start = max(d for d in (opens + dt.timedelta(days=120), signed, parent_day) if d)
            end = min(D(last_year, 12, 31), today - dt.timedelta(days=30))
            day = _between(rng, start, end)
            if parent_day and rng.random() < 0.4:
                day = start  # Protocols often ratified together with the Convention
            kind = "ratification" if signed else rng.choice(["accession", "accession", "acceptance", "approval"])
            add(code, iso3, kind, day)
            consent_on[code] = day
    return rows


def load_demo(*, seed: int, scale: int = 1, progress=None) -> dict:
    """Instruments, the sample ICSANT status file through the import service, then synthetic participation."""
    summary = {"instruments": services.instruments_load()}
    icsant = Instrument.objects.get(code="ICSANT")
    imports = []
    for name in ("synthetic_xviii15.en.xml", "synthetic_xviii15_actions.csv"):
        path = SAMPLES / name
        result = services.status_import_run(instrument=icsant, data=path.read_bytes(), filename=name, dry_run=False)
        imports.append({"file": name, "created": result["created"], "unchanged": result["unchanged"]})
    summary["imports"] = imports

    if ParticipationAction.objects.filter(synthetic=True).exists():
        summary["synthetic"] = {"created": 0, "note": "already loaded"}
        return summary
    rng = random.Random(seed)
    codes = [code for code, _p, _y in PLAN]
    instruments = {i.code: i for i in Instrument.objects.filter(code__in=codes)}
    countries = list(Country.objects.filter(un_status="member").order_by("iso3"))
    taken = set(ParticipationAction.objects.filter(instrument_id__in=codes).values_list("country_id", "instrument_id"))
    today = timezone.localdate()
    ldcs = set(Country.objects.in_group("LDC", today).values_list("iso3", flat=True))
    rows = _synthetic_rows(rng, countries, instruments, taken, ldcs, today)
    eu = Organisation.objects.filter(code="EU").first()
    if eu is not None:
        for number, (code, action, day) in enumerate(
            [
                ("UNTOC", "approval", D(2004, 5, 21)),
                ("TIP_PROTOCOL", "approval", D(2006, 7, 6)),
                ("SOM_PROTOCOL", "approval", D(2006, 7, 6)),
                ("UNCAC", "approval", D(2008, 11, 12)),
            ],
            start=len(rows) + 1,
        ):
            if (None, code) not in taken:
                rows.append(ProposedAction(number, "European Union", code, Action("EU", action, day, False)))
    result = services.actions_record_bulk(proposed=rows, synthetic=True, today=today)
    summary["synthetic"] = result
    if progress:
        progress("treaties", 1, 1)
    return summary
