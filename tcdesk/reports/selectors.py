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
from tcdesk.assistance.models import AssistanceRequest, RequestEvent, RequestInstrument
from tcdesk.core.access import load_for_user
from tcdesk.core.models import CountryGroup, Region
from tcdesk.mandates.choices import EventKind, MandateStatus, ParagraphKind
from tcdesk.mandates.models import Mandate, MandateEvent, MandateEvidence, Paragraph, Resolution

from .models import Report, ReportVersion

# --- Loading for a user -----------------------------------------------------------------------------


def get_report_for_user(user: Any, report_id: int, action: Action | None = None) -> Report:
    return load_for_user(
        user, Report.objects.select_related("resolution", "donor", "instrument", "created_by"), action, pk=report_id
    )


def get_version_for_user(user: Any, report_id: int, version_id: int, action: Action | None = None) -> ReportVersion:
    return load_for_user(
        user, ReportVersion.objects.select_related("report", "job"), action, pk=version_id, report_id=report_id
    )


def reports_for(user: Any):
    return (
        Report.objects.for_user(user)
        .select_related("resolution", "donor", "instrument", "created_by")
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


def assistance_in_period(
    start: dt.datetime, end_before: dt.datetime, *, instrument_codes: list[str] | None = None
) -> dict:
    """Requests received (submitted), accepted and declined (decided) and delivered (the workflow event)
    in [start, end_before), with regions, groups as at submission and the median days to decision; with
    `instrument_codes`, only the requests concerning one of those instruments."""
    requests = AssistanceRequest.objects.all()
    if instrument_codes is not None:
        requests = AssistanceRequest.objects.filter(
            pk__in=RequestInstrument.objects.filter(instrument_code__in=instrument_codes).values("request_id")
        )
    received_qs = requests.filter(submitted_at__gte=start, submitted_at__lt=end_before)
    decided_qs = requests.filter(decided_at__gte=start, decided_at__lt=end_before)
    accepted_qs = decided_qs.filter(decision="accepted")
    declined_qs = decided_qs.filter(decision="declined")
    delivered = (
        RequestEvent.objects.filter(request__in=requests, to_status="delivered", at__gte=start, at__lt=end_before)
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
    delivered_ids = RequestEvent.objects.filter(
        request__in=requests, to_status="delivered", at__gte=start, at__lt=end_before
    ).values("request_id")
    references = {
        "received": received_qs,
        "accepted": accepted_qs,
        "declined": declined_qs,
        "delivered": AssistanceRequest.objects.filter(pk__in=delivered_ids),
    }
    return {
        "references": {
            key: list(queryset.order_by("reference").values_list("reference", flat=True))
            for key, queryset in references.items()
        },
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


# --- Delivery (portfolio) ----------------------------------------------------------------------------

# The four areas of work the resolution names (op. 4, 6–9), by their theme code in tcdesk.core.
DELIVERY_THEMES = ("terrorism", "organized_crime", "corruption", "trafficking_in_persons")
JUDGES_AND_PROSECUTORS = ("judges", "prosecutors")


def delivery_theme_codes(theme: str) -> list[str]:
    """The theme and its sub-themes, except those the report shows on their own (trafficking in persons
    is shown apart from organized crime)."""
    from tcdesk.core.models import Theme

    children = Theme.objects.filter(parent_id=theme).exclude(code__in=DELIVERY_THEMES).values_list("code", flat=True)
    return sorted({theme, *children})


def delivery_in_period(theme: str | tuple[str, ...], start: dt.date, end: dt.date) -> dict[str, Any]:
    """What the portfolio delivered on a theme (and its sub-themes) in [start, end]: the projects under way
    (started by the end, not ended before the start; neither in the pipeline nor cancelled), the activities
    that started in the period, the training events among them with participants by sex (totals from
    tcdesk.portfolio's `training_totals`), and the judges and prosecutors trained, by sex. Several themes:
    their union, each project and activity once.

    Judges and prosecutors: the participants recorded in those roles; for a training with no breakdown by
    role, all its participants when its target group is judges or prosecutors."""
    from django.db.models import Sum
    from django.db.models.functions import Coalesce

    from tcdesk.portfolio.models import Activity, Project, TrainingEvent, TrainingRole
    from tcdesk.portfolio.selectors import training_totals

    themes = (theme,) if isinstance(theme, str) else theme
    codes = sorted({code for one in themes for code in delivery_theme_codes(one)})
    themed = Project.objects.filter(themes__code__in=codes).values("pk")
    projects = (
        Project.objects.filter(pk__in=themed)
        .exclude(status__in=(1, 5))
        .annotate(began=Coalesce("actual_start", "planned_start"), ended=Coalesce("actual_end", "planned_end"))
        .filter(began__lte=end, ended__gte=start)
        .order_by("iati_identifier")
    )
    activities = Activity.objects.filter(project__in=themed, start__gte=start, start__lte=end)
    trainings = TrainingEvent.objects.filter(activity__in=activities)
    by_sex = training_totals(trainings)
    roles = TrainingRole.objects.filter(training__in=trainings, role__in=JUDGES_AND_PROSECUTORS).aggregate(
        women=Sum("women"), men=Sum("men"), other=Sum("other_sex")
    )
    whole = trainings.filter(roles__isnull=True, target_group__in=JUDGES_AND_PROSECUTORS).aggregate(
        women=Sum("women"), men=Sum("men"), other=Sum("other_sex")
    )
    judges = {key: (roles[key] or 0) + (whole[key] or 0) for key in ("women", "men", "other")}
    judges["total"] = judges["women"] + judges["men"] + judges["other"]
    kinds = dict(activities.order_by().values_list("kind").annotate(n=Count("pk")))
    return {
        "theme": theme,
        "themes": codes,
        "projects": list(projects.values_list("iati_identifier", flat=True)),
        "activities": activities.count(),
        "activities_by_kind": dict(sorted(kinds.items())),
        "countries": activities.exclude(country__isnull=True).values("country").distinct().count(),
        "trainings": by_sex.events,
        "participants": by_sex.as_dict(),
        "judges_and_prosecutors": judges,
        "activity_ids": list(activities.order_by("start", "pk").values_list("pk", flat=True)),
    }


# --- Asset sharing (assets) ------------------------------------------------------------------------------


def asset_sharing_in_period(start: dt.date, end: dt.date) -> dict[str, Any]:
    """Sharing agreements concluded in [start, end] and in force at its end, and the sharing decisions taken
    in the period with the amounts shared among States and the United Nations' share, per currency (the
    decisions' own currency: amounts are not converted)."""
    from tcdesk.assets.models import SharingAgreement, SharingDecision

    concluded = SharingAgreement.objects.filter(concluded_on__gte=start, concluded_on__lte=end)
    # The agreements' status is recorded as it is now (no history of it): concluded by the period's end
    # and signed or in force today.
    in_force = SharingAgreement.objects.filter(concluded_on__lte=end, status__in=("signed", "in_force")).count()
    decisions = SharingDecision.objects.filter(decided_on__gte=start, decided_on__lte=end).order_by("decided_on", "pk")
    by_currency: dict[str, dict[str, Any]] = {}
    for currency, pool, un_share in decisions.values_list("currency", "pool", "un_share"):
        row = by_currency.setdefault(currency, {"currency": currency, "decisions": 0, "shared": 0, "un_share": 0})
        row["decisions"] += 1
        row["shared"] += pool
        row["un_share"] += un_share
    return {
        "agreements_concluded": concluded.count(),
        "agreement_references": list(concluded.order_by("reference").values_list("reference", flat=True)),
        "agreements_in_force": in_force,
        "decisions": decisions.count(),
        "decision_cases": list(decisions.values_list("case__reference", flat=True)),
        "by_currency": [by_currency[c] for c in sorted(by_currency)],
    }
