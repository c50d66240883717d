"""Treaty tests share the instruments loaded once per session on top of the reference data."""

import pytest

from tcdesk.treaties.services import instruments_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        instruments_load()
