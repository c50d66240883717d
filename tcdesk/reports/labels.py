"""The words the DOCX renderer writes itself (it is pure), in the report's language."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _


def renderer_labels(language: str) -> dict[str, str]:
    with translation.override(language):
        return {
            "united_nations": _("United Nations"),
            "summary": _("Summary"),
            "notes": _("Notes"),
            "table": _("Table"),
            "source": _("Source:"),
            "annex": _("Annex"),
            "figure": _("Figure"),
        }
