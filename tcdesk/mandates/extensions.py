"""Extension points of the mandates app, filled by higher apps in their `AppConfig.ready()`.

- `resolution_loaded` (a `Hook`): a resolution was loaded or re-loaded. Called inside the load's
  transaction, after its mandates are stored, so a reaction (linking requests that cited a paragraph
  before the resolution was loaded) commits or rolls back with the load.
- `mandate_panels` (`Panels`): what serves a mandate — the requests, projects, money and trainings
  under it — shown on the mandate's page and in its API, each panel limited to what the user may see.

The mandates app imports none of the apps that fill them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tcdesk.core.extension_points import Hook
from tcdesk.core.panels import Panels

if TYPE_CHECKING:
    from .models import Mandate, Resolution


@dataclass(frozen=True)
class ResolutionLoaded:
    """A resolution was loaded (`created`) or re-loaded; `text_changed` is False when the same text was
    loaded again (its paragraphs and mandates were then left as they were)."""

    resolution: Resolution
    created: bool
    text_changed: bool
    user: Any = None


resolution_loaded: Hook[ResolutionLoaded] = Hook(
    "mandates.resolution_loaded", "A resolution was loaded or re-loaded (inside the load's transaction)."
)

mandate_panels: Panels[Mandate] = Panels(
    "mandates.mandate_panels", "What serves a mandate (requests, projects, money, trainings), per user."
)
