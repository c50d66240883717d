"""Technical assistance: requests received, accepted, declined and delivered in the period, by region
and country group (groups as at each request's submission), waiting times and priority shares."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from .. import charts
from ..document import Chart, Note, Section, Table
from ..selectors import assistance_in_period
from .context import Context, share


def build(ctx: Context) -> Section:
    section = Section("assistance", _("Technical assistance"))
    codes = ctx.instrument_codes()
    data = assistance_in_period(ctx.start_at, ctx.end_before, instrument_codes=codes)
    counted = f"GET /api/reports/sources/requests?{ctx.dates_query}" + (
        f"&instrument={ctx.instrument.code}" if ctx.instrument is not None else ""
    )
    # The request list's own filters reproduce the received counts; a convention's requests: the list above.
    listing = counted if ctx.instrument is not None else f"GET /api/requests?{ctx.period_query}"
    received, accepted, declined, delivered = (
        data["received"],
        data["accepted"],
        data["declined"],
        data["delivered"],
    )
    ldc = data["received_ldc"]
    post_conflict = data["received_post_conflict"]
    section.figures.update(
        {
            "requests_received": received,
            "requests_accepted": accepted,
            "requests_declined": declined,
            "requests_delivered": delivered,
            "requests_received_ldc": ldc,
            "requests_received_post_conflict": post_conflict,
            "median_days_to_decision": data["median_days_to_decision"],
        }
    )
    source = Note(
        _("Requests for technical assistance in the request register, submitted or decided in the period."),
        counted,
    )
    if not (received or accepted or declined or delivered):
        section.para(
            _("No request for technical assistance was received, decided or delivered between %(start)s and %(end)s.")
            % {"start": ctx.d(ctx.start), "end": ctx.d(ctx.end)},
            source,
        )
        return section
    received_text = ngettext(
        "%(n)s request for technical assistance was received from States",
        "%(n)s requests for technical assistance were received from States",
        received,
    ) % {"n": ctx.n(received)}
    decided_text = _("%(accepted)s, %(declined)s and %(delivered)s") % {
        "accepted": ngettext("%(n)s request was accepted", "%(n)s requests were accepted", accepted)
        % {"n": ctx.n(accepted)},
        "declined": ngettext("%(n)s was declined", "%(n)s were declined", declined) % {"n": ctx.n(declined)},
        "delivered": ngettext("%(n)s was delivered", "%(n)s were delivered", delivered) % {"n": ctx.n(delivered)},
    }
    section.para(
        _("Between %(start)s and %(end)s, %(received)s. In the same period, %(decided)s.")
        % {"start": ctx.d(ctx.start), "end": ctx.d(ctx.end), "received": received_text, "decided": decided_text},
        source,
    )
    if received:
        section.para(
            _(
                "Of the requests received, %(ldc)s (%(ldc_share)s) came from least developed countries and "
                "%(pc)s (%(pc_share)s) concerned post-conflict reconstruction, the contexts to which the General "
                "Assembly gives high priority."
            )
            % {
                "ldc": ctx.n(ldc),
                "ldc_share": ctx.pct(share(ldc, received)),
                "pc": ctx.n(post_conflict),
                "pc_share": ctx.pct(share(post_conflict, received)),
            },
            Note(
                _("Country groups as at the date each request was submitted."),
                counted if ctx.instrument is not None else f"GET /api/requests?group=LDC&{ctx.period_query}",
            ),
        )
    if data["median_days_to_decision"] is not None:
        section.para(
            _("The median time from submission to decision for the requests decided in the period was %(days)s days.")
            % {"days": ctx.n(data["median_days_to_decision"])}
        )
    section.table(
        Table(
            caption=_("Requests by region"),
            header=(
                _("Region"),
                pgettext("requests", "Received"),
                pgettext("requests", "Accepted"),
                pgettext("requests", "Declined"),
            ),
            rows=tuple(
                (row["name"], ctx.n(row["received"]), ctx.n(row["accepted"]), ctx.n(row["declined"]))
                for row in data["by_region"]
            )
            + ((_("Total"), ctx.n(received), ctx.n(accepted), ctx.n(declined)),),
            source=Note(
                _("Request register; regions of the United Nations geoscheme (M49)."),
                listing,
            ),
            key="requests_by_region",
        )
    )
    if data["by_region"]:
        drawing = charts.bar_chart(
            [row["name"] for row in data["by_region"]],
            {
                pgettext("requests", "Received"): [row["received"] for row in data["by_region"]],
                pgettext("requests", "Accepted"): [row["accepted"] for row in data["by_region"]],
            },
            x_label=_("Requests"),
            fmt=ctx.n,
            prefix="requests-by-region",
        )
        section.blocks.append(
            Chart(
                _("Requests received and accepted, by region"),
                drawing.svg,
                drawing.png,
                drawing.width_cm,
                Note(_("Request register, as in the table above."), listing),
                key="requests_by_region",
            )
        )
    group_rows = [(row["name"], ctx.n(row["received"]), ctx.n(row["accepted"])) for row in data["by_group"]]
    if group_rows:
        section.table(
            Table(
                caption=_("Requests by country group"),
                header=(_("Country group"), pgettext("requests", "Received"), pgettext("requests", "Accepted")),
                rows=tuple(group_rows),
                source=Note(_("Membership of each group as at the date of submission.")),
                key="requests_by_group",
            )
        )
    return section
