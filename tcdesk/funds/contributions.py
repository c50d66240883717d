"""What the funds app adds to the extension points of the apps below it (see `AppConfig.ready`).

- a request's page: the money allocated to it (`assistance.extensions.request_panels`), for those who
  read funds; with a link to allocate while the request can be funded;
- the request queue's status filter: "accepted, not yet funded" (`assistance.extensions.queue_status_filters`).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.rules import holds
from tcdesk.assistance.extensions import QueueFilter, queue_status_filters, request_panels
from tcdesk.core.panels import PanelProvider

from .models import Allocation
from .permissions import VIEW_FUNDS


def _allocations_of_request(ta_request: Any, user: Any) -> Any:
    if not holds(user, VIEW_FUNDS):
        return None
    return (
        Allocation.objects.filter(request=ta_request).select_related("fund", "earmark").order_by("-allocated_on", "-pk")
    )


def _allocation_as_api(allocation: Allocation) -> dict:
    return {
        "id": allocation.pk,
        "fund": allocation.fund.code,
        "earmark": allocation.earmark_id,
        "amount": str(allocation.amount),
        "currency": allocation.currency,
        "usd": str(allocation.usd_amount),
        "status": allocation.status,
    }


def _allocate_link(ta_request: Any) -> str | None:
    from .services import FUNDABLE_STATUSES

    return reverse("funds:allocate", args=[ta_request.pk]) if ta_request.status in FUNDABLE_STATUSES else None


REQUEST_FUNDING = PanelProvider(
    key="funding",
    title=_("Funding"),
    template="funds/panels/request_funding.html",
    items=_allocations_of_request,
    as_api=_allocation_as_api,
    link=_allocate_link,
)


def _not_yet_funded(queryset: Any) -> Any:
    from .choices import AllocationStatus
    from .services import FUNDABLE_STATUSES

    funded = Allocation.objects.filter(status=AllocationStatus.ACTIVE, request__isnull=False).values("request_id")
    return queryset.filter(status__in=FUNDABLE_STATUSES).exclude(pk__in=funded)


NOT_YET_FUNDED = QueueFilter(code="unfunded", label=_("Accepted, not yet funded"), apply=_not_yet_funded)


def register() -> None:
    request_panels.register(REQUEST_FUNDING, order=10)
    queue_status_filters.register(NOT_YET_FUNDED, order=10)
