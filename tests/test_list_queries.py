"""List pages read a fixed number of queries, whatever the number of rows they show (no N+1).

Each list page of portfolio, funds, planning, assets and open data is loaded with 2 rows and with 10
rows of what it lists; the second load must not take more queries than the first. A page that reads
something per row (a related object, a count, a second query set) fails here with both counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from itertools import count
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tcdesk.assets.models import SharingAgreement
from tcdesk.assets.tests import factories as asset_factories
from tcdesk.funds import services as funds_services
from tcdesk.funds.tests import factories as fund_factories
from tcdesk.planning import services as planning_services
from tcdesk.portfolio.models import ImportedActivity
from tcdesk.portfolio.tests import factories as portfolio_factories

pytestmark = pytest.mark.django_db

_numbers = count(1)


def _projects(people: dict[str, Any], n: int) -> None:
    for _ in range(n):
        portfolio_factories.project(people["officer"])


def _programmes(people: dict[str, Any], n: int) -> None:
    for _ in range(n):
        portfolio_factories.programme(people["officer"])


def _partner_activities(people: dict[str, Any], n: int) -> None:
    """Partners' activities in Mali and Niger, in the sector of the factory's projects (so each one has
    possible duplicates to count among our projects)."""
    if not ImportedActivity.objects.exists():
        _projects(people, 3)
    for _ in range(n):
        number = next(_numbers)
        country = "MLI" if number % 2 else "NER"
        ImportedActivity.objects.create(
            iati_identifier=f"XM-QUERIES-{number}",
            reporting_org_ref="XM-QUERIES",
            reporting_org_name="A partner",
            title=f"Criminal justice response to trafficking in persons, phase {number}",
            status=2,
            start=dt.date(2026, 1, 1),
            end=dt.date(2027, 12, 31),
            countries=[[country, "100"]],
            sectors=[["15130", "1", "100"]],
            country_codes=f" {country} ",
            sector_codes=" 15130 151 ",
        )


def _funds(people: dict[str, Any], n: int) -> None:
    for _ in range(n):
        fund_factories.fund(f"QF{next(_numbers)}")


def _donors(people: dict[str, Any], n: int) -> None:
    for _ in range(n):
        number = next(_numbers)
        funds_services.donor_create(
            actor=None, code=f"FDN-Q{number}", kind="foundation", name_en=f"Foundation {number}"
        )


def _rates(people: dict[str, Any], n: int) -> None:
    for _ in range(n):
        number = next(_numbers)
        fund_factories.rates([dt.date(2000 + number // 12, number % 12 + 1, 1)])


def _sharing_agreements(people: dict[str, Any], n: int) -> None:
    for _ in range(n):
        asset_factories.agreement(people["officer"], reference=f"SA-Q{next(_numbers)}")


def _cases(people: dict[str, Any], n: int) -> None:
    agreement = SharingAgreement.objects.filter(reference="SA-CASES").first()
    agreement = agreement or asset_factories.agreement(people["officer"], reference="SA-CASES")
    for _ in range(n):
        asset_factories.case(people["officer"], agreement, reference=f"CC-Q{next(_numbers)}")


def _scenarios(people: dict[str, Any], n: int) -> None:
    for _ in range(n):
        planning_services.scenario_create(
            actor=people["finance"], name=f"Scenario {next(_numbers)}", default_cost=Decimal("50000")
        )


# url, persona reading it (None: a visitor), what adds n rows to it
PAGES: dict[str, tuple[str, str | None, Callable[[dict[str, Any], int], None]]] = {
    "portfolio projects": ("/portfolio/", "officer", _projects),
    "portfolio programmes": ("/portfolio/programmes/", "officer", _programmes),
    "portfolio partners": ("/portfolio/partners/", "officer", _partner_activities),
    "funds": ("/funds/", "finance", _funds),
    "funds donors": ("/funds/donors/", "finance", _donors),
    "funds rates": ("/funds/rates/", "finance", _rates),
    "planning scenarios": ("/planning/", "finance", _scenarios),
    "assets agreements": ("/assets/", "officer", _sharing_agreements),
    "assets cases": ("/assets/cases/", "officer", _cases),
    "open data delivery": ("/open/delivery/", None, _projects),
}


def _queries(client: Client, url: str) -> int:
    """The queries of one load of the page, after a first load (so lazily filled caches are warm) and
    with the shared cache emptied (so a cached public answer does not hide the work)."""
    assert client.get(url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", list(PAGES))
def test_a_list_page_takes_as_many_queries_for_ten_rows_as_for_two(page, officer, finance):
    url, persona, grow = PAGES[page]
    people = {"officer": officer, "finance": finance}
    client = Client()
    if persona:
        client.force_login(people[persona])
    grow(people, 2)
    with_two = _queries(client, url)
    grow(people, 8)
    with_ten = _queries(client, url)
    assert with_ten <= with_two, f"{url}: {with_two} queries with 2 rows, {with_ten} with 10"
