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
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tcdesk.mandates.parsing import parse_resolution  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed rounds per function and workload")
    parser.add_argument("--round-seconds", type=float, default=0.2, help="approximate length of one round")
    args = parser.parse_args()
    corpus = [text_path.read_text(encoding="utf-8") for text_path, _ in corpus_documents(CORPUS)]
    if not corpus or not SEED.exists():
        sys.exit(f"no corpus documents (or no seed) in {CORPUS}")
    seed = SEED.read_text(encoding="utf-8")
    print(f"Python {sys.version.split()[0]}, one process, one core; time.perf_counter")
    report(f"seed {SEED.name}", [seed], args.rounds, args.round_seconds)
    report("corpus", corpus, args.rounds, args.round_seconds)


if __name__ == "__main__":
    main()
