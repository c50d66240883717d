"""Browser tests: Playwright driving Debian's Chromium (no browser download) against the live server."""

import shutil

import pytest

from tcdesk.core.models import Country
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
    """The live server with reference data (transactional tests start from an empty database)."""
    if not Country.objects.exists():
        reference_data_load()
    return live_server
