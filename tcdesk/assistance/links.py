"""Citations of mandates and instruments as a request writes them ("A/RES/60/175 op. 2 (a)", "ICSANT").
Pure module (no Django): the registry's keys a citation may mean, and the shape of instrument codes.
"""

from __future__ import annotations

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
