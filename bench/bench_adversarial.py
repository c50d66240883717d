"""Hostile inputs (issue 18): work must grow linearly with the input, and imports stay within budget.

Run: .venv/bin/python bench/bench_adversarial.py [--quick] [--million]

1. The resolution parser (`parse_resolution`), its citation scan (`find_citations`) and the mandate
   citation pattern of requests (`assistance.links.parse_mandate`) on hostile texts of 10 KB, 100 KB and
   1 MB (`--quick`: 1 KB, 10 KB, 100 KB): runs of "A/RES/", of spaces, of digits and slashes, of
   unclosed parentheses. Printed: seconds per size and the ratio between consecutive sizes (×10 input:
   a ratio near 10 is linear, near 100 quadratic), and the ratio to a baseline measured in the same run
   (one `str.count` pass over the same text).
2. The request import (`assistance.exchange.request_import`, dry run) of CSV files of 10,000 and
   100,000 rows (and 1,000,000 with `--million`: the file alone is 100 MB, ten times the upload limit,
   so only the service can be handed it) on a throwaway SQLite database: seconds and the peak resident
   memory of the process during the import (sampled every 5 ms from /proc, above what it held before;
   tracemalloc would slow the import several times over). Files past TCDESK_IMPORT_MAX_ROWS (10,000)
   are refused as soon as the row past the cap is read, so the larger files cost little more than the
   cap. A file just over TCDESK_IMPORT_SYNC_ROWS is what a web request reads before it hands the file
   to a background job: its first rows only (`services.request_import_upload`), timed too.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tcdesk.assistance.links import parse_mandate  # noqa: E402 - pure modules: no Django needed
from tcdesk.mandates.parsing import ParseError, parse_resolution  # noqa: E402
from tcdesk.mandates.parsing.citations import find_citations  # noqa: E402

PRELUDE = "The General Assembly,\n1. Requests "
SHAPES: dict[str, str] = {
    "A/RES/ repeated": "A/RES/",
    "spaces": " ",
    "digits and slashes": "60/1",
    "unclosed parentheses": "(a) (",
    "resolution words": "resolution 60/",
}


def hostile(unit: str, size: int) -> str:
    return PRELUDE + (unit * (size // len(unit) + 1))[:size]


def seconds(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    # Refusing the text is a fine answer; the time to refuse is what is measured.
    with contextlib.suppress(ParseError, ValueError):
        function()
    return time.perf_counter() - start


def citation_attempt(text: str) -> object:
    # The request form hands each cited line to the pattern: a hostile line is one long citation whose
    # hostile run sits where the pattern works hardest, inside the symbol and the paragraph (the
    # resolution prelude of `hostile` is dropped: it would make the pattern fail on its first letter).
    run = text.removeprefix(PRELUDE)
    return parse_mandate("A/RES/" + run + " op. " + run + "x")


def scaling(sizes: list[int]) -> None:
    functions: dict[str, Callable[[str], object]] = {
        "parse_resolution": parse_resolution,
        "find_citations": lambda text: find_citations(text, "GA"),
        "parse_mandate": citation_attempt,
    }
    print(
        f"{'function':18} {'input':22} "
        + " ".join(f"{s // 1000:>7}KB" for s in sizes)
        + "   ratios   ×baseline(largest)"
    )
    for name, function in functions.items():
        for shape, unit in SHAPES.items():
            times = []
            for size in sizes:
                text = hostile(unit, size)
                times.append(seconds(lambda text=text, function=function: function(text)))
            largest = hostile(unit, sizes[-1])
            base = max(seconds(lambda largest=largest: largest.count("/")), 1e-6)
            ratios = " ".join(f"{b / max(a, 1e-6):5.1f}" for a, b in zip(times, times[1:], strict=False))
            cells = " ".join(f"{t:8.3f}s" for t in times)
            print(f"{name:18} {shape:22} {cells}   {ratios}   {times[-1] / base:8.0f}")


def _rss() -> int:
    """Resident bytes of this process (Linux /proc; 0 elsewhere)."""
    try:
        with open(f"/proc/{os.getpid()}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


@contextlib.contextmanager
def peak_rss() -> Iterator[list[int]]:
    """Yields a list that holds, on exit, the peak resident bytes above the level at entry."""
    start, peak, done = _rss(), [0], threading.Event()

    def sample() -> None:
        while not done.wait(0.005):
            peak[0] = max(peak[0], _rss() - start)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        done.set()
        thread.join()
        peak[0] = max(peak[0], _rss() - start)


def import_rows(counts: list[int]) -> None:
    from benchdb import bench_database

    _workdir, setup = bench_database()
    from tcdesk.accounts.choices import Role
    from tcdesk.accounts.services import role_assign
    from tcdesk.accounts.tests.factories import UserFactory
    from tcdesk.assistance.exchange import request_import

    officer = UserFactory(username="bench-officer")
    role_assign(user=officer, role=Role.PROGRAMME_OFFICER)
    header = "country,title,requesting_authority,assistance_types,themes,description,status,submitted_at\n"
    row = "MLI,Police training,Ministry of Justice,training_police,terrorism,Two workshops,submitted,2019-03-01\n"
    print(f"\nrequest import (dry run, SQLite; set-up {setup:.1f}s)")
    print(f"{'rows':>9} {'file MB':>8} {'seconds':>8} {'peak MB':>8}  outcome")
    for count in counts:
        content = (header + row * count).encode()
        start = time.perf_counter()
        with peak_rss() as peak:
            try:
                result = request_import(actor=officer, name="rows.csv", content=content, dry_run=True)
                outcome = f"{result.rows} rows read, {len(result.errors)} problem(s)"
            except Exception as exc:  # noqa: BLE001 - the refusal is the outcome shown
                outcome = "refused: " + " ".join(getattr(exc, "messages", [str(exc)]))[:70]
        elapsed = time.perf_counter() - start
        print(f"{count:>9,} {len(content) / 1e6:8.1f} {elapsed:8.2f} {peak[0] / 1e6:8.1f}  {outcome}")
    from django.conf import settings
    from django.test.utils import override_settings

    from tcdesk.assistance.services import request_import_upload

    at_limit = min(counts[-1], 100_000)  # 10 MB: the upload limit
    largest = (header + row * at_limit).encode()
    with override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}):
        start = time.perf_counter()
        with peak_rss() as peak:
            job = request_import_upload(actor=officer, name="rows.csv", content=largest, dry_run=True)
        elapsed = time.perf_counter() - start
    print(
        f"{at_limit:>9,} {len(largest) / 1e6:8.1f} {elapsed:8.2f} {peak[0] / 1e6:8.1f}  the web request's share: "
        f"{settings.TCDESK_IMPORT_SYNC_ROWS + 1} rows read, then {type(job).__name__} queued (file saved)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 KB to 100 KB and 1,000/100,000 rows")
    parser.add_argument("--million", action="store_true", help="also import 1,000,000 rows")
    args = parser.parse_args()
    sizes = [1_000, 10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    scaling(sizes)
    counts = [1_000, 100_000] if args.quick else [10_000, 100_000]
    if args.million:
        counts.append(1_000_000)
    import_rows(counts)


if __name__ == "__main__":
    main()
