"""Nothing confidential leaks: the demo is loaded, every public page and file is crawled as an anonymous
visitor (every link under /open/ from the home page, the IATI feed, and every open API endpoint for every
instrument and every country), and none of them holds the demo's confidential text: what States wrote in
their requests and comments, attachments' names, people's names and e-mail addresses, donors' agreement
terms, internal notes, and the project and donor the demo's administrator excluded from publication.

It is slow (the whole demo, then several hundred pages); it checks itself too: the crawl must reach
the pages it is meant to (so a broken link cannot make it pass by seeing nothing).
"""

from __future__ import annotations

import re
from collections import deque

import pytest
from django.core.management import call_command
from django.test import Client

from tcdesk.accounts.models import User
from tcdesk.assistance.models import AssistanceRequest, RequestAttachment, RequestEvent
from tcdesk.core.models import Country
from tcdesk.funds.models import Allocation, ContributionAgreement
from tcdesk.opendata.models import Exclusion
from tcdesk.portfolio.models import Project
from tcdesk.treaties.models import Instrument

# Its pages do not depend on the database: CI runs it in the SQLite pass only (time budget, conftest.py).
pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.ci_pass("sqlite"), pytest.mark.long]

LINK = re.compile(r'href="(/open/[^"#?]*)')
OPEN_API = ["/api/open/treaties", "/api/open/funding", "/api/open/delivery", "/api/open/mandates"]


def _confidential() -> dict[str, str]:
    """Text that must never be public, by where it comes from (the demo's own records)."""
    found: dict[str, str] = {}

    def add(kind: str, text: str | None, minimum: int = 12) -> None:
        text = (text or "").strip()
        if len(text) >= minimum:
            found[text] = kind

    for description in AssistanceRequest.objects.values_list("description", flat=True):
        add("request description", description)
    for comment in RequestEvent.objects.values_list("comment", flat=True):
        add("request comment", comment)
    for name in RequestAttachment.objects.values_list("original_name", flat=True):
        add("attachment name", name, 5)
    for user in User.objects.all():
        add("person's e-mail", user.email, 5)
        if user.first_name and user.last_name:
            add("person's name", f"{user.first_name} {user.last_name}", 5)
    for terms in ContributionAgreement.objects.values_list("reporting_obligations", flat=True):
        add("agreement terms", terms)
    for note in Allocation.objects.values_list("note", flat=True):
        add("allocation note", note, 30)
    for exclusion in Exclusion.objects.select_related("project", "donor"):
        add("exclusion reason", exclusion.reason)
        if exclusion.project:
            add("excluded project", exclusion.project.iati_identifier)
            add("excluded project", exclusion.project.title_en)
            add("excluded project", exclusion.project.title_fr)
        if exclusion.donor:
            add("excluded donor", exclusion.donor.name_en)
            add("excluded donor", f"{exclusion.donor.code}", 5)
    return found


def _get(client: Client, url: str) -> tuple[int, str]:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body.decode("utf-8", errors="replace")


def test_no_public_page_or_file_shows_the_demos_confidential_text(settings, tmp_path):
    settings.TCDESK_OPENDATA_DIR = tmp_path / "feeds"
    call_command("demo", verbosity=0)
    secrets = _confidential()
    kinds = set(secrets.values())
    assert {
        "request description",
        "request comment",
        "person's e-mail",
        "person's name",
        "excluded project",
        "excluded donor",
        "agreement terms",
    } <= kinds, kinds
    published = Project.objects.exclude(pk__in=Exclusion.objects.filter(kind="project").values("project_id")).first()

    client = Client()
    queue = deque(["/open/", "/open/iati/activities.xml", "/open/iati/organisation.xml"])
    queue.extend(OPEN_API)
    queue.extend(f"/api/open/treaties/{code}" for code in Instrument.objects.values_list("code", flat=True))
    queue.extend(f"/api/open/countries/{iso3}" for iso3 in Country.objects.values_list("iso3", flat=True))
    seen: set[str] = set(queue)
    leaks, failures, bodies = [], [], {}
    while queue:
        url = queue.popleft()
        status, body = _get(client, url)
        if status != 200:
            failures.append(f"{url}: {status}")
            continue
        bodies[url] = len(body)
        for secret, kind in secrets.items():
            if secret in body:
                leaks.append(f"{url}: {kind} {secret[:60]!r}")
        for link in LINK.findall(body):
            if link not in seen and not link.startswith("/open/language/"):
                seen.add(link)
                queue.append(link)
    assert failures == []
    assert leaks == []
    # The crawl saw what it had to: every country page, every instrument page, the downloads and the feed.
    country_pages = [u for u in bodies if re.fullmatch(r"/open/countries/[A-Z]{3}/\d{4}-\d\d-\d\d/", u)]
    instrument_pages = [u for u in bodies if re.fullmatch(r"/open/treaties/\d{4}-\d\d-\d\d/[A-Za-z0-9_]+/", u)]
    assert len(country_pages) == Country.objects.count()
    assert len(instrument_pages) == Instrument.objects.count()
    assert any(u.endswith(".csv") for u in bodies) and any(u.endswith(".json") for u in bodies)
    status, feed = _get(client, "/open/iati/activities.xml")
    assert published.iati_identifier in feed  # the feed is not empty: the excluded project is missing from a real list
