"""Resources: contributions received in the period by donor (earmarked or not), and each fund's money
over the period (opening, receipts, allocations, expenditure, closing) from tcdesk.funds' ledger."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from tcdesk.funds.models import Allocation, Fund, Receipt
from tcdesk.funds.selectors import fund_statement, pledged_vs_paid

from ..document import Note, Section, Table
from .context import Context, share

ZERO = Decimal("0")


def build(ctx: Context) -> Section:
    section = Section("resources", _("Resources"))
    receipts = list(
        Receipt.objects.filter(received_on__gte=ctx.start, received_on__lte=ctx.end, reversed_at=None)
        .select_related("donor")
        .order_by("pk")
    )
    total = sum((r.usd_amount for r in receipts), ZERO)
    earmarked = sum((r.usd_amount for r in receipts if r.earmark_id), ZERO)
    allocations = Allocation.objects.filter(status="active", allocated_on__gte=ctx.start, allocated_on__lte=ctx.end)
    allocated = allocations.aggregate(u=Sum("usd_amount"))["u"] or ZERO
    allocated_earmarked = allocations.filter(earmark__isnull=False).aggregate(u=Sum("usd_amount"))["u"] or ZERO
    statements = [fund_statement(fund=fund, start=ctx.start, end=ctx.end) for fund in Fund.objects.order_by("code")]
    spent = sum((s.usd["expenditure"] for s in statements), ZERO)
    section.figures.update(
        {
            "contributions_usd": total,
            "contributions_earmarked_usd": earmarked,
            "contributions_donors": len({r.donor_id for r in receipts}),
            "allocations_usd": allocated,
            "allocations_earmarked_usd": allocated_earmarked,
            "expenditure_usd": spent,
        }
    )
    ledger_note = Note(
        _("Funds ledger: receipts not reversed, at their recorded USD equivalent (UN operational rate of the month)."),
        "GET /api/funds/receipts",
    )
    if not receipts and not allocated and not spent:
        section.para(
            _("No contribution was received and no money was allocated or spent between %(start)s and %(end)s.")
            % {"start": ctx.d(ctx.start), "end": ctx.d(ctx.end)},
            ledger_note,
        )
        return section
    donors = len({r.donor_id for r in receipts})
    section.para(
        ngettext(
            "Between %(start)s and %(end)s, the funds received contributions of %(total)s from %(donors)s donor, "
            "of which %(earmarked)s (%(share)s) were earmarked.",
            "Between %(start)s and %(end)s, the funds received contributions of %(total)s from %(donors)s donors, "
            "of which %(earmarked)s (%(share)s) were earmarked.",
            donors,
        )
        % {
            "start": ctx.d(ctx.start),
            "end": ctx.d(ctx.end),
            "total": ctx.money(total),
            "donors": ctx.n(donors),
            "earmarked": ctx.money(earmarked),
            "share": ctx.pct(share(int(earmarked * 100), int(total * 100))),
        },
        ledger_note,
    )
    section.para(
        _("In the same period, %(allocated)s was allocated to requests and projects and %(spent)s was spent.")
        % {"allocated": ctx.money(allocated), "spent": ctx.money(spent)}
    )
    if allocated:
        section.para(
            _(
                "Of the money allocated, %(earmarked)s (%(share)s) came from earmarked contributions and was used "
                "as their donors specified; the rest came from the funds' general resources."
            )
            % {
                "earmarked": ctx.money(allocated_earmarked),
                "share": ctx.pct(share(int(allocated_earmarked * 100), int(allocated * 100))),
            },
            Note(
                _("Allocations made in the period, by the earmark they were charged to."),
                "GET /api/funds/allocations",
            ),
        )
    by_donor: dict[str, list] = defaultdict(lambda: ["", ZERO, ZERO])
    for receipt in receipts:
        row = by_donor[receipt.donor.code]
        row[0] = receipt.donor.name
        row[1] += receipt.usd_amount
        row[2] += receipt.usd_amount if receipt.earmark_id else ZERO
    if by_donor:
        ordered = sorted(by_donor.values(), key=lambda r: (-r[1], r[0]))
        section.table(
            Table(
                caption=_("Contributions received, by donor (United States dollars)"),
                header=(_("Donor"), pgettext("money", "Received"), pgettext("money", "Of which earmarked")),
                rows=tuple((name, ctx.whole(usd), ctx.whole(ear)) for name, usd, ear in ordered)
                + ((_("Total"), ctx.whole(total), ctx.whole(earmarked)),),
                source=ledger_note,
                key="contributions_by_donor",
            )
        )
    years: dict[int, list] = {}
    for row in pledged_vs_paid():
        if ctx.start.year <= row["year"] <= ctx.end.year:
            totals = years.setdefault(row["year"], [ZERO, ZERO])
            totals[0] += row["pledged"]
            totals[1] += row["paid"]
    if years:
        section.figures["pledged_usd"] = sum((v[0] for v in years.values()), ZERO)
        section.figures["paid_usd"] = sum((v[1] for v in years.values()), ZERO)
        section.table(
            Table(
                caption=_("Pledged and paid, by calendar year (United States dollars)"),
                header=(
                    _("Year"),
                    pgettext("money", "Pledged"),
                    pgettext("money", "Paid"),
                    _("Paid as a share of pledged"),
                ),
                rows=tuple(
                    (str(year), ctx.whole(p), ctx.whole(q), ctx.pct(share(int(q * 100), int(p * 100))))
                    for year, (p, q) in sorted(years.items())
                ),
                source=Note(
                    _(
                        "Pledges at the United Nations operational rate of their month; payments at their recorded "
                        "USD equivalent; whole calendar years that the period touches."
                    ),
                    "GET /api/funds/contributions",
                ),
                key="pledged_paid",
            )
        )
    section.table(
        Table(
            caption=_("The funds over the period (United States dollars)"),
            header=(
                _("Fund"),
                pgettext("money", "Opening"),
                pgettext("money", "Receipts"),
                pgettext("money", "Allocations"),
                pgettext("money", "Expenditure"),
                pgettext("money", "Closing"),
            ),
            rows=tuple(
                (
                    s.fund,
                    *(ctx.whole(s.usd[k]) for k in ("opening", "receipts", "allocations", "expenditure", "closing")),
                )
                for s in statements
            ),
            source=Note(
                _("Fund statements from the ledger; expenditure includes programme support costs."),
                # One statement per fund: the query names the fund as a path parameter ({code}), not a link.
                f"GET /api/funds/funds/{{code}}/statement?from={ctx.start.isoformat()}&to={ctx.end.isoformat()}",
            ),
            key="fund_statements",
        )
    )
    return section
