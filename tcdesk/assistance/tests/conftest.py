import pytest

from tcdesk.assistance import services


@pytest.fixture
def make_request(focal_mli):
    """A request submitted by Mali's focal point through the service."""

    def make(actor=None, **overrides):
        fields = {
            "country_iso3": "MLI",
            "title": "Training of judges on terrorism cases",
            "requesting_authority": "Ministère de la Justice",
            "description": "Training of judges and prosecutors on the prosecution of terrorism cases.",
            "assistance_types": ["training_judges", "training_prosecutors"],
            "theme_codes": ["terrorism"],
            "instrument_codes": ["ICSANT"],
            "mandates": ["A/RES/60/175 op. 5"],
            "post_conflict": False,
        }
        fields.update(overrides)
        return services.request_create(actor=actor or focal_mli, **fields)

    return make


def walk(request, officer, *actions):
    """Take officer actions in order (with a comment each) and return the request."""
    for action in actions:
        request = services.request_transition(
            ta_request=request, actor=officer, action=action, comment=f"{action} done", expected_version=request.version
        )
    return request
