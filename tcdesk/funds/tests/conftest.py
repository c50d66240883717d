import pytest

from tcdesk.funds.tests import factories


@pytest.fixture
def rates(db):
    factories.rates()


@pytest.fixture
def cpcjf(rates):
    return factories.fund("CPCJF")


@pytest.fixture
def finance_client(finance):
    from django.test import Client

    client = Client()
    client.force_login(finance)
    return client
