"""The embedded SQLite database under concurrent writers (web server and task worker share it)."""

import threading

from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from tcdesk.settings import SQLITE_OPTIONS


def _connection(path) -> DatabaseWrapper:
    settings = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": dict(SQLITE_OPTIONS),
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    return DatabaseWrapper(settings, alias=f"concurrency-{threading.get_ident()}")


def test_read_then_write_transactions_wait_for_each_other_instead_of_failing(tmp_path, django_db_blocker):
    # Connections of our own to a throwaway file, not the test database.
    django_db_blocker.unblock()
    try:
        _run_writers(tmp_path)
    finally:
        django_db_blocker.restore()


def _run_writers(tmp_path) -> None:
    path = tmp_path / "db.sqlite3"
    setup = _connection(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (1, 0)")
    setup.close()

    errors: list[Exception] = []
    start = threading.Barrier(8)

    def increment() -> None:
        connection = _connection(path)
        try:
            connections[connection.alias] = connection
            start.wait()
            # Read, then write, as services do: with deferred transactions SQLite refuses the lock
            # upgrade ("database is locked") once another writer has committed.
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("SELECT value FROM counter WHERE id = 1")
                (value,) = cursor.fetchone()
                cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()
            del connections[connection.alias]

    threads = [threading.Thread(target=increment) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    check = _connection(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT value FROM counter WHERE id = 1")
        (value,) = cursor.fetchone()
    check.close()
    assert errors == []
    assert value == 8  # no lost update: each transaction saw the previous commit
