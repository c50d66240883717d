"""Annex: every operative paragraph of the resolution, its mandates' status at the period's end and the
evidence recorded (the first column holds the paragraph numbers)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tcdesk.mandates.choices import MandateStatus

from ..document import Note, Para, Section, Table
from ..selectors import annex_rows
from .context import Context


def build(ctx: Context) -> Section:
    section = Section(
        "annex",
        _("Status of the operative paragraphs of resolution %(number)s") % {"number": ctx.resolution.number},
        annex=True,
    )
    rows = annex_rows(ctx.resolution, ctx.end)
    section.figures["annex_rows"] = len(rows)
    labels = dict(MandateStatus.choices)
    if not rows:
        section.blocks.append(Para(_("No operative paragraph is recorded for this resolution."), numbered=False))
        return section
    table_rows = []
    for row in rows:
        statuses = sorted(set(row["statuses"]), key=lambda s: list(labels).index(s))
        status_text = ", ".join(str(labels[s]) for s in statuses) if statuses else _("No mandate")
        evidence = "; ".join(row["evidence"]) if row["evidence"] else _("None recorded")
        table_rows.append((str(row["number"]), row["lead"], status_text, evidence))
    section.table(
        Table(
            caption=_("Operative paragraphs, mandate status and evidence as at %(end)s") % {"end": ctx.d(ctx.end)},
            header=(_("Paragraph"), _("Words of the resolution"), _("Status"), _("Evidence")),
            rows=tuple(table_rows),
            source=Note(
                _(
                    "Mandate registry: status replayed from its events up to %(end)s; evidence added by then. "
                    "The words are quoted from the text of the resolution as loaded (%(language)s)."
                )
                % {"end": ctx.d(ctx.end), "language": ctx.resolution.get_language_display()},
                f"GET /api/mandates/mandates?resolution={ctx.resolution.symbol}",
            ),
            key="annex",
        )
    )
    return section
