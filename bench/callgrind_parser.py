"""Instructions per resolution of the parser and of bench_parser's baseline, counted by callgrind.

Run: .venv/bin/python bench/callgrind_parser.py [seed|corpus] [--passes 3]

Wall-clock ratios move with the machine's load; instruction counts do not. The script runs itself
under ``valgrind --tool=callgrind`` (PYTHONHASHSEED=0), warms up, then times nothing: each workload
(the parser, then the baseline, over the seed or the whole corpus, ``--passes`` times) is called
through ``operator.call``, and ``--dump-before=_operator_call`` makes callgrind write one profile
per workload. Printed: instructions per resolution of each and their ratio.
"""

from __future__ import annotations

import argparse
import glob
import operator
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_parser import CORPUS, SEED, baseline, parse  # noqa: E402

from tcdesk.mandates.parsing.scoring import corpus_documents  # noqa: E402


def _texts(workload: str) -> list[str]:
    if workload == "seed":
        return [SEED.read_text(encoding="utf-8")]
    return [path.read_text(encoding="utf-8") for path, _ in corpus_documents(CORPUS)]


def child(workload: str, passes: int) -> None:
    texts = _texts(workload)

    def run(function) -> None:
        for _ in range(passes):
            for text in texts:
                function(text)

    for function in (parse, baseline):  # warm-up: compiled patterns, caches
        for text in texts:
            function(text)
    operator.call(run, parse)
    operator.call(run, baseline)
    operator.call(len, "")  # closes the baseline's profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", nargs="?", default="seed", choices=["seed", "corpus"])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.workload, args.passes)
        return
    with tempfile.TemporaryDirectory() as directory:
        out = os.path.join(directory, "callgrind.out")
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--dump-before=_operator_call",
                f"--callgrind-out-file={out}",
                sys.executable,
                __file__,
                args.workload,
                f"--passes={args.passes}",
                "--child",
            ],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        totals = []
        for dump in sorted(glob.glob(out + ".*"), key=lambda name: int(name.rsplit(".", 1)[1])):
            with open(dump, encoding="utf-8") as lines:
                totals += [int(line.split()[1]) for line in lines if line.startswith(("summary:", "totals:"))][:1]
    count = args.passes * len(_texts(args.workload))
    parsed, base = totals[1] / count, totals[2] / count  # dump 1: everything before the parser's pass
    print(f"{args.workload}: parser {parsed / 1e6:.2f} M instructions per resolution, baseline {base / 1e6:.2f} M")
    print(f"  parser / baseline instructions: {parsed / base:.2f}x")


if __name__ == "__main__":
    main()
