"""A fund manager builds a funding scenario, solves it, reads why a request is not funded, and accepts it.

The journey in the browser: the "Funding plans" page's form makes a scenario from the accepted requests
(each with the officer's cost estimate from its assessment) and the fund's free balance read from the
ledger; "Solve" runs the optimiser and shows the plan with the explanation of the unfunded request (no
eligible money left, and how much more would fund it); "Accept and post the allocations" posts the
plan's allocation on the ledger, plans the funded request and leaves the other accepted.
"""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Page, expect

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.funds import services as funds
from tcdesk.funds.models import Allocation

pytestmark = pytest.mark.browser


@pytest.fixture
def ledger_flushable(live_site):
    """The site, and after the test its database emptied although the ledger holds rows: the ledger's
    append-only triggers (funds migration 0002) refuse the DELETE a flush runs on SQLite, so they are
    dropped for the flush and created again (PostgreSQL's flush truncates, which they let through)."""
    yield live_site
    append_only = importlib.import_module("tcdesk.funds.migrations.0002_ledger_append_only")
    with connection.schema_editor() as editor:
        append_only.drop(None, editor)
    try:
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    finally:
        with connection.schema_editor() as editor:
            append_only.create(None, editor)


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")


def test_a_fund_manager_builds_solves_reads_why_a_request_is_unfunded_and_accepts(ledger_flushable, page: Page):
    live_site = ledger_flushable
    role_assign(user=UserFactory(username="finance-pw"), role=Role.FUND_MANAGER)
    funds.fund_create(actor=None, code="CPCJF", name_en="Crime Prevention and Criminal Justice Fund")
    funds.receipt_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("150000"),
        currency="USD",
        received_on=timezone.localdate() - dt.timedelta(days=3),
        reference="R-1",
    )
    mali = AssistanceRequestFactory(
        status="accepted", priority_score=80, cost_estimate=Decimal("100000"), cost_currency="USD", title="Courts"
    )
    colombia = AssistanceRequestFactory(
        status="accepted",
        priority_score=50,
        country_id="COL",
        country_groups="",
        cost_estimate=Decimal("90000"),
        cost_currency="USD",
        title="Prisons",
    )

    # --- Build: the form makes a scenario of the accepted requests and the fund's free balance.
    _sign_in(page, live_site.url, "finance-pw")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Funding plans").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding plans")
    page.get_by_label("Name").fill("Spring round")
    page.get_by_label("Time limit of a solve (seconds)").fill("20")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring round")
    requests = page.get_by_role("table").nth(0)
    expect(requests).to_contain_text(mali.reference)
    expect(requests).to_contain_text("100,000.00")
    expect(requests).to_contain_text(colombia.reference)
    money = page.get_by_role("table").nth(1)
    expect(money).to_contain_text("Crime Prevention and Criminal Justice Fund")
    expect(money).to_contain_text("150,000.00")

    # --- Solve: Mali is funded; Colombia's indivisible 90,000 does not fit in the 50,000 left.
    page.get_by_role("button", name="Solve").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Solve #1")
    expect(page.locator("#solve-result")).to_contain_text("Optimal")
    funded = page.get_by_role("table").filter(has_text="From")
    expect(funded.get_by_role("row", name=mali.reference)).to_contain_text("100,000.00")
    unfunded = page.get_by_role("table").filter(has_text="Why")
    row = unfunded.get_by_role("row").filter(has_text=colombia.reference)
    expect(row).to_contain_text("no eligible money left")
    expect(row).to_contain_text("40,000.00")  # 90,000 needed, 50,000 free

    # --- Accept: the allocation is posted on the ledger; Mali is planned, Colombia stays accepted.
    page.get_by_role("link", name="← Spring round").click()
    page.get_by_role("button", name="Accept and post the allocations").click()
    expect(page.get_by_role("status")).to_contain_text("Scenario accepted: its allocations are posted.")
    expect(page.locator("p", has_text="Status:")).to_contain_text("Accepted")
    expect(page.get_by_role("button", name="Accept and post the allocations")).to_have_count(0)
    (allocation,) = Allocation.objects.all()
    assert (allocation.request_id, allocation.usd_amount) == (mali.pk, Decimal("100000.00"))
    mali.refresh_from_db()
    colombia.refresh_from_db()
    assert (mali.status, colombia.status) == ("planned", "accepted")
