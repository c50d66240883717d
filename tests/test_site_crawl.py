"""The whole site, crawled as every role and anonymously, in English, French and Spanish.

The demo is loaded (the same data `make run` shows), then for each demo account of a role and for an
anonymous visitor every same-site link is followed from the home page in English (tests/crawling.py:
GET only, one page of each kind: URL pattern and tab, so the crawl stays bounded). Every kind of HTML
page found is then fetched again in French and in Spanish, as the first role that reached it. Checked:

- no server error and no broken link: a link the application rendered (or a redirect it gave) never
  leads to an error, a 404, a 405 or a refusal (403: a link offered to someone who may not follow it);
- every page in French or Spanish declares its language and shows no English interface string
  (tests/english.py: a msgid of the catalogs translated differently in that language).

It checks itself too: each role must reach the pages it is meant to (a broken home page or menu cannot
make it pass by seeing nothing). It prints the number of distinct pages per role and language.
"""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from django.test import Client

from tcdesk.accounts.models import User
from tests.crawling import Crawl, crawl, group_of, same_site
from tests.english import english_interface_strings, english_on

pytestmark = [
    pytest.mark.django_db(transaction=False),
    # About three minutes (the whole demo, then some thousand pages): CI crawls once, on PostgreSQL.
    pytest.mark.ci_pass("postgresql"),
]

# One demo account per role (tcdesk/core/demo.py), and a visitor who is not signed in.
ROLES = {
    "anonymous": None,
    "State focal point": "focal-MLI",
    "donor": "donor-NOR",
    "programme officer": "officer",
    "fund manager": "finance",
    "secretariat": "secretariat",
    "auditor": "auditor",
    "administrator": "admin",
}
TRANSLATED = ("fr", "es")


def _not_crawled(group: str) -> bool:
    """The Django admin is Django's own pages (its labels are Django's translations): not crawled here."""
    return group.startswith("admin/")


# Pages each role must reach (URL patterns): the crawl is not allowed to pass by seeing nothing.
MUST_REACH = {
    "anonymous": {"open/", "open/countries/<str:iso3>/<isodate:as_of>/", "accounts/login/"},
    "administrator": {"", "reference/countries/<str:iso3>/", "requests/<int:pk>/", "reference/organisations/new/"},
    "programme officer": {"requests/", "requests/<int:pk>/", "treaties/instruments/<slug:code>/", "treaties/matrix/"},
    "fund manager": {"funds/", "funds/<str:code>/", "funds/donors/<str:code>/"},
    "secretariat": {"mandates/registry/", "mandates/registry/<int:mandate_id>/", "mandates/reporting/"},
    "auditor": {"requests/<int:pk>/", "funds/"},
    "State focal point": {"requests/new/", "requests/<int:pk>/"},
    "donor": {"", "reports/<int:report_id>/", "portfolio/projects/<int:pk>/"},
}


def _checker(language: str):
    english = english_interface_strings(language)

    def check(url: str, body: str) -> list[str]:
        if url.startswith("/api/"):
            return []  # the API's own documentation page (Swagger UI), not the interface
        problems = []
        if f'<html lang="{language}"' not in body:
            problems.append(f"not in {language}")
        leaks = list(english_on(body, english))
        if leaks:
            problems.append(f"English in a {language} page: " + " | ".join(leaks))
        return problems

    return check


def crawl_the_site() -> tuple[list[str], list[str]]:
    """Crawl the site as every role (ROLES) in the three languages: (figures per role, failures)."""
    failures: list[str] = []
    figures: list[str] = []
    translated: set[str] = set()  # kinds of page already fetched in French and Spanish (by an earlier role)
    for role, username in ROLES.items():
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        english = crawl(client, language="en", start=("/", "/open/") if username is None else ("/",), skip=_not_crawled)
        routes = {group.partition("?")[0] for group in english.groups}
        assert MUST_REACH[role] <= routes, f"{role} did not reach {sorted(MUST_REACH[role] - routes)}"
        # In French and Spanish, each kind of page once, as the first role that reaches it: the words of a
        # page are its template's, whoever reads it (the roles' own pages come with their role).
        new = {group: url for group, url in english.groups.items() if group not in translated}
        translated |= set(new)
        crawls: list[Crawl] = [english]
        for language in TRANSLATED:
            crawls.append(
                crawl(client, language=language, start=tuple(new.values()), follow=False, check_page=_checker(language))
            )
        for result in crawls:
            failures.extend(f"{role} [{result.language}] {failure}" for failure in result.failures)
        figures.append(
            f"{role:<18} "
            + "  ".join(f"{c.language}: {len(c.pages):>3} pages" for c in crawls)
            + f"  (and {len(english.visits) - len(english.pages)} files and redirects)"
        )
    return figures, failures


@pytest.mark.long
def test_every_page_as_every_role_in_three_languages(settings, tmp_path, capsys, record_property):
    settings.TCDESK_OPENDATA_DIR = tmp_path / "feeds"
    call_command("demo", verbosity=0)
    began, cpu = time.perf_counter(), time.process_time()
    figures, failures = crawl_the_site()
    summary = "\n".join(figures) + (
        f"\ncrawled in {time.perf_counter() - began:.0f} s ({time.process_time() - cpu:.0f} s of CPU)"
    )
    record_property("site_crawl", summary)
    with capsys.disabled():
        print("\nSite crawl, distinct pages per role and language:\n" + summary)
    assert not failures, "\n".join(failures)


def test_pages_are_grouped_by_url_pattern_and_tab_not_by_filters():
    assert group_of("/requests/12/?tab=history") == "requests/<int:pk>/?tab=history"
    assert group_of("/requests/?page=2&status=open") == group_of("/requests/") == "requests/"
    assert group_of("/funds/CPCJF/statement.xlsx") == "funds/<str:code>/statement.xlsx"
    assert group_of("/no/such/page/") is None


def test_only_links_that_stay_on_the_site_are_followed():
    assert same_site("?tab=history&amp;all=1#top", "/requests/3/") == "/requests/3/?all=1&tab=history"
    assert same_site("../", "/requests/3/") == "/requests/"
    assert same_site("https://example.org/", "/") is None
    assert same_site("mailto:someone@example.org", "/") is None
    assert same_site("#main", "/") is None


def test_code_on_a_page_is_not_an_english_interface_string():
    """Column names of a file format or an API query are shown as they are: only the words around count."""
    body = '<html lang="fr"><p>Colonnes : <code>Status</code></p><p>Status</p></html>'
    assert english_on(body, {"Status": "Statut"}) == ["Status"]
