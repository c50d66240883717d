"""Ratification and implementation: new parties in the period to each instrument, and the share of each
region that is party to the main conventions at the period's end (status from tcdesk.treaties)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from tcdesk.treaties.models import Instrument
from tcdesk.treaties.participation import count_states, status_as_of
from tcdesk.treaties.selectors import DataCoverage, coverage, data_coverage, map_statuses, stored_actions

from .. import charts
from ..document import Chart, Note, Section, Table
from .context import Context

# The conventions whose coverage by region the report shows (when they are loaded).
MAIN_CONVENTIONS = ("UNTOC", "UNCAC")


def build(ctx: Context) -> Section:
    section = Section("treaties", _("Ratification and implementation of the international instruments"))
    instruments = list(Instrument.objects.order_by("family", "sort_order", "code"))
    codes = ctx.instrument_codes()
    if codes is not None:
        instruments = [i for i in instruments if i.code in codes]
    actions = stored_actions([i.code for i in instruments])
    rows = []
    total_new = 0
    for instrument in instruments:
        if not actions.get(instrument.code):
            continue
        rules = instrument.rules()
        before = status_as_of(rules, actions[instrument.code], ctx.start - _one_day())
        after = status_as_of(rules, actions[instrument.code], ctx.end)
        new = sorted(k for k in after.parties if k not in before.parties and k not in after.organisations)
        total_new += len(new)
        section.figures[f"parties_{instrument.code}"] = count_states(after)
        section.figures[f"new_parties_{instrument.code}"] = len(new)
        rows.append((instrument, count_states(before), len(new), count_states(after)))
    section.figures["new_parties_total"] = total_new
    coverage_notes = data_coverage([i.code for i in instruments])
    incomplete = any(not coverage_notes[i.code].complete_on(ctx.end) for i, *_counts in rows)
    as_of_note = Note(
        _("Treaty status computed from the participation actions recorded, as at %(end)s.") % {"end": ctx.d(ctx.end)}
        + (
            " "
            + _(
                "The column “Data as of” gives the date to which each instrument's recorded participation is "
                "complete; where it is earlier than the end of the period, later actions may be missing."
            )
            if incomplete
            else ""
        ),
        f"tcdesk treaty_status --instrument CODE --as-of {ctx.end.isoformat()} --json",
    )
    register_note = Note(
        _("Treaty register: participation actions (signatures, ratifications, accessions) as recorded."),
        f"GET /api/treaties/instruments?as_of={ctx.end.isoformat()}",
    )
    if not rows:
        section.para(_("No treaty participation is recorded for the instruments the programme follows."), as_of_note)
        return section
    if total_new:
        section.para(
            ngettext(
                "Between %(start)s and %(end)s, the instruments received %(new)s new State party.",
                "Between %(start)s and %(end)s, the instruments received %(new)s new States parties.",
                total_new,
            )
            % {"start": ctx.d(ctx.start), "end": ctx.d(ctx.end), "new": ctx.n(total_new)},
            as_of_note,
        )
    else:
        section.para(
            _("No State became a party to any of the instruments between %(start)s and %(end)s.")
            % {"start": ctx.d(ctx.start), "end": ctx.d(ctx.end)},
            as_of_note,
        )
    section.table(
        Table(
            caption=_("States parties to the instruments"),
            header=(
                _("Instrument"),
                pgettext("treaty table", "Parties before the period"),
                pgettext("treaty table", "New parties"),
                pgettext("treaty table", "Parties at the end"),
                pgettext("treaty table", "Data as of"),
            ),
            rows=tuple(
                (i.short_name or i.code, ctx.n(a), ctx.n(b), ctx.n(c), _data_as_of(coverage_notes[i.code], ctx))
                for i, a, b, c in rows
            ),
            source=register_note,
            key="treaty_parties",
        )
    )
    mapped = ctx.instrument.code if ctx.instrument is not None else MAIN_CONVENTIONS[0]
    untoc = next((i for i in instruments if i.code == mapped), None)
    if untoc is not None and actions.get(untoc.code):
        drawing = charts.world_map(
            map_statuses(untoc, ctx.end),
            [("party", _("Party")), ("signatory", _("Signatory")), ("none", _("Not party"))],
            prefix=f"map-{untoc.code.lower()}",
        )
        section.blocks.append(
            Chart(
                _("States parties: %(instrument)s, as at %(end)s")
                % {"instrument": untoc.short_name or untoc.code, "end": ctx.d(ctx.end)},
                drawing.svg,
                drawing.png,
                drawing.width_cm,
                register_note,
                key=f"map_{untoc.code}",
            )
        )
    for code in (mapped,) if ctx.instrument is not None else MAIN_CONVENTIONS:
        instrument = next((i for i in instruments if i.code == code), None)
        if instrument is None or not actions.get(code):
            continue
        shares = coverage(instrument, ctx.end)["regions"]
        section.table(
            Table(
                caption=_("Coverage by region: %(instrument)s") % {"instrument": instrument.short_name or code},
                header=(
                    _("Region"),
                    pgettext("treaty table", "States"),
                    pgettext("treaty table", "Parties"),
                    pgettext("treaty table", "Share"),
                ),
                rows=tuple((s.name, ctx.n(s.members), ctx.n(s.parties), ctx.pct(s.percent)) for s in shares),
                source=Note(
                    _("Parties as at %(end)s among the States of each region.") % {"end": ctx.d(ctx.end)},
                    f"GET /api/treaties/instruments/{code}/coverage?as_of={ctx.end.isoformat()}",
                ),
                key=f"coverage_{code}",
            )
        )
    return section


def _data_as_of(coverage: DataCoverage, ctx: Context) -> str:
    """The date an instrument's data is complete to, with what limits it (partial, synthetic)."""
    text = ctx.d(coverage.as_of) if coverage.as_of else pgettext("data as of", "unknown")
    if coverage.partial:
        text += " " + pgettext("data as of", "(partial)")
    if coverage.synthetic:
        text += " " + pgettext("data as of", "(synthetic)")
    return text


def _one_day() -> dt.timedelta:
    return dt.timedelta(days=1)
