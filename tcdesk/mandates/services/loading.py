"""Loading resolutions: a parsed file stored as a Resolution with all it contains, in one transaction."""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tcdesk.core.history import note_change_reason

from ..choices import Body, DraftStatus, ParagraphKind, ReportingKind
from ..extensions import ResolutionLoaded, resolution_loaded
from ..models import (
    Footnote,
    Mandate,
    Paragraph,
    ReportingRequest,
    Resolution,
    ResolutionDraft,
    SubParagraph,
    ga_session_year,
)
from ..parsing.corrections import CorrectionError, apply_corrections
from ._common import _addressee_for, _save_if_changed, _with_history_user
from .asks import _store_mandates
from .citations import _store_citations, citations_resolve
from .reading import SourceDocument, normalise_symbol, parse_source

_SYMBOL = re.compile(r"^[A-Z]{1,10}(?:/[A-Z0-9.\-]+(?: ?\([A-Z0-9]+\))?(?: [A-Z])?)+$")
_SYMBOL_PREFIX_BODY = {"A": Body.GA, "E": Body.ECOSOC, "S": Body.SC}


# ---------------------------------------------------------------------------------------------
# Loading resolutions


def final_symbol(document: dict, symbol: str | None) -> str:
    """The symbol to store: the one the text prints, or the one given; ValidationError on the
    `symbol` field when they differ, when neither is known, or when it is not a symbol."""
    read_symbol = normalise_symbol(document.get("symbol") or "")
    given_symbol = normalise_symbol(symbol or "")
    if given_symbol and read_symbol and given_symbol != read_symbol:
        raise ValidationError(
            {"symbol": [_("The text is %(read)s, not %(given)s.") % {"read": read_symbol, "given": given_symbol}]}
        )
    symbol_found = read_symbol or given_symbol
    if not symbol_found:
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
    if not _SYMBOL.match(symbol_found):
        raise ValidationError({"symbol": [_("“%(symbol)s” is not a document symbol.") % {"symbol": symbol_found}]})
    return symbol_found


def known_corrections(sha256: str) -> list:
    """The corrections a reviewer made to the parse of this very text (same file), if any: a
    re-load of the same text reproduces them."""
    stored = (
        Resolution.objects.filter(source_sha256=sha256).exclude(corrections=[]).values_list("corrections", flat=True)
    )
    found = stored.first()
    if found is None:
        found = (
            ResolutionDraft.objects.filter(source_sha256=sha256, status=DraftStatus.CONFIRMED)
            .exclude(corrections=[])
            .order_by("-closed_at")
            .values_list("corrections", flat=True)
            .first()
        )
    return list(found or [])


@transaction.atomic
def resolution_load(
    *,
    data: bytes,
    filename: str = "",
    user=None,
    lang: str = "auto",
    symbol: str | None = None,
    corrections: list | None = None,
) -> tuple[Resolution, bool]:
    """Load (or re-load) a resolution from a text or PDF file; returns (resolution, created).

    ``corrections`` (the review step's) are applied to the parse and kept with the resolution; when
    none are given, those made before to the same text are applied again.
    """
    source, parsed = parse_source(data=data, filename=filename, lang=lang)
    if corrections is None:
        corrections = known_corrections(source.sha256)
    renamed: dict[str, str] = {}
    try:
        document = apply_corrections(parsed.to_dict(), corrections, renamed=renamed)
    except CorrectionError as exc:
        raise ValidationError({"corrections": [str(exc)]}) from None
    final = final_symbol(document, symbol)

    found = Resolution.objects.select_for_update().filter(symbol=final).first()
    created = found is None
    now = timezone.now()
    resolution = Resolution(symbol=final) if found is None else found
    unchanged = not created and resolution.source_sha256 == source.sha256 and resolution.parsed == document
    _set_resolution_fields(resolution, document, source, user=user, now=now)
    resolution.corrections = list(corrections)
    _with_history_user(resolution, user)
    note_change_reason(resolution, "loaded" if created else "re-loaded")
    resolution.save()
    if not unchanged:
        paragraphs = _store_paragraphs(resolution, parsed, document, renamed)
        _store_footnotes(resolution, document)
        _store_citations(resolution, document, paragraphs)
        mandates = _store_mandates(resolution, document, paragraphs, user=user, now=now, created=created)
        _store_reporting_requests(resolution, document, mandates)
    citations_resolve(resolution=resolution)
    # An explicit step of the load (not a signal), in its transaction: higher apps react (requests that
    # cited this resolution's paragraphs before it was loaded get their mandate links), so the chain
    # resolution → mandate → request is complete as soon as the load commits.
    resolution_loaded.fire(
        ResolutionLoaded(resolution=resolution, created=created, text_changed=not unchanged, user=user)
    )
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


