"""A visitor, without signing in, goes from the open-data home page to a treaty's status page and on to a
State's page, then reads it in French; on a phone (390 px) nothing overflows; the keyboard reaches the
content first; axe-core finds no violation of serious or critical impact on any of these pages."""

import datetime as dt
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.portfolio.tests import factories as portfolio_factories
from tcdesk.treaties.models import Instrument, ParticipationAction
from tcdesk.treaties.services import instruments_load

pytestmark = pytest.mark.browser


def _serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_visitor_goes_from_home_to_treaty_to_country_in_english_and_french(live_site, page: Page, settings, tmp_path):
    settings.TCDESK_OPENDATA_DIR = tmp_path / "feeds"
    instruments_load()
    untoc = Instrument.objects.get(code="UNTOC")
    ParticipationAction.objects.create(
        instrument=untoc, country_id="MLI", action="ratification", date=dt.date(2002, 4, 12)
    )
    officer = UserFactory(username="officer-open")
    role_assign(user=officer, role=Role.PROGRAMME_OFFICER)
    portfolio_factories.project(officer, title_en="Justice for victims of trafficking in Mali")
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())  # offline
    problems = []

    page.goto(f"{live_site.url}/open/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data of the technical cooperation programme")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    problems += _serious_violations(page)

    page.get_by_role("main").get_by_role("link", name="Treaty coverage").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Treaty coverage on")
    assert re.search(r"/open/treaties/\d{4}-\d\d-\d\d/$", page.url)
    page.get_by_label("Status on").fill("2010-01-01")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"/open/treaties/2010-01-01/$"))
    problems += _serious_violations(page)

    page.get_by_role("link", name=untoc.short_name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(untoc.short_name)
    expect(page.get_by_text("On 1 January 2010: 1 State parties and 0 signatories.")).to_be_visible()
    expect(page.locator("svg.world-map")).to_be_visible()
    problems += _serious_violations(page)

    page.get_by_role("table").filter(has_text="Party since").get_by_role("link", name="Mali").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mali")
    assert page.url.endswith("/open/countries/MLI/2010-01-01/")
    expect(page.get_by_text("Justice for victims of trafficking in Mali")).to_be_visible()
    problems += _serious_violations(page)

    # The same page in French, by the language link (no form, no cookie on the pages themselves).
    page.get_by_role("link", name="Français").click()
    expect(page.get_by_role("heading", name="Situation au regard des traités")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    problems += _serious_violations(page)

    # On a phone: nothing wider than the screen on the home, treaty and country pages.
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        "/open/",
        "/open/treaties/2010-01-01/UNTOC/",
        "/open/countries/MLI/2010-01-01/",
        "/open/funding/",
        "/open/delivery/",
        "/open/mandates/",
        "/open/iati/",
    ):
        page.goto(f"{live_site.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        problems += _serious_violations(page)
    assert problems == []
    assert not blocked
