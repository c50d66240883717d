"""The repository refers to nothing outside itself (`make lint` runs this file too).

Whoever clones tcdesk must find everything it refers to: its documents carry the design, data cites
the public sources it came from, files the tests need are copied in. So no tracked file may name a
path outside the checkout: a relative path that climbs out of it, a folder of the machine it was
written on, or the working notes kept beside the repository.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIPPED_SUFFIXES = {".mo", ".pdf", ".png", ".jpg", ".xlsx", ".docx", ".sqlite3", ".lock"}
# Spelt apart, so that this file does not name them itself.
NOTES = "/".join(("shared", ""))  # the working notes beside the repository
MACHINE_FOLDERS = re.compile(r"(?<![\w.])/(?:" + "|".join(("work", "root", "home", "Users")) + r")/\w")
CLIMBING_PATH = re.compile(r"(?<![\w/.])((?:\.\./)+)([\w.-]+)")
NOTES_PATH = re.compile(r"(?<![\w-])" + re.escape(NOTES) + r"(?:reference|seed|DESIGN|resolutions|untc|iati)")


def tracked_files() -> list[Path]:
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
    ).stdout.split("\0")
    return [ROOT / name for name in names if name and Path(name).suffix not in SKIPPED_SUFFIXES]


def outside_references(path: Path, text: str) -> list[str]:
    """Where a file names something outside the repository ("line: what")."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in MACHINE_FOLDERS.finditer(line):
            found.append(f"{number}: {match.group(0)}…")
        for match in NOTES_PATH.finditer(line):
            found.append(f"{number}: {match.group(0)}")
        for match in CLIMBING_PATH.finditer(line):
            target = (path.parent / match.group(1)).resolve()
            if not target.is_relative_to(ROOT):
                found.append(f"{number}: {match.group(0)}")
    return found


def test_no_tracked_file_names_a_path_outside_the_repository():
    problems = {}
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        found = outside_references(path, text)
        if found:
            problems[str(path.relative_to(ROOT))] = found
    assert problems == {}


def test_the_check_catches_each_kind_of_outside_reference():
    doc = ROOT / "docs" / "x.md"
    climb = "/".join(("..", "..", "notes", "x.md"))
    assert outside_references(doc, f"see {climb}")
    assert outside_references(doc, "see " + "/".join(("..", "shared", "DESIGN.md")))
    assert outside_references(doc, "copied from " + "/" + "/".join(("work", "shared", "seed")))
    assert outside_references(doc, "# source: " + NOTES + "reference/domain-facts.md")
    assert not outside_references(doc, "see ../README.md and docs/design.md")
    assert not outside_references(ROOT / "tcdesk" / "core" / "x.py", "a/b/../c, https://un.org/a/../b")
