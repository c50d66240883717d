"""Demo data of the reports app: the report on the implementation of A/RES/60/175 for the demo's period,
defined by the secretariat, with a generated version in English and in French (a few seconds each), and
the report to Norway on its contributions (defined, when the funds demo has that donor; generated on
demand). The figures come from the (synthetic) demo records of the other apps."""

from __future__ import annotations

import datetime as dt
import time

from django.utils import timezone

from .models import Report, ReportVersion


def load_demo(*, seed: int, scale: int, progress) -> dict:
    from tcdesk.accounts.models import User
    from tcdesk.mandates.models import Resolution

    from . import services

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
    timings = {}
    for done, language in enumerate(("en", "fr"), start=1):
        if report.versions.filter(language=language, status="ready").exists():
            continue
        started = time.monotonic()
        # Rendered here rather than queued: the demo has no worker running yet.
        version = ReportVersion.objects.create(
            report=report,
            number=(report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1,
            language=language,
            generated_by=user,
            created_at=timezone.now(),
        )
        services.version_render(version_id=version.pk)
        timings[language] = round(time.monotonic() - started, 2)
        progress("reports", done, 2)
    donor_reports = _donor_report(user, start, end)
    return {"reports": 1 + donor_reports, "versions": report.versions.count(), "seconds": timings}


def _donor_report(user, start: dt.date, end: dt.date) -> int:
    """The report to Norway on its contributions, defined (generated on demand), when funds has its donor."""
    from tcdesk.funds.models import Donor

    from . import services

    if not Donor.objects.filter(code="NOR").exists():
        return 0
    if not Report.objects.filter(kind="donor", donor__code="NOR", period_start=start, period_end=end).exists():
        services.report_create(actor=user, donor="NOR", period_start=start, period_end=end)
    return 1
