"""Is this server ready for traffic? The database answers, the cache answers, and every migration
the code knows is applied. Each check says what is wrong, so a failing probe explains itself."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

# Migrations cannot come back unapplied in a running process's code; once found complete, the check
# is remembered so that the probe stays cheap (one query and one cache round trip).
_migrations_complete: set[str] = set()


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def _problem(exc: Exception) -> str:
    # The class and first line only: enough for an operator, without dumping connection strings.
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first_line}"[:300]


def check_database(alias: str = DEFAULT_DB_ALIAS) -> Check:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not ready"; the probe reports it
        connections[alias].close_if_unusable_or_obsolete()
        return Check("database", False, f"unreachable ({_problem(exc)})")
    return Check("database", True, "ok")


def check_cache(alias: str = "default") -> Check:
    key = f"tcdesk:readyz:{uuid.uuid4().hex}"
    try:
        cache = caches[alias]
        cache.set(key, "1", timeout=5)
        value = cache.get(key)
        cache.delete(key)
    except Exception as exc:
        return Check("cache", False, f"unreachable ({_problem(exc)})")
    if value != "1":
        return Check("cache", False, "a value written could not be read back")
    return Check("cache", True, "ok")


def check_migrations(alias: str = DEFAULT_DB_ALIAS) -> Check:
    if alias in _migrations_complete:
        return Check("migrations", True, "ok")
    try:
        loader = MigrationExecutor(connections[alias]).loader
        applied = loader.applied_migrations
        # Every migration of the graph, in order, not only the leaves': a hole (a migration not applied
        # below applied ones) counts too, which a plan towards the leaves would not show.
        missing: list[tuple[str, str]] = []
        for leaf in loader.graph.leaf_nodes():
            missing.extend(key for key in loader.graph.forwards_plan(leaf) if key not in applied and key not in missing)
    except Exception as exc:
        return Check("migrations", False, f"cannot be read ({_problem(exc)})")
    if missing:
        names = [f"{app}.{name}" for app, name in missing]
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        return Check("migrations", False, f"{len(names)} not applied: {shown} (run `tcdesk migrate`)")
    _migrations_complete.add(alias)
    return Check("migrations", True, "ok")


def readiness() -> list[Check]:
    database = check_database()
    migrations = check_migrations() if database.ok else Check("migrations", False, "unknown: no database")
    return [database, check_cache(), migrations]
