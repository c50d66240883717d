"""What the assistance app adds to the extension points of the apps below it (see `AppConfig.ready`).

- the mandate page and API: the requests citing a mandate (`mandates.extensions.mandate_panels`);
- the country page: the State's requests (`core.extensions.country_panels`);
- deadline reminders: requests waiting for the programme, questions a State has not answered
  (`core.extensions.reminder_sources`, `reminders.py`);
- loading a resolution: requests that cited its paragraphs before it was loaded get their mandate
  links (`mandates.extensions.resolution_loaded`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.core.extensions import country_panels, home_sections, reminder_sources, search_providers
from tcdesk.core.home import has_role
from tcdesk.core.panels import PanelProvider
from tcdesk.core.search import SearchHit, SearchProvider
from tcdesk.mandates.extensions import ResolutionLoaded, mandate_panels, resolution_loaded

from . import workflow
from .models import AssistanceRequest
from .reminders import UNANSWERED_REMINDERS, WAITING_REMINDERS
from .selectors import asked_of_state, overdue, queue, requests_of_country, requests_under_mandate
from .services import mandate_links_resolve


def _request_as_api(ta_request: AssistanceRequest) -> dict[str, Any]:
    return {
        "id": ta_request.pk,
        "reference": ta_request.reference,
        "title": ta_request.title,
        "country": ta_request.country_id,
        "status": ta_request.status,
        "submitted_at": ta_request.submitted_at.isoformat() if ta_request.submitted_at else None,
    }


REQUESTS_UNDER_MANDATE = PanelProvider(
    key="requests",
    title=_("Requests under this mandate"),
    template="assistance/panels/mandate_requests.html",
    items=requests_under_mandate,
    as_api=_request_as_api,
)


REQUESTS_OF_COUNTRY = PanelProvider(
    key="requests",
    title=_("Requests for technical assistance"),
    template="assistance/panels/country_requests.html",
    items=requests_of_country,
    as_api=_request_as_api,
    link=lambda country: reverse("assistance:request_list") + f"?country={country.iso3}",
)


# --------------------------------------------------------------------------------------- home page
# The programme's side: officers (and administrators, who act for the programme) work the queue; the
# auditor reads what waits; the fund manager follows what was accepted and waits for money and a plan.
_PROGRAMME = (Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR)


def _queue_link(query: str):
    return lambda _user: reverse("assistance:request_list") + query


def _for(roles, select):
    def items(user: Any, _subject: Any):
        return select(queue(user), user) if has_role(user, *roles) else None

    return items


def _focal_point(select):
    def items(user: Any, _subject: Any):
        if not has_role(user, Role.STATE_FOCAL_POINT):
            return None
        states = user.scoped_country_codes(Role.STATE_FOCAL_POINT)
        return select(queue(user).filter(country_id__in=states), user)

    return items


def _home(key: str, title: Any, items, query: str, template: str = "assistance/home/requests.html") -> PanelProvider:
    return PanelProvider(
        key=key, title=title, template=template, items=items, as_api=_request_as_api, link=_queue_link(query)
    )


HOME_NEW = _home(
    "new-requests",
    _("New requests to acknowledge"),
    _for(_PROGRAMME, lambda qs, _u: qs.filter(status=workflow.SUBMITTED).order_by("submitted_at")),
    "?status=submitted&sort=submitted",
)
HOME_MINE = _home(
    "my-requests",
    _("Open requests assigned to you"),
    _for(_PROGRAMME, lambda qs, u: qs.open().filter(assigned_to=u).order_by("-priority_score")),
    "?assignee=me",
)
HOME_OVERDUE = _home(
    "overdue-requests",
    _("Overdue: waiting for a decision for over 60 days"),
    _for((*_PROGRAMME, Role.AUDITOR), lambda qs, _u: overdue(qs).order_by("submitted_at")),
    "?status=overdue&sort=submitted",
)
HOME_AWAITING = _home(
    "awaiting-decision",
    _("Awaiting a decision"),
    _for(
        (*_PROGRAMME, Role.AUDITOR),
        lambda qs, _u: qs.filter(status__in=workflow.AWAITING_DECISION).order_by("-priority_score"),
    ),
    "?status=awaiting",
)
HOME_ACCEPTED = _home(
    "accepted-requests",
    _("Accepted requests waiting for a plan and funding"),
    _for((Role.FUND_MANAGER,), lambda qs, _u: qs.filter(status=workflow.ACCEPTED).order_by("decided_at")),
    "?status=accepted",
)
HOME_ASKED_OF_STATE = _home(
    "asked-of-you",
    _("Asked of you: questions to answer and drafts to submit"),
    _focal_point(lambda qs, _u: asked_of_state(qs).order_by("-updated_at")),
    "?status=information_requested",
)
HOME_STATE_REQUESTS = _home(
    "your-state-requests",
    _("Your State's open requests"),
    _focal_point(lambda qs, _u: qs.open().order_by("-submitted_at")),
    "?status=open",
)


def _find_requests(query: str, user: Any, limit: int) -> list[SearchHit]:
    found = AssistanceRequest.objects.for_user(user).filter(
        Q(reference__iexact=query) | Q(title__icontains=query) | Q(requesting_authority__icontains=query)
    )
    return [
        SearchHit(f"{r.reference} {r.title}", r.get_absolute_url(), f"{r.country.name} · {r.get_status_display()}")
        for r in found.select_related("country").order_by("-submitted_at", "-pk")[:limit]
    ]


SEARCH_REQUESTS = SearchProvider("requests", _("Requests"), _find_requests)


def link_waiting_requests(event: ResolutionLoaded) -> None:
    """Requests that cited the loaded resolution's paragraphs before it was loaded get their mandates."""
    if not event.text_changed:
        return  # the same text again: the same mandates, nothing new to link
    mandate_links_resolve(symbol=event.resolution.symbol)


def register() -> None:
    mandate_panels.register(REQUESTS_UNDER_MANDATE, order=10)
    country_panels.register(REQUESTS_OF_COUNTRY, order=20)
    resolution_loaded.register(link_waiting_requests)
    search_providers.register(SEARCH_REQUESTS, order=10)
    reminder_sources.register(WAITING_REMINDERS, order=20)
    reminder_sources.register(UNANSWERED_REMINDERS, order=30)
    for order, provider in enumerate(
        (HOME_ASKED_OF_STATE, HOME_STATE_REQUESTS, HOME_NEW, HOME_MINE, HOME_OVERDUE, HOME_AWAITING, HOME_ACCEPTED)
    ):
        home_sections.register(provider, order=10 + order)
