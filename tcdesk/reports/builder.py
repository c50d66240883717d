"""Build a report's `Document` from the records: the masthead, the summary and every available section,
computed in the report's language."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from tcdesk.mandates.models import ReportingRequest, Resolution

from . import formatting, sections
from .document import Chart, Document, Masthead, Para, Table
from .sections.context import Context

LANGUAGES = ("en", "fr", "es")


def check_inputs(*, start: dt.date | None, end: dt.date | None, language: str) -> None:
    """The rules on a report's period and language, naming the field that breaks them."""
    errors: dict[str, list[str]] = {}
    if start is None:
        errors["period_start"] = [_("Give the first day of the period.")]
    if end is None:
        errors["period_end"] = [_("Give the last day of the period.")]
    if start and end and end < start:
        errors["period_end"] = [_("The period ends before it starts.")]
    if language not in LANGUAGES:
        errors["language"] = [
            _("No translations for '%(lang)s': reports are written in %(known)s.")
            % {"lang": language, "known": ", ".join(LANGUAGES)}
        ]
    if errors:
        raise ValidationError(errors)


def build_document(
    *,
    resolution: Resolution | None = None,
    donor: Any = None,
    instrument: Any = None,
    start: dt.date,
    end: dt.date,
    language: str,
    conclusions: str = "",
    on: dt.date | None = None,
) -> Document:
    """The report on `resolution`, to `donor` (a tcdesk.funds Donor) or to the Conference of the Parties to
    `instrument` (a tcdesk.treaties Instrument) for [start, end] in `language`; `on` is the document's date."""
    check_inputs(start=start, end=end, language=language)
    if sum(subject is not None for subject in (resolution, donor, instrument)) != 1:
        raise ValidationError(
            {"resolution": [_("A report answers one resolution, one donor or one Conference of the Parties.")]}
        )
    with translation.override(language):
        ctx = Context(
            resolution=resolution,
            start=start,
            end=end,
            language=language,
            conclusions=[line.strip() for line in conclusions.splitlines() if line.strip()],
            donor=donor,
            instrument=instrument,
        )
        kind = "donor" if donor is not None else "cop" if instrument is not None else "sg"
        built = [spec.build(ctx) for spec in sections.available(kind)]
        day = on or timezone.localdate()
        masthead, summary = {
            "sg": (_masthead, _summary),
            "donor": (_donor_masthead, _donor_summary),
            "cop": (_conference_masthead, _conference_summary),
        }[kind]
        return Document(language=language, masthead=masthead(ctx, day), summary=summary(ctx, built), sections=built)


# The symbol series and the name of the Conferences the programme serves (other conventions: generic).
CONFERENCES = {"UNTOC": "CTOC/COP", "UNCAC": "CAC/COSP"}


def _original(ctx: Context) -> str:
    names = {
        "en": pgettext("original language", "English"),
        "fr": pgettext("original language", "French"),
        "es": pgettext("original language", "Spanish"),
    }
    return _("Original: %(language)s") % {"language": names[ctx.language]}


def _conference_masthead(ctx: Context, on: dt.date) -> Masthead:
    instrument = ctx.instrument
    if instrument.code == "UNCAC":
        body = _("Conference of the States Parties to the %(name)s") % {"name": instrument.name}
    else:
        body = _("Conference of the Parties to the %(name)s") % {"name": instrument.name}
    return Masthead(
        body=body,
        symbol=f"{CONFERENCES.get(instrument.code, instrument.code + '/COP')}/{ctx.end.year}/[…]",
        distribution=_("Distr.: General"),
        date=formatting.date(on, ctx.language),
        original=_original(ctx),
        session=_("[…] session"),
        agenda_item=_("Item [...] of the provisional agenda"),
        title=_("Status of the Convention and technical assistance for its implementation"),
        subtitle=_("Report of the Secretariat"),
    )


def _conference_summary(ctx: Context, built: list) -> list[str]:
    figures: dict = {}
    for section in built:
        figures.update(section.figures)
    lines = [
        _(
            "The present report, written from the programme's records, sets out the status of the %(name)s and the "
            "technical assistance provided for its implementation between %(start)s and %(end)s."
        )
        % {"name": ctx.instrument.name, "start": ctx.d(ctx.start), "end": ctx.d(ctx.end)}
    ]
    code = ctx.instrument.code
    if f"parties_{code}" in figures:
        lines.append(
            _(
                "At the end of the period, the Convention had %(parties)s States parties, %(new)s of them new in the "
                "period. The programme received %(received)s requests for assistance concerning it."
            )
            % {
                "parties": ctx.n(figures[f"parties_{code}"]),
                "new": ctx.n(figures.get(f"new_parties_{code}", 0)),
                "received": ctx.n(figures.get("requests_received", 0)),
            }
        )
    return lines


