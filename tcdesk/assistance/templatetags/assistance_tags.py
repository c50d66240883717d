"""Template helpers of the assistance pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.translation import get_language
from django.utils.translation import pgettext_lazy as pgettext

from tcdesk.core.models import CountryGroup

register = template.Library()

# The abbreviations of the country groups. Translators: leave one untranslated when the language has no
# standard abbreviation for the group; the badge then shows the group's short name in that language.
GROUP_ABBREVIATIONS = {
    "LDC": pgettext("country group abbreviation", "LDC"),
    "LLDC": pgettext("country group abbreviation", "LLDC"),
    "SIDS": pgettext("country group abbreviation", "SIDS"),
    "EIT": pgettext("country group abbreviation", "EIT"),
}
_NAMES = "_assistance_country_group_names"


def _names(context) -> dict[str, str]:
    """The groups' names in the active language, read once per page (not once per row)."""
    names = context.render_context.get(_NAMES)
    if names is None:
        names = {g.code: g.name for g in CountryGroup.objects.all()}
        context.render_context[_NAMES] = names
    return names


def badge_label(code: str, name: str) -> str:
    abbreviation = str(GROUP_ABBREVIATIONS.get(code, code))
    english = (get_language() or "en").split("-")[0] == "en"
    if abbreviation == code and not english and code in GROUP_ABBREVIATIONS and name:
        return name
    return abbreviation


@register.simple_tag(takes_context=True)
def group_badges(context, codes) -> str:
    """A badge per country group: the abbreviation of the active language, the full name as tooltip."""
    names = _names(context)
    return format_html_join(
        "",
        ' <span class="tag" title="{}">{}</span>',
        ((names.get(code, code), badge_label(code, names.get(code, ""))) for code in codes),
    )