def _marker_positions(parsed, element_text: dict[str, str], renamed: dict[str, str]) -> dict[str, list[dict]]:
    """Where each footnote marker sits in its paragraph's text (the parser removes markers from
    paragraph texts and records their offsets in its cleaned text)."""
    cleaned = getattr(parsed, "cleaned_text", "") or ""
    found: dict[str, list[dict]] = {}
    notes = list(getattr(parsed, "footnotes", []) or [])
    for annex in getattr(parsed, "annexes", []) or []:
        notes += annex.footnotes
    for footnote in notes:
        for marker in getattr(footnote, "markers", []) or []:
            element = renamed.get(marker.element, marker.element)  # the paragraph holding it after corrections
            text = element_text.get(element)
            if text is None:
                continue
            before = re.sub(r"\s+", " ", cleaned[max(0, marker.offset - 60) : marker.offset])
            start = max((m["at"] for m in found.get(element, [])), default=0)
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
            found.setdefault(element, []).append({"number": footnote.number, "at": position})
    for markers in found.values():
        markers.sort(key=lambda m: (m["at"], m["number"]))
    return found


def _store_paragraphs(resolution: Resolution, parsed, document: dict, renamed: dict[str, str]) -> dict[str, Paragraph]:
    """Preambular, operative and annex paragraphs, updated in place; keyed by parser element
    ("preamble:3", "operative:21", "annex:2")."""
    wanted: list[tuple[str, str, int, dict]] = []
    for position, item in enumerate(document.get("preamble") or [], start=1):
        index = item.get("index") or position
        wanted.append((f"preamble:{index}", ParagraphKind.PREAMBULAR, position, {**item, "number": index}))
    for position, item in enumerate(document.get("operative") or [], start=1):
        # The parser calls a sole unnumbered operative paragraph "operative:1".
        ref = item.get("number") if item.get("number") is not None else position
        wanted.append((f"operative:{ref}", ParagraphKind.OPERATIVE, position, item))
    # Annex paragraphs are counted across annexes ("annex:12"), each keeping its annex's index.
    position = 0
    for section, annex in enumerate(_annexes_of(document)):
        for item in annex.get("paragraphs") or []:
            position += 1
            wanted.append((f"annex:{position}", ParagraphKind.ANNEX, position, {**item, "section": section}))

    markers = _marker_positions(parsed, {element: item.get("text") or "" for element, _k, _p, item in wanted}, renamed)
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


def _annexes_of(document: dict) -> list[dict]:
    """The annexes of a parsed document (documents stored before annexes were a list have "annex")."""
    if document.get("annexes") is not None:
        return list(document["annexes"])
    return [document["annex"]] if document.get("annex") else []


def _store_footnotes(resolution: Resolution, document: dict) -> None:
    """The resolution's footnotes and its annexes' (one numbering for the whole document)."""
    existing = {f.number: f for f in resolution.footnotes.all()}
    notes = list(document.get("footnotes") or [])
    for annex in _annexes_of(document):
        notes += annex.get("footnotes") or []
    seen: set[int] = set()
    for item in notes:
        if item["number"] in seen:
            continue  # a number printed twice (asterisk notes, an annex restarting at 1): the first one is kept
        seen.add(item["number"])
        footnote = existing.pop(item["number"], None) or Footnote(resolution=resolution, number=item["number"])
        _save_if_changed(footnote, {"text": item.get("text") or "", "called_from": item.get("called_from") or []})
    for leftover in existing.values():
        leftover.delete()


def _store_reporting_requests(resolution: Resolution, document: dict, mandates: dict[str, Mandate]) -> None:
    resolution.reporting_requests.all().delete()
    single = len(document.get("operative") or []) == 1
    for item in document.get("reporting_requests") or []:
        number = item.get("paragraph")
        if number is None and single:
            number = 1  # the sole, unnumbered operative paragraph
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
