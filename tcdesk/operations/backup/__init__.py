"""Backups and restores: `backup_create` writes a folder (database dump, uploaded files, manifest with
checksums and row counts); `backup_restore` brings one back into an empty database and proves it.

The checks run after a restore are pluggable: each name in POST_RESTORE_COMMANDS that is a management
command of an installed app is run (e.g. the funds app's `verify_ledger`), and must succeed.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import io
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands

from . import database
from .manifest import BackupError, Manifest, entry_for, verify_files
from .media import media_conflicts, media_copy_in, media_copy_out

__all__ = ["POST_RESTORE_COMMANDS", "BackupError", "RestoreReport", "backup_create", "backup_restore"]

POST_RESTORE_COMMANDS = ["verify_ledger"]

Progress = Callable[[str], None]


def _quiet(_message: str) -> None:
    return None


def backup_create(*, out: Path, alias: str = "default", progress: Progress = _quiet) -> Manifest:
    """Back up the database and the uploaded files into the folder `out` (new or empty)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"{out} is not empty: back up into a new folder")
    out.mkdir(parents=True, exist_ok=True)
    engine = database.engine_of(alias)
    progress(f"database ({engine})")
    server_version = dump_tool = ""
    if engine == "postgresql":
        dump = out / database.PG_DUMP_FILE
        tables, server_version, dump_tool = database.postgres_dump(target=dump, alias=alias)
    else:
        dump = out / database.SQLITE_FILE
        tables = database.sqlite_dump(target=dump, alias=alias)
    migrations = database.applied_migrations(alias)
    # Files after the database: every file a dumped row points to was already on disk.
    progress("uploaded files")
    media = media_copy_out(media_root=Path(settings.MEDIA_ROOT), folder=out)
    manifest = Manifest(
        engine=engine,
        created_at=dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"),
        tcdesk_version=importlib.metadata.version("tcdesk"),
        database=entry_for(dump, out),
        tables=tables,
        migrations=migrations,
        media=media,
        server_version=server_version,
        dump_tool=dump_tool,
    )
    manifest.write(out)
    return manifest


@dataclass
class RestoreReport:
    """What a restore brought back and which checks it passed."""

    engine: str
    tables: int
    rows: int
    media_files: int
    checks: list[str] = field(default_factory=list)
    unapplied_migrations: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def backup_restore(*, source: Path, alias: str = "default", progress: Progress = _quiet) -> RestoreReport:
    """Restore the backup folder `source` into the (empty) database and MEDIA_ROOT, then prove it:
    every table's row count as recorded, every file's checksum, and the post-restore commands."""
    source = Path(source)
    manifest = Manifest.read(source)
    engine = database.engine_of(alias)
    if manifest.engine != engine:
        raise BackupError(f"this backup is of a {manifest.engine} database; DATABASE_URL points at {engine}")
    progress("checking the backup's files")
    problems = verify_files(source, [manifest.database, *manifest.media])
    if problems:
        raise BackupError("the backup is damaged, nothing was restored: " + "; ".join(problems))
    _refuse_unknown_migrations(manifest)
    database.refuse_unless_empty(alias)
    media_root = Path(settings.MEDIA_ROOT)
    conflicts = media_conflicts(entries=manifest.media, media_root=media_root)
    if conflicts:
        raise BackupError(
            f"{media_root} already holds other files at {len(conflicts)} of the backup's paths "
            f"({', '.join(conflicts[:3])}…): restore into an empty media folder"
        )

    progress("database")
    if engine == "postgresql":
        database.postgres_load(source=source / manifest.database.path, dump_tool=manifest.dump_tool, alias=alias)
    else:
        database.sqlite_load(source=source / manifest.database.path, alias=alias)
    progress("uploaded files")
    media_copy_in(folder=source, entries=manifest.media, media_root=media_root)

    progress("checking what was restored")
    restored = database.row_counts(alias)
    differences = [
        f"{table}: {restored.get(table, 'missing')} rows, backup had {count}"
        for table, count in sorted(manifest.tables.items())
        if restored.get(table) != count
    ]
    if differences:
        raise BackupError("the restored database differs from the backup: " + "; ".join(differences))
    report = RestoreReport(
        engine=engine,
        tables=len(restored),
        rows=sum(restored.values()),
        media_files=len(manifest.media),
        checks=[f"row counts of {len(manifest.tables)} tables", f"checksums of {len(manifest.media)} files"],
    )
    _run_post_restore_commands(report, progress)
    report.unapplied_migrations = _unapplied(alias)
    return report


def _run_post_restore_commands(report: RestoreReport, progress: Progress = _quiet) -> None:
    available = get_commands()
    for command in POST_RESTORE_COMMANDS:
        if command in available:
            progress(command)
            # Its output is captured: standard output carries only the restore's own report (--json).
            output = io.StringIO()
            try:
                call_command(command, stdout=output)
            except SystemExit as exc:  # a check command exits non-zero when its check fails
                if exc.code:
                    raise BackupError(f"{command} failed after the restore: {output.getvalue().strip()}") from None
            report.checks.append(command)


def _refuse_unknown_migrations(manifest: Manifest) -> None:
    """A backup from a newer tcdesk has tables this code does not know: restore it with that version."""
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{name}" for app, names in manifest.migrations.items() for name in names if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            f"the backup was made by a newer tcdesk ({manifest.tcdesk_version}) with migrations this code "
            f"does not have ({', '.join(unknown[:3])}…): restore it with that version"
        )


def _unapplied(alias: str) -> list[str]:
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[alias])
    return [f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan(executor.loader.graph.leaf_nodes())]
