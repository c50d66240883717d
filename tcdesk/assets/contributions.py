"""What asset sharing adds to the extension points of the apps below it (see `AppConfig.ready`): the
country page lists the sharing agreements the State is a party to (`core.extensions.country_panels`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.rules import holds
from tcdesk.core.extensions import country_panels
from tcdesk.core.models import Country
from tcdesk.core.panels import PanelProvider

from .models import SharingAgreement
from .permissions import VIEW


def agreements_of(country: Country, user: Any) -> QuerySet | None:
    if not holds(user, VIEW):
        return None
    return (
        SharingAgreement.objects.for_user(user)
        .filter(Q(state=country) | Q(counterpart_state=country))
        .select_related("state", "counterpart_state", "counterpart_organisation")
        .order_by("-concluded_on", "reference")
    )


AGREEMENTS_OF_COUNTRY = PanelProvider(
    key="sharing_agreements",
    title=_("Asset-sharing agreements"),
    template="assets/panels/country_agreements.html",
    items=agreements_of,
    as_api=lambda a: {"id": a.pk, "reference": a.reference, "status": a.status, "legal_basis": a.legal_basis},
    link=lambda country: reverse("assets:agreement_list") + f"?state={country.iso3}",
)


def register() -> None:
    country_panels.register(AGREEMENTS_OF_COUNTRY, order=40)
