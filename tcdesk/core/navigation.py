"""The navigation of all apps, built once; entries whose pages are not installed are left out."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    section: str  # the URL prefix that marks the entry as current


NAVIGATION = [
    NavEntry(_("Dashboard"), "core:dashboard", "/"),
    NavEntry(_("Mandates"), "mandates:resolution_list", "/mandates/"),
    NavEntry(_("Treaties"), "treaties:instrument_list", "/treaties/"),
    NavEntry(_("Requests"), "assistance:request_list", "/requests/"),
    NavEntry(_("Portfolio"), "portfolio:programme_list", "/portfolio/"),
    NavEntry(_("Funds"), "funds:fund_list", "/funds/"),
    NavEntry(_("Planning"), "planning:scenario_list", "/planning/"),
    NavEntry(_("Asset sharing"), "assets:agreement_list", "/assets/"),
    NavEntry(_("Reports"), "reports:report_list", "/reports/"),
    NavEntry(_("Reference data"), "core:reference_home", "/reference/"),
]


def available_navigation() -> list[tuple[NavEntry, str]]:
    """Entries with their URLs, skipping apps that are not built yet (no page, no link)."""
    entries = []
    for entry in NAVIGATION:
        try:
            entries.append((entry, reverse(entry.url_name)))
        except NoReverseMatch:
            continue
    return entries
