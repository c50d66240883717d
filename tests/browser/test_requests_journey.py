"""A focal point of Mali asks for technical assistance; an officer acknowledges it; Colombia sees nothing.

The journey a State and the secretariat make in the browser: the form at /requests/new/ with a real
PDF attached, the queue, the officer's "Acknowledge" step with a comment, the State's timeline, and
the "Not found" page for another State's focal point.
"""

import io
import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfWriter

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.treaties.services.instruments import instruments_load

pytestmark = pytest.mark.browser

TITLE = "Training of prosecutors on nuclear terrorism cases"


def _pdf_bytes() -> bytes:
    """A small but valid one-page PDF, built the way a scanner or a word processor would save one."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Needs assessment, Ministry of Justice of Mali"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")


def test_focal_point_requests_assistance_officer_acknowledges_other_state_sees_nothing(
    live_site, page: Page, browser: Browser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the attachment is written under the test's own folder
    instruments_load()  # the form's picker lists the treaty registry's instruments by name
    role_assign(user=UserFactory(username="focal-mli"), role=Role.STATE_FOCAL_POINT, country_id="MLI")
    role_assign(user=UserFactory(username="officer-po"), role=Role.PROGRAMME_OFFICER)
    role_assign(user=UserFactory(username="focal-col"), role=Role.STATE_FOCAL_POINT, country_id="COL")
    pdf = _pdf_bytes()
    assert pdf.startswith(b"%PDF-")

    # --- The focal point of Mali fills in the request form and submits it.
    _sign_in(page, live_site.url, "focal-mli")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Technical-assistance requests")
    page.get_by_role("link", name="New request").click()
    expect(page).to_have_url(f"{live_site.url}/requests/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("New technical-assistance request")

    # Mali is the only State this focal point may speak for, so it is already chosen.
    expect(page.get_by_label("Requesting State")).to_have_value("MLI")
    expect(page.get_by_label("Requesting State").locator("option:checked")).to_have_text("Mali")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Requesting authority").fill("Ministry of Justice, Directorate of Criminal Affairs")
    page.get_by_label("Training of prosecutors").check()
    page.get_by_label("Legislative drafting").check()
    # Instruments are ticked by name (the picker), not typed as codes.
    page.get_by_label("Filter the instruments").fill("nuclear terrorism")
    page.get_by_role("checkbox", name=re.compile(r"Suppression of Acts of Nuclear Terrorism")).check()
    page.get_by_label("Description").fill(
        "Two workshops for 40 prosecutors on investigating and prosecuting nuclear terrorism offences."
    )
    page.get_by_label("Attachment").set_input_files(
        files=[{"name": "needs-assessment.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    expect(page.get_by_label("Save as a draft (do not submit yet)")).not_to_be_checked()
    page.get_by_role("button", name="Save").click()

    # The request page: recorded and submitted.
    status = page.get_by_role("status")
    expect(status).to_contain_text(re.compile(r"Request \S+ recorded\."))
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.locator(".lead")).to_contain_text("Submitted")
    request_url = page.url
    assert re.search(r"/requests/\d+/$", request_url), request_url
    reference = page.get_by_role("heading", level=1).locator("code").inner_text()

    page.get_by_role("link", name="Attachments").click()
    attachment = page.get_by_role("link", name="needs-assessment.pdf")
    expect(attachment).to_be_visible()
    expect(page.get_by_role("row").filter(has=attachment)).to_contain_text("application/pdf")

    # It is in the focal point's queue, with status Submitted.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Back to the queue").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=reference))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").nth(1)).to_have_text(TITLE)
    expect(row.get_by_role("cell").nth(2)).to_contain_text("Mali")
    expect(row.get_by_role("cell").nth(3)).to_have_text("Submitted")

    # --- A programme officer, in another browser, opens the request and acknowledges it.
    officer_context = browser.new_context()
    try:
        officer = officer_context.new_page()
        _sign_in(officer, live_site.url, "officer-po")
        officer.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()
        officer.get_by_role("link", name=reference).click()
        expect(officer).to_have_url(request_url)
        expect(officer.get_by_role("heading", name="Next step")).to_be_visible()
        acknowledge = officer.locator("form").filter(has=officer.get_by_role("button", name="Acknowledge"))
        acknowledge.get_by_label("Comment (optional, the State will read it)").fill(
            "Received; the needs assessment is under review."
        )
        acknowledge.get_by_role("button", name="Acknowledge").click()
        expect(officer.get_by_role("status")).to_have_text(f"Request {reference} is now “Acknowledged”.")
        expect(officer.locator(".lead")).to_contain_text("Acknowledged")
        expect(officer.get_by_role("button", name="Acknowledge")).to_have_count(0)
    finally:
        officer_context.close()

    # --- The focal point of Mali sees the acknowledgement in the request's timeline.
    page.get_by_role("link", name=reference).click()
    expect(page.locator(".lead")).to_contain_text("Acknowledged")
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Timeline").click()
    expect(page.get_by_role("link", name="Timeline")).to_have_attribute("aria-current", "page")
    events = page.get_by_role("listitem").filter(has=page.locator("time"))
    expect(events).to_have_count(2)
    acknowledged = events.filter(has_text="Submitted → Acknowledged")
    expect(acknowledged).to_contain_text("by officer-po")
    expect(acknowledged).to_contain_text("Received; the needs assessment is under review.")
    expect(events.filter(has_text="Draft → Submitted")).to_contain_text("by focal-mli")

    # --- The focal point of Colombia may not even know the request exists.
    colombia_context = browser.new_context()
    try:
        colombia = colombia_context.new_page()
        _sign_in(colombia, live_site.url, "focal-col")
        response = colombia.goto(request_url)
        assert response is not None and response.status == 404
        expect(colombia.get_by_role("heading", level=1)).to_have_text("Not found")
        expect(colombia.get_by_text("There is nothing here, or nothing you may see.")).to_be_visible()
        expect(colombia.get_by_text(TITLE)).to_have_count(0)
        # Nor does it appear in Colombia's queue.
        colombia.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()
        expect(colombia.get_by_role("cell", name="No request matches these filters.")).to_be_visible()
    finally:
        colombia_context.close()
