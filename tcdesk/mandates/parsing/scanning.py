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


class Rules:
    """The footnote rules ("___", "---") of a text, found in order: ``next_from(position)`` is where
    the first one at or after ``position`` starts (-1: none). Each kind is searched for again only
    once the reader has passed it, so the text is read once for each, however many rules it holds.

    Why one-character searches: they run at memchr speed, while a three-character one steps
    through the text a few characters at a time; underscores and hyphens are rare, so the loop
    runs a few times where the three-character search would read the whole text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._next = {char: self._find(char, 0) for char in "_-"}

    def next_from(self, position: int) -> int:
        for char, at in self._next.items():
            if 0 <= at < position:
                self._next[char] = self._find(char, position)
        return min((at for at in self._next.values() if at >= 0), default=-1)

    def _find(self, char: str, start: int) -> int:
        """``text.find(char * 3, start)``, found from the single character."""
        text, rule = self.text, char * 3
        at = text.find(char, start)
        while at >= 0 and not text.startswith(rule, at):
            at = text.find(char, at + 1)
        return at
