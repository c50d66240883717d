"""Comparing words across languages: accents and case folded away. Pure module (no Django).

For matching and searching only (names in treaty tables, themes in resolutions, overlap of request
texts), never for display.
"""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """The text without its accents and other combining marks: "Côte d'Ivoire" → "Cote d'Ivoire".

    Compatibility forms are unified first (NFKD), so ligatures and superscripts become plain letters
    and digits ("ﬁ" → "fi", "²" → "2").
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """Case and accents folded away: "Législation" → "legislation"."""
    return strip_accents(text).casefold()
