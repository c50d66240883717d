"""Extension points of the core app, filled by higher apps in their `AppConfig.ready()`.

- `navigation`: the entries of the site's main navigation (`NavEntry`), one per app with pages,
  ordered by `order` (dashboard 0, mandates 10, treaties 20, requests 30, portfolio 40, funds 50,
  planning 60, asset sharing 70, reports 80, open data 85, reference data 90).
- `country_panels` (`Panels`): what is known about a country (treaty status, requests, money…),
  shown on the country's page, each panel limited to what the user may see.
- `home_sections` (`Panels`, the subject is the signed-in user): what each user has to do or follow,
  shown on their home page (`/`). A provider answers None for users it has nothing for (by role), so
  each role sees its own sections: the officer's queue, the focal point's requests, the secretariat's
  reports due, the administrator's jobs… The funds app adds the fund manager's and donor's money here.
- `long_text_paths` (`str`): API path prefixes whose JSON bodies carry whole documents (a resolution's
  text); the edge's per-text length limit (`core/edge.py`) does not apply there — the body-size limit and
  the endpoint's own budget do.
- `search_providers` (`SearchProvider`): the global search; each app finds its own records among
  those the user may see.
- `reminder_sources` (`ReminderSource`): deadlines a higher app watches (reports due, requests waiting,
  questions unanswered); `core.services.reminders_send` (`tcdesk send_reminders`) sends what they find.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .extension_points import ExtensionPoint
from .navigation import NavEntry
from .panels import Panels

if TYPE_CHECKING:
    from .models import Country
    from .search import SearchProvider
    from .services.notifications import ReminderSource

navigation: ExtensionPoint[NavEntry] = ExtensionPoint("core.navigation", "Entries of the main navigation.")

country_panels: Panels[Country] = Panels("core.country_panels", "What is known about a country, per user.")

home_sections: Panels[Any] = Panels("core.home_sections", "What a user has to do or follow, on their home page.")

search_providers: ExtensionPoint[SearchProvider] = ExtensionPoint(
    "core.search_providers", "Kinds of records the global search looks in, each within what the user may see."
)

long_text_paths: ExtensionPoint[str] = ExtensionPoint(
    "core.long_text_paths", "API path prefixes whose JSON bodies carry whole documents (no per-text length limit)."
)

reminder_sources: ExtensionPoint[ReminderSource] = ExtensionPoint(
    "core.reminder_sources", "Deadlines watched by higher apps; each finds the reminders due at a time."
)
