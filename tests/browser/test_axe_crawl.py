"""axe-core on every kind of page of the site crawl: no serious or critical violation.

The demo is loaded and crawled as each role through the Django test client (tests/crawling.py), which
gives the kinds of page (URL pattern and tab) each role reaches. Each kind is then opened once in
Chromium, as the first role of ROLES that reaches it (and each role's home page as that role), and
checked with the vendored axe-core in English; one kind in four is checked again in French or in
Spanish (alternately). The Django admin's own pages are sampled (its index and a list), the rest of it
being Django's.

Failures list the page, the role and language, the rule and the first elements it flags.
"""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Page

from tcdesk.accounts.models import User
from tests.browser.test_accessibility import _violations
from tests.crawling import crawl

pytestmark = [pytest.mark.browser, pytest.mark.long]

# Demo accounts (password "demo") and the anonymous visitor (None), in the order a kind of page goes to
# the first who reaches it: the States' and donors' views first, the staff's after.
ROLES = ["focal-MLI", "donor-NOR", None, "officer", "finance", "secretariat", "admin", "auditor"]
# The admin's index and a list. Not a change form: Django's tabular inlines give their cells no labels
# and its date shortcuts an aria-label that differs from their text (Django's templates, seen by axe).
ADMIN_SAMPLE = {"admin/", "admin/core/country/"}


@pytest.fixture
def browser_context_args(browser_context_args):
    """The pages' security policy forbids injected scripts (as it should): the test context lets axe in."""
    return {**browser_context_args, "bypass_csp": True}


def _kinds_of_page() -> dict[str, tuple[dict[str, str], str]]:
    """For each role, the kinds of HTML page (URL pattern and tab) it is the first to reach, with one URL
    of each, and its home page; with the session cookie it was signed in with. Kinds an earlier role
    reached are not fetched again."""
    claimed: set[str] = set()
    found: dict[str, tuple[dict[str, str], str]] = {}

    def _done(group: str) -> bool:
        return group in claimed or (group.startswith("admin/") and group not in ADMIN_SAMPLE)

    for username in ROLES:
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        start = ("/", "/open/") if username is None else ("/",)
        mine: dict[str, str] = {}
        for group, url in crawl(client, language="en", start=start, skip=_done).groups.items():
            if _done(group) and url not in start:
                continue
            claimed.add(group)
            mine[group] = url
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value if username else ""
        found[username or "anonymous"] = (mine, session)
    return found


def test_every_kind_of_page_has_no_serious_or_critical_axe_violation(live_site, page: Page, settings, tmp_path):
    settings.TCDESK_OPENDATA_DIR = tmp_path / "feeds"
    call_command("demo", verbosity=0)
    kinds = _kinds_of_page()
    assert sum(len(urls) for urls, _ in kinds.values()) > 60, kinds  # the crawl found the site
    found: dict[str, list[str]] = {}
    checked = 0
    for username, (urls, session) in kinds.items():
        # Signed in as the crawl was (its session), not through the sign-in form each time.
        page.context.clear_cookies()
        if session:
            page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_site.url}])
        for _route, url in sorted(urls.items()):
            languages = ["en"] + ([("fr", "es")[checked // 4 % 2]] if checked % 4 == 0 else [])
            checked += 1
            for language in languages:
                page.context.add_cookies([{"name": "django_language", "value": language, "url": live_site.url}])
                response = page.goto(live_site.url + url)
                assert response is not None and response.status == 200, (username, url, language)
                if problems := _violations(page):
                    found[f"{username} {language} {url}"] = problems
    assert not found, "\n".join(f"{where}: {'; '.join(problems)}" for where, problems in found.items())
