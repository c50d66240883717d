"""Pages of partners' activities imported from IATI: the list (filters by State, DAC sector, publisher,
text) and one activity with its budgets, transactions and our projects it may duplicate (op. 15)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tcdesk.accounts.rules import holds
from tcdesk.core.access import requires
from tcdesk.core.listing import SortableColumn, list_page

from . import selectors
from .choices import ProjectStatus
from .permissions import EXPORT_IATI, IMPORT_IATI, VIEW_IATI_IMPORTS

REASONS = {
    "same_country": gettext_lazy("same State"),
    "same_sector": gettext_lazy("same DAC sector"),
    "same_category": gettext_lazy("same DAC sector category"),
    "overlapping_period": gettext_lazy("overlapping period"),
    "similar_text": gettext_lazy("similar title"),
}


def _nav(request: HttpRequest) -> dict:
    return {"can_import": holds(request.user, IMPORT_IATI), "can_export": holds(request.user, EXPORT_IATI)}


@requires(VIEW_IATI_IMPORTS)
def partner_list(request: HttpRequest) -> HttpResponse:
    filters = {name: (request.GET.get(name) or "").strip()[:100] for name in ("country", "sector", "publisher", "q")}
    activities = selectors.imported_activities(
        request.user,
        country=filters["country"],
        sector=filters["sector"],
        publisher=filters["publisher"],
        text=filters["q"],
    ).select_related("partner_activity")
    listing = list_page(
        request,
        activities,
        columns=[
            SortableColumn("identifier", _("IATI identifier"), "iati_identifier"),
            SortableColumn("publisher", _("Publisher"), "reporting_org_name"),
            SortableColumn("title", _("Title"), "title"),
            SortableColumn("start", _("Start"), "start"),
            SortableColumn("end", _("End"), "end"),
            SortableColumn("countries", _("Recipient countries"), None),
            SortableColumn("sectors", _("Sectors"), None),
            SortableColumn("duplicates", _("Possible duplication"), None),
        ],
        default_sort="-start",
    )
    rows = list(listing.page.object_list)
    counts = selectors.duplicate_counts(rows, request.user)
    return render(
        request,
        "portfolio/partner_list.html",
        {
            "listing": listing,
            "rows": [(activity, counts[activity.pk]) for activity in rows],
            "filters": filters,
            **_nav(request),
        },
    )


@requires(VIEW_IATI_IMPORTS, per_object=True)
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_imported_activity_for_user(request.user, pk)
    duplicates = [
        {**match, "reason_labels": [REASONS.get(r, r) for r in match["reasons"]]}
        for match in selectors.possible_duplicates(activity, request.user)
    ]
    return render(
        request,
        "portfolio/partner_detail.html",
        {
            "activity": activity,
            "status_label": dict(ProjectStatus.choices).get(activity.status, activity.status),
            "budgets": activity.budgets.order_by("period_start"),
            "transactions": activity.transactions.order_by("date", "pk")[:200],
            "transaction_count": activity.transactions.count(),
            "duplicates": duplicates,
            **_nav(request),
        },
    )
