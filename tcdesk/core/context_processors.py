from django.http import HttpRequest

from tcdesk.accounts.permissions import ADMINISTER_USERS
from tcdesk.accounts.rules import holds

from . import selectors
from .navigation import available_navigation


def navigation(request: HttpRequest) -> dict:
    entries = available_navigation(getattr(request, "user", None))
    return {
        "nav_entries": [
            {
                "label": e.label,
                "url": url,
                "current": request.path == url or (e.section != "/" and request.path.startswith(e.section)),
            }
            for e, url in entries
        ],
        "user_is_administrator": holds(getattr(request, "user", None), ADMINISTER_USERS),
        # A callable: templates call it, so it is counted only when a page shows it (the header).
        "unread_notifications": lambda: selectors.unread_notification_count(getattr(request, "user", None)),
    }
