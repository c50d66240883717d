"""``MarkerIndex``: where a text may call each footnote number.

``layout.lay_out`` asks it whether a run of numbered lines without a rule line is a footnote
block: the notes' markers come before them in the text. Plain Python, no Django.
"""

from __future__ import annotations

import bisect

from .markers import _DIGIT_RUN, _SUPERSCRIPT_DIGITS, ascii_digit_runs, has_superscript_digits

# Questions answered by looking for the number's digits before the whole index is built: a text
# asks a few (one per note found without a rule line: up to six in the labelled corpus), and
# after that many the index is cheaper. The bound keeps the work linear in the text's size.
_SEARCHES = 8
_ASCII_DIGITS = frozenset("0123456789")


def _numbers_at(text: str, start: int, end: int, superscripts: bool) -> tuple[int, ...]:
    """The footnote numbers that a marker ending the digit run text[start:end] may be: "word1",
    "2024,1" (three digits at most), "19904" (after a year), "59/1599" (after a resolution
    number: the last one to three digits). None when the run goes on ("59/…", "2005-2010")."""
    after = text[end] if end < len(text) else "\n"
    if after.isdigit() or after in "/-":
        return ()
    digits = text[start:end]
    if superscripts:  # only then can a run hold superscript digits to read as ASCII ones
        digits = digits.translate(_SUPERSCRIPT_DIGITS)
    before = text[start - 1] if start > 0 else "\n"
    if len(digits) <= 3:
        if before.isalnum() and not before.isalpha():
            return ()
        return (int(digits),)
    if len(digits) in (5, 6) and digits[:2] in ("19", "20"):
        return (int(digits[4:]),)
    if before == "/":
        return (int(digits[-1:]), int(digits[-2:]), int(digits[-3:]))
    return ()


class MarkerIndex:
    """Where the text may call each footnote number: the starts of the digit runs whose end a
    marker can be (see ``_numbers_at``).

    The first few questions are answered without an index: every run that may call a number
    ends with that number's digits, so a substring search for them finds the candidates, and
    the first run that qualifies answers (paragraph "1." calls footnote 1, as far as this
    index can tell). Building the index means examining every digit run of the text, which a
    text rich in numbers makes costly.
    """

    def __init__(self, text: str, *, superscripts: bool | None = None) -> None:
        self.text = text
        self._positions: dict[int, list[int]] | None = None
        self._superscripts: bool | None = superscripts  # None: looked up at the first question
        self._searches_left = _SEARCHES

    def called(self, number: int, start: int, end: int) -> bool:
        """Whether a marker of ``number`` may sit in ``text[start:end]``."""
        if self._superscripts is None:
            self._superscripts = has_superscript_digits(self.text)
        if self._positions is None:
            if not self._superscripts and self._searches_left > 0:
                self._searches_left -= 1
                return self._search(number, start, end)
            self._positions = self._index()
        positions = self._positions.get(number)
        if not positions:
            return False
        at = bisect.bisect_left(positions, start)
        return at < len(positions) and positions[at] < end

    def _index(self) -> dict[int, list[int]]:
        """Every number the text may call, with the starts of the runs that may call it, in order."""
        text = self.text
        positions: dict[int, list[int]] = {}
        add = positions.setdefault
        superscripts = bool(self._superscripts)
        spans = [run.span() for run in _DIGIT_RUN.finditer(text)] if superscripts else ascii_digit_runs(text)
        for start, end in spans:
            for number in _numbers_at(text, start, end, superscripts):
                add(number, []).append(start)
        return positions

    def _search(self, number: int, start: int, end: int) -> bool:
        """``called`` without the index, for a text without superscript digits (runs of ASCII
        digits only). A run that may call ``number`` ends with its digits ("1", "01", "2005" +
        "1", "59/15" + "99"): the occurrences of those digits that end a run are the candidates,
        and a run qualifies when it starts in the window and ``_numbers_at`` reads ``number``."""
        text = self.text
        length = len(text)
        needle = str(number)
        at = text.find(needle, start)
        while 0 <= at < end:
            if self._run_calls(number, at + len(needle), start):
                return True
            at = text.find(needle, at + 1)
        # A run that starts in the window and ends past it holds both text[end - 1] and text[end];
        # its digits may begin at or after ``end``, where the search above stopped.
        if 0 < end < length and text[end - 1] in _ASCII_DIGITS and text[end] in _ASCII_DIGITS:
            run_end = end
            while run_end < length and text[run_end] in _ASCII_DIGITS:
                run_end += 1
            return self._run_calls(number, run_end, start)
        return False

    def _run_calls(self, number: int, run_end: int, window_start: int) -> bool:
        """Whether the run of ASCII digits ending at ``run_end`` (if one ends there) starts at or
        after ``window_start`` and may call ``number``."""
        text = self.text
        if run_end < len(text) and text[run_end] in _ASCII_DIGITS:
            return False  # the digits go on: no run ends here
        run_start = run_end
        while run_start > 0 and text[run_start - 1] in _ASCII_DIGITS:
            run_start -= 1
        return run_start >= window_start and number in _numbers_at(text, run_start, run_end, False)
