"""Reads of the assistance app that several pages and endpoints need."""

from __future__ import annotations

import datetime as dt
import statistics

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import Action
from tcdesk.core.access import load_for_user
from tcdesk.core.models import CountryGroup, Region, Theme
from tcdesk.treaties.models import Instrument, ParticipationAction
from tcdesk.treaties.selectors import instruments_party_as_of

from . import overlap, workflow
from .choices import Decision, RequestStatus
from .models import AssistanceRequest, PartnerActivity, RequestAttachment, RequestEvent, RequestMandateLink

OVERLAP_CANDIDATE_LIMIT = 1500


def get_request_for_user(user, pk: int, action: Action | None = None) -> AssistanceRequest:
    """The request for `action` (default: read): 404 when it is missing or not the user's to see (the same
    answer, so ids cannot be probed), 403 when the user sees it but may not take the action."""
    return load_for_user(
        user, AssistanceRequest.objects.select_related("country", "submitted_by", "weights_version"), action, pk=pk
    )


def get_attachment_for_user(user, request_pk: int, pk: int) -> RequestAttachment:
    """A file of a request the user may read; 404 otherwise."""
    return load_for_user(user, RequestAttachment.objects.all(), pk=pk, request_id=request_pk)


def mandate_url(symbol: str) -> str:
    """A search of the mandates registry for a resolution it may not hold (yet)."""
    return reverse("mandates:resolution_list") + f"?q={symbol}"


class PartyStatusCache:
    """Whether a State was party to instruments on a date (the treaties app's status), asked once per
    State and date for a batch (a recomputation). An instrument with no recorded participation at all is
    "unknown" rather than "not party": the treaty data is missing, not the State's consent."""

    def __init__(self) -> None:
        self.by_country: dict[tuple[str, dt.date], set[str]] = {}
        self._instruments_with_data: set[str] | None = None

    def status(self, iso3: str, code: str, as_of: dt.date) -> bool | None:
        if self._instruments_with_data is None:
            self._instruments_with_data = set(
                ParticipationAction.objects.order_by().values_list("instrument_id", flat=True).distinct()
            )
        if code not in self._instruments_with_data:
            return None
        key = (iso3, as_of)
        if key not in self.by_country:
            self.by_country[key] = instruments_party_as_of(iso3, as_of)
        return code in self.by_country[key]


def party_status(iso3: str, codes: list[str], as_of: dt.date, cache: PartyStatusCache | None = None) -> dict:
    """{code: True (party) | False (not party) | None (unknown)} on a date."""
    cache = cache or PartyStatusCache()
    return {code: cache.status(iso3, code, as_of) for code in codes}


def queue(user) -> QuerySet[AssistanceRequest]:
    """The requests a user may see, with what a list row shows loaded in a fixed number of queries."""
    return (
        AssistanceRequest.objects.for_user(user)
        .select_related("country")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("code", "name_en", "name_fr")))
        .defer("description", "beneficiary_institutions", "priority_explanation")
    )


def instrument_choices(*, extra_codes=()) -> list[tuple[str, list[tuple[str, str]]]]:
    """The treaty registry's instruments grouped by family, named in the active language, for the request
    form's picker: [(family, [(code, "Short name — full name"), …]), …]. Codes a draft already holds
    that the registry does not list come last, as written."""
    groups: dict[str, list[tuple[str, str]]] = {}
    known: set[str] = set()
    for instrument in Instrument.objects.order_by("family", "sort_order", "code"):
        label = f"{instrument.short_name} — {instrument.name}" if instrument.short_name else instrument.name
        groups.setdefault(str(instrument.get_family_display()), []).append((instrument.code, label))
        known.add(instrument.code)
    others = [(code, code) for code in extra_codes if code not in known]
    if others:
        groups[str(_("Other instruments"))] = others
    return list(groups.items())


