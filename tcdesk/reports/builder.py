"""Build a report's `Document` from the records: the masthead, the summary and every available section,
computed in the report's language."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tcdesk.mandates.models import ReportingRequest, Resolution

from . import formatting, sections
from .document import Chart, Document, Masthead, Para, Table
from .sections.context import Context

LANGUAGES = ("en", "fr")


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
    resolution: Resolution,
    start: dt.date,
    end: dt.date,
    language: str,
    conclusions: str = "",
    on: dt.date | None = None,
) -> Document:
    """The report on `resolution` for [start, end] in `language`; `on` is the document's date."""
    check_inputs(start=start, end=end, language=language)
    with translation.override(language):
        ctx = Context(
            resolution=resolution,
            start=start,
            end=end,
            language=language,
            conclusions=[line.strip() for line in conclusions.splitlines() if line.strip()],
        )
        built = [spec.build(ctx) for spec in sections.available()]
        return Document(
            language=language,
            masthead=_masthead(ctx, on or timezone.localdate()),
            summary=_summary(ctx, built),
            sections=built,
        )


def _masthead(ctx: Context, on: dt.date) -> Masthead:
    resolution = ctx.resolution
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
        original=_("Original: %(language)s")
        % {
            "language": (
                pgettext("original language", "English")
                if ctx.language == "en"
                else pgettext("original language", "French")
            )
        },
        session=session_text[:1].upper() + session_text[1:],
        agenda_item=_("Item [...] of the provisional agenda"),
        title=_("Implementation of General Assembly resolution %(number)s") % {"number": resolution.number},
        subtitle=_("Report of the Secretary-General"),
    )


def _summary(ctx: Context, built: list) -> list[str]:
    figures: dict = {}
    for section in built:
        figures.update(section.figures)
    text = _(
        "The present report, submitted pursuant to General Assembly resolution %(number)s, describes the "
        "technical cooperation provided by the United Nations Crime Prevention and Criminal Justice Programme "
        "between %(start)s and %(end)s."
    ) % {"number": ctx.resolution.number, "start": ctx.d(ctx.start), "end": ctx.d(ctx.end)}
    lines = [text]
    if "requests_received" in figures:
        lines.append(
            _(
                "In the period, the programme received requests for technical assistance: %(received)s; it accepted "
                "%(accepted)s. New States parties to the instruments against crime and terrorism: %(new)s."
            )
            % {
                "received": ctx.n(figures["requests_received"]),
                "accepted": ctx.n(figures["requests_accepted"]),
                "new": ctx.n(figures.get("new_parties_total", 0)),
            }
        )
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
