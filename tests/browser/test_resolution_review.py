"""The review step of a load: the secretariat sees what the parser is unsure of, corrects it, confirms.

A real resolution (A/RES/80/5, from the app's corpus) whose annex paragraph "5." was lost in
extraction is uploaded: the review page lists the numbering jump and highlights the paragraph that
swallowed paragraph 5; the secretariat splits it at the right words, the warning goes, and the
confirmed resolution has its 44 annex paragraphs. The page then reads in French. Others cannot reach
the review page.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).resolve().parents[2] / "tcdesk" / "mandates" / "corpus"


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")


def test_the_secretariat_corrects_a_reading_and_confirms_it(live_site, page: Page, tmp_path):
    text = (CORPUS / "A-RES-80-5.en.txt").read_text(encoding="utf-8")
    damaged = tmp_path / "A-RES-80-5.en.txt"
    damaged.write_text(text.replace("\n5. \nWe meet 30 years", "\nWe meet 30 years"), encoding="utf-8")
    role_assign(user=UserFactory(username="secretariat-review"), role=Role.SECRETARIAT)
    _sign_in(page, live_site.url, "secretariat-review")

    page.goto(f"{live_site.url}/mandates/resolutions/load/")
    page.get_by_role("main").get_by_label("File").set_input_files(damaged)
    page.get_by_role("button", name="Read for review").click()

    # --- The review page: the warning names the paragraph, which is highlighted.
    expect(page.get_by_role("heading", level=1)).to_have_text("Review of A/RES/80/5")
    warnings = page.get_by_role("region", name="What the parser is unsure of")
    expect(warnings.get_by_role("listitem")).to_have_count(1)
    expect(warnings).to_contain_text("The numbering jumps from 4 to 6")
    warnings.get_by_role("link", name="annex:5").click()
    expect(page).to_have_url(re.compile(r"#el-annex-5$"))
    highlighted = page.locator("article.review-paragraph.warned")
    expect(highlighted).to_have_count(1)
    expect(highlighted).to_have_css("background-color", "rgb(255, 248, 225)")
    expect(highlighted.get_by_role("strong")).to_have_text("Annex paragraph 6")

    # --- Paragraph 4 swallowed paragraph 5: split it before "We meet 30 years", numbered 5.
    paragraph_4 = page.locator("#el-annex-4")
    expect(paragraph_4).to_contain_text("We meet 30 years")
    paragraph_4.get_by_text("Correct this paragraph").click()
    split = paragraph_4.locator("form").filter(has=page.get_by_role("button", name="Split"))
    split.get_by_label("New paragraph starts with").fill("We meet 30 years")
    split.get_by_label("Its number").fill("5")
    split.get_by_role("button", name="Split").click()
    expect(page.get_by_role("status")).to_have_text("Correction recorded.")
    expect(warnings).to_contain_text("Nothing: every paragraph, footnote and number reads as expected.")
    expect(page.locator("#el-annex-5")).to_contain_text("We meet 30 years after the first World Summit")
    expect(page.locator("article.review-paragraph.warned")).to_have_count(0)

    # --- In French, the review page reads in French.
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérification de A/RES/80/5")
    expect(page.get_by_role("region", name="Ce dont l’analyseur n’est pas sûr")).to_contain_text(
        "Rien : chaque paragraphe"
    )

    # --- Confirm: the resolution is stored with 44 annex paragraphs and its correction.
    page.get_by_role("button", name="Confirmer et enregistrer").click()
    expect(page).to_have_url(re.compile(r"/mandates/resolutions/A/RES/80/5/$"))
    expect(page.get_by_role("status")).to_have_text("Résolution A/RES/80/5 chargée.")
    annex = page.get_by_role("region", name=re.compile(r"^Annex"))
    expect(annex.locator("p")).to_have_count(44)


def test_others_cannot_reach_the_review_page(live_site, page: Page, tmp_path):
    from tcdesk.mandates.services import resolution_draft_create

    draft = resolution_draft_create(
        data=(CORPUS / "A-RES-80-13.en.txt").read_bytes(), filename="A-RES-80-13.en.txt", user=None
    )
    role_assign(user=UserFactory(username="officer-review"), role=Role.PROGRAMME_OFFICER)
    _sign_in(page, live_site.url, "officer-review")
    response = page.goto(f"{live_site.url}{draft.get_absolute_url()}")
    assert response is not None and response.status == 404
