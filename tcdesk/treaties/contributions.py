"""What the treaties app adds to the extension points of the apps below it (see `AppConfig.ready`):
the country page shows the instruments the State is party to today, with a link to its status at
any date (`core.extensions.country_panels`)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcdesk.core.extensions import country_panels
from tcdesk.core.models import Country
from tcdesk.core.panels import PanelProvider

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


def register() -> None:
    country_panels.register(TREATIES_OF_COUNTRY, order=10)
