"""Dumping and restoring the database: pg_dump/pg_restore on PostgreSQL, the online backup API on SQLite.

Row counts are read in the same snapshot as the dump (PostgreSQL: an exported snapshot that pg_dump
shares; SQLite: the copy itself), so the manifest describes exactly what the dump holds even while the
application keeps writing.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connections, transaction

from .manifest import BackupError

PG_DUMP_FILE = "database.pgdump"
SQLITE_FILE = "database.sqlite3"


def engine_of(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"backups support PostgreSQL and SQLite, not {vendor}")
    return vendor


def table_names(alias: str = "default") -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def row_counts(alias: str = "default") -> dict[str, int]:
    connection = connections[alias]
    counts = {}
    with connection.cursor() as cursor:
        for table in table_names(alias):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - a table name
            counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(alias: str = "default") -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def refuse_unless_empty(alias: str = "default") -> None:
    tables = table_names(alias)
    if tables:
        name = connections[alias].settings_dict["NAME"]
        raise BackupError(
            f"the database {name} is not empty: it has {len(tables)} tables ({', '.join(tables[:3])}…). "
            "Restore only into a new, empty database (PostgreSQL: `createdb NAME`; SQLite: a new file), "
            "then point DATABASE_URL at it."
        )


# ------------------------------------------------------------------------------------------------ SQLite


def sqlite_dump(*, target: Path, alias: str = "default") -> dict[str, int]:
    """Copy the live database page by page (consistent while others write); the copy's row counts."""
    connection = connections[alias]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        tables = [
            row[0]
            for row in destination.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {table: destination.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608
    finally:
        destination.close()


def sqlite_load(*, source: Path, alias: str = "default") -> None:
    connection = connections[alias]
    connection.ensure_connection()
    origin = sqlite3.connect(source)
    try:
        origin.backup(connection.connection)
    finally:
        origin.close()
    connection.close()


# -------------------------------------------------------------------------------------------- PostgreSQL


def _major(version_text: str) -> int:
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", version_text) or re.search(r"(\d+)(?:\.\d+)?", version_text)
    if not match:
        raise BackupError(f"cannot read a PostgreSQL version from {version_text!r}")
    return int(match.group(1))


def pg_tool(name: str, major: int) -> tuple[str, int, str]:
    """The path, major version and version text of pg_dump or pg_restore, preferring TCDESK_PG_BIN, then
    Debian's versioned folder for the server's major version, then the PATH."""
    candidates = []
    if os.environ.get("TCDESK_PG_BIN"):
        candidates.append(Path(os.environ["TCDESK_PG_BIN"]) / name)
    candidates.append(Path(f"/usr/lib/postgresql/{major}/bin/{name}"))
    found = next((str(path) for path in candidates if path.is_file()), None) or shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found: install the PostgreSQL {major} client (postgresql-client-{major})")
    text = subprocess.run([found, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    return found, _major(text), text


def server_major(alias: str = "default") -> int:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.pg_version // 10000


def _pg_environment(alias: str) -> dict[str, str]:
    """libpq's variables for the Django connection: no password on the command line (ps would show it)."""
    settings = connections[alias].settings_dict
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", settings.get("HOST")),
        ("PGPORT", settings.get("PORT")),
        ("PGUSER", settings.get("USER")),
        ("PGPASSWORD", settings.get("PASSWORD")),
        ("PGDATABASE", settings.get("NAME")),
        ("PGSSLMODE", settings.get("OPTIONS", {}).get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
    return env


@contextmanager
def _snapshot(alias: str) -> Iterator[str]:
    """A REPEATABLE READ transaction whose snapshot pg_dump can share while it stays open."""
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor.fetchone()[0]


def postgres_dump(*, target: Path, alias: str = "default") -> tuple[dict[str, int], str, str]:
    """pg_dump (custom format) of the whole database; the row counts of the same snapshot, the server's
    version and the dump tool's version."""
    major = server_major(alias)
    tool, tool_major, tool_text = pg_tool("pg_dump", major)
    if tool_major != major:
        raise BackupError(
            f"{tool} is PostgreSQL {tool_major} but the server is PostgreSQL {major}: install "
            f"postgresql-client-{major} or set TCDESK_PG_BIN to the folder of a pg_dump {major}."
        )
    with _snapshot(alias) as snapshot:
        counts = row_counts(alias)
        result = subprocess.run(
            [tool, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", f"--file={target}"],
            env=_pg_environment(alias),
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return counts, str(connections[alias].pg_version), tool_text


def postgres_load(*, source: Path, dump_tool: str, alias: str = "default") -> None:
    major = server_major(alias)
    tool, tool_major, _text = pg_tool("pg_restore", major)
    dumped_by = _major(dump_tool) if dump_tool else major
    if tool_major < dumped_by:
        raise BackupError(
            f"{tool} is PostgreSQL {tool_major} and cannot read a dump made by pg_dump {dumped_by}: "
            f"install postgresql-client-{dumped_by} or set TCDESK_PG_BIN."
        )
    connections[alias].close()
    result = subprocess.run(
        [
            tool,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connections[alias].settings_dict['NAME']}",
            str(source),
        ],
        env=_pg_environment(alias),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed (nothing was restored): {result.stderr.strip()}")