def _donor_masthead(ctx: Context, on: dt.date) -> Masthead:
    return Masthead(
        body=_("Crime Prevention and Criminal Justice Programme"),
        symbol=f"{ctx.donor.code}/{ctx.end.year}/[…]",
        distribution=_("Distr.: Restricted"),
        date=formatting.date(on, ctx.language),
        original=_original(ctx),
        session="",
        agenda_item="",
        title=_("Report to %(donor)s on its contributions") % {"donor": ctx.donor.name},
        subtitle=_("Period from %(start)s to %(end)s") % {"start": ctx.d(ctx.start), "end": ctx.d(ctx.end)},
    )


def _donor_summary(ctx: Context, built: list) -> list[str]:
    figures: dict = {}
    for section in built:
        figures.update(section.figures)
    return [
        _(
            "The present report, written from the programme's funds ledger, sets out the contributions of "
            "%(donor)s between %(start)s and %(end)s and how its earmarked money was used."
        )
        % {"donor": ctx.donor.name, "start": ctx.d(ctx.start), "end": ctx.d(ctx.end)}
    ]


def _masthead(ctx: Context, on: dt.date) -> Masthead:
    resolution = ctx.resolution
    assert resolution is not None
    request = (
        ReportingRequest.objects.filter(resolution=resolution, to_session__isnull=False)
        .order_by("paragraph_number")
        .first()
    )
    session = request.to_session if request else ((resolution.session or 0) + 1 or None)
    session_text = (
        _("%(ordinal)s session") % {"ordinal": formatting.ordinal_words(session, ctx.language)} if session else ""
    )
    return Masthead(
        body=_("General Assembly"),
        symbol=f"A/{session}/[…]" if session else "A/[…]",
        distribution=_("Distr.: General"),
        date=formatting.date(on, ctx.language),
        original=_original(ctx),
        session=session_text[:1].upper() + session_text[1:],
        agenda_item=_("Item [...] of the provisional agenda"),
        title=_("Implementation of General Assembly resolution %(number)s") % {"number": resolution.number},
        subtitle=_("Report of the Secretary-General"),
    )


def _summary(ctx: Context, built: list) -> list[str]:
    assert ctx.resolution is not None
    figures: dict = {}
    for section in built:
        figures.update(section.figures)
    text = _(
        "The present report, submitted pursuant to General Assembly resolution %(number)s, describes the "
        "technical cooperation provided by the United Nations Crime Prevention and Criminal Justice Programme "
        "between %(start)s and %(end)s."
    ) % {"number": ctx.resolution.number, "start": ctx.d(ctx.start), "end": ctx.d(ctx.end)}
    lines = [text]
    sentences = []
    if "requests_received" in figures:
        sentences.append(
            ngettext(
                "The programme received %(received)s request for technical assistance and accepted %(accepted)s.",
                "The programme received %(received)s requests for technical assistance and accepted %(accepted)s.",
                figures["requests_received"],
            )
            % {"received": ctx.n(figures["requests_received"]), "accepted": ctx.n(figures["requests_accepted"])}
        )
    new = figures.get("new_parties_total")
    if new is not None:
        sentences.append(
            ngettext(
                "The instruments against crime and terrorism received %(n)s new State party.",
                "The instruments against crime and terrorism received %(n)s new States parties.",
                new,
            )
            % {"n": ctx.n(new)}
            if new
            else _("No State became a party to the instruments against crime and terrorism.")
        )
    trainings = figures.get("delivery_trainings")
    if trainings:
        people, women = figures["delivery_participants"], figures["delivery_participants_women"]
        sentences.append(
            _(
                "In its four areas of work against terrorism, organized crime, corruption and trafficking in persons, "
                "it held %(trainings)s training events for %(people)s participants, %(women)s of them women."
            )
            % {"trainings": ctx.n(trainings), "people": ctx.n(people), "women": ctx.n(women)}
        )
    if figures.get("contributions_usd"):
        sentences.append(
            _("The funds received contributions of %(total)s, of which %(earmarked)s were earmarked.")
            % {
                "total": ctx.money(figures["contributions_usd"]),
                "earmarked": ctx.money(figures.get("contributions_earmarked_usd") or Decimal(0)),
            }
        )
    if sentences:
        lines.append(_("In the period:") + " " + " ".join(sentences))
    return lines


def fingerprint(document: Document) -> str:
    """SHA-256 of everything a document states except its date: same records and period, same hash."""
    payload = {
        "language": document.language,
        "summary": document.summary,
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "blocks": [
                    {"text": b.text, "notes": [[n.text, n.query] for n in b.notes]}
                    if isinstance(b, Para)
                    else {"table": [list(b.header), [list(r) for r in b.rows]]}
                    if isinstance(b, Table)
                    else {"chart": [b.caption, hashlib.sha256(b.png).hexdigest()]}
                    if isinstance(b, Chart)
                    else {"heading": b.text}
                    for b in s.blocks
                ],
            }
            for s in document.sections
        ],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
