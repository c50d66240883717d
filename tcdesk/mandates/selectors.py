"""Reads of the mandates app that pages, the API and commands share."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from tcdesk.accounts.rules import Action
from tcdesk.core.access import load_for_user
from tcdesk.core.panels import Panel

from .choices import DraftStatus
from .extensions import mandate_panels
from .models import Addressee, Mandate, MandateEvent, ReportingRequest, Resolution, ResolutionDraft
from .services.reading import normalise_symbol


def get_resolution_for_user(user: Any, symbol: str, action: Action | None = None) -> Resolution:
    """The resolution for `action` (default: read): 404 when it is not loaded, 403 when the action is
    not allowed."""
    return load_for_user(user, Resolution.objects.all(), action, symbol=normalise_symbol(symbol))


def get_draft_for_user(user: Any, draft_id: int, action: Action | None = None) -> ResolutionDraft:
    """A load at its review step, for `action` (default: read): 404 when missing or out of sight, 403."""
    return load_for_user(user, ResolutionDraft.objects.select_related("created_by", "resolution"), action, pk=draft_id)


def drafts_waiting(user: Any) -> QuerySet[ResolutionDraft]:
    """Loads still waiting for review that the user may see, newest first."""
    return (
        ResolutionDraft.objects.for_user(user)
        .filter(status=DraftStatus.OPEN)
        .select_related("created_by")
        .defer("source_text", "source_data", "parsed")
    )


def get_mandate_for_user(user: Any, mandate_id: int, action: Action | None = None) -> Mandate:
    """The mandate, with what its page shows, for `action` (default: read): 404 or 403."""
    return load_for_user(user, registry(), action, pk=mandate_id)


def registry(queryset: QuerySet[Mandate] | None = None) -> QuerySet[Mandate]:
    """Mandates with what the registry shows loaded in a fixed number of queries."""
    queryset = Mandate.objects.all() if queryset is None else queryset
    return queryset.select_related("resolution", "superseded_by", "renewed_by", "paragraph").prefetch_related(
        Prefetch("addressees", queryset=Addressee.objects.order_by("name_en")), "themes"
    )


def resolutions_list(user: Any) -> QuerySet[Resolution]:
    return Resolution.objects.for_user(user).with_counts().defer("source_text", "parsed")


def reporting_requests(user: Any) -> QuerySet[ReportingRequest]:
    return ReportingRequest.objects.for_user(user).select_related("resolution", "mandate", "addressee")


def mandate_timeline(mandate: Mandate) -> QuerySet[MandateEvent]:
    return mandate.events.select_related("actor").order_by("-at", "-pk")


def later_resolutions(mandate: Mandate) -> QuerySet[Resolution]:
    """Candidates to supersede or renew a mandate: the other loaded resolutions."""
    return (
        Resolution.objects.exclude(pk=mandate.resolution_id)
        .defer("source_text", "parsed")
        .order_by("-session", "symbol")
    )


def serving(mandate: Mandate, user: Any, *, limit: int | None = None) -> list[Panel]:
    """What higher apps hold under a mandate that the user may see (requests today; projects, money and
    trainings when those apps exist), through the `mandate_panels` extension point."""
    return mandate_panels.for_subject(mandate, user, limit=limit)
