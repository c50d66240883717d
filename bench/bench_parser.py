"""Throughput of the resolution parser on the labelled corpus (no Django needed).

Run: .venv/bin/python bench/bench_parser.py [--rounds 15] [--round-seconds 0.2]

Two workloads are timed: the seed (A/RES/60/175 in French, 19 KB, a real extraction) alone,
and the whole labelled corpus round-robin. For each, the parser and a baseline that merely
runs two regular expressions over every line of the same texts are timed in alternating
rounds of the same run (so both see the same machine load), after a warm-up. Each round
calls the function on the workload enough times to last about ``--round-seconds``;
``time.perf_counter`` measures it. Printed per workload: resolutions per second and MB/s
for the best round and the median round, and how many times slower than the baseline the
parser is (best against best, median against median).

The parser runs compiled (mypyc, built by ``make install``: ``tcdesk/mandates/parsing/native.py``)
when the build is current, and the header says so; the same figures are then measured again on the
interpreted modules, in a second process (``--no-interpreted`` skips that), so that both are known.

Instruction counts, which the machine's load does not move: ``bench/callgrind_parser.py``.

Then hostile inputs (issue 18: work on user input must be linear in its size): each is built
at 10 KB, 100 KB and 1 MB and given to the parser, to the parser's citation scan and to the
mandate-citation pattern that requests, the API and imports use (``assistance.links``). Printed:
the time at each size and the ratio of times between sizes, about 10 when the work is linear
(100 when quadratic). ``--no-adversarial`` skips them; ``--adversarial-only`` runs only them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tcdesk.assistance.links import parse_mandate  # noqa: E402 - pure: no Django needed
from tcdesk.mandates.parsing import PARSER_MODE, ParseError, parse_resolution  # noqa: E402
from tcdesk.mandates.parsing.citations import find_citations  # noqa: E402
from tcdesk.mandates.parsing.scoring import corpus_documents  # noqa: E402

CORPUS = ROOT / "tcdesk" / "mandates" / "corpus"
SEED = CORPUS / "A-RES-60-175.fr.txt"
_BASELINE_NUMBER = re.compile(r"^\s*(\d{1,3})\.\s")
_BASELINE_CITATION = re.compile(r"\b\d{1,4}/\d{1,4}\b")


def baseline(text: str) -> int:
    """A plain line-by-line pass: paragraph numbers and N/N references."""
    hits = 0
    for line in text.splitlines():
        if _BASELINE_NUMBER.match(line):
            hits += 1
        hits += len(_BASELINE_CITATION.findall(line))
    return hits


def parse(text: str) -> object:
    return parse_resolution(text)


def _pass(function: Callable[[str], object], texts: list[str], repeat: int) -> float:
    """Seconds per resolution over ``repeat`` passes on the texts."""
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            function(text)
    return (time.perf_counter() - start) / (repeat * len(texts))


def _repeat_for(function: Callable[[str], object], texts: list[str], seconds: float) -> int:
    """How many passes over the texts last about ``seconds`` (measured after a warm-up)."""
    for _ in range(3):
        _pass(function, texts, 1)
    per_pass = _pass(function, texts, 3) * len(texts)
    return max(1, round(seconds / max(per_pass, 1e-9)))


def measure(texts: list[str], rounds: int, round_seconds: float) -> dict[str, list[float]]:
    """Seconds per resolution of each round, for the parser and the baseline, interleaved."""
    functions = {"parser": parse, "baseline": baseline}
    repeats = {name: _repeat_for(function, texts, round_seconds) for name, function in functions.items()}
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(rounds):
        for name, function in functions.items():
            times[name].append(_pass(function, texts, repeats[name]))
    return times


def report(label: str, texts: list[str], rounds: int, round_seconds: float) -> None:
    mean_bytes = sum(len(text.encode("utf-8")) for text in texts) / len(texts)
    times = measure(texts, rounds, round_seconds)
    print(f"{label}: {len(texts)} document(s), mean {mean_bytes / 1024:.1f} KB, {rounds} rounds")
    summary = {}
    for name in ("parser", "baseline"):
        best, median = min(times[name]), statistics.median(times[name])
        summary[name] = (best, median)
        print(
            f"  {name:8s}  best {1 / best:9.1f} res/s {mean_bytes / best / 1e6:7.2f} MB/s"
            f"   median {1 / median:9.1f} res/s {mean_bytes / median / 1e6:7.2f} MB/s"
        )
    (parser_best, parser_median), (base_best, base_median) = summary["parser"], summary["baseline"]
    print(
        f"  parser / baseline time: best {parser_best / base_best:.1f}x, "
        f"median {parser_median / base_median:.1f}x slower than the line-by-line regex pass"
    )


# Hostile inputs: (what, target, prefix, unit repeated up to the size, suffix). A paragraph opening
# makes the parser read its inputs as a resolution's body rather than refuse them at once.
_OPENING = "The General Assembly,\n\nRecalling its resolution 55/25,\n\n1. Requests the Secretary-General to act;\n\n"
# With a footnote 1 to call, every spaced "1" is a candidate marker (its line is looked at).
_NOTED = "The General Assembly,\n\n1. Requests the Secretary-General to act on it;1\n"
_NOTE = "\n\n___\n1 A note.\n"
ADVERSARIAL = [
    ("symbols without spaces (A/RES/…)", "parser", _OPENING, "A/RES/", ""),
    ("numbers spaced like markers", "parser", _OPENING, "1 ", ""),
    ("spaced numbers, a footnote 1", "parser", _NOTED, "word 1 ", _NOTE),
    ("footnote-like lines", "parser", _OPENING, "1 A.\n\n", ""),
    ("paragraph numbers alone", "parser", _OPENING, "\n1.\n", ""),
    ("rules and page breaks", "parser", _OPENING, "___\n---\f", ""),
    ("a run of spaces", "parser", _OPENING, " ", ""),
    ("symbols without spaces (A/RES/…)", "citation scan", "", "A/RES/", ""),
    ("slashes", "citation scan", "", "/", ""),
    ("a resolution list", "citation scan", "", "resolution 1/1, ", ""),
    ("spaces after a symbol", "mandate citation", "A/RES/60/175", " ", "x"),
    ("spaces after a paragraph word", "mandate citation", "A/RES/60/175 op", " ", "x"),
    ("symbol parts", "mandate citation", "A", "/RES", " x"),
]
SIZES = (10_000, 100_000, 1_000_000)
TARGETS: dict[str, Callable[[str], object]] = {}


def _parse_or_refuse(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_resolution(text)


TARGETS.update(
    {
        "parser": _parse_or_refuse,
        "citation scan": lambda text: find_citations(text, "GA"),
        "mandate citation": parse_mandate,
    }
)


def _seconds(function: Callable[[str], object], text: str) -> float:
    """Best time of a few calls, as many as fit in about 0.2 s (at least one)."""
    best = float("inf")
    spent = 0.0
    while spent < 0.2:
        start = time.perf_counter()
        function(text)
        elapsed = time.perf_counter() - start
        best, spent = min(best, elapsed), spent + elapsed
        if elapsed > 0.5:
            break
    return best


def report_adversarial() -> None:
    print("hostile inputs: best time at 10 KB, 100 KB and 1 MB, and the ratio of times per tenfold size")
    print("(about 10 when the work is linear in the input, 100 when it is quadratic)")
    for label, target, prefix, unit, suffix in ADVERSARIAL:
        times = []
        for size in SIZES:
            text = prefix + unit * ((size - len(prefix) - len(suffix)) // len(unit)) + suffix
            times.append(_seconds(TARGETS[target], text))
        sizes = "  ".join(
            f"{size // 1000:>5d} KB {seconds * 1e3:9.2f} ms" for size, seconds in zip(SIZES, times, strict=True)
        )
        ratios = f"x{times[1] / max(times[0], 1e-9):5.1f} x{times[2] / max(times[1], 1e-9):5.1f}"
        print(f"  {target:16s} {label:34s} {sizes}   {ratios}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed rounds per function and workload")
    parser.add_argument("--round-seconds", type=float, default=0.2, help="approximate length of one round")
    parser.add_argument("--no-adversarial", action="store_true", help="skip the hostile inputs")
    parser.add_argument("--adversarial-only", action="store_true", help="run only the hostile inputs")
    parser.add_argument("--no-interpreted", action="store_true", help="do not also time the interpreted parser")
    args = parser.parse_args()
    if args.adversarial_only:
        report_adversarial()
        return
    corpus = [text_path.read_text(encoding="utf-8") for text_path, _ in corpus_documents(CORPUS)]
    if not corpus or not SEED.exists():
        sys.exit(f"no corpus documents (or no seed) in {CORPUS}")
    seed = SEED.read_text(encoding="utf-8")
    print(f"Python {sys.version.split()[0]}, one process, one core; time.perf_counter; parser {PARSER_MODE}")
    report(f"seed {SEED.name}", [seed], args.rounds, args.round_seconds)
    report("corpus", corpus, args.rounds, args.round_seconds)
    if PARSER_MODE == "compiled" and not args.no_interpreted:
        sys.stdout.flush()
        options = ["--no-adversarial", "--rounds", str(args.rounds), "--round-seconds", str(args.round_seconds)]
        environment = {**os.environ, "TCDESK_PARSER": "interpreted"}
        subprocess.run([sys.executable, __file__, *options], env=environment, check=True)
    if not args.no_adversarial:
        report_adversarial()


if __name__ == "__main__":
    main()
