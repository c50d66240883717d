"""Uploaded files: copied into the backup's `media/` and back, each checked against its SHA-256. No Django.

Manifest paths are relative to the backup folder (`media/requests/12/plan.pdf`); the same file lives at
`requests/12/plan.pdf` under MEDIA_ROOT.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .manifest import BackupError, FileEntry, entry_for, sha256_of

MEDIA_DIR = "media"


def _in_media_root(entry: FileEntry, media_root: Path) -> Path:
    return media_root / entry.path.removeprefix(f"{MEDIA_DIR}/")


def media_copy_out(*, media_root: Path, folder: Path) -> list[FileEntry]:
    """Copy every file under media_root into folder/media; the entries describe the copies."""
    entries: list[FileEntry] = []
    if not media_root.is_dir():
        return entries
    for source in sorted(p for p in media_root.rglob("*") if p.is_file()):
        destination = folder / MEDIA_DIR / source.relative_to(media_root)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
        entries.append(entry_for(destination, folder))
    return entries


def media_conflicts(*, entries: list[FileEntry], media_root: Path) -> list[str]:
    """Files already in media_root at a path of the backup with other content (restoring would overwrite)."""
    conflicts = []
    for entry in entries:
        existing = _in_media_root(entry, media_root)
        if existing.exists() and (not existing.is_file() or sha256_of(existing) != entry.sha256):
            conflicts.append(entry.path)
    return conflicts


def media_copy_in(*, folder: Path, entries: list[FileEntry], media_root: Path) -> int:
    """Copy the backup's files into media_root and check each copy; the number copied."""
    copied = 0
    for entry in entries:
        destination = _in_media_root(entry, media_root)
        if destination.is_file() and sha256_of(destination) == entry.sha256:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / entry.path, destination)
        if sha256_of(destination) != entry.sha256:
            raise BackupError(f"{destination}: the copy does not match the backup's checksum (disk full?)")
        copied += 1
    return copied
