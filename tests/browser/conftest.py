"""Browser tests: Playwright driving Debian's Chromium (no browser download) against the live server."""

import functools
import importlib
import shutil
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.db import connection

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def live_site(live_server, transactional_db, reference_data_snapshot):
    """The live server on a known database: the reference data the session loaded, nothing else.

    Browser tests commit their data, so they cannot rely on rollbacks; whatever earlier ones left
    behind is flushed first, then the session's reference data is put back from its serialized copy
    (not loaded from the files again).
    """
    _reference_data_only(reference_data_snapshot)
    yield live_server
    _empty_the_ledger()  # before the test database's own flush


_PUT_BACK = pytest.StashKey[Callable[[], None]]()


@pytest.fixture(autouse=True)
def _reference_data_back_after_a_long_test(request, reference_data_snapshot, django_db_blocker):
    """A long browser test is handed out with the first tests (conftest.py's order), not after every
    other test of its worker: the reference data the session loaded is put back for the tests that follow
    it, once its teardown has flushed its database (pytest_runtest_teardown below)."""
    if request.node.get_closest_marker("long"):

        def put_back() -> None:
            with django_db_blocker.unblock():
                _reference_data_only(reference_data_snapshot)

        request.node.stash[_PUT_BACK] = put_back


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # After every fixture's teardown: pytest-django's live-server helper flushes the database last.
    result = yield
    if put_back := item.stash.get(_PUT_BACK, None):
        put_back()
    return result


def _reference_data_only(snapshot: str) -> None:
    """Empty the database and put back the reference data the session loaded (its serialized copy)."""
    # The snapshot holds content types and permissions too: the flush must not recreate them.
    _empty_the_ledger()
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(snapshot)


def _empty_the_ledger() -> None:
    """Delete the ledger rows a test committed (the demo posts some), and the rows pointing at them, with
    the append-only triggers lifted for the moment. Only SQLite needs it: its flush deletes rows, which
    the triggers refuse, while PostgreSQL's flush truncates, which row triggers do not see."""
    if connection.vendor != "sqlite":
        return
    triggers = importlib.import_module("tcdesk.funds.migrations.0002_ledger_append_only")
    with connection.schema_editor() as editor:
        triggers.drop(None, editor)
        for table in [*_tables_pointing_at(tuple(triggers.TABLES)), *reversed(triggers.TABLES)]:
            editor.execute(f"DELETE FROM {table}")
        triggers.create(None, editor)


@functools.cache
def _tables_pointing_at(tables: tuple[str, ...]) -> list[str]:
    """Tables with a foreign key to one of ``tables`` (a pledge's revaluation points at its ledger
    transaction): emptied before them. The schema does not change during a run, so it is read once."""
    with connection.cursor() as cursor:
        return [
            table
            for table in connection.introspection.table_names(cursor)
            if table not in tables
            and any(
                relation[1] in tables  # (column it points at, table it points at, …)
                for relation in connection.introspection.get_relations(cursor, table).values()
            )
        ]
