import pytest

from tcdesk.funds.tests import factories


@pytest.fixture
def rates(db):
    factories.rates()


@pytest.fixture
def cpcjf(rates):
    return factories.fund("CPCJF")
