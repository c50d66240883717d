"""Fast equivalents of ``search`` and ``finditer`` for patterns anchored at line starts.

The regular expression engine tries a pattern that begins with ``(?m)^`` at every character
of the text. These helpers let it scan instead for a *candidate* pattern that begins with a
literal newline (found with the engine's fast literal search), and try the anchored pattern
only at the line starts the candidates point to. ``candidates`` must match, from the newline
ending the previous line, at every line start where ``pattern`` can match: a superset is fine,
the results are exactly those of ``pattern.search`` / ``pattern.finditer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def search_lines(
    pattern: re.Pattern[str], candidates: re.Pattern[str], text: str, pos: int = 0
) -> re.Match[str] | None:
    """``pattern.search(text, pos)`` for a pattern anchored at line starts."""
    if pos <= 0 or (pos <= len(text) and text[pos - 1] == "\n"):
        match = pattern.match(text, max(pos, 0))
        if match:
            return match
    for candidate in candidates.finditer(text, max(pos, 0)):
        match = pattern.match(text, candidate.start() + 1)
        if match:
            return match
    return None


def finditer_lines(pattern: re.Pattern[str], candidates: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern anchored at line starts that never matches empty."""
    position = 0
    while True:
        match = search_lines(pattern, candidates, text, position)
        if match is None:
            return
        if match.end() == match.start():
            raise ValueError("finditer_lines needs a pattern that cannot match the empty string")
        yield match
        position = match.end()
