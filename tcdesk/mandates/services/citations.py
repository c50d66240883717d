"""Citations: what each citation names, storing them, and linking them to loaded resolutions."""

from __future__ import annotations

from ..choices import Body, CitationKind
from ..models import Citation, Paragraph, Resolution
from ._common import _save_if_changed
from .reading import normalise_symbol

_CITATION_PREFIX: dict[str, str] = {Body.GA: "A", Body.ECOSOC: "E", Body.SC: "S"}


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
