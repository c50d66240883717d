"""Every write of the mandates app: loading resolutions, tracking mandates.

`resolution_load` turns an uploaded file (text or PDF) into a Resolution with its paragraphs,
footnotes, citations, mandates and reporting requests, in one transaction. Re-loading the same
symbol updates all of these in place and keeps each mandate's status, evidence and events
(mandates are matched by operative number and sub-paragraph label), so tracking is never lost.
Nothing is stored when the file cannot be read or is not a resolution.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.core.models import Theme

from . import addressees as addressee_table
from .choices import (
    ASKING_ACTIONS,
    STATUS_TRANSITIONS,
    Action,
    Body,
    CitationKind,
    EventKind,
    MandateStatus,
    ParagraphKind,
    ReportingKind,
    SourceFormat,
)
from .models import (
    Addressee,
    Citation,
    Footnote,
    Mandate,
    MandateEvent,
    MandateEvidence,
    Paragraph,
    ReportingRequest,
    Resolution,
    SubParagraph,
    ga_session_year,
)
from .parsing import ParseError, decode_text, extract_pdf_text, parse_resolution
from .theming import themes_for

ALLOWED_EXTENSIONS = {".txt", ".pdf"}
LANGUAGES = ("auto", "en", "fr", "es")
_SYMBOL = re.compile(r"^[A-Z]{1,10}(?:/[A-Z0-9.\-]+(?: ?\([A-Z0-9]+\))?(?: [A-Z])?)+$")
_SYMBOL_PREFIX_BODY = {"A": Body.GA, "E": Body.ECOSOC, "S": Body.SC}
_CITATION_PREFIX = {Body.GA: "A", Body.ECOSOC: "E", Body.SC: "S"}


# ---------------------------------------------------------------------------------------------
# Reading files


@dataclass
class SourceDocument:
    text: str
    format: str
    sha256: str
    filename: str


def normalise_symbol(symbol: str) -> str:
    return " ".join((symbol or "").split()).upper()


def read_source(*, data: bytes, filename: str = "") -> SourceDocument:
    """Bytes of an uploaded .txt or .pdf file to text; ValidationError on the `file` field."""
    if not data:
        raise ValidationError({"file": [_("The file is empty: expected the text or the PDF of a resolution.")]})
    limit = settings.TCDESK_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise ValidationError(
            {
                "file": [
                    _("The file is too large (%(size)s bytes; the limit is %(limit)s).")
                    % {"size": len(data), "limit": limit}
                ]
            }
        )
    extension = Path(filename or "").suffix.lower()
    if filename and extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            {"file": [_("Only .txt and .pdf files are accepted (this file is “%(name)s”).") % {"name": filename}]}
        )
    is_pdf = b"%PDF-" in data[:1024]
    if extension == ".pdf" and not is_pdf:
        raise ValidationError({"file": [_("The file is named .pdf but is not a PDF document.")]})
    try:
        text = extract_pdf_text(data) if is_pdf else decode_text(data)
    except ParseError as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    return SourceDocument(
        text=text,
        format=SourceFormat.PDF if is_pdf else SourceFormat.TEXT,
        sha256=hashlib.sha256(data).hexdigest(),
        filename=Path(filename or "").name,
    )


def parse_source(*, data: bytes, filename: str = "", lang: str = "auto"):
    """Read and parse a file without storing anything: (SourceDocument, ParsedResolution)."""
    if lang not in LANGUAGES:
        raise ValidationError({"lang": [_("Unknown language “%(lang)s”: use auto, en, fr or es.") % {"lang": lang}]})
    source = read_source(data=data, filename=filename)
    try:
        parsed = parse_resolution(source.text, lang, source_name=source.filename or None)
    except ParseError as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    return source, parsed


# ---------------------------------------------------------------------------------------------
# Loading resolutions


@transaction.atomic
def resolution_load(
    *, data: bytes, filename: str = "", user=None, lang: str = "auto", symbol: str | None = None
) -> tuple[Resolution, bool]:
    """Load (or re-load) a resolution from a text or PDF file; returns (resolution, created)."""
    source, parsed = parse_source(data=data, filename=filename, lang=lang)
    document = parsed.to_dict()
    read_symbol = normalise_symbol(document.get("symbol") or "")
    given_symbol = normalise_symbol(symbol or "")
    if given_symbol and read_symbol and given_symbol != read_symbol:
        raise ValidationError(
            {"symbol": [_("The text is %(read)s, not %(given)s.") % {"read": read_symbol, "given": given_symbol}]}
        )
    final_symbol = read_symbol or given_symbol
    if not final_symbol:
        raise ValidationError(
            {
                "symbol": [
                    _(
                        "The symbol could not be read from the text or the file name: give it "
                        "(for example A/RES/60/175), or name the file A-RES-60-175.txt."
                    )
                ]
            }
        )
    if not _SYMBOL.match(final_symbol):
        raise ValidationError({"symbol": [_("“%(symbol)s” is not a document symbol.") % {"symbol": final_symbol}]})

    resolution = Resolution.objects.select_for_update().filter(symbol=final_symbol).first()
    created = resolution is None
    now = timezone.now()
    if created:
        resolution = Resolution(symbol=final_symbol)
    unchanged = not created and resolution.source_sha256 == source.sha256 and resolution.parsed == document
    _set_resolution_fields(resolution, document, source, user=user, now=now)
    _with_history_user(resolution, user)
    resolution._change_reason = "loaded" if created else "re-loaded"
    resolution.save()
    if not unchanged:
        paragraphs = _store_paragraphs(resolution, parsed, document)
        _store_footnotes(resolution, document)
        _store_citations(resolution, document, paragraphs)
        mandates = _store_mandates(resolution, document, paragraphs, user=user, now=now, created=created)
        _store_reporting_requests(resolution, document, mandates)
    citations_resolve(resolution=resolution)
    return resolution, created


def _set_resolution_fields(resolution: Resolution, document: dict, source: SourceDocument, *, user, now) -> None:
    """Copy the parsed header; values the parser could not read keep what was recorded before."""
    body = document.get("body") or _SYMBOL_PREFIX_BODY.get(resolution.symbol.split("/")[0], Body.OTHER)
    resolution.body = body if body in Body.values else Body.OTHER
    resolution.language = document.get("language") or resolution.language or "en"
    resolution.title = document.get("title") or resolution.title or ""
    resolution.session = document.get("session") or resolution.session
    adoption = document.get("adoption_date")
    if adoption:
        with contextlib.suppress(ValueError):
            resolution.adoption_date = dt.date.fromisoformat(adoption)
    resolution.agenda_item = (document.get("agenda_item") or resolution.agenda_item or "")[:60]
    resolution.plenary_meeting = document.get("plenary_meeting") or resolution.plenary_meeting
    resolution.source_text = source.text
    resolution.source_sha256 = source.sha256
    resolution.source_filename = source.filename[:255]
    resolution.source_format = source.format
    resolution.parsed = document
    resolution.loaded_by = user if getattr(user, "is_authenticated", False) else None
    resolution.loaded_at = now


def _with_history_user(obj: Any, user) -> None:
    if getattr(user, "is_authenticated", False):
        obj._history_user = user


def _save_if_changed(obj: Any, values: dict[str, Any]) -> bool:
    changed = obj.pk is None or any(getattr(obj, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(obj, name, value)
    if changed:
        obj.save()
    return changed


def _marker_positions(parsed, element_text: dict[str, str]) -> dict[str, list[dict]]:
    """Where each footnote marker sits in its paragraph's text (the parser removes markers from
    paragraph texts and records their offsets in its cleaned text)."""
    cleaned = getattr(parsed, "cleaned_text", "") or ""
    found: dict[str, list[dict]] = {}
    for footnote in getattr(parsed, "footnotes", []) or []:
        for marker in getattr(footnote, "markers", []) or []:
            text = element_text.get(marker.element)
            if text is None:
                continue
            before = re.sub(r"\s+", " ", cleaned[max(0, marker.offset - 60) : marker.offset])
            start = max((m["at"] for m in found.get(marker.element, [])), default=0)
            position = len(text.rstrip(";,.:"))
            for size in (40, 25, 15, 8):
                context = before[-size:].lstrip()
                if len(context.strip()) < 4:
                    continue
                index = text.find(context.rstrip(), start)
                if index < 0:
                    index = text.find(context.rstrip())
                if index >= 0:
                    position = index + len(context.rstrip())
                    break
            found.setdefault(marker.element, []).append({"number": footnote.number, "at": position})
    for markers in found.values():
        markers.sort(key=lambda m: (m["at"], m["number"]))
    return found


def _store_paragraphs(resolution: Resolution, parsed, document: dict) -> dict[str, Paragraph]:
    """Preambular, operative and annex paragraphs, updated in place; keyed by parser element
    ("preamble:3", "operative:21", "annex:2")."""
    wanted: list[tuple[str, str, int, dict]] = []
    for position, item in enumerate(document.get("preamble") or [], start=1):
        index = item.get("index") or position
        wanted.append((f"preamble:{index}", ParagraphKind.PREAMBULAR, position, {**item, "number": index}))
    for position, item in enumerate(document.get("operative") or [], start=1):
        wanted.append((f"operative:{item.get('number')}", ParagraphKind.OPERATIVE, position, item))
    annex = document.get("annex") or {}
    for position, item in enumerate(annex.get("paragraphs") or [], start=1):
        wanted.append((f"annex:{position}", ParagraphKind.ANNEX, position, item))

    markers = _marker_positions(parsed, {element: item.get("text") or "" for element, _k, _p, item in wanted})
    existing = {(p.kind, p.order): p for p in resolution.paragraphs.all()}
    result: dict[str, Paragraph] = {}
    for element, kind, order, item in wanted:
        paragraph = existing.pop((kind, order), None) or Paragraph(resolution=resolution, kind=kind, order=order)
        _save_if_changed(
            paragraph,
            {
                "number": item.get("number"),
                "lead": (item.get("lead") or "")[:200],
                "text": item.get("text") or "",
                "annex_section": item.get("section") if kind == ParagraphKind.ANNEX else None,
                "footnote_markers": markers.get(element, []),
            },
        )
        _store_subparagraphs(paragraph, item.get("subparagraphs") or [])
        result[element] = paragraph
    for leftover in existing.values():
        leftover.delete()
    return result


def _store_subparagraphs(paragraph: Paragraph, items: list[dict]) -> None:
    existing = {s.order: s for s in paragraph.subparagraphs.all()}
    for order, item in enumerate(items, start=1):
        sub = existing.pop(order, None) or SubParagraph(paragraph=paragraph, order=order)
        _save_if_changed(sub, {"label": str(item.get("label") or order)[:10], "text": item.get("text") or ""})
    for leftover in existing.values():
        leftover.delete()


def _store_footnotes(resolution: Resolution, document: dict) -> None:
    existing = {f.number: f for f in resolution.footnotes.all()}
    for item in document.get("footnotes") or []:
        footnote = existing.pop(item["number"], None) or Footnote(resolution=resolution, number=item["number"])
        _save_if_changed(footnote, {"text": item.get("text") or "", "called_from": item.get("called_from") or []})
    for leftover in existing.values():
        leftover.delete()


def citation_target(kind: str, body: str | None, ref: str) -> str:
    """The symbol a citation names: 55/25 of the Assembly is A/RES/55/25; 2005/14 of the Council
    E/RES/2005/14; 1373 (2001) of the Security Council S/RES/1373 (2001); documents as written."""
    ref = normalise_symbol(ref)
    if kind == CitationKind.DOCUMENT:
        return ref
    prefix = _CITATION_PREFIX.get(body or "")
    if not prefix:
        return ""
    return f"{prefix}/{'RES' if kind == CitationKind.RESOLUTION else 'DEC'}/{ref}"


def _store_citations(resolution: Resolution, document: dict, paragraphs: dict[str, Paragraph]) -> None:
    existing = {(c.kind, c.body, c.ref): c for c in resolution.citations.all()}
    for item in document.get("citations") or []:
        kind = item.get("kind") if item.get("kind") in CitationKind.values else CitationKind.DOCUMENT
        body = item.get("body") if item.get("body") in Body.values else ""
        ref = (item.get("ref") or "")[:80]
        if not ref:
            continue
        occurrences = item.get("occurrences") or []
        first_paragraph = next((paragraphs[o] for o in occurrences if o in paragraphs), None)
        citation = existing.pop((kind, body, ref), None) or Citation(
            resolution=resolution, kind=kind, body=body, ref=ref
        )
        _save_if_changed(
            citation,
            {
                "target_symbol": citation_target(kind, body, ref),
                "occurrences": occurrences,
                "paragraph": first_paragraph,
            },
        )
    for leftover in existing.values():
        leftover.delete()


def citations_resolve(*, resolution: Resolution) -> int:
    """Link citations to loaded resolutions, both ways: this resolution's citations to the ones
    already loaded, and earlier citations of this resolution to it. Returns links made."""
    made = 0
    targets = {c.target_symbol for c in resolution.citations.all() if c.target_symbol}
    loaded = dict(Resolution.objects.filter(symbol__in=targets).values_list("symbol", "pk"))
    for citation in resolution.citations.all():
        target = loaded.get(citation.target_symbol)
        if target == resolution.pk:
            target = None
        if citation.cited_resolution_id != target:
            citation.cited_resolution_id = target
            citation.save(update_fields=["cited_resolution"])
            made += target is not None
    made += (
        Citation.objects.filter(target_symbol=resolution.symbol)
        .exclude(resolution=resolution)
        .exclude(cited_resolution=resolution)
        .update(cited_resolution=resolution)
    )
    return made


def _addressee_for(name: str) -> Addressee:
    code, name_en, name_fr, name_es = addressee_table.canonical(name)
    addressee = Addressee.objects.filter(name_en=name_en).first()
    if addressee is None:
        base, suffix = code, 2
        while Addressee.objects.filter(code=code).exists():
            code, suffix = f"{base}-{suffix}"[:60], suffix + 1
        addressee = Addressee.objects.create(code=code, name_en=name_en, name_fr=name_fr, name_es=name_es)
    return addressee


def _chapeau(text: str, subparagraphs: list[dict]) -> str:
    """The words of a paragraph before its first lettered sub-paragraph."""
    if not subparagraphs:
        return text
    first = subparagraphs[0]
    index = text.find(first.get("text") or "\x00")
    if index <= 0:
        return text
    head = text[:index]
    return re.sub(r"\s*\(?" + re.escape(str(first.get("label"))) + r"\)\s*$", "", head).rstrip()


@dataclass
class _Ask:
    key: str
    number: int
    label: str
    order: int
    action: str
    other_actions: list[str]
    lead: str
    text: str
    addressees: list[str]
    due_session: int | None


def _asks(document: dict) -> list[_Ask]:
    """One ask per operative paragraph, or per lettered sub-paragraph when the paragraph asks
    for several things ("Urges Member States: (a) …; (b) …")."""
    due: dict[int, int] = {}
    for request in document.get("reporting_requests") or []:
        if request.get("to_session") and request.get("paragraph") is not None:
            due.setdefault(int(request["paragraph"]), int(request["to_session"]))
    asks: list[_Ask] = []
    order = 0
    for item in document.get("operative") or []:
        number = item.get("number")
        if number is None:
            continue
        kind = item.get("kind") if item.get("kind") in Action.values else Action.OTHER
        actions = [a.get("kind") for a in item.get("actions") or [] if a.get("kind") in Action.values]
        others = [a for a in dict.fromkeys(actions) if a != kind]
        text = item.get("text") or ""
        subs = item.get("subparagraphs") or []
        common = {
            "number": number,
            "action": kind,
            "other_actions": others,
            "lead": (item.get("lead") or "")[:200],
            "addressees": list(item.get("addressees") or []),
        }
        if subs and kind in ASKING_ACTIONS:
            chapeau = _chapeau(text, subs)
            session_words = [s for s in subs if re.search(r"session|sesiones", s.get("text") or "", re.I)]
            for sub in subs:
                order += 1
                label = str(sub.get("label") or "")[:10]
                gets_due = number in due and (not session_words or sub in session_words)
                asks.append(
                    _Ask(
                        key=f"{number}({label})",
                        label=label,
                        order=order,
                        text=f"{chapeau} ({label}) {sub.get('text') or ''}",
                        due_session=due.get(number) if gets_due else None,
                        **common,
                    )
                )
        else:
            order += 1
            asks.append(_Ask(key=str(number), label="", order=order, text=text, due_session=due.get(number), **common))
    return asks


def _store_mandates(
    resolution: Resolution, document: dict, paragraphs: dict[str, Paragraph], *, user, now, created: bool
) -> dict[str, Mandate]:
    existing = {m.key: m for m in resolution.mandates.all()}
    theme_codes = set(Theme.objects.values_list("code", flat=True))
    result: dict[str, Mandate] = {}
    for ask in _asks(document):
        paragraph = paragraphs.get(f"operative:{ask.number}")
        subparagraph = None
        if paragraph is not None and ask.label:
            subparagraph = next((s for s in paragraph.subparagraphs.all() if s.label == ask.label), None)
        mandate = existing.pop(ask.key, None)
        is_new = mandate is None
        old_text = None if is_new else mandate.text
        if is_new:
            mandate = Mandate(resolution=resolution, key=ask.key)
        _with_history_user(mandate, user)
        _save_if_changed(
            mandate,
            {
                "paragraph": paragraph,
                "subparagraph": subparagraph,
                "paragraph_number": ask.number,
                "subparagraph_label": ask.label,
                "order": ask.order,
                "action": ask.action,
                "other_actions": ("," + ",".join(ask.other_actions) + ",") if ask.other_actions else "",
                "lead": ask.lead,
                "text": ask.text,
                "due_session": ask.due_session,
                "due_year": ga_session_year(ask.due_session) if resolution.body == Body.GA else None,
                "in_text": True,
            },
        )
        mandate.addressees.set([_addressee_for(name) for name in ask.addressees])
        mandate.themes.set([code for code in themes_for(ask.text) if code in theme_codes])
        if is_new:
            MandateEvent.objects.create(
                mandate=mandate,
                kind=EventKind.CREATED,
                to_status=mandate.status,
                actor=user if getattr(user, "is_authenticated", False) else None,
                at=now,
            )
        elif old_text != ask.text:
            MandateEvent.objects.create(
                mandate=mandate,
                kind=EventKind.RELOADED,
                actor=user if getattr(user, "is_authenticated", False) else None,
                at=now,
                comment=_("The paragraph's text changed when the resolution was re-loaded."),
            )
        result[ask.key] = mandate
    for gone in existing.values():
        tracked = (
            gone.status != MandateStatus.OPEN
            or gone.evidence.exists()
            or gone.events.exclude(kind=EventKind.CREATED).exists()
        )
        if tracked:
            # Keep the tracking; the paragraph is no longer in the text.
            gone.in_text = False
            gone.paragraph = gone.subparagraph = None
            gone.save()
        else:
            gone.delete()
    return result


def _store_reporting_requests(resolution: Resolution, document: dict, mandates: dict[str, Mandate]) -> None:
    resolution.reporting_requests.all().delete()
    for item in document.get("reporting_requests") or []:
        number = item.get("paragraph")
        if number is None:
            continue
        session = item.get("to_session")
        mandate = (
            mandates.get(str(number))
            or next(
                (m for key, m in mandates.items() if m.paragraph_number == number and m.due_session == session), None
            )
            or next((m for m in mandates.values() if m.paragraph_number == number), None)
        )
        kind = item.get("kind") if item.get("kind") in ReportingKind.values else ReportingKind.REPORT
        ReportingRequest.objects.create(
            resolution=resolution,
            mandate=mandate,
            paragraph_number=number,
            kind=kind,
            addressee=_addressee_for(item["addressee"]) if item.get("addressee") else None,
            to_session=session,
            due_year=ga_session_year(session) if session and resolution.body == Body.GA else None,
        )


@transaction.atomic
def resolution_update_details(
    *,
    resolution: Resolution,
    user,
    adoption_date: dt.date | None,
    agenda_item: str = "",
    plenary_meeting: int | None = None,
) -> Resolution:
    """Record header facts the text does not print (the seed's adoption date, for instance)."""
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if adoption_date and adoption_date > timezone.localdate():
        raise ValidationError({"adoption_date": [_("The adoption date cannot be in the future.")]})
    resolution.adoption_date = adoption_date
    resolution.agenda_item = (agenda_item or "").strip()[:60]
    resolution.plenary_meeting = plenary_meeting
    _with_history_user(resolution, user)
    resolution.save()
    return resolution


# ---------------------------------------------------------------------------------------------
# Tracking mandates


def _actor(user):
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def mandate_status_change(*, mandate: Mandate, to_status: str, user, comment: str = "") -> Mandate:
    """Move a mandate to another status along the allowed transitions, recording an event."""
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    comment = (comment or "").strip()
    if to_status not in MandateStatus.values:
        raise ValidationError({"status": [_("Unknown status “%(status)s”.") % {"status": to_status}]})
    if to_status == MandateStatus.SUPERSEDED:
        raise ValidationError(
            {"status": [_("A mandate is superseded by a later resolution: use “Mark as superseded” and name it.")]}
        )
    if to_status == mandate.status:
        raise ValidationError(
            {"status": [_("The mandate is already “%(status)s”.") % {"status": mandate.get_status_display()}]}
        )
    if to_status not in STATUS_TRANSITIONS[mandate.status]:
        raise ValidationError(
            {
                "status": [
                    _("A mandate cannot go from “%(from)s” to “%(to)s”.")
                    % {"from": mandate.get_status_display(), "to": MandateStatus(to_status).label}
                ]
            }
        )
    if to_status == MandateStatus.CLOSED and not comment:
        raise ValidationError({"comment": [_("Say why the mandate is closed.")]})
    from_status = mandate.status
    mandate.status = to_status
    if from_status == MandateStatus.SUPERSEDED:
        mandate.superseded_by = None
    _with_history_user(mandate, user)
    mandate._change_reason = comment[:100]
    mandate.save()
    MandateEvent.objects.create(
        mandate=mandate,
        kind=EventKind.STATUS,
        from_status=from_status,
        to_status=to_status,
        actor=_actor(user),
        at=timezone.now(),
        comment=comment,
    )
    return mandate


@transaction.atomic
def mandate_evidence_add(*, mandate: Mandate, user, url: str = "", text: str = "", note: str = "") -> MandateEvidence:
    """Attach a link or a description of what was done; recorded on the timeline."""
    url, text, note = (url or "").strip(), (text or "").strip(), (note or "").strip()
    if not url and not text:
        raise ValidationError({"url": [_("Give a link or a description of the evidence.")]})
    if url:
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise ValidationError({"url": [_("Enter a web address starting with http:// or https://.")]}) from exc
    if len(note) > 500:
        raise ValidationError({"note": [_("The note is limited to 500 characters.")]})
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    now = timezone.now()
    evidence = MandateEvidence(mandate=mandate, url=url, text=text, note=note, added_by=_actor(user), added_at=now)
    _with_history_user(evidence, user)
    evidence.save()
    MandateEvent.objects.create(
        mandate=mandate, kind=EventKind.EVIDENCE, actor=_actor(user), at=now, comment=note or url or text[:200]
    )
    return evidence


def _check_later(mandate: Mandate, later: Resolution, field: str) -> None:
    earlier = mandate.resolution
    if later.pk == earlier.pk:
        raise ValidationError({field: [_("A mandate cannot be replaced by its own resolution.")]})
    if earlier.adoption_date and later.adoption_date:
        is_earlier = later.adoption_date <= earlier.adoption_date
    elif earlier.session and later.session and earlier.body == later.body:
        is_earlier = later.session < earlier.session
    else:
        is_earlier = False
    if is_earlier:
        raise ValidationError(
            {
                field: [
                    _("%(later)s is not later than %(earlier)s.") % {"later": later.symbol, "earlier": earlier.symbol}
                ]
            }
        )


@transaction.atomic
def mandate_mark_superseded(*, mandate: Mandate, by: Resolution, user, comment: str = "") -> Mandate:
    """A later resolution replaces this mandate: status superseded, with a link to it."""
    mandate = Mandate.objects.select_for_update().select_related("resolution").get(pk=mandate.pk)
    _check_later(mandate, by, "resolution")
    from_status = mandate.status
    mandate.status = MandateStatus.SUPERSEDED
    mandate.superseded_by = by
    _with_history_user(mandate, user)
    mandate.save()
    MandateEvent.objects.create(
        mandate=mandate,
        kind=EventKind.SUPERSEDED,
        from_status=from_status,
        to_status=MandateStatus.SUPERSEDED,
        actor=_actor(user),
        at=timezone.now(),
        comment=(comment or "").strip() or _("Superseded by %(symbol)s.") % {"symbol": by.symbol},
    )
    return mandate


@transaction.atomic
def mandate_mark_renewed(*, mandate: Mandate, by: Resolution, user, comment: str = "") -> Mandate:
    """A later resolution renews this mandate: the work continues under the later one, so this
    one is closed, with a link to the renewal."""
    mandate = Mandate.objects.select_for_update().select_related("resolution").get(pk=mandate.pk)
    _check_later(mandate, by, "resolution")
    from_status = mandate.status
    mandate.renewed_by = by
    if mandate.status in (MandateStatus.OPEN, MandateStatus.IN_PROGRESS):
        mandate.status = MandateStatus.CLOSED
    _with_history_user(mandate, user)
    mandate.save()
    MandateEvent.objects.create(
        mandate=mandate,
        kind=EventKind.RENEWED,
        from_status=from_status,
        to_status=mandate.status,
        actor=_actor(user),
        at=timezone.now(),
        comment=(comment or "").strip() or _("Renewed by %(symbol)s.") % {"symbol": by.symbol},
    )
    return mandate
