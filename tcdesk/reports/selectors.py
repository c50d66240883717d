"""Reads the reports app computes its sections from, and the helpers that load reports for a user.

Every function reads the records of the lower apps for a period or a date, in a fixed number of
queries, and orders its results so the same records always give the same document.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q

from tcdesk.accounts.rules import Action
from tcdesk.assistance.models import AssistanceRequest, RequestEvent
from tcdesk.core.access import load_for_user
from tcdesk.core.models import CountryGroup, Region
from tcdesk.mandates.choices import EventKind, MandateStatus, ParagraphKind
from tcdesk.mandates.models import Mandate, MandateEvent, MandateEvidence, Paragraph, Resolution

from .models import Report, ReportVersion

# --- Loading for a user -----------------------------------------------------------------------------


def get_report_for_user(user: Any, report_id: int, action: Action | None = None) -> Report:
    return load_for_user(user, Report.objects.select_related("resolution", "donor", "created_by"), action, pk=report_id)


def get_version_for_user(user: Any, report_id: int, version_id: int, action: Action | None = None) -> ReportVersion:
    return load_for_user(
        user, ReportVersion.objects.select_related("report", "job"), action, pk=version_id, report_id=report_id
    )


def reports_for(user: Any):
    return (
        Report.objects.for_user(user)
        .select_related("resolution", "donor", "created_by")
        .annotate(n_versions=Count("versions"))
    )


def latest_conclusions(report: Report, language: str) -> str:
    found = report.conclusions.filter(language=language).order_by("-written_at", "-pk").first()
    return found.text if found else ""


# --- Mandates --------------------------------------------------------------------------------------


def mandate_statuses_on(resolution: Resolution, day: dt.date) -> dict[int, str]:
    """Status of each mandate of the resolution at the end of `day`, replayed from its events.

    A mandate starts open; each status change (or supersession) recorded up to that day moves it.
    Mandates superseded or closed later still show what they were then."""
    until = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    statuses = dict.fromkeys(
        Mandate.objects.filter(resolution=resolution).values_list("pk", flat=True), MandateStatus.OPEN.value
    )
    events = (
        MandateEvent.objects.filter(mandate__resolution=resolution, at__lt=until)
        .filter(kind__in=[EventKind.STATUS, EventKind.SUPERSEDED])
        .exclude(to_status="")
        .order_by("at", "pk")
        .values_list("mandate_id", "to_status")
    )
    for mandate_id, to_status in events:
        statuses[mandate_id] = to_status
    return statuses


def annex_rows(resolution: Resolution, day: dt.date) -> list[dict]:
    """One row per operative paragraph: its number, lead words, its mandates' statuses on `day` and the
    evidence recorded up to that day."""
    until = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    statuses = mandate_statuses_on(resolution, day)
    mandates_by_paragraph: dict[int, list[int]] = defaultdict(list)
    for pk, number in (
        Mandate.objects.filter(resolution=resolution).order_by("order", "pk").values_list("pk", "paragraph_number")
    ):
        mandates_by_paragraph[number].append(pk)
    evidence: dict[int, list[str]] = defaultdict(list)
    for text, url, number in (
        MandateEvidence.objects.filter(mandate__resolution=resolution, added_at__lt=until)
        .order_by("added_at", "pk")
        .values_list("text", "url", "mandate__paragraph_number")
    ):
        evidence[number].append(text or url)
    rows = []
    for paragraph in Paragraph.objects.filter(resolution=resolution, kind=ParagraphKind.OPERATIVE).order_by("order"):
        mandate_ids = mandates_by_paragraph.get(paragraph.number, [])
        rows.append(
            {
                "number": paragraph.number,
                "lead": _opening(paragraph.lead, paragraph.text),
                "statuses": [statuses[pk] for pk in mandate_ids if pk in statuses],
                "evidence": evidence.get(paragraph.number, []),
                "mandate_ids": mandate_ids,
            }
        )
    return rows


def _opening(lead: str, text: str, limit: int = 110) -> str:
    """The paragraph's first words, cut at a word and marked "…" when longer than `limit` characters."""
    words = " ".join((text or "").split())
    if lead and not words.startswith(lead):
        words = f"{lead} {words}"
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


# --- Technical assistance ------------------------------------------------------------------------------


def assistance_in_period(start: dt.datetime, end_before: dt.datetime) -> dict:
    """Requests received (submitted), accepted and declined (decided) and delivered (the workflow event)
    in [start, end_before), with regions, groups as at submission and the median days to decision."""
    received_qs = AssistanceRequest.objects.filter(submitted_at__gte=start, submitted_at__lt=end_before)
    decided_qs = AssistanceRequest.objects.filter(decided_at__gte=start, decided_at__lt=end_before)
    accepted_qs = decided_qs.filter(decision="accepted")
    declined_qs = decided_qs.filter(decision="declined")
    delivered = (
        RequestEvent.objects.filter(to_status="delivered", at__gte=start, at__lt=end_before)
        .values("request_id")
        .distinct()
        .count()
    )
    regions = {r.code: r.name for r in Region.objects.filter(level="region")}
    by_region: dict[str, dict] = {}
    for label, queryset in (("received", received_qs), ("accepted", accepted_qs), ("declined", declined_qs)):
        for code, n in queryset.order_by().values_list("country__region_id").annotate(n=Count("pk")):
            row = by_region.setdefault(
                code or "",
                {"code": code or "", "name": regions.get(code, "—"), "received": 0, "accepted": 0, "declined": 0},
            )
            row[label] = n
    by_group = []
    for group in CountryGroup.objects.order_by("code"):
        tag = f",{group.code},"
        got = received_qs.filter(country_groups__contains=tag).count()
        ok = accepted_qs.filter(country_groups__contains=tag).count()
        if got or ok:
            by_group.append({"code": group.code, "name": group.name, "received": got, "accepted": ok})
    days = [
        (decided - submitted).total_seconds() / 86400
        for submitted, decided in decided_qs.filter(submitted_at__isnull=False).values_list(
            "submitted_at", "decided_at"
        )
        if decided >= submitted
    ]
    return {
        "received": received_qs.count(),
        "accepted": accepted_qs.count(),
        "declined": declined_qs.count(),
        "delivered": delivered,
        "received_ldc": received_qs.filter(country_groups__contains=",LDC,").count(),
        "received_post_conflict": received_qs.filter(post_conflict=True).count(),
        "median_days_to_decision": round(statistics.median(days), 1) if days else None,
        "by_region": sorted(by_region.values(), key=lambda r: (-r["received"], r["name"])),
        "by_group": by_group,
    }


def requests_in_scope_q(start: dt.datetime, end_before: dt.datetime) -> Q:
    return Q(submitted_at__gte=start, submitted_at__lt=end_before)
