"""Soft links to apps built alongside this one (treaties, mandates): the request works without their data.

Treaty party status on a date is asked, in order, of
1. `tcdesk.treaties.selectors.instruments_party_as_of(iso3, as_of)` (the treaties app's selector), an
   instrument with no recorded participation at all counting as "unknown" rather than "not party";
2. the `treaty_status --instrument CODE --as-of DATE --json` command (a DESIGN.md contract);
and is "unknown" otherwise (shown as such in the priority explanation, worth 0 points).
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import re

INSTRUMENT_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,39}$")
# A resolution symbol and an optional paragraph ("A/RES/60/175 op. 2 (a)"). Every quantifier is
# possessive and the text is stripped and matched whole, so the engine never backtracks: the time
# is linear in the input whatever it holds (a run of spaces used to cost a quadratic search).
MANDATE_CITATION = re.compile(
    r"(?P<symbol>[A-Z]++(?:/[A-Z0-9.\-]++)++(?:\s*+\(\d{4}\))?+)"
    r"(?:\s*+,?+\s*+(?:op\.?+|para\.?+|paragraph|§)\s*+(?P<para>[0-9]++[a-z]?+(?:\s*+\([a-z]\))?+))?+",
    re.IGNORECASE,
)


class PartyStatusCache:
    """Remembers answers for one batch (a recomputation), so each question is asked once."""

    def __init__(self) -> None:
        self.parties: dict[tuple[str, dt.date], frozenset[str] | None] = {}
        self.unknown_instruments: set[str] = set()
        self.by_country: dict[tuple[str, dt.date], set[str]] = {}
        self._selectors = _treaty_selectors()
        self._instruments_with_data: set[str] | None = None

    def status(self, iso3: str, code: str, as_of: dt.date) -> bool | None:
        if self._selectors is not None:
            if self._instruments_with_data is None:
                self._instruments_with_data = _instruments_with_data()
            if code not in self._instruments_with_data:
                return None
            key = (iso3, as_of)
            if key not in self.by_country:
                self.by_country[key] = set(self._selectors.instruments_party_as_of(iso3, as_of))
            return code in self.by_country[key]
        parties = self.parties_on(code, as_of)
        return None if parties is None else iso3 in parties

    def parties_on(self, code: str, as_of: dt.date) -> frozenset[str] | None:
        if code in self.unknown_instruments:
            return None
        key = (code, as_of)
        if key not in self.parties:
            answer = _ask_command(code, as_of)
            if answer is None:
                self.unknown_instruments.add(code)
            self.parties[key] = answer
        return self.parties[key]


def _treaty_selectors():
    try:
        module = importlib.import_module("tcdesk.treaties.selectors")
    except ImportError:
        return None
    return module if callable(getattr(module, "instruments_party_as_of", None)) else None


def _instruments_with_data() -> set[str]:
    try:
        models = importlib.import_module("tcdesk.treaties.models")
        return set(models.ParticipationAction.objects.order_by().values_list("instrument_id", flat=True).distinct())
    except Exception:  # noqa: BLE001 - the treaties schema may differ: then nothing is known
        return set()


def _ask_command(code: str, as_of: dt.date) -> frozenset[str] | None:
    from django.core.management import call_command, get_commands

    if "treaty_status" not in get_commands():
        return None
    out = io.StringIO()
    try:
        call_command(
            "treaty_status", instrument=code, as_of=as_of.isoformat(), json=True, stdout=out, stderr=io.StringIO()
        )
        data = json.loads(out.getvalue())
    except BaseException:  # noqa: BLE001 - CommandError/SystemExit for an unknown instrument: unknown
        return None
    parties = data.get("parties")
    if not isinstance(parties, list) or not parties:
        return None  # no treaty data loaded: we cannot tell "not party" from "unknown"
    return frozenset(parties)


def party_status(iso3: str, codes: list[str], as_of: dt.date, cache: PartyStatusCache | None = None) -> dict:
    """{code: True (party) | False (not party) | None (unknown)} on a date."""
    cache = cache or PartyStatusCache()
    return {code: cache.status(iso3, code, as_of) for code in codes}


PARAGRAPH_REF = re.compile(r"^(?P<number>[0-9]+)\s*(?:\(?(?P<label>[a-z])\)?)?$", re.IGNORECASE)


def parse_mandate(citation: str) -> tuple[str, str] | None:
    """ "A/RES/60/175 op. 5" → ("A/RES/60/175", "5"); "… op. 2 (a)" and "… op. 2a" → (…, "2(a)") (the
    mandates registry's key); None when it is not a citation."""
    match = MANDATE_CITATION.fullmatch((citation or "").strip())
    if not match:
        return None
    symbol = " ".join(match.group("symbol").split()).upper()
    return symbol, canonical_paragraph(match.group("para") or "")


def canonical_paragraph(paragraph: str) -> str:
    """ "5" → "5"; "2a", "2 (a)", "2(A)" → "2(a)"; anything else unchanged (spaces removed)."""
    text = (paragraph or "").replace(" ", "")
    match = PARAGRAPH_REF.match(text)
    if not match:
        return text
    label = match.group("label")
    return f"{int(match.group('number'))}({label.lower()})" if label else str(int(match.group("number")))


def mandate_keys(paragraph: str) -> list[str]:
    """The registry keys a cited paragraph may resolve to, best first: "2(a)" → ["2(a)", "2"] (a lettered
    sub-paragraph of a paragraph the registry holds as one mandate); "5" → ["5"]; "" → [] (the whole
    resolution is cited: no single mandate)."""
    key = canonical_paragraph(paragraph)
    if not key:
        return []
    match = PARAGRAPH_REF.match(key)
    if match and match.group("label"):
        return [key, match.group("number")]
    return [key]


def mandate_url(symbol: str) -> str | None:
    """The mandates app's page for a resolution when that app is installed, else None."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("mandates:resolution_list") + f"?q={symbol}"
    except NoReverseMatch:
        return None
