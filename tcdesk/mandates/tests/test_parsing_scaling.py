"""The parser's work grows linearly with its input, hostile inputs included (issue 18).

Two measures, neither an absolute time:

- Operation counts: the Python lines the parser executes (``sys.monitoring`` LINE events, counted
  on the interpreted modules: compiled ones report none), which do not depend on the machine or
  its load. Ten times the input must cost at most about ten times the lines (a loop that rescans
  the text for each line or candidate gives a hundred).
- Work done inside C calls (slices, regular expressions) is not counted as lines: for that, the
  ratio of CPU times (best of a few runs) between an input and one sixteen times larger. Linear
  work gives about 16, a quadratic term at those sizes several times more (the spaced-marker
  check that sliced up to the whole text for each candidate gave about 55).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from tcdesk.mandates.parsing import PARSER_MODE, ParseError, parse_resolution
from tcdesk.mandates.parsing.citations import find_citations

# The parser is plain Python: its outcome does not depend on the database (one CI pass, conftest.py).
pytestmark = pytest.mark.ci_pass("sqlite")

_OPENING = "The General Assembly,\n\nRecalling its resolution 55/25,\n\n1. Requests the Secretary-General to act;\n\n"
_NOTED = "The General Assembly,\n\n1. Requests the Secretary-General to act on it;1\n"
_NOTE = "\n\n___\n1 A note.\n"
_TITLED = "80/1. Observance of norms\n\n" + _OPENING

# (what, function, prefix, unit repeated up to the size, suffix)
SHAPES = [
    ("symbols without spaces", "parser", _OPENING, "A/RES/", ""),
    ("numbers spaced like markers", "parser", _OPENING, "1 ", ""),
    ("numbers spaced like markers, with a footnote", "parser", _NOTED, "word 1 ", _NOTE),
    ("footnote-like lines", "parser", _OPENING, "1 A.\n\n", ""),
    ("paragraph numbers alone", "parser", _OPENING, "\n1.\n", ""),
    ("rules and page breaks", "parser", _OPENING, "___\n---\f", ""),
    ("a run of spaces", "parser", _OPENING, " ", ""),
    # One note line holding many full stops, each followed by what could open body text.
    ("full stops on a note's line", "parser", _OPENING + "---\n1 A note", "Ab. Cd. ", ""),
    ("a resolution list", "parser", _OPENING, "resolution 1/1, ", ""),
    # The running title's first word and the meeting's word after full stops, on one note line: each
    # could be a page header or a closing line glued there.
    ("full stops before a running title's word", "parser", _TITLED + "---\n1 A note", "Ab. Observance ", ""),
    ("full stops before a meeting's word", "parser", _OPENING + "---\n1 A note", "Ab. 5th plenary ", ""),
    # Preambular paragraphs run into one line: each is cut off the rest of the line.
    ("preambular paragraphs in one line", "parser", "The General Assembly,\n\nNoting it, ", "Recalling its work, ", ""),
    ("symbols without spaces", "citations", "", "A/RES/", ""),
    ("slashes", "citations", "", "/", ""),
    ("a resolution list", "citations", "", "resolution 1/1, ", ""),
    ("resolution words", "citations", "", "resolution 60/", ""),
]


def _parse(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_resolution(text)


FUNCTIONS: dict[str, Callable[[str], object]] = {
    "parser": _parse,
    "citations": lambda text: find_citations(text, "GA"),
}


def _text(prefix: str, unit: str, suffix: str, size: int) -> str:
    return prefix + unit * ((size - len(prefix) - len(suffix)) // len(unit)) + suffix


def _lines_executed(function: Callable[[str], object], text: str) -> int:
    monitoring = sys.monitoring
    tool = next(tool for tool in range(6) if monitoring.get_tool(tool) is None)
    count = 0

    def on_line(_code: object, _line: int) -> None:
        nonlocal count
        count += 1

    monitoring.use_tool_id(tool, "tcdesk scaling test")
    try:
        monitoring.register_callback(tool, monitoring.events.LINE, on_line)
        monitoring.set_events(tool, monitoring.events.LINE)
        function(text)
    finally:
        monitoring.set_events(tool, 0)
        monitoring.register_callback(tool, monitoring.events.LINE, None)
        monitoring.free_tool_id(tool)
    return count


def line_counts() -> dict[str, tuple[int, int]]:
    """Lines executed for each shape at 10 KB and at 100 KB ({label and target: (small, large)})."""
    counts = {}
    for label, target, prefix, unit, suffix in SHAPES:
        function = FUNCTIONS[target]
        function(_text(prefix, unit, suffix, 2_000))  # warm-up: first-call work (compiled patterns) aside
        small = _lines_executed(function, _text(prefix, unit, suffix, 10_000))
        large = _lines_executed(function, _text(prefix, unit, suffix, 100_000))
        counts[f"{target}: {label}"] = (small, large)
    return counts


@pytest.fixture(scope="module")
def interpreted_line_counts() -> dict[str, tuple[int, int]]:
    """The line counts of the interpreted modules. Compiled ones (mypyc) report no lines, so where the
    parser runs compiled the counts are taken in a second process that runs it interpreted."""
    if PARSER_MODE != "compiled":
        return line_counts()
    run = subprocess.run(
        [sys.executable, "-c", f"import json; from {__name__} import line_counts; print(json.dumps(line_counts()))"],
        env={**os.environ, "TCDESK_PARSER": "interpreted"},
        capture_output=True,
        text=True,
        check=True,
    )
    return {key: (small, large) for key, (small, large) in json.loads(run.stdout).items()}


@pytest.mark.parametrize(
    ("label", "target", "prefix", "unit", "suffix"), SHAPES, ids=[f"{s[1]}: {s[0]}" for s in SHAPES]
)
def test_ten_times_the_input_executes_at_most_about_ten_times_the_lines(
    label, target, prefix, unit, suffix, interpreted_line_counts
):
    small, large = interpreted_line_counts[f"{target}: {label}"]
    assert small > 0, f"{label}: no line counted (the interpreted modules must run here)"
    assert large <= 12 * small, f"{label}: {small} lines at 10 KB, {large} at 100 KB"


def _cpu_seconds(function: Callable[[str], object], text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        function(text)
        best = min(best, time.process_time() - start)
    return best


# The shapes that are cheap enough to run at 320 KB, among them the one a per-candidate slice made
# quadratic.
_TIMED = [
    shape
    for shape in SHAPES
    if shape[0].startswith(("numbers spaced", "symbols", "slashes", "a run", "full stops", "preambular"))
]


@pytest.mark.parametrize(
    ("label", "target", "prefix", "unit", "suffix"), _TIMED, ids=[f"{s[1]}: {s[0]}" for s in _TIMED]
)
def test_sixteen_times_the_input_takes_far_less_than_a_quadratic_time(label, target, prefix, unit, suffix):
    function = FUNCTIONS[target]
    function(_text(prefix, unit, suffix, 2_000))
    small = _cpu_seconds(function, _text(prefix, unit, suffix, 20_000))
    large = _cpu_seconds(function, _text(prefix, unit, suffix, 320_000))
    # Linear: about 16; quadratic: 256. The bound leaves room for a loaded machine's noise.
    assert large <= 40 * max(small, 1e-4), f"{label}: {small:.4f}s at 20 KB, {large:.4f}s at 320 KB"