def mandate_choices(user) -> list[tuple[str, list[tuple[int, str]]]]:
    """Open mandates of the registry grouped by resolution, for the request form's picker:
    [(symbol, [(mandate id, "op. 5 — Réaffirme également que…"), …]), …]."""
    from tcdesk.mandates.models import Mandate

    groups: dict[str, list[tuple[int, str]]] = {}
    mandates = (
        Mandate.objects.for_user(user)
        .pending()
        .select_related("resolution")
        .only("pk", "key", "text", "order", "resolution__symbol", "resolution__session")
        .order_by("-resolution__session", "resolution__symbol", "order")
    )
    for mandate in mandates:
        text = " ".join(mandate.text.split())
        label = f"op. {mandate.key} — {text[:90]}{'…' if len(text) > 90 else ''}"
        groups.setdefault(mandate.resolution.symbol, []).append((mandate.pk, label))
    return list(groups.items())


def related_mandates(ta_request: AssistanceRequest) -> list[dict]:
    """A request's related mandates for its page: the citation as written, the registry's mandate when
    linked (with its page), else a search of the registry for the resolution."""
    links = ta_request.mandate_links.select_related("mandate__resolution")
    return [
        {
            "citation": str(link),
            "mandate": link.mandate,
            "url": link.mandate.get_absolute_url() if link.mandate else mandate_url(link.symbol),
        }
        for link in links
    ]


def requests_under_mandate(mandate, user) -> QuerySet[AssistanceRequest] | None:
    """The requests citing a mandate that the user may see (`for_user`: a focal point sees only its own
    State's); None when the user may see no request at all (donors), so a page can leave the section out
    rather than show a misleading "none"."""
    visible = AssistanceRequest.objects.for_user(user)
    if visible.query.is_empty():
        return None
    cited = RequestMandateLink.objects.filter(mandate=mandate).values("request_id")
    return (
        visible.filter(pk__in=cited)
        .select_related("country")
        .defer("description", "beneficiary_institutions", "priority_explanation")
        .order_by("-submitted_at", "-pk")
    )


def requests_of_country(country, user) -> QuerySet[AssistanceRequest] | None:
    """A State's requests that the user may see, newest first; None when the user may see no request at
    all (the country page then has no requests section)."""
    visible = AssistanceRequest.objects.for_user(user)
    if visible.query.is_empty():
        return None
    return (
        visible.filter(country=country)
        .select_related("country")
        .defer("description", "beneficiary_institutions", "priority_explanation")
        .order_by("-submitted_at", "-pk")
    )


def timeline(ta_request: AssistanceRequest, user) -> QuerySet[RequestEvent]:
    return ta_request.events.visible_to(user).select_related("actor").order_by("at", "pk")


def request_documents(ta_request: AssistanceRequest) -> overlap.Document:
    return overlap.Document(
        key=f"request:{ta_request.pk}",
        kind="request",
        country=ta_request.country_id,
        themes=frozenset(t.code for t in ta_request.themes.all()),
        text=f"{ta_request.title}\n{ta_request.description}\n{ta_request.beneficiary_institutions}",
        start=ta_request.desired_start,
        end=ta_request.desired_end,
        label=f"{ta_request.reference} {ta_request.title}",
    )


