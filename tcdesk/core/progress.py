"""A progress bar for commands: written to standard error, so `--json` output stays clean."""

from __future__ import annotations

import sys
from typing import TextIO


class ProgressBar:
    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.interactive = self.stream.isatty()

    def __call__(self, step: str, done: int, total: int) -> None:
        total = max(total, 1)
        filled = round(self.width * done / total)
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} {step}"
        if self.interactive:
            self.stream.write("\r" + line.ljust(self.width + 40))
            if done >= total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
