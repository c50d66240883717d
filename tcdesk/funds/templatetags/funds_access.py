"""What the person looking at a funds page may do, for the links every funds page shares (its sub-menu)."""

from __future__ import annotations

from typing import Any

from django import template

from tcdesk.accounts.rules import holds

from ..permissions import RECORD_CONTRIBUTION

register = template.Library()


@register.simple_tag(takes_context=True)
def may_record_contributions(context: dict[str, Any]) -> bool:
    """Whether the person may record (and so import) contributions: the import link is shown only then."""
    request = context.get("request")
    return holds(getattr(request, "user", None), RECORD_CONTRIBUTION)
