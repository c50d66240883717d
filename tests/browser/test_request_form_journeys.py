"""Journeys of the request form (issue 16): the error summary, a Spanish focal point from submission to
answer with two attachments, and an officer's decline with confirmation.

Each journey counts its clicks (clicks, ticks, choices of a file or an option; typing is not counted)
so that the figures of the issue's note can be checked against the test.
"""

from __future__ import annotations

import io
import re

import pytest
from django.utils import translation
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfWriter

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.treaties.services.instruments import instruments_load

pytestmark = pytest.mark.browser

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def es(text: str) -> str:
    """The Spanish of an interface string, checked to be a translation (not the English left as is)."""
    with translation.override("es"):
        spanish = translation.gettext(text)
    assert spanish != text, f"no Spanish for {text!r}"
    return spanish


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _sign_in(page: Page, base_url: str, username: str) -> None:
    # The first page of a session warms the live server up: on a loaded machine it has taken over 30 s.
    page.set_default_navigation_timeout(90_000)
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()


def test_an_empty_request_form_shows_a_focused_summary_whose_links_lead_to_the_fields(live_site, page: Page):
    role_assign(user=UserFactory(username="focal-mli"), role=Role.STATE_FOCAL_POINT, country_id="MLI")
    _sign_in(page, live_site.url, "focal-mli")
    page.goto(f"{live_site.url}/requests/new/")

    page.get_by_role("button", name="Save").click()  # click 1: nothing filled in

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()  # read first by a screen reader, the start of the keyboard's path
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    links = summary.get_by_role("link")
    expect(links).to_have_text(
        [
            "Title: This field is required.",
            "Requesting authority: This field is required.",
            "Type of assistance: This field is required.",
            "Description: This field is required.",
        ]
    )
    # Without the summary, a keyboard user started at the top of the page: count the stops before the
    # first field in error, outside the summary (the "before" of the note).
    stops_before = page.evaluate(
        """() => Array.from(document.querySelectorAll('a[href], button, input, select, textarea'))
            .filter(e => !e.closest('[data-error-summary]') && e.type !== 'hidden' && e.offsetParent !== null)
            .findIndex(e => e.id === 'id_title')"""
    )
    assert stops_before > 5, stops_before
    print(f"\nkeyboard stops before the first field in error, without the summary: {stops_before}")

    summary.get_by_role("link", name=re.compile("^Type of assistance")).click()  # click 2
    expect(page.locator("#id_assistance_types input").first).to_be_focused()  # a list: its first box

    # By keyboard: back to the summary, Tab to its first link, Enter: the cursor is in the Title.
    summary.focus()
    page.keyboard.press("Tab")
    expect(links.first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Title")).to_be_focused()
    page.keyboard.type("Training of judges")  # typing goes straight into the field
    expect(page.get_by_label("Title")).to_have_value("Training of judges")
    # Fields in error are marked for assistive technology.
    expect(page.get_by_label("Description")).to_have_attribute("aria-invalid", "true")


def test_a_spanish_focal_point_submits_with_two_attachments_and_reads_the_answer_in_spanish(
    live_site, page: Page, browser: Browser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    instruments_load()
    focal = UserFactory(username="focal-col", preferred_language="es")
    role_assign(user=focal, role=Role.STATE_FOCAL_POINT, country_id="COL")
    role_assign(user=UserFactory(username="officer-po"), role=Role.PROGRAMME_OFFICER)
    title = "Capacitación de fiscales sobre financiación del terrorismo"
    clicks = 0

    # --- The focal point of Colombia signs in: the pages are in Spanish, her language.
    _sign_in(page, live_site.url, "focal-col")
    clicks += 1
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("navigation", name=es("Main")).get_by_role("link", name=es("Requests")).click()
    page.get_by_role("link", name=es("New request")).click()
    clicks += 2
    expect(page.get_by_role("heading", level=1)).to_have_text(es("New technical-assistance request"))
    for legend in ("The requesting State and authority", "What is asked", "Legal framework: instruments and mandates"):
        expect(page.get_by_role("group", name=es(legend))).to_be_visible()

    expect(page.get_by_label(es("Requesting State"))).to_have_value("COL")
    page.get_by_label(es("Title")).fill(title)
    page.get_by_label(es("Requesting authority")).fill("Fiscalía General de la Nación")
    page.get_by_label(es("Training of prosecutors")).check()
    page.get_by_label(es("Filter the instruments")).fill("nuclear")
    page.get_by_role("checkbox", name=re.compile("nuclear", re.IGNORECASE)).first.check()
    page.get_by_label(es("Description")).fill("Dos talleres para 30 fiscales en Bogotá.")
    page.get_by_label(es("Attachments"), exact=True).set_input_files(
        files=[
            {"name": "evaluacion-necesidades.pdf", "mimeType": "application/pdf", "buffer": _pdf()},
            {"name": "mapa.png", "mimeType": "image/png", "buffer": PNG},
        ]
    )
    page.get_by_role("button", name=es("Save")).click()
    clicks += 4  # the type, the instrument, the files (one choice for both), Save

    expect(page.get_by_role("status")).to_contain_text(re.compile(es("Request %(ref)s recorded.") % {"ref": r"\S+"}))
    expect(page.locator(".lead")).to_contain_text(es("Submitted"))
    reference = page.get_by_role("heading", level=1).locator("code").inner_text()
    request_url = page.url
    page.get_by_role("navigation", name=es("Sections")).get_by_role("link", name=es("Attachments")).click()
    for name in ("evaluacion-necesidades.pdf", "mapa.png"):
        expect(page.get_by_role("link", name=name)).to_be_visible()
    assert clicks == 7  # before: 10 (the second file on the Attachments tab: tab, choose, Upload)

    # --- The officer, in English, answers: acknowledges the request with a word for the State.
    officer_context = browser.new_context()
    try:
        officer = officer_context.new_page()
        _sign_in(officer, live_site.url, "officer-po")
        officer.goto(request_url)
        acknowledge = officer.locator("form").filter(has=officer.get_by_role("button", name="Acknowledge"))
        acknowledge.get_by_label("Comment (optional, the State will read it)").fill(
            "Recibida; la evaluación de necesidades está en estudio."
        )
        acknowledge.get_by_role("button", name="Acknowledge").click()
        expect(officer.get_by_role("status")).to_have_text(f"Request {reference} is now “Acknowledged”.")
    finally:
        officer_context.close()

    # --- The focal point reads the answer, in Spanish.
    page.goto(request_url)
    expect(page.locator(".lead")).to_contain_text(es("Acknowledged"))
    page.get_by_role("navigation", name=es("Sections")).get_by_role("link", name=es("Timeline")).click()
    answer = page.get_by_role("listitem").filter(has_text=f"{es('Submitted')} → {es('Acknowledged')}")
    expect(answer).to_contain_text("Recibida; la evaluación de necesidades está en estudio.")
    expect(page.get_by_text("Submitted → Acknowledged")).to_have_count(0)


def test_an_officer_declines_a_request_only_once_confirmed(live_site, page: Page):
    role_assign(user=UserFactory(username="officer-po"), role=Role.PROGRAMME_OFFICER)
    request = AssistanceRequestFactory(title="Training of judges in Bamako", status="assessed")
    _sign_in(page, live_site.url, "officer-po")
    page.goto(f"{live_site.url}/requests/{request.pk}/")

    page.locator("summary", has_text="Decline").click()  # click 1: the step opens, saying what the State sees
    decline = page.locator("details.stopping-step form").filter(has=page.get_by_role("button", name="Decline"))
    expect(decline).to_contain_text("The State's focal points will see this request as “Declined”")
    decline.get_by_label("Reason (required, the State will read it)").fill("Outside the programme's mandate.")
    decline.get_by_role("button", name="Decline").click()  # click 2: not confirmed, nothing happens
    expect(page.locator(".lead")).not_to_contain_text("Declined")
    decline.get_by_label("Yes, decline this request").check()  # click 3
    decline.get_by_role("button", name="Decline").click()  # click 4
    expect(page.get_by_role("status")).to_contain_text("Declined")
    expect(page.locator(".lead")).to_contain_text("Declined")
