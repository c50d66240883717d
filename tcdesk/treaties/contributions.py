"""What the treaties app adds to the extension points of the apps below it (see `AppConfig.ready`):
the country page shows the instruments the State is party to today, with a link to its status at
any date (`core.extensions.country_panels`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.core.extensions import country_panels, home_sections, search_providers
from tcdesk.core.home import has_role
from tcdesk.core.models import Country
from tcdesk.core.panels import PanelProvider
from tcdesk.core.search import SearchHit, SearchProvider

from .models import Instrument
from .selectors import instruments_party_as_of


def instruments_party_today(country: Country, user: Any) -> list[Instrument]:
    codes = instruments_party_as_of(country.iso3, timezone.localdate())
    return list(Instrument.objects.for_user(user).filter(code__in=codes).order_by("family", "sort_order", "code"))


TREATIES_OF_COUNTRY = PanelProvider(
    key="treaties",
    title=_("Treaties"),
    template="treaties/panels/country_treaties.html",
    items=instruments_party_today,
    as_api=lambda instrument: {"code": instrument.code, "short_name": instrument.short_name},
    link=lambda country: reverse("treaties:country_status", args=[country.iso3]),
)


def _own_states(user: Any) -> list[Country]:
    """The States a focal point or a donor acts for."""
    codes: set[str] = set()
    for role in (Role.STATE_FOCAL_POINT, Role.DONOR):
        codes |= user.scoped_country_codes(role)
    return list(Country.objects.filter(iso3__in=codes).order_by("iso3"))


def own_states_treaties(user: Any, _subject: Any) -> list[tuple[Country, list[Instrument]]] | None:
    """For the home page of a focal point or a donor: their State's treaties today."""
    if not has_role(user, Role.STATE_FOCAL_POINT, Role.DONOR):
        return None
    return [(country, instruments_party_today(country, user)) for country in _own_states(user)] or None


HOME_OWN_STATE_TREATIES = PanelProvider(
    key="your-state-treaties",
    title=_("Your State's treaties"),
    template="treaties/home/own_state.html",
    items=own_states_treaties,
    as_api=lambda pair: {"country": pair[0].iso3, "instruments": [i.code for i in pair[1]]},
)


def _find_instruments(query: str, user: Any, limit: int) -> list[SearchHit]:
    found = Instrument.objects.for_user(user).filter(
        Q(code__iexact=query)
        | Q(untc_ref__iexact=query)
        | Q(short_name_en__icontains=query)
        | Q(short_name_fr__icontains=query)
        | Q(short_name_es__icontains=query)
        | Q(name_en__icontains=query)
        | Q(name_fr__icontains=query)
        | Q(name_es__icontains=query)
    )
    return [
        SearchHit(i.short_name, i.get_absolute_url(), i.untc_ref)
        for i in found.order_by("family", "sort_order", "code")[:limit]
    ]


SEARCH_INSTRUMENTS = SearchProvider("instruments", _("Instruments"), _find_instruments)


def register() -> None:
    search_providers.register(SEARCH_INSTRUMENTS, order=40)
    country_panels.register(TREATIES_OF_COUNTRY, order=10)
    home_sections.register(HOME_OWN_STATE_TREATIES, order=60)
