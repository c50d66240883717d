"""Extension points of the funds app, filled by higher apps (portfolio) in `AppConfig.ready()`.

- `fundables`: kinds of things money can be allocated to besides requests. A higher app registers a
  `FundableKind` (portfolio: "project") whose `resolve(id)` returns an object with `label`, `countries`
  (ISO3), `themes` (codes), `regions` (M49 codes), `url`, or None when there is no such object. Earmark
  checks and pages use them; `funds` never imports the app that owns them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tcdesk.core.extension_points import ExtensionPoint


@dataclass(frozen=True)
class FundableKind:
    kind: str  # "project"
    label: Any  # a lazy translation: "Project"
    resolve: Callable[[int], Any]


fundables: ExtensionPoint[FundableKind] = ExtensionPoint(
    "funds.fundables", "Kinds of things money can be allocated to besides requests (portfolio: projects)."
)


def fundable_kind(kind: str) -> FundableKind | None:
    for registered in fundables:
        if registered.kind == kind:
            return registered
    return None
