import pytest

from tcdesk.portfolio.tests import factories


@pytest.fixture
def project(officer):
    return factories.project(officer)


@pytest.fixture
def training(officer, project):
    return factories.training(officer, project)


@pytest.fixture
def accepted_request(officer, focal_mli):
    """A Mali request walked to "accepted" through the assistance services."""
    from tcdesk.assistance import services as assistance
    from tcdesk.assistance.tests.conftest import walk

    ta_request = assistance.request_create(
        actor=focal_mli,
        country_iso3="MLI",
        title="Training of prosecutors on trafficking in persons cases",
        requesting_authority="Ministère de la Justice",
        description="Training of prosecutors and judges on trafficking in persons cases.",
        assistance_types=["training_prosecutors"],
        theme_codes=["trafficking_in_persons"],
    )
    return walk(ta_request, officer, "acknowledge", "assess", "accept")
