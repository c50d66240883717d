"""Asset sharing: the sharing agreements concluded in the period (the model bilateral agreement of
op. 23) and the sharing decisions taken in it, with the amounts shared, from tcdesk.assets."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from ..document import Note, Section, Table
from ..selectors import asset_sharing_in_period
from .context import Context


def build(ctx: Context) -> Section:
    section = Section("assets", _("Sharing of confiscated proceeds of crime"))
    data = asset_sharing_in_period(ctx.start, ctx.end)
    section.figures.update(
        {
            "asset_agreements_concluded": data["agreements_concluded"],
            "asset_agreements_in_force": data["agreements_in_force"],
            "asset_decisions": data["decisions"],
        }
    )
    note = Note(
        _(
            "Register of sharing agreements and confiscation cases: agreements concluded and decisions taken "
            "in the period."
        ),
        f"GET /api/reports/sources/assets?{ctx.dates_query}",
    )
    if not data["agreements_concluded"] and not data["decisions"]:
        section.para(
            _("No sharing agreement was concluded and no sharing decision was taken between %(start)s and %(end)s.")
            % {"start": ctx.d(ctx.start), "end": ctx.d(ctx.end)},
            note,
        )
        return section
    concluded = data["agreements_concluded"]
    decisions = data["decisions"]
    section.para(
        _("Between %(start)s and %(end)s, %(concluded)s and %(decisions)s.")
        % {
            "start": ctx.d(ctx.start),
            "end": ctx.d(ctx.end),
            "concluded": ngettext(
                "%(n)s agreement on the sharing of confiscated proceeds was concluded",
                "%(n)s agreements on the sharing of confiscated proceeds were concluded",
                concluded,
            )
            % {"n": ctx.n(concluded)}
            if concluded
            else _("no new agreement on the sharing of confiscated proceeds was concluded"),
            "decisions": ngettext(
                "%(n)s decision to share confiscated proceeds was taken",
                "%(n)s decisions to share confiscated proceeds were taken",
                decisions,
            )
            % {"n": ctx.n(decisions)}
            if decisions
            else _("no decision to share confiscated proceeds was taken"),
        },
        note,
    )
    section.para(
        ngettext(
            "At the end of the period, %(n)s sharing agreement was signed or in force.",
            "At the end of the period, %(n)s sharing agreements were signed or in force.",
            data["agreements_in_force"],
        )
        % {"n": ctx.n(data["agreements_in_force"])},
        Note(
            _("Agreements concluded by the end of the period whose recorded status is signed or in force."),
            "GET /api/assets/agreements",
        ),
    )
    if data["by_currency"]:
        section.table(
            Table(
                caption=_("Proceeds shared under the decisions of the period"),
                header=(
                    pgettext("money", "Currency"),
                    _("Decisions"),
                    _("Shared among States"),
                    _("United Nations share"),
                ),
                rows=tuple(
                    (
                        row["currency"],
                        ctx.n(row["decisions"]),
                        ctx.whole(row["shared"]),
                        ctx.whole(row["un_share"]),
                    )
                    for row in data["by_currency"]
                ),
                source=Note(
                    _("Sharing decisions, in the currency of each decision (amounts are not converted)."),
                    f"GET /api/reports/sources/assets?{ctx.dates_query}",
                ),
                key="asset_sharing",
            )
        )
    return section
