"""A bounded crawl of the site as one signed-in person (or anonymously), through the Django test client.

Starting from the home page it follows every same-site link the pages render (and every redirect), GET
only, in one language. Pages are grouped by what they are, not by their address: the URL pattern the
path resolves to and the names of its query parameters (with the values of the few parameters that pick
a different view of a page, such as `tab`). At most `per_pattern` pages of each group are fetched, so a
list of two hundred countries costs as much as a list of three.

Used by tests/test_site_crawl.py (errors, broken links, English in French and Spanish pages) and by the
axe-core run of tests/browser/test_axe_crawl.py (which visits one page per group in a browser).
"""

from __future__ import annotations

import html
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

LINK = re.compile(r'<a\b[^>]*?\shref="([^"]*)"', re.IGNORECASE)
# Query parameters whose value shows another view of the same page (a tab, a grouping): kept in the group.
VIEW_PARAMETERS = frozenset({"tab", "by", "view", "kind", "fmt", "format"})
# Links never followed: signing out, switching language (both change what the session holds), files
# served by the static server, a password reset's one-time link, the admin's confirmations of a deletion
# (Django's own page, which gathers everything a deletion would take), and generated PDF and Word
# documents (seconds each; their apps' tests check them).
SKIPPED = re.compile(
    r"^/(static/|i18n/|open/language/|accounts/logout/|admin/logout/|accounts/password/reset/[^/]+/[^/]+/"
    r"|accounts/profile/language/|admin/.*/delete/$)|\.(pdf|docx)(\?|$)"
)


@dataclass(frozen=True)
class Visit:
    """One page fetched: where from, what came back, how long it took."""

    url: str
    group: str
    status: int
    content_type: str
    seconds: float
    referrer: str


@dataclass
class Crawl:
    """What a crawl saw: every visit, the failures (errors, broken links) and the HTML bodies' groups."""

    language: str
    visits: list[Visit] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def pages(self) -> list[Visit]:
        """The HTML pages that answered 200."""
        return [v for v in self.visits if v.status == 200 and v.content_type.startswith("text/html")]

    @property
    def groups(self) -> dict[str, str]:
        """One URL per group of HTML pages that answered 200 (the first one seen)."""
        found: dict[str, str] = {}
        for visit in self.pages:
            found.setdefault(visit.group, visit.url)
        return found


def group_of(url: str) -> str | None:
    """The group a URL belongs to: its URL pattern, with the format a path names and the parameters that
    pick a view of the page (`?tab=history`), or None when no pattern matches (the link is broken).
    Filters, sorting and paging do not make another group: a filtered list is the same page."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    group = match.route.replace("<str:fmt>", match.kwargs.get("fmt", "<str:fmt>"))
    views = sorted(f"{name}={value}" for name, value in parse_qsl(parts.query, True) if name in VIEW_PARAMETERS)
    return group + ("?" + "&".join(dict.fromkeys(views)) if views else "")


def same_site(href: str, base: str) -> str | None:
    """The path and query of a link if it stays on the site (fragments dropped), else None."""
    href = html.unescape(href).strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(urljoin("http://testserver" + base, href))
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + ("?" + query if query else "")


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def crawl(
    client: Client,
    *,
    language: str,
    start: tuple[str, ...] = ("/",),
    per_pattern: int = 1,
    follow: bool = True,
    check_page: Callable[[str, str], list[str]] | None = None,
    skip: Callable[[str], bool] | None = None,
) -> Crawl:
    """Fetch the pages reachable from `start` in `language` (the language cookie), at most `per_pattern`
    per group. `follow=False` fetches only `start`. `check_page(url, body)` returns a list of problems
    found in an HTML page (added to the failures). Pages of the groups `skip(group)` is true for are not
    fetched (nor the links they hold followed), but for the start pages."""
    client.cookies["django_language"] = language
    result = Crawl(language=language)
    queue: deque[tuple[str, str]] = deque((url, "(start)") for url in start)
    seen: set[str] = set(start)
    per_group: dict[str, int] = {}
    while queue:
        url, referrer = queue.popleft()
        group = group_of(url)
        if group is None:
            result.failures.append(f"{url}: no such page (linked from {referrer})")
            continue
        if per_group.get(group, 0) >= per_pattern or (skip is not None and skip(group) and url not in start):
            continue
        per_group[group] = per_group.get(group, 0) + 1
        began = time.perf_counter()
        try:
            response = client.get(url)
            body = _body(response)
        except Exception as exc:  # noqa: BLE001 - an error of any kind is what the crawl reports
            result.failures.append(f"{url}: {type(exc).__name__}: {exc} (linked from {referrer})")
            continue
        content_type = response.get("Content-Type", "")
        visit = Visit(url, group, response.status_code, content_type, time.perf_counter() - began, referrer)
        result.visits.append(visit)
        # A link the application rendered must lead somewhere the person may go: not an error, not a page
        # that does not exist, and not a refusal (a menu or a button offered to someone it refuses).
        if response.status_code >= 500 or response.status_code in (403, 404, 405, 410):
            result.failures.append(f"{url}: {response.status_code} (linked from {referrer})")
            continue
        links: list[str] = []
        if response.status_code in (301, 302, 303, 307, 308):
            links = [response["Location"]]
        elif response.status_code == 200 and content_type.startswith("text/html"):
            text = body.decode("utf-8", errors="replace")
            if check_page is not None:
                result.failures.extend(f"{url}: {problem}" for problem in check_page(url, text))
            links = LINK.findall(text) if follow else []
        for href in links:
            target = same_site(href, url)
            if target and target not in seen and not SKIPPED.search(target):
                seen.add(target)
                queue.append((target, url))
    return result
