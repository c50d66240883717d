"""The open API (mounted at /api/open): the figures of the open-data pages as JSON, for anyone.

No authentication is needed (a token or session is accepted and changes nothing); calls are limited
per client address (`TCDESK_OPEN_API_RATE`, default 300 a minute) in the shared cache, so the limit
holds across app servers. Anonymous answers are also served from the public page cache. Every answer
carries the licence and the time the published data last changed.
"""

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja import Router

from tcdesk.accounts.auth import public_auth
from tcdesk.accounts.throttling import SharedRateThrottle
from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut
from tcdesk.core.dates import or_today
from tcdesk.core.models import Country
from tcdesk.treaties.models import Instrument

from . import datasets, selectors
from .permissions import VIEW

router = Router(
    tags=["open data"],
    throttle=[SharedRateThrottle(getattr(settings, "TCDESK_OPEN_API_RATE", "300/m"), scope="open-api")],
)


def _answer(request: HttpRequest, document: dict) -> dict:
    return datasets.envelope(document, source=request.build_absolute_uri(request.path))


@router.get(
    "/treaties", response=dict, auth=public_auth, summary="Every instrument's parties and signatories at a date"
)
@requires(VIEW)
def treaties(request: HttpRequest, as_of: dt.date | None = None):
    """State parties and signatories of every instrument on `as_of` (default today), with how far the data goes."""
    return _answer(request, selectors.treaties_overview(or_today(as_of)))


@router.get(
    "/treaties/{code}", response={200: dict, 404: ErrorOut}, auth=public_auth, summary="One instrument at a date"
)
@requires(VIEW)
def instrument(request: HttpRequest, code: str, as_of: dt.date | None = None):
    """Parties (since when), signatories, coverage by region and country group, and parties over time."""
    found = Instrument.objects.filter(code=code).first()
    if found is None:
        raise Http404
    return _answer(request, selectors.instrument_document(found, or_today(as_of)))


@router.get(
    "/countries/{iso3}", response={200: dict, 404: ErrorOut}, auth=public_auth, summary="A State's page as data"
)
@requires(VIEW)
def country(request: HttpRequest, iso3: str, as_of: dt.date | None = None):
    """Treaty status, requests by status (counts only), published projects, trainings by sex, money by donor."""
    found = Country.objects.filter(iso3=iso3.upper()).first()
    if found is None:
        raise Http404
    return _answer(request, selectors.country_document(found, or_today(as_of)))


@router.get("/funding", response=dict, auth=public_auth, summary="Contributions, pledged versus paid, flows")
@requires(VIEW)
def funding(request: HttpRequest):
    """Contributions by donor, fund and year (earmarked or not), pledged versus paid, and flows donor →
    fund → country and theme, in USD, for the published donors."""
    return _answer(request, selectors.funding_document())


@router.get("/delivery", response=dict, auth=public_auth, summary="Projects, activities, trainings and results")
@requires(VIEW)
def delivery(request: HttpRequest):
    """Published projects by country, theme and programme; activities; trainings by sex; results against targets."""
    return _answer(request, selectors.delivery_document())


@router.get("/mandates", response=dict, auth=public_auth, summary="Resolutions and their mandates")
@requires(VIEW)
def mandates(request: HttpRequest):
    """Each loaded resolution's operative paragraphs with their status and public evidence."""
    return _answer(request, selectors.mandates_document())
