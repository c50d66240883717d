"""Fixtures shared by every app's tests: reference data once per session, and personas.

Personas follow DESIGN.md's roles: `admin`, `officer`, `auditor`, `secretariat`, `finance`,
`focal_mli` (focal point of Mali), `focal_col`, `donor_nor`. Each is a signed-in Django test client
fixture named `<persona>_client`, plus the user itself.
"""

from __future__ import annotations

import os

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings
from xdist.scheduler import LoadScopeScheduling

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.core.services import reference_data_load

# CI runs hypothesis derandomized, so a submission's result does not depend on the draw; local runs
# keep exploring new examples (and keep failures in .hypothesis/ to replay them).
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Playwright drives the browser from an event loop; Django's live server is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    """The folders the test settings name, outside the checkout (settings create nothing on import)."""
    from django.conf import settings

    for folder in (settings.STATIC_ROOT, settings.MEDIA_ROOT):
        os.makedirs(folder, exist_ok=True)


def pytest_collection_modifyitems(config, items):
    """Long tests first, the long browser tests (the longest) first of all, so that two workers finish
    together instead of one waiting for the other's last long test; the other browser tests last, as
    they commit their data (their database is flushed after each): every other test keeps the reference
    data the session loaded, whatever the files are called. A long browser test puts that data back
    after itself (tests/browser/conftest.py). The workers are handed the tests in this order, one at
    a time (pytest_xdist_make_scheduler below), so a worker is given a short browser test only once
    every other test has been handed out."""
    items.sort(key=_rank)
    _one_ci_pass(items)


def _rank(item) -> int:
    long, browser = item.get_closest_marker("long") is not None, item.get_closest_marker("browser") is not None
    if long:
        return 0 if browser else 1
    return 3 if browser else 2


# Modules whose tests share a module-scoped fixture too costly to build twice (the backup tests' demo
# database, a minute): the workers do not split them.
KEPT_ON_ONE_WORKER = frozenset({"tcdesk/operations/tests/test_backup_restore.py"})


class _OneTestAtATime(LoadScopeScheduling):
    """Each test is a unit of work, except the modules of KEPT_ON_ONE_WORKER (one unit each): a free
    worker takes the next unit in the suite's order. xdist's default (`load`) hands each worker an
    eighth of the suite up front; in the PostgreSQL pass one worker drew every long test and ran for
    three minutes after the other had finished. (xdist's own `loadgroup` would do this with markers,
    but its markers do not take effect under pytest 9.)"""

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return module if module in KEPT_ON_ONE_WORKER else nodeid


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist: absent under `-p no:xdist`
def pytest_xdist_make_scheduler(config, log):
    """The scheduling of `make test`'s workers, unless another --dist than the default was asked for."""
    if config.getvalue("dist") == "load":
        return _OneTestAtATime(config, log)
    return None


# CI runs the suite twice, on SQLite and on PostgreSQL, within 20 minutes (.ci/run sets TCDESK_CI_PASS).
# Tests whose outcome does not depend on the database run in the SQLite pass only: the browser tests
# (the pages, not the database, are under test), and tests that use no database at all, unless marked
# `database_url` (they reach the database of the run another way, through commands they start). Tests
# marked `ci_pass("…")` run in that pass only. Outside CI (no TCDESK_CI_PASS) every test runs.
CI_PASS = os.environ.get("TCDESK_CI_PASS", "")
DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server", "django_db_reset_sequences"})


def _uses_the_database(item) -> bool:
    return bool(
        item.get_closest_marker("django_db")
        or item.get_closest_marker("database_url")
        or DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
    )


# Tests of pages and of the permission rules and interface languages run in the SQLite pass only: their
# outcome is the templates' and the rules', not the database engine's. What the engine can change there is
# a page's or an endpoint's queries, and the PostgreSQL pass covers those at once: it renders every page as
# every role in three languages (tests/test_site_crawl.py) and calls every endpoint (tests/test_schema_fuzz.py).
PAGE_TEST_FILES = frozenset(
    {"test_views.py", "test_permissions.py", "test_spanish.py", "test_admin_languages.py", "test_honest_pages.py"}
)


def _one_ci_pass(items) -> None:
    if not CI_PASS:
        return
    for item in items:
        marker = item.get_closest_marker("ci_pass")
        if marker:
            wanted = marker.args[0]
        elif item.get_closest_marker("browser") or not _uses_the_database(item) or item.path.name in PAGE_TEST_FILES:
            wanted = "sqlite"
        else:
            wanted = CI_PASS
        if wanted != CI_PASS:
            item.add_marker(pytest.mark.skip(reason=f"run in CI's {wanted} pass only (time budget)"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped reference data once; each test's transaction rolls back its own changes.

    The loaded data is also kept serialized (a fraction of a second), before any other session fixture
    commits more, so that tests which commit (the browser tests) can start from it again.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        reference_data_load()
        _SNAPSHOT["reference data"] = connection.creation.serialize_db_to_string()


_SNAPSHOT: dict[str, str] = {}


@pytest.fixture(scope="session")
def reference_data_snapshot(django_db_setup) -> str:
    """The reference data the session loaded, serialized: the browser tests put it back after a flush
    instead of loading the files again."""
    return _SNAPSHOT["reference data"]


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a page a test asked for in French leaves the thread's
    language set, which must not leak into the next test's messages."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (rate limits and cached figures do not leak between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield


def _persona(username: str, role: str, *, country: str | None = None):
    user = UserFactory(username=username)
    role_assign(user=user, role=role, country_id=country)
    return user


@pytest.fixture
def admin_user(db):
    user = _persona("admin-user", Role.ADMINISTRATOR)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def officer(db):
    return _persona("officer-user", Role.PROGRAMME_OFFICER)


@pytest.fixture
def auditor(db):
    return _persona("auditor-user", Role.AUDITOR)


@pytest.fixture
def secretariat(db):
    return _persona("secretariat-user", Role.SECRETARIAT)


@pytest.fixture
def finance(db):
    return _persona("finance-user", Role.FUND_MANAGER)


@pytest.fixture
def focal_mli(db):
    return _persona("focal-mli-user", Role.STATE_FOCAL_POINT, country="MLI")


@pytest.fixture
def focal_col(db):
    return _persona("focal-col-user", Role.STATE_FOCAL_POINT, country="COL")


@pytest.fixture
def donor_nor(db):
    return _persona("donor-nor-user", Role.DONOR, country="NOR")


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(admin_user):  # overrides pytest-django's admin_client with our administrator persona
    return _client_for(admin_user)


@pytest.fixture
def officer_client(officer):
    return _client_for(officer)


@pytest.fixture
def auditor_client(auditor):
    return _client_for(auditor)


@pytest.fixture
def secretariat_client(secretariat):
    return _client_for(secretariat)


@pytest.fixture
def focal_mli_client(focal_mli):
    return _client_for(focal_mli)


@pytest.fixture
def focal_col_client(focal_col):
    return _client_for(focal_col)


@pytest.fixture
def donor_nor_client(donor_nor):
    return _client_for(donor_nor)


@pytest.fixture
def api_token_for():
    """Issue a real bearer token for a persona through the service the API uses."""
    from tcdesk.accounts.services import api_token_issue

    def issue(user, password: str = "pw") -> dict[str, str]:
        user.set_password(password)
        user.save()
        _token, raw = api_token_issue(username=user.username, password=password)
        return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    return issue
