"""Browser tests: Playwright driving Debian's Chromium (no browser download) against the live server."""

import shutil

import pytest
from django.core.management import call_command

from tcdesk.core.services import reference_data_load

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
def live_site(live_server, transactional_db):
    """The live server on a known database: emptied, then only the reference data loaded.

    Browser tests commit their data, so they cannot rely on rollbacks; whatever session fixtures
    or earlier transactional tests left behind is flushed first.
    """
    call_command("flush", interactive=False, verbosity=0)
    reference_data_load()
    return live_server
