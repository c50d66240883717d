"""What the assistance app adds to the extension points of the apps below it (see `AppConfig.ready`).

- the mandate page and API: the requests citing a mandate (`mandates.extensions.mandate_panels`);
- the country page: the State's requests (`core.extensions.country_panels`);
- loading a resolution: requests that cited its paragraphs before it was loaded get their mandate
  links (`mandates.extensions.resolution_loaded`).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tcdesk.core.extensions import country_panels
from tcdesk.core.panels import PanelProvider
from tcdesk.mandates.extensions import ResolutionLoaded, mandate_panels, resolution_loaded

from .models import AssistanceRequest
from .selectors import requests_of_country, requests_under_mandate
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


def link_waiting_requests(event: ResolutionLoaded) -> None:
    """Requests that cited the loaded resolution's paragraphs before it was loaded get their mandates."""
    if not event.text_changed:
        return  # the same text again: the same mandates, nothing new to link
    mandate_links_resolve(symbol=event.resolution.symbol)


def register() -> None:
    mandate_panels.register(REQUESTS_UNDER_MANDATE, order=10)
    country_panels.register(REQUESTS_OF_COUNTRY, order=20)
    resolution_loaded.register(link_waiting_requests)
