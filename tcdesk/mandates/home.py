"""What the mandates app shows on the home page (`core.extensions.home_sections`): the secretariat's
reports due at the coming sessions, mandates nobody has recorded evidence for, and resolutions waiting
at the review step."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.core.home import has_role
from tcdesk.core.panels import PanelProvider
from tcdesk.core.search import SearchHit, SearchProvider

from . import selectors
from .models import GA_FIRST_SESSION_YEAR, Mandate, Resolution

_SECRETARIAT = (Role.SECRETARIAT, Role.ADMINISTRATOR, Role.AUDITOR)
GA_SESSION_OPENS_IN_MONTH = 9  # a regular session opens in September


def current_session(today=None) -> int:
    """The General Assembly's regular session running on `today` (the 81st from September 2026)."""
    today = today or timezone.localdate()
    return today.year - GA_FIRST_SESSION_YEAR - (0 if today.month >= GA_SESSION_OPENS_IN_MONTH else 1)


def coming_sessions(today=None) -> tuple[int, int]:
    """The session running on `today` and the next one: what reports are due at."""
    session = current_session(today)
    return session, session + 1


def reports_due(user: Any, today=None):
    """The reporting requests the user may see that are due at the current or the next session (the
    secretariat's home section and its reminders, `mandates.reminders`)."""
    return (
        selectors.reporting_requests(user)
        .filter(to_session__in=coming_sessions(today))
        .select_related("resolution", "addressee", "mandate")
        .order_by("to_session", "resolution__symbol", "paragraph_number")
    )


def _reports_due(user: Any, _subject: Any):
    return reports_due(user) if has_role(user, *_SECRETARIAT) else None


def _without_evidence(user: Any, _subject: Any):
    if not has_role(user, *_SECRETARIAT):
        return None
    return (
        Mandate.objects.for_user(user)
        .pending()
        .filter(evidence__isnull=True)
        .select_related("resolution")
        .order_by("due_session", "resolution", "order")
    )


def _drafts(user: Any, _subject: Any):
    if not has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR):
        return None
    return selectors.drafts_waiting(user)


REPORTS_DUE = PanelProvider(
    key="reports-due",
    title=_("Reports due at the current and next sessions"),
    template="mandates/home/reports_due.html",
    items=_reports_due,
    as_api=lambda r: {"resolution": r.resolution_id, "paragraph": r.paragraph_number, "to_session": r.to_session},
    link=lambda _user: reverse("mandates:reporting_list") + f"?to_session={coming_sessions()[0]}",
)
WITHOUT_EVIDENCE = PanelProvider(
    key="mandates-without-evidence",
    title=_("Open mandates without evidence"),
    template="mandates/home/mandates.html",
    items=_without_evidence,
    as_api=lambda m: {"id": m.pk, "resolution": m.resolution_id, "key": m.key},
    link=lambda _user: reverse("mandates:mandate_list") + "?pending=true&evidence=false",
)
DRAFTS_WAITING = PanelProvider(
    key="resolutions-to-review",
    title=_("Resolutions waiting for review"),
    template="mandates/home/drafts.html",
    items=_drafts,
    as_api=lambda d: {"id": d.pk},
)


def _find_mandates(query: str, user: Any, limit: int) -> list[SearchHit]:
    found = Mandate.objects.for_user(user).filter(Q(text__icontains=query) | Q(resolution__symbol__iexact=query))
    return [
        SearchHit(f"{m.resolution_id} op. {m.key}", m.get_absolute_url(), m.text[:140])
        for m in found.select_related("resolution").order_by("resolution", "order")[:limit]
    ]


def _find_resolutions(query: str, user: Any, limit: int) -> list[SearchHit]:
    found = Resolution.objects.for_user(user).filter(Q(symbol__icontains=query) | Q(title__icontains=query))
    return [SearchHit(r.symbol, r.get_absolute_url(), r.title[:140]) for r in found.order_by("symbol")[:limit]]


SEARCH_MANDATES = SearchProvider("mandates", _("Mandates"), _find_mandates)
SEARCH_RESOLUTIONS = SearchProvider("resolutions", _("Resolutions"), _find_resolutions)


def register() -> None:
    from tcdesk.core.extensions import home_sections, search_providers

    search_providers.register(SEARCH_RESOLUTIONS, order=20)
    search_providers.register(SEARCH_MANDATES, order=30)
    home_sections.register(REPORTS_DUE, order=40)
    home_sections.register(WITHOUT_EVIDENCE, order=41)
    home_sections.register(DRAFTS_WAITING, order=42)

    from tcdesk.core.extensions import reminder_sources

    from .reminders import REPORTS_DUE_REMINDERS

    reminder_sources.register(REPORTS_DUE_REMINDERS, order=10)
