"""Looking ahead of the segmenter's current line: paragraph numbers and headings.

Plain Python, no Django.
"""

from __future__ import annotations

import re

from .inline_numbers import inline_number

OPERATIVE_START = re.compile(r"^[ \t]*(\d{1,3})\.(?=[ \t]|$|\n|[A-ZÀ-Ý])")
HEADING_MAX = 120  # characters of one heading line
_FIRST_PERSON = frozenset(["We", "Nous", "Nosotros", "Nosotras"])
# Words no title ends with: a title line ending with one goes on after a page break.
TITLE_GOES_ON = frozenset("the of and on for in to a an at by de la le les du des et en el los las y del al".split())  # noqa: SIM905 - a word list reads better as words


def numbered(line: str) -> int | None:
    """The paragraph number a line opens with ("12. Requests…", "12." alone), if any."""
    match = OPERATIVE_START.match(line)
    return int(match.group(1)) if match else None


class Lookahead:
    """The body lines after a given one, read only where a decision needs them."""

    def __init__(self, masked: str, lines: list[tuple[int, int]], texts: list[str]) -> None:
        self.masked = masked
        self.lines = lines
        self.texts = texts  # each line's text without its newline, as the segmenter reads them

    def text(self, index: int) -> str:
        return self.texts[index].replace("\x00", "").strip()

    def next_content(self, index: int, limit: int = 12) -> tuple[int, bool] | None:
        """(index of the next line with text, whether a blank line comes before it)."""
        blank = False
        for following in range(index + 1, min(len(self.lines), index + 1 + limit)):
            if self.text(following):
                return following, blank
            blank = True
        return None

    def subtitle(self, stripped: str, index: int) -> bool:
        """Whether the line at ``index`` (``stripped``), under an inline declaration's title, is its
        subtitle: short, closed by no punctuation mark, set apart from what follows by a blank line,
        and not the declaration's first-person opening ("We, Heads of State …", whose first line a
        page break may set apart)."""
        if len(stripped) > HEADING_MAX or stripped.endswith((".", ",", ";", ":")):
            return False
        if stripped.split(None, 1)[0].rstrip(",") in _FIRST_PERSON:
            return False
        following = self.next_content(index)
        if following is not None and not following[1]:
            # A subtitle the line wrap cut in two: its second line, then a blank line.
            second = self.text(following[0])
            if len(stripped) + len(second) > 2 * HEADING_MAX or second.endswith((".", ",", ";", ":")):
                return False
            following = self.next_content(following[0])
        return following is not None and following[1]

    def heading_before(self, index: int, expected: int) -> bool:
        """Whether the line at ``index`` opens a heading: at most three short lines without a
        closing punctuation mark, then the paragraph numbered ``expected``."""
        for _ in range(4):
            text = self.text(index)
            if len(text) > HEADING_MAX or text.endswith((",", ";", ":", ".")) and not _is_label(text):
                return False
            found = self.next_content(index)
            if found is None:
                return False
            index, apart = found
            following = self.masked[self.lines[index][0] : self.lines[index][1]]
            # A heading's next line is set apart, or short, or numbered: a long line right after it
            # is the rest of a paragraph (a preambular paragraph's first line is no heading).
            if (
                not apart
                and len(following.strip()) > 60
                and not following.lstrip()[:1].isdigit()
                and inline_number(following, expected) is None
            ):
                return False
            number = numbered(following)
            if number is not None:
                return number == expected
            if inline_number(following, expected) is not None:
                return True
        return False


_LABEL = re.compile(r"^(?:[IVXLC]+|[A-Z])\.?$")


def _is_label(text: str) -> bool:
    """ "I", "IV.", "A.": the number of a section heading."""
    return bool(_LABEL.match(text))
