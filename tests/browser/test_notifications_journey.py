"""An officer takes a step on Mali's request; Mali's focal point, who reads tcdesk in French, signs in,
sees the unread count in the header, opens the list of notifications and follows one to the request."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.assistance import services

pytestmark = pytest.mark.browser

TITLE = "Mentoring of prosecutors on asset recovery"


def _sign_in(page: Page, base_url: str, username: str, *, heading: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_the_focal_point_is_told_in_app_of_the_officers_step_and_follows_it(live_site, page: Page, browser: Browser):
    focal = UserFactory(username="focal-mli", preferred_language="fr")
    role_assign(user=focal, role=Role.STATE_FOCAL_POINT, country_id="MLI")
    role_assign(user=UserFactory(username="officer-po"), role=Role.PROGRAMME_OFFICER)
    ta_request = services.request_create(
        actor=focal,
        country_iso3="MLI",
        title=TITLE,
        requesting_authority="Ministère de la Justice",
        description="Mentoring of prosecutors on tracing and recovering the proceeds of crime.",
        assistance_types=["mentoring"],
        theme_codes=["corruption"],
    )
    request_path = f"/requests/{ta_request.pk}/"

    # --- The officer acknowledges the request, with a comment the State will read.
    officer_context = browser.new_context()
    try:
        officer = officer_context.new_page()
        _sign_in(officer, live_site.url, "officer-po", heading="Dashboard")
        # The officer was told of the submission: one unread notification.
        expect(officer.locator("#notifications-link .notification-count")).to_have_text("1")
        officer.goto(live_site.url + request_path)
        acknowledge = officer.locator("form").filter(has=officer.get_by_role("button", name="Acknowledge"))
        acknowledge.get_by_label("Comment (optional, the State will read it)").fill("Received, thank you.")
        acknowledge.get_by_role("button", name="Acknowledge").click()
        expect(officer.locator(".lead")).to_contain_text("Acknowledged")
    finally:
        officer_context.close()

    # --- The focal point signs in (their pages are in French) and sees one unread notification.
    _sign_in(page, live_site.url, "focal-mli", heading="Tableau de bord")
    link = page.locator("#notifications-link")
    expect(link.locator(".notification-count")).to_have_text("1")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    item = page.locator(".notification-unread")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(TITLE)
    expect(item).to_contain_text("Accusé de réception")
    expect(item).to_contain_text("Received, thank you.")

    # --- Following it opens the request and marks it read.
    item.get_by_role("link", name=re.compile(re.escape(TITLE))).click()
    expect(page).to_have_url(live_site.url + request_path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.locator("#notifications-link .notification-count")).to_have_count(0)