def overlap_candidates(ta_request: AssistanceRequest, user) -> list[overlap.Document]:
    """Other open requests of the same State (submitted to planned) and partners'
    activities in that State not finished long before the desired period: pre-filtered in the database,
    newest first and capped, so scoring stays fast with 100,000 requests."""
    others = (
        AssistanceRequest.objects.for_user(user)
        .filter(country_id=ta_request.country_id)
        .exclude(pk=ta_request.pk)
        .filter(status__in=workflow.OPEN_STATUSES)
        .order_by("-submitted_at")
        .only("pk", "reference", "title", "description", "country_id", "desired_start", "desired_end")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("code")))[:OVERLAP_CANDIDATE_LIMIT]
    )
    documents = [
        overlap.Document(
            key=f"request:{o.pk}",
            kind="request",
            country=o.country_id,
            themes=frozenset(t.code for t in o.themes.all()),
            text=f"{o.title}\n{o.description}",
            start=o.desired_start,
            end=o.desired_end,
            label=f"{o.reference} {o.title}",
        )
        for o in others
    ]
    since = (ta_request.desired_start or timezone.localdate()) - dt.timedelta(days=365)
    activities = (
        PartnerActivity.objects.for_user(user)
        .filter(country_id=ta_request.country_id)
        .filter(Q(end__isnull=True) | Q(end__gte=since))
        .select_related("organisation")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("code")))[:OVERLAP_CANDIDATE_LIMIT]
    )
    documents += [
        overlap.Document(
            key=f"activity:{a.pk}",
            kind="activity",
            country=a.country_id,
            themes=frozenset(t.code for t in a.themes.all()),
            text=f"{a.title}\n{a.description}",
            start=a.start,
            end=a.end,
            label=f"{a.organisation.acronym or a.organisation.name}: {a.title}",
        )
        for a in activities
    ]
    return documents


def overlaps_for(ta_request: AssistanceRequest, user, limit: int = 10) -> list[dict]:
    """Similar requests and partners' activities, best first, with the reasons and a link."""
    matches = overlap.find_overlaps(request_documents(ta_request), overlap_candidates(ta_request, user), limit=limit)
    rows = []
    for match in matches:
        kind, pk = match.key.split(":")
        url = reverse("assistance:request_detail", args=[int(pk)]) if kind == "request" else None
        rows.append({**match.__dict__, "id": int(pk), "url": url})
    return rows


def _median_days(pairs) -> float | None:
    days = [(end - start).total_seconds() / 86400 for start, end in pairs if start and end and end >= start]
    return round(statistics.median(days), 1) if days else None


def dashboard_figures(queryset: QuerySet[AssistanceRequest], *, today: dt.date | None = None) -> dict:
    """The queue's figures: open requests by status, region, group and theme; median delays; shares;
    the oldest waiting. Computed from the (already permission-filtered) queryset."""
    today = today or timezone.localdate()
    open_requests = queryset.filter(status__in=workflow.OPEN_STATUSES)
    labels = dict(RequestStatus.choices)
    by_status_counts = dict(open_requests.order_by().values_list("status").annotate(n=Count("pk")))
    by_status = [
        {"code": s, "label": str(labels[s]), "count": by_status_counts.get(s, 0)}
        for s in workflow.STATUSES
        if s in workflow.OPEN_STATUSES
    ]
    regions = {r.code: r.name for r in Region.objects.all()}
    by_region = [
        {"code": code or "", "label": regions.get(code, "—"), "count": n}
        for code, n in open_requests.order_by().values_list("country__region_id").annotate(n=Count("pk"))
    ]
    by_region.sort(key=lambda r: -r["count"])
    by_group = [
        {
            "code": g.code,
            "label": g.name,
            "count": open_requests.filter(country_groups__contains=f",{g.code},").count(),
        }
        for g in CountryGroup.objects.all()
    ]
    themes = {t.code: t.name for t in Theme.objects.all()}
    by_theme = [
        {"code": code, "label": themes.get(code, code), "count": n}
        for code, n in open_requests.order_by().values_list("themes__code").annotate(n=Count("pk"))
        if code
    ]
    by_theme.sort(key=lambda r: (-r["count"], r["label"]))
    median_ack = _median_days(
        queryset.filter(acknowledged_at__isnull=False).values_list("submitted_at", "acknowledged_at")
    )
    median_decision = _median_days(queryset.filter(decided_at__isnull=False).values_list("submitted_at", "decided_at"))
    accepted = queryset.filter(decision=Decision.ACCEPTED)
    accepted_total = accepted.count()
    decided = queryset.exclude(decision="")
    submitted = queryset.filter(submitted_at__isnull=False)
    submitted_total = submitted.count()

    def share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    shares = {
        "accepted": accepted_total,
        "accepted_ldc_percent": share(accepted.filter(country_groups__contains=",LDC,").count(), accepted_total),
        "accepted_post_conflict_percent": share(accepted.filter(post_conflict=True).count(), accepted_total),
        "submitted_ldc_percent": share(submitted.filter(country_groups__contains=",LDC,").count(), submitted_total),
        "submitted_post_conflict_percent": share(submitted.filter(post_conflict=True).count(), submitted_total),
        "acceptance_rate_percent": share(accepted_total, decided.count()),
    }
    oldest = list(
        queryset.filter(status__in=workflow.AWAITING_DECISION, submitted_at__isnull=False)
        .select_related("country")
        .only(
            "pk",
            "reference",
            "title",
            "status",
            "submitted_at",
            "priority_score",
            "country__iso3",
            "country__name_en",
            "country__name_fr",
        )
        .order_by("submitted_at", "pk")[:10]
    )
    now = timezone.now()
    return {
        "as_of": today,
        "open_total": open_requests.count(),
        "by_status": by_status,
        "by_region": by_region,
        "by_group": by_group,
        "by_theme": by_theme,
        "median_days_to_acknowledgement": median_ack,
        "median_days_to_decision": median_decision,
        "shares": shares,
        "oldest_waiting": [
            {
                "id": r.pk,
                "reference": r.reference,
                "title": r.title,
                "country": r.country_id,
                "country_name": r.country.name,
                "status": r.status,
                "status_label": str(labels[r.status]),
                "submitted_at": r.submitted_at,
                "days_waiting": r.days_waiting(now),
                "priority_score": r.priority_score,
            }
            for r in oldest
        ],
    }


