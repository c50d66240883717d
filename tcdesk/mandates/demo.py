"""Demo data of the mandates app: the founding resolution and every other real resolution of the
parser's corpus, loaded through `resolution_load`, and a few mandate statuses and evidence marked
"[Demo]" so the registry looks alive on first run. Synthetic corpus files are not loaded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .choices import EventKind, MandateStatus
from .models import Mandate, Resolution
from .services import mandate_evidence_add, mandate_status_change, resolution_load, resolution_update_details

CORPUS = Path(__file__).resolve().parent / "corpus"
FOUNDING = "A-RES-60-175.fr.txt"

# Facts the extracted text does not print, from the corpus's SOURCES.md.
KNOWN_DETAILS = {"A/RES/60/175": {"adoption_date": dt.date(2005, 12, 16)}}

# (paragraph key, status, evidence) — clearly demo, applied once to untouched mandates.
DEMO_TRACKING = {
    "A/RES/60/175": [
        ("1", MandateStatus.CLOSED, "[Demo] Taken note of; no further action called for."),
        (
            "6",
            MandateStatus.IN_PROGRESS,
            "[Demo] Training of judges and prosecutors on the universal instruments (synthetic).",
        ),
        ("19", MandateStatus.IN_PROGRESS, "[Demo] Secretariat services to the Conference of the Parties (synthetic)."),
        (
            "26",
            MandateStatus.IN_PROGRESS,
            "[Demo] Report of the Secretary-General to the sixty-first session in preparation (synthetic).",
        ),
    ]
}


def corpus_files() -> list[Path]:
    """Real resolutions of the corpus, the founding one first; files named synthetic-* are skipped."""
    files = [p for p in CORPUS.glob("*.txt") if not p.name.startswith("synthetic")]
    files += [p for p in CORPUS.glob("*.pdf") if not p.name.startswith("synthetic")]
    return sorted(files, key=lambda p: (p.name != FOUNDING, p.name))


def load_demo(*, seed: int, scale: int, progress) -> dict:
    from tcdesk.accounts.models import User

    user = User.objects.filter(username="secretariat").first()
    files = corpus_files()
    loaded, skipped = [], []
    for done, path in enumerate(files, start=1):
        try:
            resolution, _created = resolution_load(data=path.read_bytes(), filename=path.name, user=user)
        except Exception as exc:  # noqa: BLE001 - one unreadable corpus file must not stop the demo
            skipped.append(f"{path.name}: {exc}")
        else:
            loaded.append(resolution.symbol)
        progress("resolutions", done, len(files))
    for symbol, details in KNOWN_DETAILS.items():
        resolution = Resolution.objects.filter(symbol=symbol).first()
        if resolution is not None and resolution.adoption_date is None:
            resolution_update_details(
                resolution=resolution,
                user=user,
                adoption_date=details["adoption_date"],
                agenda_item=resolution.agenda_item,
                plenary_meeting=resolution.plenary_meeting,
            )
    tracked = 0
    for symbol, entries in DEMO_TRACKING.items():
        for key, status, evidence in entries:
            mandate = Mandate.objects.filter(resolution__symbol=symbol, key=key).first()
            if mandate is None or mandate.events.exclude(kind=EventKind.CREATED).exists():
                continue
            mandate_evidence_add(mandate=mandate, user=user, text=evidence, note="[Demo]")
            comment = "[Demo] " + ("No action called for." if status == MandateStatus.CLOSED else "Work started.")
            mandate_status_change(mandate=mandate, to_status=status, user=user, comment=comment)
            tracked += 1
    return {
        "resolutions": len(loaded),
        "loaded": loaded,
        "skipped": skipped,
        "mandates": Mandate.objects.count(),
        "demo_tracked": tracked,
    }
