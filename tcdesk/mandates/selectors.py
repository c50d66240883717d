"""Reads of the mandates app that pages, the API and commands share."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from .models import Addressee, Mandate, MandateEvent, ReportingRequest, Resolution


def get_resolution_for_user(user, symbol: str, action: str = "view") -> Resolution:
    """404 when the resolution is not loaded or the action is not allowed (never reveal which)."""
    from .services import normalise_symbol

    return get_object_or_404(Resolution.objects.for_user(user, action), symbol=normalise_symbol(symbol))


def get_mandate_for_user(user, mandate_id: int, action: str = "view") -> Mandate:
    return get_object_or_404(
        registry(Mandate.objects.for_user(user, action)),
        pk=mandate_id,
    )


def registry(queryset: QuerySet[Mandate] | None = None) -> QuerySet[Mandate]:
    """Mandates with what the registry shows loaded in a fixed number of queries."""
    queryset = Mandate.objects.all() if queryset is None else queryset
    return queryset.select_related("resolution", "superseded_by", "renewed_by", "paragraph").prefetch_related(
        Prefetch("addressees", queryset=Addressee.objects.order_by("name_en")), "themes"
    )


def resolutions_list(user) -> QuerySet[Resolution]:
    return Resolution.objects.for_user(user).with_counts().defer("source_text", "parsed")


def reporting_requests(user) -> QuerySet[ReportingRequest]:
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


def requests_under_mandate(mandate: Mandate, user) -> QuerySet | None:
    """The technical-assistance requests citing a mandate that the user may see (the assistance app's
    `for_user`: a State focal point sees its own State's only); None when the user may see no request at
    all or the assistance app is not installed. Imported when called, so this app does not depend on
    the assistance app at import time (that app depends on this one)."""
    if not apps.is_installed("tcdesk.assistance"):
        return None
    from tcdesk.assistance.selectors import requests_under_mandate as citing

    return citing(mandate, user)
