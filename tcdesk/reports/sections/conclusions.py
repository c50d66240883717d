"""Conclusions and recommendations: the narrative the secretariat writes for the report (versioned)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..document import Section
from .context import Context


def build(ctx: Context) -> Section:
    section = Section("conclusions", _("Conclusions and recommendations"))
    if not ctx.conclusions:
        section.para(_("The secretariat has not yet written the conclusions and recommendations of this report."))
        return section
    for paragraph in ctx.conclusions:
        section.para(paragraph)
    return section
