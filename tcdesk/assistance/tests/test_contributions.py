"""What the assistance app adds to the pages of the apps below it, through their extension points
(the requests under a mandate are tested with the mandate links, in test_mandate_links.py)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_country_page_lists_the_state_s_requests_to_those_who_may_see_them(
    officer_client, focal_col_client, donor_nor_client, make_request
):
    """The assistance app's panel on the core country page, limited by the same rules as the queue."""
    request = make_request()
    url = reverse("core:country_detail", args=["MLI"])

    def panel(client):
        return next((p for p in client.get(url).context["panels"] if p.key == "requests"), None)

    assert [r.pk for r in panel(officer_client).items] == [request.pk]
    assert panel(focal_col_client).items == [] and panel(focal_col_client).count == 0
    assert panel(donor_nor_client) is None
    assert request.reference in officer_client.get(url).content.decode()
