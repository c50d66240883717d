"""Throughput of the resolution parser on the labelled corpus (no Django needed).

Run: .venv/bin/python bench/bench_parser.py [--seconds 3]

Prints resolutions per second, MB/s, and the ratio to a baseline that merely runs two
regular expressions over every line of the same texts in the same run.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tcdesk.mandates.parsing import parse_resolution  # noqa: E402
from tcdesk.mandates.parsing.scoring import corpus_documents  # noqa: E402

CORPUS = ROOT / "tcdesk" / "mandates" / "corpus"
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


def run(function, texts: list[str], seconds: float) -> tuple[int, float]:
    """Call ``function`` on the texts round-robin for about ``seconds``; (calls, elapsed)."""
    calls = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for text in texts:
            function(text)
        calls += len(texts)
        now = time.perf_counter()
        if now >= deadline:
            return calls, now - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on each measurement")
    args = parser.parse_args()
    texts = [text_path.read_text(encoding="utf-8") for text_path, _ in corpus_documents(CORPUS)]
    if not texts:
        sys.exit(f"no corpus documents in {CORPUS}")
    mean_bytes = sum(len(text.encode("utf-8")) for text in texts) / len(texts)

    calls, elapsed = run(lambda text: parse_resolution(text), texts, args.seconds)
    base_calls, base_elapsed = run(baseline, texts, args.seconds)
    per_second = calls / elapsed
    base_per_second = base_calls / base_elapsed
    print(f"corpus: {len(texts)} documents, mean {mean_bytes / 1024:.1f} KB")
    print(f"parser:   {per_second:8.1f} resolutions/s  {per_second * mean_bytes / 1e6:6.2f} MB/s")
    print(f"baseline: {base_per_second:8.1f} resolutions/s  {base_per_second * mean_bytes / 1e6:6.2f} MB/s")
    print(f"parser / baseline time ratio: {base_per_second / per_second:.1f}x slower than the regex pass")
    # The corpus mixes a 20 KB real text with small fixtures; time the largest alone too.
    largest = max(texts, key=len)
    calls, elapsed = run(lambda text: parse_resolution(text), [largest], args.seconds)
    size = len(largest.encode("utf-8"))
    print(f"largest document ({size / 1024:.1f} KB): {calls / elapsed:.1f} resolutions/s")


if __name__ == "__main__":
    main()