# A request waiting this long for a decision since its submission is overdue (shown on the officers'
# home page and offered as a queue filter).
OVERDUE_AFTER_DAYS = 60


def overdue(
    queryset: QuerySet[AssistanceRequest], now: dt.datetime | None = None, *, days: int = OVERDUE_AFTER_DAYS
) -> QuerySet[AssistanceRequest]:
    """Requests still awaiting a decision, submitted more than `days` (`OVERDUE_AFTER_DAYS`) days ago."""
    limit = (now or timezone.now()) - dt.timedelta(days=days)
    return queryset.filter(status__in=workflow.AWAITING_DECISION, submitted_at__lt=limit)


def waiting_for_officer(
    queryset: QuerySet[AssistanceRequest], now: dt.datetime | None = None, *, days: int = OVERDUE_AFTER_DAYS
) -> QuerySet[AssistanceRequest]:
    """Overdue requests whose next step is the programme's (not those waiting for the State's answer)."""
    return overdue(queryset, now, days=days).exclude(status=workflow.INFORMATION_REQUESTED)


def asked_of_state(queryset: QuerySet[AssistanceRequest]) -> QuerySet[AssistanceRequest]:
    """What waits for the State itself: questions to answer and drafts not yet submitted."""
    return queryset.filter(status__in=(workflow.INFORMATION_REQUESTED, workflow.DRAFT))


def information_unanswered(
    queryset: QuerySet[AssistanceRequest], now: dt.datetime | None = None, *, days: int
) -> QuerySet[AssistanceRequest]:
    """Requests on which the programme asked the State for information more than `days` days ago and
    the State has not answered; `asked_at` is when it was last asked."""
    asked = Max("events__at", filter=Q(events__to_status=workflow.INFORMATION_REQUESTED))
    limit = (now or timezone.now()) - dt.timedelta(days=days)
    return (
        asked_of_state(queryset)
        .filter(status=workflow.INFORMATION_REQUESTED)
        .annotate(asked_at=asked)
        .filter(asked_at__lt=limit)
    )


def status_counts(*, country_iso3: str | None = None) -> dict[str, int]:
    """How many requests are in each status (drafts apart: they are not yet asked), for one State or all.
    Counts only: for open data, which never shows what a request says."""
    queryset = AssistanceRequest.objects.exclude(status=RequestStatus.DRAFT)
    if country_iso3:
        queryset = queryset.filter(country_id=country_iso3)
    rows = queryset.order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
