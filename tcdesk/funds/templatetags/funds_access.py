"""What the person looking at a funds page may do, for the links every funds page shares (its sub-menu)."""

from __future__ import annotations

from typing import Any

from django import template

from tcdesk.accounts.rules import holds

from ..permissions import RECORD_CONTRIBUTION, VIEW_CONTRIBUTION, VIEW_FUNDS

register = template.Library()


@register.simple_tag(takes_context=True)
def funds_menu_access(context: dict[str, Any]) -> dict[str, bool]:
    """Which parts of the funds sub-menu the person may open: a link they would be refused is not shown.

    A donor reads its own contributions but not the funds, their flows or the exchange rates.
    """
    user = getattr(context.get("request"), "user", None)
    return {
        "funds": holds(user, VIEW_FUNDS),
        "contributions": holds(user, VIEW_CONTRIBUTION),
        "record": holds(user, RECORD_CONTRIBUTION),
    }
