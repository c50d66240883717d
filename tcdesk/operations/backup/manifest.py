"""The manifest of a backup folder: what is in it and the checksum of every file. No Django.

A backup folder holds `manifest.json`, the database (`database.pgdump` or `database.sqlite3`) and
`media/` (uploaded files, same tree as MEDIA_ROOT). The manifest records each table's row count at the
moment of the dump, so a restore can prove it brought every row back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class FileEntry:
    path: str  # relative, with forward slashes
    bytes: int
    sha256: str


@dataclass
class Manifest:
    engine: str  # "postgresql" or "sqlite"
    created_at: str
    tcdesk_version: str
    database: FileEntry
    tables: dict[str, int]
    migrations: dict[str, list[str]]
    media: list[FileEntry] = field(default_factory=list)
    server_version: str = ""
    dump_tool: str = ""
    format: int = FORMAT

    def as_dict(self) -> dict:
        return asdict(self)

    def write(self, folder: Path) -> None:
        (folder / MANIFEST).write_text(json.dumps(self.as_dict(), indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not path.is_file():
            raise BackupError(f"{folder}: no {MANIFEST} here; is this a folder made by `tcdesk backup`?")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise BackupError(f"{path}: format {data.get('format')!r}, this tcdesk reads format {FORMAT}")
            data["database"] = FileEntry(**data["database"])
            data["media"] = [FileEntry(**entry) for entry in data.get("media", [])]
            return cls(**data)
        except (ValueError, TypeError, KeyError) as exc:
            raise BackupError(f"{path}: not a readable manifest ({exc})") from None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def entry_for(path: Path, relative_to: Path) -> FileEntry:
    return FileEntry(path=path.relative_to(relative_to).as_posix(), bytes=path.stat().st_size, sha256=sha256_of(path))


def verify_files(folder: Path, entries: list[FileEntry]) -> list[str]:
    """Problems with the listed files under `folder`: missing, or not the bytes the manifest recorded."""
    problems = []
    for entry in entries:
        path = folder / entry.path
        if not path.is_file():
            problems.append(f"{entry.path}: missing")
        elif path.stat().st_size != entry.bytes or sha256_of(path) != entry.sha256:
            problems.append(f"{entry.path}: checksum differs from the manifest")
    return problems
