"""An officer creates a project with sector and country shares, serving a mandate picked from the
registry, adds a training event with its participants by sex, and sees the totals by sex.

The journey in the browser: the project form refuses sector shares that do not add up to 100 (the
message names the rule) and accepts them corrected; the training form refuses more participants by
sex than in total; the project's pages then show the shares, the mandate, and the totals by sex.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.mandates.services import resolution_load
from tcdesk.mandates.tests.conftest import SEED_BYTES, SEED_NAME
from tcdesk.portfolio.tests import factories

pytestmark = pytest.mark.browser

TITLE = "Criminal justice responses to terrorism in the Sahel"


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")


def test_officer_creates_a_project_adds_a_training_by_sex_and_sees_the_totals(live_site, page: Page):
    officer = UserFactory(username="officer-po")
    role_assign(user=officer, role=Role.PROGRAMME_OFFICER)
    programme = factories.programme(officer, code="GLOTPB", name_en="Global programme against terrorism")
    resolution, _created = resolution_load(data=SEED_BYTES, filename=SEED_NAME)
    training_mandate = resolution.mandates.get(key="6")

    _sign_in(page, live_site.url, "officer-po")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Portfolio").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects")
    page.get_by_role("link", name="New project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Project")

    page.get_by_label("Programme").select_option(str(programme.pk))
    page.get_by_label("IATI identifier").fill("XI-IATI-TCDESK-SAHEL-01")
    page.get_by_label("Title (English)").fill(TITLE)
    page.get_by_label("Title (French)").fill("Réponses de la justice pénale au terrorisme au Sahel")
    page.get_by_label(re.compile(r"^Description")).fill("Training of judges and prosecutors; legislative advice.")
    page.get_by_label("Status (IATI)").select_option("2")
    page.get_by_label("Planned start").fill("2026-01-01")
    page.get_by_label("Planned end").fill("2027-12-31")
    page.get_by_label("Gender equality marker").select_option("1")
    page.get_by_label("DAC sectors").fill("15130 60\n15210 35")
    page.get_by_label("Recipient countries").fill("MLI 50\nNER 30\nBFA 20")
    page.get_by_label("Mandates served").select_option(str(training_mandate.pk))
    page.get_by_role("button", name="Save").click()

    # Shares adding up to 95: refused, the rule named, what was typed kept.
    # the field's own error (the error summary at the top repeats it after the field's label)
    expect(page.locator("p.error", has_text="The sector percentages add up to 95, not 100.")).to_be_visible()
    expect(page.get_by_label("Recipient countries")).to_have_value("MLI 50\nNER 30\nBFA 20")
    page.get_by_label("DAC sectors").fill("15130 60\n15210 40")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("status")).to_contain_text("Project saved.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("15130 60.00 %; 15210 40.00 %")
    expect(facts).to_contain_text("Mali 50.00 %; Niger 30.00 %; Burkina Faso 20.00 %")
    expect(facts.get_by_role("link", name="A/RES/60/175 op. 6")).to_be_visible()

    # A training with its participants by sex; more by sex than in total is refused first.
    page.get_by_role("link", name="New training event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Training event")
    course = "Prosecuting terrorist financing: a course for judges and prosecutors"
    page.get_by_label(re.compile(r"^Title")).fill(course)
    page.get_by_label("Country (ISO3)").fill("NER")
    page.get_by_label("Start").fill("2026-03-10")
    page.get_by_label("End").fill("2026-03-13")
    page.get_by_label("Place").fill("Niamey")
    page.get_by_label("Target group").select_option("prosecutors")
    page.get_by_label("Participants in total").fill("28")
    page.get_by_label("Women").fill("14")
    page.get_by_label(re.compile(r"^Men")).fill("15")
    page.get_by_label("Other or not disclosed").fill("1")
    page.get_by_label("Participants by role").fill("prosecutors 9 10 1\njudges 5 5 0")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("p.error", has_text="More participants by sex (30) than in total (28)")).to_be_visible()
    page.get_by_label("Participants in total").fill("30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Activity saved.")

    # The project's activities: the training and the totals by sex.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="XI-IATI-TCDESK-SAHEL-01").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    totals = page.get_by_role("table", name="Training participants by sex")
    expect(totals.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(["1", "30", "14", "15", "1", "46.7 %"])
    page.get_by_role("link", name="Activities and trainings").click()
    expect(page.get_by_role("row", name="Prosecuting terrorist financing")).to_contain_text("Niger")
