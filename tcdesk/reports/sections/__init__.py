"""The sections of a report: each a small function `build(ctx) -> Section` over the lower apps' records.

A section whose source app is not installed (or not built yet) is not offered: `available()` lists the
sections the running project can compute, in the order they appear in the report. Delivery (portfolio),
money (funds) and asset-sharing (assets) sections join when those apps are there.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps

from ..document import Section
from .context import Context


@dataclass(frozen=True)
class SectionSpec:
    key: str
    build: Callable[[Context], Section]
    needs: tuple[str, ...] = ()  # modules that must exist (e.g. "tcdesk.funds.selectors")

    def is_available(self) -> bool:
        for module in self.needs:
            app = module.split(".")[1]
            if not apps.is_installed(f"tcdesk.{app}") or importlib.util.find_spec(module) is None:
                return False
        return True


def _specs() -> list[SectionSpec]:
    from . import annex, assistance, conclusions, introduction, treaties

    specs = [
        SectionSpec("introduction", introduction.build),
        SectionSpec("assistance", assistance.build, ("tcdesk.assistance.models",)),
        SectionSpec("treaties", treaties.build, ("tcdesk.treaties.selectors",)),
    ]
    specs += _optional_specs()
    specs += [SectionSpec("conclusions", conclusions.build), SectionSpec("annex", annex.build)]
    return specs


def _optional_specs() -> list[SectionSpec]:
    """Sections over apps that may not be there yet: imported only when their selectors exist."""
    found = []
    if importlib.util.find_spec("tcdesk.portfolio.selectors") is not None:
        from . import delivery

        found.append(SectionSpec("delivery", delivery.build, ("tcdesk.portfolio.selectors",)))
    if importlib.util.find_spec("tcdesk.funds.selectors") is not None:
        from . import resources

        found.append(SectionSpec("resources", resources.build, ("tcdesk.funds.selectors",)))
    if importlib.util.find_spec("tcdesk.assets.models") is not None:
        from . import assets

        found.append(SectionSpec("assets", assets.build, ("tcdesk.assets.models",)))
    return found


def available(kind: str = "sg") -> list[SectionSpec]:
    """The sections of a report of `kind` ("sg": on a resolution; "donor": to a donor; "cop": to a Conference
    of the Parties) this project can compute."""
    specs = {"donor": _donor_specs, "cop": _conference_specs}.get(kind, _specs)()
    return [spec for spec in specs if spec.is_available()]


def _conference_specs() -> list[SectionSpec]:
    """A report to a Conference of the Parties: the convention's status and the assistance for it."""
    from . import assistance, conclusions, conference, treaties

    specs = [
        SectionSpec("introduction", conference.build),
        SectionSpec("treaties", treaties.build, ("tcdesk.treaties.selectors",)),
        SectionSpec("assistance", assistance.build, ("tcdesk.assistance.models",)),
    ]
    if importlib.util.find_spec("tcdesk.portfolio.selectors") is not None:
        from . import delivery

        specs.append(SectionSpec("delivery", delivery.build_for_instrument, ("tcdesk.portfolio.selectors",)))
    return [*specs, SectionSpec("conclusions", conclusions.build)]


def _donor_specs() -> list[SectionSpec]:
    from . import conclusions

    specs = []
    if importlib.util.find_spec("tcdesk.funds.selectors") is not None:
        from . import donor

        specs.append(SectionSpec("donor", donor.build, ("tcdesk.funds.selectors",)))
    return [*specs, SectionSpec("conclusions", conclusions.build)]
