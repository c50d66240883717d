"""Introduction: the mandate for the report and the state of the resolution's mandates at the period's end."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from tcdesk.mandates.choices import MandateStatus
from tcdesk.mandates.models import ReportingRequest

from ..document import Note, Section
from ..selectors import mandate_statuses_on
from .context import Context


def build(ctx: Context) -> Section:
    resolution = ctx.resolution
    section = Section("introduction", _("Introduction"))
    requests = list(
        ReportingRequest.objects.filter(resolution=resolution).select_related("addressee").order_by("paragraph_number")
    )
    adopted = ctx.d(resolution.adoption_date) if resolution.adoption_date else _("a date not recorded")
    # The request for this report: a report (not a transmission) asked of the Secretary-General.
    asks = [r for r in requests if r.kind == "report" and (r.addressee_id or "").startswith("secretary")]
    asks = asks or [r for r in requests if r.kind == "report"]
    if asks:
        first = asks[0]
        section.para(
            _(
                "In paragraph %(paragraph)s of its resolution %(number)s of %(date)s, the General Assembly requested "
                "the Secretary-General to report to it at its %(session)s session on the implementation of that "
                "resolution. The present report is submitted pursuant to that request."
            )
            % {
                "paragraph": first.paragraph_number,
                "number": resolution.number,
                "date": adopted,
                "session": _session_words(first.to_session, ctx),
            },
            Note(
                _("The reporting request as recorded in the mandate registry."),
                f"GET /api/mandates/resolutions/{resolution.symbol}",
            ),
        )
    else:
        section.para(
            _("The present report is submitted in connection with resolution %(number)s of %(date)s.")
            % {"number": resolution.number, "date": adopted}
        )
    section.para(
        _("It covers the period from %(start)s to %(end)s and is drawn from the records kept by the programme.")
        % {"start": ctx.d(ctx.start), "end": ctx.d(ctx.end)}
    )
    statuses = mandate_statuses_on(resolution, ctx.end)
    counts = Counter(statuses.values())
    total = len(statuses)
    section.figures.update(
        {
            "mandates": total,
            "mandates_open": counts.get(MandateStatus.OPEN, 0),
            "mandates_in_progress": counts.get(MandateStatus.IN_PROGRESS, 0),
            "mandates_delivered": counts.get(MandateStatus.DELIVERED, 0),
            "mandates_closed": counts.get(MandateStatus.CLOSED, 0),
        }
    )
    if total == 0:
        section.para(_("No mandate is recorded for this resolution."))
        return section
    section.para(
        _(
            "The resolution gives %(total)s mandates. As at %(end)s, their status was as follows: open, %(open)s; "
            "in progress, %(progress)s; delivered, %(delivered)s; closed, %(closed)s. The annex lists each operative "
            "paragraph with the status of its mandates and the evidence recorded."
        )
        % {
            "total": ctx.n(total),
            "end": ctx.d(ctx.end),
            "open": ctx.n(counts.get(MandateStatus.OPEN, 0)),
            "progress": ctx.n(counts.get(MandateStatus.IN_PROGRESS, 0)),
            "delivered": ctx.n(counts.get(MandateStatus.DELIVERED, 0)),
            "closed": ctx.n(counts.get(MandateStatus.CLOSED, 0)),
        },
        Note(
            _("Status of each mandate on the last day of the period, from the mandate registry's events."),
            f"GET /api/mandates/mandates?resolution={resolution.symbol}",
        ),
    )
    return section


def _session_words(session: int | None, ctx: Context) -> str:
    from ..formatting import ordinal_words

    if not session:
        return _("next")
    return ordinal_words(session, ctx.language)
