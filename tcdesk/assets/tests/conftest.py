import pytest

from tcdesk.assets.tests import factories
from tcdesk.treaties.models import Instrument
from tcdesk.treaties.services import instruments_load


@pytest.fixture
def instruments(db):
    if not Instrument.objects.exists():
        instruments_load()


@pytest.fixture
def sharing_agreement(officer):
    return factories.agreement(officer)


@pytest.fixture
def sharing_case(officer, sharing_agreement):
    return factories.case(officer, sharing_agreement)
