"""Reading the reference data files shipped in `<app>/data/`: CSV with leading `#` comment lines.

The comment lines carry each file's `# source:` notes; they are kept so pages can show provenance.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class DataFile:
    path: Path
    comments: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return [c.split(":", 1)[1].strip() for c in self.comments if c.lower().startswith("source:")]


def read_data_file(path: Path) -> DataFile:
    """Read a data file; comment lines before the header are collected, blank cells become ''."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    comments = []
    start = 0
    for start, line in enumerate(lines):  # noqa: B007 - the index is used after the loop
        if line.startswith("#"):
            comments.append(line[1:].strip())
        elif line.strip():
            break
    reader = csv.DictReader(io.StringIO("".join(lines[start:])))
    rows = [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]
    return DataFile(path=path, comments=comments, rows=rows)
