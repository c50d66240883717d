"""What the funds app shows on the home page (`core.extensions.home_sections`): the fund manager's funds
with their balances, and a donor's own statement (the only way a donor reaches it from a page)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.rules import holds
from tcdesk.core.home import has_role
from tcdesk.core.panels import PanelProvider

from . import selectors
from .models import Donor, Fund
from .permissions import VIEW_CONTRIBUTION, VIEW_FUNDS


def _fund_balances(user: Any, _subject: Any) -> list[tuple[Fund, dict]] | None:
    # Programme staff read funds too, but only the fund manager starts the day from their balances.
    if not (has_role(user, Role.FUND_MANAGER) and holds(user, VIEW_FUNDS)):
        return None
    funds = list(Fund.objects.for_user(user).order_by("code"))
    balances = selectors.funds_balances(funds)
    return [(fund, balances[fund.code]) for fund in funds]


def _own_contributions(user: Any, _subject: Any) -> Any:
    if not (has_role(user, Role.DONOR) and holds(user, VIEW_CONTRIBUTION)):
        return None
    # `for_user` keeps a donor to the donors of its own State or organisation.
    return Donor.objects.for_user(user).select_related("country", "organisation").order_by("code")


FUND_BALANCES = PanelProvider(
    key="fund-balances",
    title=_("Funds and their balances"),
    template="funds/home/balances.html",
    items=_fund_balances,
    as_api=lambda row: {"fund": row[0].code, **{key: str(value) for key, value in row[1].items()}},
    link=lambda _user: reverse("funds:fund_list"),
)
OWN_CONTRIBUTIONS = PanelProvider(
    key="your-contributions",
    title=_("Your contributions and what they paid for"),
    template="funds/home/own_contributions.html",
    items=_own_contributions,
    as_api=lambda donor: {"code": donor.code, "statement": donor.get_absolute_url()},
)


def register() -> None:
    from tcdesk.core.extensions import home_sections

    home_sections.register(FUND_BALANCES, order=70)
    home_sections.register(OWN_CONTRIBUTIONS, order=71)
