"""The donor report: a donor's agreements, what it pledged and paid in the period, and how its earmarked
money was used (allocations to requests, expenditure, what is still free), from tcdesk.funds."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tcdesk.funds.selectors import donor_statement, pledged_vs_paid

from ..document import Note, Section, Table
from .context import Context, share

ZERO = Decimal("0")


def build(ctx: Context) -> Section:
    donor = ctx.donor
    assert donor is not None
    section = Section("donor", _("Contributions of %(donor)s") % {"donor": donor.name})
    statement = donor_statement(donor)
    receipts = sorted(
        (r for r in statement["receipts"] if ctx.start <= r.received_on <= ctx.end and r.reversed_at is None),
        key=lambda r: (r.received_on, r.pk),
    )
    total = sum((r.usd_amount for r in receipts), ZERO)
    earmarked = sum((r.usd_amount for r in receipts if r.earmark_id), ZERO)
    section.figures.update(
        {"donor_receipts_usd": total, "donor_earmarked_usd": earmarked, "donor_receipts": len(receipts)}
    )
    note = Note(
        _("Funds ledger: the donor's receipts (not reversed) at their recorded USD equivalent."),
        # The receipts endpoint gives a donor its own receipts (there is no GET of one donor).
        "GET /api/funds/receipts",
    )
    if receipts:
        section.para(
            _(
                "Between %(start)s and %(end)s, %(donor)s paid %(total)s to the programme's funds in %(count)s "
                "payments, of which %(earmarked)s (%(share)s) were earmarked."
            )
            % {
                "start": ctx.d(ctx.start),
                "end": ctx.d(ctx.end),
                "donor": donor.name,
                "total": ctx.money(total),
                "count": ctx.n(len(receipts)),
                "earmarked": ctx.money(earmarked),
                "share": ctx.pct(share(int(earmarked * 100), int(total * 100))),
            },
            note,
        )
        section.table(
            Table(
                caption=_("Payments received in the period"),
                header=(_("Date"), _("Fund"), pgettext("money", "Amount"), "USD", _("Earmark")),
                rows=tuple(
                    (
                        ctx.d(r.received_on),
                        r.fund.code,
                        ctx.money(r.amount, r.currency),
                        ctx.whole(r.usd_amount),
                        r.earmark.label if r.earmark_id else "—",
                    )
                    for r in receipts
                ),
                source=note,
                key="donor_receipts",
            )
        )
    else:
        section.para(
            _("No payment from %(donor)s is recorded between %(start)s and %(end)s.")
            % {"donor": donor.name, "start": ctx.d(ctx.start), "end": ctx.d(ctx.end)},
            note,
        )
    years = [
        row
        for row in pledged_vs_paid(type(donor).objects.filter(pk=donor.pk))
        if ctx.start.year <= row["year"] <= ctx.end.year
    ]
    if years:
        section.table(
            Table(
                caption=_("Pledged and paid, by year (United States dollars)"),
                header=(_("Year"), pgettext("money", "Pledged"), pgettext("money", "Paid")),
                rows=tuple((str(r["year"]), ctx.whole(r["pledged"]), ctx.whole(r["paid"])) for r in years),
                source=Note(_("Pledges at the rate of their month; payments at their recorded USD equivalent.")),
                key="donor_pledged_paid",
            )
        )
    uses = statement["earmarks"]
    if uses:
        rows = []
        for use in sorted(uses, key=lambda u: u.earmark.code):
            allocated = sum((a.usd_amount for a in use.allocations if a.status == "active"), ZERO)
            spent = sum(
                (e.usd_amount for a in use.allocations for e in a.expenditures.all() if e.spent_on <= ctx.end), ZERO
            )
            rows.append(
                (
                    use.earmark.label,
                    ctx.whole(use.received_usd),
                    ctx.whole(allocated),
                    ctx.whole(spent),
                    ctx.money(use.free, use.earmark.agreement.fund.currency),
                )
            )
        section.table(
            Table(
                caption=_("Use of earmarked contributions (United States dollars)"),
                header=(
                    _("Earmark"),
                    pgettext("money", "Received"),
                    pgettext("money", "Allocated"),
                    pgettext("money", "Spent"),
                    pgettext("money", "Still free"),
                ),
                rows=tuple(rows),
                source=Note(_("Allocations and expenditure charged to each earmark, from the funds ledger.")),
                key="donor_earmarks",
            )
        )
        funded = [
            (
                a.request.country.name if a.request_id else "—",
                a.request.reference if a.request_id else "—",
                a.usd_amount,
            )
            for use in uses
            for a in use.allocations
            if a.status == "active" and a.allocated_on <= ctx.end
        ]
        if funded:
            section.table(
                Table(
                    caption=_("What the earmarked money paid for"),
                    header=(_("State"), _("Request"), pgettext("money", "Allocated (USD)")),
                    rows=tuple((c, ref, ctx.whole(usd)) for c, ref, usd in sorted(funded)),
                    source=Note(_("Allocations of earmarked money to technical-assistance requests.")),
                    key="donor_funded",
                )
            )
    else:
        section.para(_("None of the contributions of %(donor)s is earmarked.") % {"donor": donor.name})
    return section
