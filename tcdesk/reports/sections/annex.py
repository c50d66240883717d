"""Annex: every operative paragraph of the resolution, its mandates' status at the period's end, the
evidence recorded and (when tcdesk.funds is there) the money spent on it; the first column holds the
paragraph numbers."""

from __future__ import annotations

import importlib.util
from decimal import Decimal

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
    spent = _spent_by_paragraph(ctx) if importlib.util.find_spec("tcdesk.funds.models") else None
    if spent is not None:
        section.figures["annex_spent_usd"] = sum(spent.values(), Decimal(0))
    table_rows = []
    for row in rows:
        statuses = sorted(set(row["statuses"]), key=lambda s: list(labels).index(s))
        status_text = ", ".join(str(labels[s]) for s in statuses) if statuses else _("No mandate")
        evidence = "; ".join(row["evidence"]) if row["evidence"] else _("None recorded")
        cells: tuple[str, ...] = (str(row["number"]), row["lead"], status_text, evidence)
        if spent is not None:
            cells += (ctx.whole(spent.get(row["number"], 0)),)
        table_rows.append(cells)
    section.table(
        Table(
            caption=_("Operative paragraphs, mandate status and evidence as at %(end)s") % {"end": ctx.d(ctx.end)},
            header=(_("Paragraph"), _("Words of the resolution"), _("Status"), _("Evidence"))
            + ((_("Spent (USD)"),) if spent is not None else ()),
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
    if spent is not None:
        section.blocks.append(
            Para(
                _(
                    "Money spent: expenditure recorded up to %(end)s on allocations to requests that cite the "
                    "paragraph (a request citing several paragraphs counts under each)."
                )
                % {"end": ctx.d(ctx.end)},
                (Note(_("Funds ledger: expenditure by allocation."), "GET /api/funds/receipts"),),
                numbered=False,
            )
        )
    return section


def _spent_by_paragraph(ctx: Context) -> dict[int, Decimal]:
    """USD spent up to the period's end on allocations to requests linked to each operative paragraph."""
    from tcdesk.assistance.models import RequestMandateLink
    from tcdesk.funds.models import Expenditure

    paragraphs: dict[int, set[int]] = {}
    for request_id, number in RequestMandateLink.objects.filter(
        mandate__resolution=ctx.resolution, mandate__isnull=False
    ).values_list("request_id", "mandate__paragraph_number"):
        paragraphs.setdefault(request_id, set()).add(number)
    spent: dict[int, Decimal] = {}
    for request_id, usd in Expenditure.objects.filter(
        allocation__request_id__in=list(paragraphs), spent_on__lte=ctx.end
    ).values_list("allocation__request_id", "usd_amount"):
        for number in paragraphs[request_id]:
            spent[number] = spent.get(number, Decimal(0)) + usd
    return spent
