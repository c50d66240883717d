"""An officer signs in and lands on their home page, acknowledges new requests in bulk from the queue,
declines one with confirmation; the API docs render offline from the project's own files."""

import re

import pytest
from playwright.sync_api import Page, expect

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.assistance.tests.factories import AssistanceRequestFactory

pytestmark = pytest.mark.browser


def test_officer_home_bulk_acknowledge_and_api_docs_offline(live_site, page: Page):
    role_assign(user=UserFactory(username="officer-po"), role=Role.PROGRAMME_OFFICER)
    first = AssistanceRequestFactory(title="Training of judges in Bamako")
    second = AssistanceRequestFactory(title="Drafting of a cybercrime law")
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())  # offline

    # Sign-in lands on the home page, which lists the new requests with a way to the filtered queue.
    page.goto(f"{live_site.url}/accounts/login/")
    page.get_by_label("Username").fill("officer-po")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    section = page.get_by_role("region", name=re.compile("New requests to acknowledge"))
    expect(section.get_by_role("link", name=re.compile(first.title))).to_be_visible()
    section.get_by_role("link", name="Open in the queue").click()

    # Clicks: tick both, Apply (the default action is "Acknowledge").
    page.get_by_role("checkbox", name=f"Select {first.reference}").check()
    page.get_by_role("checkbox", name=f"Select {second.reference}").check()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("status")).to_contain_text("2 requests done")
    page.get_by_role("link", name="Back to the queue").first.click()
    expect(page.get_by_text("No request matches these filters.")).to_be_visible()  # both left "new"

    # On a phone (390 px): the menu folds behind a button, the queue's table scrolls in its own box.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_site.url}/requests/?status=all")
    menu = page.get_by_role("navigation", name="Main")
    expect(menu).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(menu.get_by_role("link", name="Requests")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 800})

    # The API docs: Swagger UI from /static/, nothing from elsewhere, nothing blocked.
    page.goto(f"{live_site.url}/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("tcdesk API")
    assert not blocked
