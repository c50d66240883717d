"""The secretariat loads the founding resolution, reads it, and tracks one of its mandates.

A/RES/60/175 (French text, from the app's corpus) goes through the upload page and its review step; the clean document
shows its 26 operative paragraphs and its footnotes (a footnote marker leads to its footnote); the
registry, filtered to open requests, leads to paragraph 26's mandate, whose status the user changes
with a comment; the registry then reads in French.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.browser

RESOLUTION_TXT = Path(__file__).resolve().parents[2] / "tcdesk" / "mandates" / "corpus" / "A-RES-60-175.fr.txt"
TITLE = (
    "Renforcement du Programme des Nations Unies pour la prévention du crime et la justice pénale, "
    "en particulier de ses capacités de coopération technique"
)


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")


def test_secretariat_loads_the_founding_resolution_and_tracks_a_mandate(live_site, page: Page):
    assert RESOLUTION_TXT.is_file(), RESOLUTION_TXT
    role_assign(user=UserFactory(username="secretariat-mandates"), role=Role.SECRETARIAT)
    _sign_in(page, live_site.url, "secretariat-mandates")

    # --- Load the resolution through the upload page.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Mandates").click()
    page.get_by_role("link", name="Load a resolution").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Load a resolution")
    form = page.get_by_role("main")  # the header's language switcher also has a "Language" label
    form.get_by_label("File").set_input_files(RESOLUTION_TXT)
    form.get_by_label("Language").select_option(label="French")
    page.get_by_role("button", name="Read for review").click()

    # --- The review step: nothing is stored before the secretariat confirms.
    expect(page.get_by_role("heading", level=1)).to_have_text("Review of A/RES/60/175")
    expect(page.get_by_role("region", name="What the parser is unsure of")).to_contain_text("Nothing: every paragraph")
    page.get_by_role("button", name="Confirm and store").click()

    # --- The resolution page: the clean document.
    expect(page).to_have_url(re.compile(r"/mandates/resolutions/A/RES/60/175/$"))
    expect(page.get_by_role("status")).to_have_text("Resolution A/RES/60/175 loaded.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("definition").filter(has_text=re.compile(r"^16 preambular")).first).to_have_text(
        "16 preambular and 26 operative paragraphs, 10 footnotes"
    )
    operative = page.get_by_role("region", name="Operative paragraphs")
    expect(operative.get_by_role("listitem")).to_have_count(26)
    expect(operative.get_by_role("listitem").last).to_contain_text("Prie en outre")
    footnotes = page.get_by_role("region", name="Footnotes")
    expect(footnotes.get_by_role("heading", name="Footnotes")).to_be_visible()
    expect(footnotes.get_by_role("listitem")).to_have_count(10)

    # A footnote marker takes the reader to its footnote (the URL fragment targets it).
    marker = page.get_by_role("article").locator("sup").get_by_role("link", name="1", exact=True).first
    expect(marker).to_have_attribute("href", "#fn-1")
    marker.click()
    expect(page).to_have_url(re.compile(r"#fn-1$"))
    first_note = footnotes.get_by_role("listitem").first
    expect(first_note).to_have_id("fn-1")
    expect(page.locator(":target")).to_have_id("fn-1")
    expect(first_note).to_be_in_viewport()
    expect(first_note).to_have_css("background-color", "rgb(255, 244, 204)")  # highlighted as :target

    # --- The mandate registry, filtered to open requests.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Resolutions").click()
    page.get_by_role("navigation", name="Mandates").get_by_role("link", name="Mandate registry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mandate registry")
    filters = page.get_by_role("search")
    filters.get_by_label("Status").select_option(label="Open")
    filters.get_by_label("Action", exact=True).select_option(label="Request")
    filters.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"[?&]status=open(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]action=request(&|$)"))
    results = page.locator("#results").get_by_role("table")
    rows = results.get_by_role("row").filter(has=page.get_by_role("link", name="A/RES/60/175"))
    expect(rows.first).to_be_visible()
    for cells in rows.all():
        # The paragraph's action, or a further action clause of it ("Welcome, request").
        expect(cells.get_by_role("cell").nth(2)).to_contain_text(re.compile(r"\brequest\b", re.IGNORECASE))
        expect(cells.get_by_role("cell").nth(6)).to_have_text("Open")
    paragraph_26 = results.get_by_role("link", name="op. 26", exact=True)
    expect(paragraph_26).to_have_count(1)

    # --- Paragraph 26's mandate: change its status with a comment.
    paragraph_26.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A/RES/60/175, operative paragraph 26")
    expect(page.get_by_role("blockquote")).to_contain_text("Prie en outre")
    status_form = page.locator("form").filter(has=page.get_by_role("button", name="Change status"))
    status_form.get_by_label("New status").select_option(label="In progress")
    status_form.get_by_label("Comment").fill("Report to the 61st session in preparation.")
    status_form.get_by_role("button", name="Change status").click()
    expect(page.get_by_role("status")).to_have_text("Status changed.")
    expect(page.get_by_role("definition").locator(".status")).to_have_text("In progress")
    timeline = page.get_by_role("region", name="Timeline")
    change = timeline.get_by_role("listitem").filter(has_text="Status changed")
    expect(change).to_have_count(1)
    expect(change).to_contain_text("Open → In progress")
    expect(change).to_contain_text("secretariat-mandates")
    expect(change).to_contain_text("Report to the 61st session in preparation.")

    # --- In French, the registry's headings read in French.
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    breadcrumb = page.get_by_role("navigation", name=re.compile(r"^Fil d.Ariane$"))
    breadcrumb.get_by_role("link", name="Registre des mandats").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registre des mandats")
    headers = page.get_by_role("columnheader")
    for label in ("Résolution", "Paragraphe", "Action", "Destinataires", "Thèmes", "Échéance", "Statut"):
        expect(headers.filter(has_text=label)).to_have_count(1)
    expect(page.get_by_role("search").get_by_label("Statut")).to_be_visible()
