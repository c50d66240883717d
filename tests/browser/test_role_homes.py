"""Each role signs in and lands on a home page listing its own work, then follows one of its sections
to the page that does the day's task (issue 16). The officer's home has its journey in
test_home_and_api_docs.py; here: focal point (in Spanish), secretariat, fund manager, donor,
administrator and auditor.

Each journey counts its clicks (the sign-in button included; typing is not counted): the figures are
those of the report on the issue.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.core.models import BackgroundJob
from tcdesk.funds.tests import factories as funds
from tcdesk.mandates.home import current_session
from tcdesk.mandates.models import ReportingRequest
from tcdesk.mandates.services import resolution_load
from tcdesk.mandates.tests.conftest import SEED_BYTES, SEED_NAME

pytestmark = pytest.mark.browser


def es(text: str) -> str:
    """The Spanish of an interface string, checked to be a translation (not the English left as is)."""
    with translation.override("es"):
        spanish = translation.gettext(text)
    assert spanish != text, f"no Spanish for {text!r}"
    return spanish


def _sign_in(page: Page, base_url: str, username: str, *, role: str, **scope: str) -> int:
    """Give `username` the role, sign in through the login page; returns the clicks it took (one)."""
    user = UserFactory(username=username, preferred_language=scope.pop("language", "en"))
    role_assign(user=user, role=role, **scope)
    # The first page of a session warms the live server up: on a loaded machine it has taken over 30 s.
    page.set_default_navigation_timeout(90_000)
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    return 1


def _section(page: Page, title: str):
    return page.get_by_role("region", name=re.compile(re.escape(title)))


def test_focal_point_home_in_spanish_leads_to_the_question_to_answer(live_site, page: Page):
    asked = AssistanceRequestFactory(
        country_id="COL", status="information_requested", title="Capacitación de jueces sobre ciberdelito"
    )
    pending = AssistanceRequestFactory(country_id="COL", status="submitted", title="Ley sobre extradición")
    AssistanceRequestFactory(country_id="PER", status="information_requested", title="Solicitud de otro Estado")

    clicks = _sign_in(page, live_site.url, "focal-col", role=Role.STATE_FOCAL_POINT, country_id="COL", language="es")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    asked_section = _section(page, es("Asked of you: questions to answer and drafts to submit"))
    expect(asked_section.get_by_role("link", name=re.compile(asked.title))).to_be_visible()
    expect(asked_section.get_by_text("Solicitud de otro Estado")).to_have_count(0)  # another State's
    own = _section(page, es("Your State's open requests"))
    expect(own.get_by_role("link", name=re.compile(pending.title))).to_be_visible()

    asked_section.get_by_role("link", name=re.compile(asked.title)).click()
    clicks += 1
    expect(page.get_by_role("heading", level=1)).to_contain_text(asked.reference)
    assert clicks == 2


def test_secretariat_home_leads_to_a_report_due_at_the_session(live_site, page: Page):
    resolution, _created = resolution_load(data=SEED_BYTES, filename=SEED_NAME)
    due = ReportingRequest.objects.filter(resolution=resolution, mandate__isnull=False).first()
    due.to_session = current_session()  # the founding resolution's report, moved to the session running now
    due.save(update_fields=["to_session"])

    clicks = _sign_in(page, live_site.url, "secretariat", role=Role.SECRETARIAT)
    reports = _section(page, "Reports due at the current and next sessions")
    link = reports.get_by_role("link", name=f"{resolution.symbol} op. {due.paragraph_number}")
    expect(link).to_be_visible()
    expect(_section(page, "Open mandates without evidence").get_by_role("link").first).to_be_visible()

    link.click()
    clicks += 1
    expect(page.get_by_role("heading", level=1)).to_contain_text(resolution.symbol)
    assert clicks == 2


def test_fund_manager_home_leads_to_a_fund_statement(live_site, page: Page):
    funds.rates()
    funds.agreement(donor="NOR", fund_code="CPCJF")
    accepted = funds.accepted_request()

    clicks = _sign_in(page, live_site.url, "finance", role=Role.FUND_MANAGER)
    expect(
        _section(page, "Accepted requests waiting for a plan and funding").get_by_role(
            "link", name=re.compile(accepted.reference)
        )
    ).to_be_visible()
    balances = _section(page, "Funds and their balances")
    expect(balances).to_contain_text("USD")

    balances.get_by_role("link", name=re.compile("CPCJF")).click()
    clicks += 1
    expect(page.get_by_role("heading", level=1)).to_contain_text("CPCJF")
    expect(page.get_by_text("Closing balance").first).to_be_visible()
    assert clicks == 2


def test_donor_home_leads_to_its_own_statement_only(live_site, page: Page):
    funds.rates()
    funds.agreement(donor="NOR", fund_code="CPCJF", reference="NOR-2026-1")
    funds.agreement(donor="SWE", fund_code="CPCJF", reference="SWE-2026-1", currency="EUR")

    clicks = _sign_in(page, live_site.url, "donor-nor", role=Role.DONOR, country_id="NOR")
    own = _section(page, "Your contributions and what they paid for")
    expect(own.get_by_role("link")).to_have_count(1)  # Norway's statement, not Sweden's
    expect(_section(page, "Funds and their balances")).to_have_count(0)  # the fund manager's, not a donor's

    own.get_by_role("link", name=re.compile("Norway")).click()
    clicks += 1
    expect(page).to_have_url(re.compile(r"/funds/donors/NOR/$"))
    expect(page.get_by_text("NOR-2026-1").first).to_be_visible()
    expect(page.get_by_text("SWE-2026-1")).to_have_count(0)
    assert clicks == 2


def test_administrator_home_leads_to_the_failed_job(live_site, page: Page):
    failed = BackgroundJob.objects.create(name="Import historical requests", status="failed", message="Row 3: bad date")
    BackgroundJob.objects.create(name="Recompute priorities", status="succeeded")

    clicks = _sign_in(page, live_site.url, "admin-tc", role=Role.ADMINISTRATOR)
    jobs = _section(page, "Background jobs")
    expect(jobs.get_by_role("link").first).to_have_text(failed.name)  # failed work first
    expect(_section(page, "Reference data").get_by_role("link", name="States")).to_be_visible()

    jobs.get_by_role("link", name=failed.name).click()
    clicks += 1
    expect(page.get_by_role("heading", level=1)).to_have_text(failed.name)
    expect(page.get_by_text("Row 3: bad date")).to_be_visible()
    assert clicks == 2


def test_auditor_home_leads_to_an_overdue_request(live_site, page: Page):
    overdue = AssistanceRequestFactory(status="submitted", title="Old request on mutual legal assistance")
    type(overdue).objects.filter(pk=overdue.pk).update(submitted_at=overdue.submitted_at.replace(year=2024))

    clicks = _sign_in(page, live_site.url, "auditor", role=Role.AUDITOR)
    section = _section(page, "Overdue: waiting for a decision for over 60 days")
    expect(_section(page, "New requests to acknowledge")).to_have_count(0)  # an officer's queue, not the auditor's
    section.get_by_role("link", name=re.compile(overdue.title)).click()
    clicks += 1
    expect(page.get_by_role("heading", level=1)).to_contain_text(overdue.reference)
    assert clicks == 2
