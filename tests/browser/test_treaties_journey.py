"""The secretariat imports a status table for the Nuclear Terrorism Convention and reads the results.

A dry run of the sample CSV (tcdesk/treaties/data/samples/, SYNTHETIC, see its README) shows the
counts and no error; the real import records the actions; the status at a date lists the parties;
the States x instruments matrix, filtered to the least developed countries of 16 December 2005,
has Mali's row; the coverage tab draws the world map as an accessible SVG, titled with the date of
its data. A second file that dates one of the recorded acts otherwise is shown as a difference with
both values, and the secretariat applies it as a correction.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.treaties.services import instruments_load

pytestmark = pytest.mark.browser

SAMPLE_CSV = (
    Path(__file__).resolve().parents[2] / "tcdesk" / "treaties" / "data" / "samples" / "synthetic_xviii15_actions.csv"
)
SHORT_NAME = "Nuclear Terrorism Convention (2005)"


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")


def _fact(page: Page, term: str):
    """The <dd> that follows the <dt> `term` in the page's facts list."""
    return page.locator("dl.facts dt", has_text=re.compile(f"^{re.escape(term)}$")).locator(
        "xpath=following-sibling::dd[1]"
    )


def test_secretariat_imports_icsant_status_and_reads_status_matrix_and_map(live_site, page: Page, tmp_path):
    assert SAMPLE_CSV.is_file(), SAMPLE_CSV
    instruments_load()  # what `tcdesk load_instruments` and the demo do first
    role_assign(user=UserFactory(username="secretariat-treaties"), role=Role.SECRETARIAT)
    _sign_in(page, live_site.url, "secretariat-treaties")

    # --- Dry run of the sample file.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Treaties").click()
    page.get_by_role("link", name="Import a status table").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a status table")
    page.get_by_label("Instrument").select_option("ICSANT")
    page.get_by_label("Status file").set_input_files(SAMPLE_CSV)
    dry_run = page.get_by_label("Dry run: check the file and list every problem, write nothing")
    expect(dry_run).to_be_checked()  # checked by default: nothing is written by accident
    dry_run.check()
    page.get_by_role("button", name="Check or import").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Import of synthetic_xviii15_actions.csv")
    expect(page.get_by_role("status")).to_have_text(
        "Dry run: no error; importing would record 26 new actions. Nothing was written."
    )
    expect(_fact(page, "Format")).to_have_text("CSV (participant, action, date)")
    expect(_fact(page, "Participants")).to_have_text("17")
    expect(_fact(page, "Signatures")).to_have_text("11")
    expect(_fact(page, "Consents (ratification, accession…)")).to_have_text("15")
    expect(_fact(page, "Created")).to_have_text("26")
    expect(_fact(page, "Already recorded (unchanged)")).to_have_text("0")
    expect(page.get_by_role("heading", name=re.compile(r"\bproblems?$"))).to_have_count(0)
    expect(page.get_by_role("table")).to_have_count(0)  # no error table, and no action recorded

    # --- The real import.
    page.get_by_role("link", name="Import another file").click()
    expect(page.get_by_label("Instrument")).to_have_value("ICSANT")
    page.get_by_label("Status file").set_input_files(SAMPLE_CSV)
    page.get_by_label("Dry run: check the file and list every problem, write nothing").uncheck()
    page.get_by_role("button", name="Check or import").click()
    expect(page.get_by_role("status").filter(has_text="Import applied.")).to_be_visible()  # the flash message
    expect(page.get_by_role("status").filter(has_text="Applied:")).to_have_text("Applied: 26 new actions recorded.")
    recorded = page.get_by_role("table")
    expect(recorded.get_by_role("row")).to_have_count(27)  # a header row and the 26 actions
    expect(recorded.get_by_role("row").filter(has_text="Austria").filter(has_text="2006-09-14")).to_have_count(1)

    # --- Status of the instrument at a date.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=SHORT_NAME).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(SHORT_NAME)
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Status at a date").click()
    page.get_by_label("As at").fill("2010-01-01")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"as_of=2010-01-01"))
    expect(page.get_by_text("On 1 January 2010:")).to_contain_text("State parties")
    parties = page.get_by_role("table", name="Parties")
    for state in ("Austria", "Denmark", "Bangladesh"):
        expect(parties.get_by_role("link", name=state, exact=True)).to_be_visible()
    # China ratified only in November 2010: on that date it had signed, not joined.
    expect(parties.get_by_role("link", name="China", exact=True)).to_have_count(0)
    signatories = page.get_by_role("table", name="Signatories not yet party")
    expect(signatories.get_by_role("link", name="China", exact=True)).to_be_visible()

    # --- The matrix: least developed countries as they were on 16 December 2005.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Treaty instruments").click()
    page.get_by_role("link", name="States × instruments matrix").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("States × instruments")
    filters = page.get_by_role("search")
    filters.get_by_label("As at").fill("2005-12-16")
    filters.get_by_label("Country group").select_option("LDC")
    filters.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"group=LDC"))
    expect(page).to_have_url(re.compile(r"as_of=2005-12-16"))
    matrix = page.get_by_role("table", name=re.compile(r"States on 2005-12-16$"))
    mali = matrix.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Mali", exact=True))
    expect(mali).to_have_count(1)
    expect(mali.get_by_role("link", name="Mali")).to_have_attribute("href", re.compile(r"/treaties/states/MLI/"))
    # Today's rich States are not in the 2005 group.
    expect(matrix.get_by_role("rowheader", name="Austria", exact=True)).to_have_count(0)

    # --- Coverage: the world map is an SVG with a title.
    matrix.get_by_role("link", name=SHORT_NAME).click()
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Coverage").click()
    expect(page.get_by_role("heading", name="World map")).to_be_visible()
    world_map = page.get_by_role("img", name=re.compile(rf"^{re.escape(SHORT_NAME)}: status on "))
    expect(world_map).to_have_count(1)
    expect(world_map).to_have_attribute("id", "map-icsant")
    expect(world_map.locator("> title")).to_have_text(
        re.compile(rf"^{re.escape(SHORT_NAME)}: status on \d+ \w+ \d{{4}} \(date of the data unknown\)$")
    )
    expect(world_map.locator("path").first).to_be_attached()
    # The sample was imported without an "as of" date: every status view says so.
    expect(page.get_by_role("note").filter(has_text="Date of the data unknown.").first).to_be_visible()

    # --- A newer file dates Austria's ratification otherwise: a difference, not a second ratification.
    newer = tmp_path / "icsant-newer.csv"
    newer.write_text("participant,action,date\nAustria,signature,2005-09-15\nAustria,ratification,2006-09-15\n")
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Imports").click()
    page.get_by_label("Status file").set_input_files(newer)
    page.get_by_label("Source").fill("a newer copy of the status page")
    page.get_by_label("Data as of").fill("2018-01-15")
    page.get_by_role("button", name="Check or import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import of icsant-newer.csv")
    expect(_fact(page, "Data as of")).to_have_text("15 January 2018")
    expect(_fact(page, "Differences from recorded actions")).to_have_text("1")
    expect(page.get_by_role("heading", name=re.compile(r"\bproblems?$"))).to_have_count(0)
    differences = page.get_by_role("table", name="1 difference from recorded actions")
    austria = differences.get_by_role("row").filter(has_text="Austria")
    expect(austria).to_contain_text("ratification 2006-09-14")
    expect(austria).to_contain_text("synthetic_xviii15_actions.csv")
    expect(austria).to_contain_text("ratification 2006-09-15")
    expect(austria).to_contain_text("a newer copy of the status page")
    expect(austria.get_by_role("checkbox", name="Apply row 2")).to_be_checked()
    page.get_by_role("button", name="Apply the chosen corrections").click()
    expect(page.get_by_role("status").filter(has_text="1 correction applied.")).to_be_visible()
    expect(austria).to_contain_text("applied")
    expect(page.get_by_role("button", name="Apply the chosen corrections")).to_have_count(0)
