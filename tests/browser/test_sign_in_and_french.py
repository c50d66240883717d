"""A person signs in, switches the interface to French and opens the dashboard."""

import pytest
from playwright.sync_api import Page, expect

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_officer_signs_in_switches_to_french_and_sees_the_dashboard(live_site, page: Page):
    user = UserFactory(username="officer-browser")
    role_assign(user=user, role=Role.PROGRAMME_OFFICER)

    page.goto(f"{live_site.url}/")
    expect(page).to_have_url(f"{live_site.url}/accounts/login/?next=/")
    page.get_by_label("Username").fill("officer-browser")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    # The project's own stylesheet is served (no CDN): the header carries its colour.
    expect(page.locator(".site-header")).to_have_css("background-color", "rgb(11, 79, 138)")

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.get_by_role("link", name="Données de référence").first.click()
    page.get_by_role("link", name="Pays", exact=True).click()
    page.get_by_label("Groupe de pays").select_option("LDC")
    expect(page.get_by_role("cell", name="Mali", exact=True)).to_be_visible()


def test_keyboard_users_can_skip_to_content(live_site, page: Page):
    user = UserFactory(username="kbd")
    role_assign(user=user, role=Role.AUDITOR)
    page.goto(f"{live_site.url}/accounts/login/")
    # The username field has autofocus, so a keyboard user types straight away (once the page has given it
    # the focus: typing earlier would go nowhere).
    expect(page.get_by_label("Username")).to_be_focused()
    page.keyboard.type("kbd")
    page.keyboard.press("Tab")
    page.keyboard.type("pw")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
