"""Demo data of the reports app: the report on the implementation of A/RES/60/175 for the demo's period,
defined by the secretariat, with a version in English and in French queued for the background worker
(`make run` starts it; `tcdesk db_worker` otherwise), the report to Norway on its contributions and the
report to the Conference of the Parties to the Organized Crime Convention (defined; generated on demand).
The figures come from the (synthetic) demo records of the other apps.

Rendering a version takes seconds (the PDF above all), so the demo does not wait for it: it queues the
jobs and returns. The HTML preview of every report works at once.
"""

from __future__ import annotations

import datetime as dt
import time

from django.utils import timezone

from .choices import VersionStatus
from .models import Report


def load_demo(*, seed: int, scale: int, progress) -> dict:
    from tcdesk.accounts.models import User
    from tcdesk.mandates.models import Resolution

    from . import services

    started = time.monotonic()
    user = User.objects.filter(username="secretariat").first()
    resolution = Resolution.objects.filter(symbol="A/RES/60/175").first()
    if user is None or resolution is None:
        return {"reports": 0, "skipped": "no secretariat account or no A/RES/60/175"}
    today = timezone.localdate()
    # The demo's requests are dated relative to today: report on the last full year and this one.
    start, end = dt.date(today.year - 1, 1, 1), today
    report = Report.objects.filter(resolution=resolution, period_start=start, period_end=end).first()
    if report is None:
        report = services.report_create(actor=user, resolution=resolution.symbol, period_start=start, period_end=end)
    queued = []
    for done, language in enumerate(("en", "fr"), start=1):
        if report.versions.filter(language=language).exclude(status=VersionStatus.FAILED).exists():
            continue
        services.report_generate(actor=user, report=report, language=language)
        queued.append(language)
        progress("reports", done, 2)
    defined = 1 + _donor_report(user, start, end) + _conference_report(user, start, end)
    return {"reports": defined, "queued": queued, "seconds": round(time.monotonic() - started, 2)}


def _donor_report(user, start: dt.date, end: dt.date) -> int:
    """The report to Norway on its contributions, defined (generated on demand), when funds has its donor."""
    from tcdesk.funds.models import Donor

    from . import services

    if not Donor.objects.filter(code="NOR").exists():
        return 0
    if not Report.objects.filter(kind="donor", donor__code="NOR", period_start=start, period_end=end).exists():
        services.report_create(actor=user, donor="NOR", period_start=start, period_end=end)
    return 1


def _conference_report(user, start: dt.date, end: dt.date) -> int:
    """The report to the Conference of the Parties to the Organized Crime Convention (defined)."""
    from tcdesk.treaties.models import Instrument

    from . import services

    if not Instrument.objects.filter(code="UNTOC").exists():
        return 0
    if not Report.objects.filter(kind="cop", instrument_id="UNTOC", period_start=start, period_end=end).exists():
        services.report_create(actor=user, instrument="UNTOC", period_start=start, period_end=end)
    return 1
