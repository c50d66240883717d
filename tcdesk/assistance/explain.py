"""Readable, translated priority explanation lines and overlap reasons (the stored form is codes)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def explanation_line(line: dict) -> str:
    code, params, points = line.get("code"), line.get("params") or {}, line.get("points", 0)
    texts = {
        "group_ldc": _("Least developed country at the submission date (%(date)s)"),
        "group_eit": _("Economy in transition at the submission date (%(date)s)"),
        "group_lldc": _("Landlocked developing country at the submission date (%(date)s)"),
        "group_sids": _("Small island developing State at the submission date (%(date)s)"),
        "post_conflict": _("Part of post-conflict reconstruction"),
        "instrument_not_party": _("Asks help with %(instrument)s, to which the State is not party"),
        "instrument_not_party_capped": _(
            "Asks help with %(instrument)s, not party (beyond the instruments that count)"
        ),
        "instrument_party": _("%(instrument)s: the State is already party (no bonus)"),
        "instrument_unknown": _("%(instrument)s: party status unknown (no treaty data for this instrument yet)"),
        "mandate_link": _("Cites a mandate of the governing bodies"),
    }
    if code == "waiting":
        days = params.get("days", 0)
        text = ngettext("Waiting %(days)s day", "Waiting %(days)s days", days) % {"days": days}
    else:
        template = texts.get(code)
        try:
            text = template % params if template else code
        except (KeyError, TypeError):
            text = template or code
    return f"{text} {points:+d}"


def explanation_lines(explanation: list[dict]) -> list[str]:
    return [explanation_line(line) for line in explanation or []]


def reason_label(reason: str) -> str:
    return {
        "same_country": _("same State"),
        "shared_themes": _("shared theme"),
        "similar_text": _("similar text"),
        "overlapping_period": _("overlapping period"),
    }.get(reason, reason)
