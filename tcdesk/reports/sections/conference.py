"""The opening of a report to a Conference of the Parties: the convention (and its protocols), its
adoption and entry into force, and what the report covers; the other sections are the Secretary-General's
report's, limited to the convention (treaty status, requests concerning it, delivery on its themes)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..document import Note, Section
from .context import Context


def build(ctx: Context) -> Section:
    instrument = ctx.instrument
    section = Section("introduction", _("Introduction"))
    codes = ctx.instrument_codes() or [instrument.code]
    section.para(
        _(
            "The present report sets out, for the Conference, the status of the %(name)s and the technical "
            "assistance the programme provided for its implementation between %(start)s and %(end)s."
        )
        % {"name": instrument.name, "start": ctx.d(ctx.start), "end": ctx.d(ctx.end)}
        + (
            " "
            + _("It covers the Protocols supplementing the Convention: %(protocols)s.")
            % {"protocols": ", ".join(codes[1:])}
            if len(codes) > 1
            else ""
        ),
    )
    adopted, in_force = instrument.adopted_on, instrument.entry_into_force_on
    if adopted and in_force:
        text = _("The Convention was adopted on %(adopted)s and entered into force on %(in_force)s.")
    elif adopted:
        text = _("The Convention was adopted on %(adopted)s; its entry into force is not recorded.")
    else:
        text = ""
    if text:
        section.para(
            text % {"adopted": ctx.d(adopted), "in_force": ctx.d(in_force)},
            Note(
                _("Treaty register: the instrument's facts and their sources."),
                f"GET /api/treaties/instruments/{instrument.code}",
            ),
        )
    return section
