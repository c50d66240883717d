"""axe-core on the main pages, as an officer and as a focal point, in English and Spanish: no serious or
critical violation. And the treaty matrix on a phone (390 px wide): the page never scrolls sideways, the
matrix scrolls in its own box, which the keyboard reaches.

axe-core is vendored under tests/browser/vendor/ (see its README) and injected by Playwright: no CDN.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.treaties.services import instruments_load

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = ("serious", "critical")
PHONE = {"width": 390, "height": 844}
# The outermost elements that stick out of the screen on the right (for the failure message).
WIDE_ELEMENTS = """() => Array.from(document.querySelectorAll('body *'))
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
    && !(el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 1))
  .slice(0, 10).map(el => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))"""


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + reverse("accounts:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_be_visible()


def _violations(page: Page) -> list[str]:
    """Serious and critical axe-core violations of the page as loaded: "rule (impact): target …"."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.fixture
def browser_context_args(browser_context_args):
    """The pages' security policy forbids injected scripts (as it should): the test context lets axe in."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def people_and_data(live_site):
    instruments_load()
    officer = UserFactory(username="officer-axe")
    role_assign(user=officer, role=Role.PROGRAMME_OFFICER)
    focal = UserFactory(username="focal-axe")
    role_assign(user=focal, role=Role.STATE_FOCAL_POINT, country_id="MLI")
    request = AssistanceRequestFactory(country_id="MLI", status="submitted")
    return {"request": request}


def test_main_pages_have_no_serious_or_critical_axe_violation(live_site, people_and_data, page: Page):
    request = people_and_data["request"]
    detail = reverse("assistance:request_detail", args=[request.pk])
    form = reverse("assistance:request_create")
    pages = {
        "officer-axe": [
            reverse("core:dashboard"),
            reverse("assistance:request_list"),
            detail,
            form,
            reverse("treaties:instrument_list"),
            reverse("treaties:matrix"),
            reverse("treaties:instrument_detail", args=["UNTOC"]) + "?tab=coverage",
            reverse("core:country_list"),
            reverse("mandates:mandate_list"),
            reverse("accounts:profile"),
        ],
        "focal-axe": [reverse("core:dashboard"), detail, form],
    }
    found: dict[str, list[str]] = {}
    for username, paths in pages.items():
        page.context.clear_cookies()
        _sign_in(page, live_site.url, username)
        for language in ("en", "es"):
            page.context.add_cookies([{"name": "django_language", "value": language, "url": live_site.url}])
            for path in paths:
                response = page.goto(live_site.url + path)
                assert response is not None and response.status == 200, (username, path)
                expect(page.locator("html")).to_have_attribute("lang", language)
                if problems := _violations(page):
                    found[f"{username} {language} {path}"] = problems
    assert not found, found


def test_the_treaty_matrix_is_usable_on_a_phone(live_site, people_and_data, page: Page):
    page.set_viewport_size(PHONE)
    _sign_in(page, live_site.url, "officer-axe")
    page.goto(live_site.url + reverse("treaties:matrix"))
    matrix = page.locator("table.matrix")
    expect(matrix).to_be_visible()
    # The page itself does not scroll sideways; the matrix does, in its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.evaluate(WIDE_ELEMENTS)
    box = page.locator(".matrix-wrap")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    # The keyboard reaches the scrolling box (a named region), and arrow keys scroll it.
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_attribute("role", "region")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Arrow keys may scroll smoothly (over a few frames): wait for it rather than read it at once.
    page.wait_for_function("() => document.querySelector('.matrix-wrap').scrollLeft > 0", timeout=5_000)
    # The filters fit the screen, and the menu folds behind its button.
    assert page.locator("form.filters").evaluate("el => el.getBoundingClientRect().right") <= PHONE["width"]
    expect(page.get_by_role("button", name="Menu")).to_be_visible()
    assert _violations(page) == []
