from django.http import HttpRequest

from tcdesk.accounts.permissions import is_administrator

from .navigation import available_navigation


def navigation(request: HttpRequest) -> dict:
    entries = available_navigation()
    return {
        "nav_entries": [
            {
                "label": e.label,
                "url": url,
                "current": request.path == url or (e.section != "/" and request.path.startswith(e.section)),
            }
            for e, url in entries
        ],
        "user_is_administrator": is_administrator(getattr(request, "user", None)),
    }
