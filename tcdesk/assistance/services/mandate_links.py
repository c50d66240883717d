"""Requests and the mandates registry: a cited mandate ("A/RES/60/175 op. 5") becomes a link to the
registry's `Mandate` when the registry holds it, and stays as written otherwise.

When does a link get its mandate?

* when a request is created, edited or imported (`resolve_citations`, which also refuses a citation of a
  resolution the registry holds but whose paragraph it does not have: a typo, not a future mandate);
* when the mandate appears later (a resolution loaded after the request was written): loading a
  resolution calls `mandate_links_resolve(symbol=…)` as an explicit step, in the transaction of the
  load, and the links still waiting for that resolution's paragraphs get their mandate;
* for links written before the registry existed: the data migration `0003_resolve_mandate_links`.

So the foreign key is the one truth readers use (the mandate page's "requests under this mandate", the
API, reports); no reader has to match texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from tcdesk.mandates.models import Mandate, Resolution

from ..links import canonical_paragraph, mandate_keys, parse_mandate
from ..models import RequestMandateLink


@dataclass(frozen=True)
class MandateCitation:
    """A related mandate as it will be stored: the text, and the registry's mandate when known."""

    symbol: str
    paragraph: str
    mandate: Mandate | None = None


class MandateResolver:
    """Finds the registry's mandate for a cited symbol and paragraph, asking the database once per
    resolution (a form, an import file or a re-resolution is one batch)."""

    def __init__(self) -> None:
        self._mandates: dict[str, dict[str, Mandate] | None] = {}

    def mandates_of(self, symbol: str) -> dict[str, Mandate] | None:
        """{key: mandate} of a loaded resolution; None when the registry does not hold the resolution."""
        if symbol not in self._mandates:
            mandates = list(Mandate.objects.filter(resolution__symbol=symbol).select_related("resolution"))
            if not mandates:
                self._mandates[symbol] = {} if Resolution.objects.filter(symbol=symbol).exists() else None
            else:
                self._mandates[symbol] = {m.key: m for m in mandates}
        return self._mandates[symbol]

    def resolve(self, symbol: str, paragraph: str) -> tuple[Mandate | None, str | None]:
        """(mandate, None) when found; (None, None) when the registry cannot tell (resolution not loaded,
        or the whole resolution cited); (None, message) when the registry holds the resolution but not
        the paragraph."""
        mandates = self.mandates_of(symbol)
        keys = mandate_keys(paragraph)
        if mandates is None or not keys:
            return None, None
        for key in keys:
            if key in mandates:
                return mandates[key], None
        number = keys[-1] if keys[-1].isdigit() else None
        parts = sorted((k for k in mandates if number and k.startswith(f"{number}(")), key=_key_order)
        citation = f"{symbol} op. {canonical_paragraph(paragraph)}"
        if parts:
            return None, _(
                "%(citation)s is divided into sub-paragraph mandates in the registry (%(keys)s): cite one of them."
            ) % {"citation": citation, "keys": ", ".join(f"op. {k}" for k in parts)}
        return None, _(
            "%(citation)s is not in the mandates registry: %(symbol)s has no operative paragraph %(paragraph)s."
        ) % {
            "citation": citation,
            "symbol": symbol,
            "paragraph": canonical_paragraph(paragraph),
        }


def _key_order(key: str) -> tuple[int, str]:
    number, _sep, rest = key.partition("(")
    return (int(number) if number.isdigit() else 0, rest)


def resolve_citations(
    *,
    actor,
    mandates: Iterable[str] = (),
    mandate_ids: Iterable[int | str] = (),
    resolver: MandateResolver | None = None,
) -> tuple[list[MandateCitation], dict[str, list[str]]]:
    """Citations typed as text (`mandates`) and mandates picked from the registry (`mandate_ids`) as the
    links to store, without duplicates; and the errors by field ("mandates", "mandate_ids")."""
    resolver = resolver or MandateResolver()
    errors: dict[str, list[str]] = {}
    found: dict[tuple[str, str], MandateCitation] = {}
    for text in mandates or []:
        if not (text or "").strip():
            continue
        parsed = parse_mandate(text)
        if parsed is None:
            errors.setdefault("mandates", []).append(
                _("“%(text)s” is not a resolution citation (e.g. A/RES/60/175 op. 5).") % {"text": text.strip()}
            )
            continue
        symbol, paragraph = parsed
        mandate, error = resolver.resolve(symbol, paragraph)
        if error:
            errors.setdefault("mandates", []).append(error)
            continue
        found.setdefault((symbol, paragraph), MandateCitation(symbol, paragraph, mandate))
    ids, bad = set(), []
    for value in mandate_ids or []:
        try:
            ids.add(int(value))
        except (TypeError, ValueError):
            bad.append(str(value))
    picked = {m.pk: m for m in Mandate.objects.for_user(actor).filter(pk__in=ids).select_related("resolution")}
    bad += sorted(str(i) for i in ids - picked.keys())
    if bad:
        errors.setdefault("mandate_ids", []).append(
            _("No mandate of the registry has the id(s) %(ids)s.") % {"ids": ", ".join(bad)}
        )
    for mandate in picked.values():
        found[(mandate.resolution.symbol, mandate.key)] = MandateCitation(
            mandate.resolution.symbol, mandate.key, mandate
        )
    return sorted(found.values(), key=lambda c: (c.symbol, _key_order(c.paragraph))), errors


def mandate_links_store(*, ta_request, citations: Iterable[MandateCitation]) -> None:
    """Replace a request's related mandates (inside the caller's transaction)."""
    ta_request.mandate_links.all().delete()
    RequestMandateLink.objects.bulk_create(
        [
            RequestMandateLink(request=ta_request, symbol=c.symbol, paragraph=c.paragraph, mandate=c.mandate)
            for c in citations
        ]
    )


def mandate_links_resolve(*, symbol: str | None = None, key: str | None = None) -> int:
    """Give the links still waiting for a mandate the registry's mandate when it now holds it (all
    symbols, or one; all paragraphs, or those a registry key answers). Returns how many were linked;
    links the registry cannot answer stay as written."""
    pending = RequestMandateLink.objects.filter(mandate__isnull=True).exclude(paragraph="")
    if symbol is not None:
        pending = pending.filter(symbol=symbol)
    if key is not None:
        number = key.partition("(")[0]
        pending = pending.filter(
            Q(paragraph=key) | Q(paragraph__startswith=f"{number}(") | Q(paragraph__regex=rf"^{number}[a-zA-Z]$")
        )
    resolver = MandateResolver()
    by_mandate: dict[int, list[int]] = {}
    for link_id, link_symbol, paragraph in pending.values_list("pk", "symbol", "paragraph"):
        mandate, _error = resolver.resolve(link_symbol, paragraph)
        if mandate is not None:
            by_mandate.setdefault(mandate.pk, []).append(link_id)
    linked = 0
    for mandate_id, link_ids in by_mandate.items():
        linked += RequestMandateLink.objects.filter(pk__in=link_ids, mandate__isnull=True).update(mandate_id=mandate_id)
    return linked
