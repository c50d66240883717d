"""Throwaway databases for tests that run tcdesk in other processes (backups, workers, upgrades).

They follow the engine of the test run: a file under tmp_path on SQLite; on PostgreSQL (DATABASE_URL)
a new database on the same server, named after the test database and dropped afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = BASE_URL.startswith(("postgres://", "postgresql://"))


def _maintenance_connection():
    import psycopg

    parts = urlsplit(BASE_URL)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


@contextmanager
def throwaway_database(name: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database; removed when the block ends."""
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp_path / (name + '.sqlite3')}"
        return
    parts = urlsplit(BASE_URL)
    database = f"{parts.path.lstrip('/') or 'tcdesk'}_{name}_{os.getpid()}"[:63]
    with _maintenance_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{database}"))
    finally:
        with _maintenance_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def tcdesk_env(database_url: str, media_root: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a tcdesk process on that database: test settings (fast password hashing)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TCDESK_", "DJANGO_"))}
    env = {**base, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "tcdesk.settings_test", **extra}
    if media_root is not None:
        env["TCDESK_MEDIA_ROOT"] = str(media_root)
    return env


def tcdesk(*args: str, env: dict[str, str], check: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "tcdesk.cli", *args], env=env, capture_output=True, text=True, check=False, cwd=cwd
    )
    if check and result.returncode != 0:
        raise AssertionError(f"tcdesk {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def row_counts(database_url: str) -> dict[str, int]:
    """Every table's row count, read directly (not through tcdesk)."""
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            tables = [
                r[0]
                for r in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            return {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    import psycopg

    with psycopg.connect(database_url) as connection:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        return {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
