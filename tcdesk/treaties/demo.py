"""Demo data of the treaties app: the instruments, the REAL status tables, and SYNTHETIC participation
only for instruments that have no real data.

The real tables (`data/status/`, UN Treaty Collection copies with their sources and "as of" dates)
are loaded through the importer first. Synthetic actions (every row `synthetic=True`, marked on
pages and in the API) are then generated only for the instruments of `PLAN` that still have no
real data, and are replaced when real data is loaded for them. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from tcdesk.core.models import Country

from . import services
from .models import Instrument, ParticipationAction
from .participation import Action, ProposedAction

D = dt.date

# (instrument, probability of joining, latest consent year): SYNTHETIC, for instruments without real data.
PLAN = [
    ("PROTECTED_PERSONS_1973", 0.9, 2015),
    ("HOSTAGES_1979", 0.88, 2015),
]


def _between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _synthetic_rows(
    rng: random.Random,
    countries: list[Country],
    instruments: dict[str, Instrument],
    today: dt.date,
) -> list[ProposedAction]:
    rows: list[ProposedAction] = []
    for country in countries:
        for code, probability, last_year in PLAN:
            instrument = instruments.get(code)
            if instrument is None:
                continue
            opens = instrument.opened_for_signature_on or instrument.adopted_on
            signed = None
            if instrument.signature_closed_on and rng.random() < 0.65:
                signed = _between(rng, opens + dt.timedelta(days=1), instrument.signature_closed_on)
                rows.append(
                    ProposedAction(len(rows) + 1, country.iso3, code, Action(country.iso3, "signature", signed))
                )
            if rng.random() >= probability:
                continue
            start = max(d for d in (opens + dt.timedelta(days=120), signed) if d)
            day = _between(rng, start, min(D(last_year, 12, 31), today - dt.timedelta(days=30)))
            kind = "ratification" if signed else rng.choice(["accession", "accession", "ratification"])
            rows.append(ProposedAction(len(rows) + 1, country.iso3, code, Action(country.iso3, kind, day)))
    return rows


def load_demo(*, seed: int, scale: int = 1, progress=None) -> dict:
    """Instruments, the real status tables through the importer, then synthetic participation where none is real."""
    summary: dict = {"instruments": services.instruments_load()}
    summary["real_status"] = services.real_data.summary(services.treaty_status_load())
    # Only instruments with no action at all get invented ones: real data (or a hand entry) wins.
    with_data = set(ParticipationAction.objects.order_by().values_list("instrument_id", flat=True).distinct())
    instruments = {i.code: i for i in Instrument.objects.filter(code__in=[code for code, _p, _y in PLAN])}
    wanted = {code: i for code, i in instruments.items() if code not in with_data}
    if not wanted:
        summary["synthetic"] = {"created": 0, "note": "already loaded or real data present"}
        return summary
    rng = random.Random(seed)
    countries = list(Country.objects.filter(un_status="member").order_by("iso3"))
    today = timezone.localdate()
    rows = _synthetic_rows(rng, countries, wanted, today)
    summary["synthetic"] = {
        **services.actions_record_bulk(proposed=rows, synthetic=True, today=today),
        "instruments": sorted(wanted),
    }
    if progress:
        progress("treaties", 1, 1)
    return summary
