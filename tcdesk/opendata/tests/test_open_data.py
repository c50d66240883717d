"""Open data as a visitor meets it: pages without signing in, dated addresses, downloads that say their
licence and last change, the IATI feed (valid, 304 when unchanged), what the administrator excludes,
request counts without their text, the open API (no auth, rate-limited) and the public cache."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tcdesk.assistance import services as assistance
from tcdesk.core import public_data
from tcdesk.opendata import api as open_api
from tcdesk.opendata import services
from tcdesk.opendata.models import Exclusion
from tcdesk.portfolio import iati
from tcdesk.portfolio.tests import factories as portfolio_factories
from tcdesk.treaties.models import Instrument, ParticipationAction
from tcdesk.treaties.services import instruments_load

pytestmark = pytest.mark.django_db

SECRET_DESCRIPTION = "Confidential: the ministry's internal assessment of its prosecutors."


@pytest.fixture(autouse=True)
def _feeds_in_tmp(settings, tmp_path):
    settings.TCDESK_OPENDATA_DIR = tmp_path / "feeds"


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def projects(officer):
    kept = portfolio_factories.project(officer, title_en="Kept project on trafficking in persons")
    hidden = portfolio_factories.project(officer, title_en="Hidden project on witness protection")
    portfolio_factories.training(officer, kept)
    portfolio_factories.training(officer, hidden, women=20, men=4, other_sex=1, roles=[("prosecutors", 20, 4, 1)])
    return kept, hidden


def _body(response) -> str:
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def test_home_links_every_part_and_says_its_licence_and_last_change(anonymous, projects):
    response = anonymous.get("/open/")
    assert response.status_code == 200
    html = response.content.decode()
    today = timezone.localdate().isoformat()
    for url in (
        f"/open/treaties/{today}/",
        "/open/countries/",
        "/open/funding/",
        "/open/delivery/",
        "/open/mandates/",
        "/open/iati/",
    ):
        assert f'href="{url}"' in html, url
    assert "CC BY 4.0" in html and 'rel="license"' in html
    assert "Data last changed:" in html and "<time datetime=" in html
    assert "csrftoken" not in response.cookies and not response.cookies  # cacheable: no cookie set


def test_french_home_by_the_language_link(anonymous):
    switched = anonymous.get("/open/language/fr/?next=/open/")
    assert switched.status_code == 302 and switched["Location"] == "/open/"
    html = anonymous.get("/open/").content.decode()
    assert '<html lang="fr">' in html
    assert "Données ouvertes" in html and "Couverture des traités" in html


def test_language_link_refuses_unknown_languages_and_foreign_redirects(anonymous):
    assert anonymous.get("/open/language/xx/").status_code == 404
    response = anonymous.get("/open/language/en/?next=https://evil.example/")
    assert response["Location"] == "/open/"


def test_undated_addresses_redirect_to_the_dated_one(anonymous):
    instruments_load()
    today = timezone.localdate().isoformat()
    assert anonymous.get("/open/treaties/")["Location"] == f"/open/treaties/{today}/"
    assert anonymous.get("/open/treaties/?as_of=2005-12-16")["Location"] == "/open/treaties/2005-12-16/"
    assert anonymous.get("/open/countries/mli/")["Location"] == f"/open/countries/MLI/{today}/"
    assert anonymous.get("/open/treaties/instrument/UNTOC/")["Location"] == f"/open/treaties/{today}/UNTOC/"
    assert anonymous.get("/open/treaties/2005-02-30/").status_code == 404
    assert anonymous.get("/open/countries/XXX/2020-01-01/").status_code == 404


def test_instrument_status_as_at_the_date_in_the_address(anonymous):
    instruments_load()
    untoc = Instrument.objects.get(code="UNTOC")
    ParticipationAction.objects.create(
        instrument=untoc, country_id="MLI", action="ratification", date=dt.date(2002, 4, 12)
    )
    before = anonymous.get("/open/treaties/2001-01-01/UNTOC/").content.decode()
    after = anonymous.get("/open/treaties/2010-01-01/UNTOC/").content.decode()
    assert "/open/countries/MLI/2010-01-01/" in after and "/open/countries/MLI/" not in before
    data = json.loads(anonymous.get("/open/treaties/2010-01-01/UNTOC.json").content)
    assert data["parties"] == ["MLI"] and data["licence"]["name"] == "CC BY 4.0"
    assert any(row["code"] == "LDC" and row["parties"] == 1 for row in data["coverage"]["groups"])
    csv_text = anonymous.get("/open/treaties/2010-01-01/UNTOC.csv").content.decode()
    lines = csv_text.splitlines()
    assert lines[0].startswith("\ufeff# Licence: CC BY 4.0 https://creativecommons.org/licenses/by/4.0/")
    assert lines[1].startswith("# Last changed: ")
    assert lines[2] == "instrument,as_of,participant,name,status,party_since"
    assert lines[3].startswith("UNTOC,2010-01-01,MLI,Mali,party,")


def test_excluded_project_and_donor_are_not_published_and_the_exclusion_is_logged(anonymous, admin_user, projects):
    kept, hidden = projects
    exclusion = services.exclusion_add(actor=admin_user, kind="project", code=hidden.iati_identifier, reason="Partner")
    assert exclusion.history.get().history_user == admin_user
    for url in (
        "/open/delivery/",
        "/open/delivery/projects.csv",
        "/open/countries/MLI/2026-06-01/",
        "/open/iati/activities.xml",
        "/api/open/delivery",
    ):
        body = _body(anonymous.get(url))
        assert kept.iati_identifier in body, url
        assert hidden.iati_identifier not in body and "witness protection" not in body, url
    delivery = json.loads(anonymous.get("/api/open/delivery").content)
    assert delivery["trainings"]["total"] == 25  # the hidden project's training is not counted

    services.exclusion_remove(actor=admin_user, exclusion=exclusion)
    assert hidden.iati_identifier in anonymous.get("/open/delivery/").content.decode()
    assert [h.history_type for h in Exclusion.history.order_by("history_date")] == ["+", "-"]


def test_exclusion_refuses_unknown_or_repeated_subjects_and_a_missing_reason(admin_user, projects):
    kept, _hidden = projects
    with pytest.raises(ValidationError) as error:
        services.exclusion_add(actor=admin_user, kind="project", code="XI-NOPE", reason="")
    assert set(error.value.message_dict) == {"code", "reason"}
    services.exclusion_add(actor=admin_user, kind="project", code=kept.iati_identifier, reason="Why")
    with pytest.raises(ValidationError, match="already excluded"):
        services.exclusion_add(actor=admin_user, kind="project", code=kept.iati_identifier, reason="Again")
    with pytest.raises(ValidationError):
        services.exclusion_add(actor=admin_user, kind="treaty", code="UNTOC", reason="Why")


def test_excluded_donor_is_left_out_of_the_funding_tables(anonymous, admin_user):
    from tcdesk.funds import services as funds_services
    from tcdesk.funds.tests import factories as funds_factories

    funds_factories.rates()
    for donor, reference in (("NOR", "NOR-2026-1"), ("DEU", "DEU-2026-1")):
        agreement = funds_factories.agreement(donor, reference=reference, currency="EUR")
        funds_services.receipt_record(
            actor=admin_user,
            fund="CPCJF",
            donor=donor,
            amount=Decimal("1000"),
            currency="EUR",
            received_on=dt.date(2026, 3, 10),
            agreement=agreement.pk,
            reference=f"R-{donor}",
        )
    services.exclusion_add(actor=admin_user, kind="donor", code="DEU", reason="Asked not to be named")
    data = json.loads(anonymous.get("/api/open/funding").content)
    assert {row["donor"] for row in data["contributions"]} == {"NOR"}
    assert data["earmarking"] == [{"year": 2026, "earmarked": "0.00", "unearmarked": "1086.96"}]
    page = anonymous.get("/open/funding/").content.decode()
    assert "Norway" in page and "Germany" not in page


def test_request_counts_by_status_never_what_the_request_says(anonymous, focal_mli):
    ta_request = assistance.request_create(
        actor=focal_mli,
        country_iso3="MLI",
        title="Training",
        requesting_authority="Ministère de la Justice",
        description=SECRET_DESCRIPTION,
        assistance_types=["training_judges"],
        theme_codes=["terrorism"],
        submit=True,
    )
    assistance.request_comment(ta_request=ta_request, actor=focal_mli, text="A private comment of the State.")
    body = anonymous.get(f"/open/countries/MLI/{timezone.localdate()}/").content.decode()
    data = json.loads(anonymous.get("/api/open/countries/MLI").content)
    assert data["requests"] == [{"status": "submitted", "label": "Submitted", "count": 1}]
    for text in (SECRET_DESCRIPTION, "A private comment", "Ministère de la Justice", focal_mli.email):
        assert text not in body and text not in json.dumps(data)


def test_iati_feeds_validate_and_answer_304_until_the_data_changes(
    anonymous, officer, projects, django_capture_on_commit_callbacks, settings
):
    # No minimum lifetime: the feed follows the data at once (test_feed_lifetime.py covers the other case).
    settings.TCDESK_OPEN_FEED_MIN_AGE = 0
    kept, _hidden = projects
    for name in ("activities", "organisation"):
        response = anonymous.get(f"/open/iati/{name}.xml")
        assert response.status_code == 200 and response.streaming
        assert response["Content-Type"] == "application/xml"
        kind = "activities" if name == "activities" else "organisations"
        report = iati.validate_file(io.BytesIO(_body(response).encode()), kind)
        assert report.errors == []
        etag, modified = response["ETag"], response["Last-Modified"]
        assert anonymous.get(f"/open/iati/{name}.xml", headers={"if-none-match": etag}).status_code == 304
        assert anonymous.get(f"/open/iati/{name}.xml", headers={"if-modified-since": modified}).status_code == 304
    etag = anonymous.get("/open/iati/activities.xml")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        portfolio_factories.project(officer, title_en="A new project")
    changed = anonymous.get("/open/iati/activities.xml", headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "A new project" in _body(changed)


def test_iati_feed_without_any_published_project_says_so(anonymous):
    response = anonymous.get("/open/iati/activities.xml")
    assert response.status_code == 404 and b"No project is published yet" in response.content


@override_settings(
    TCDESK_OPEN_DATA_LICENCE_NAME="ODbL 1.0",
    TCDESK_OPEN_DATA_LICENCE_URL="https://opendatacommons.org/licenses/odbl/1-0/",
)
def test_the_administrator_sets_another_licence(anonymous):
    page = anonymous.get("/open/mandates/")
    assert "ODbL 1.0" in page.content.decode() and "CC BY" not in page.content.decode()
    assert page["Link"] == '<https://opendatacommons.org/licenses/odbl/1-0/>; rel="license"'
    assert json.loads(anonymous.get("/api/open/mandates").content)["licence"]["name"] == "ODbL 1.0"


def test_open_api_is_in_the_openapi_document_without_authentication(anonymous):
    document = json.loads(anonymous.get("/api/openapi.json").content)
    for path in (
        "/api/open/treaties",
        "/api/open/treaties/{code}",
        "/api/open/countries/{iso3}",
        "/api/open/funding",
        "/api/open/delivery",
        "/api/open/mandates",
    ):
        assert path in document["paths"], path
    assert anonymous.get("/api/open/countries/ZZZ").status_code == 404


def test_open_api_is_rate_limited_per_client(anonymous, monkeypatch):
    throttle = open_api.router.throttle[0]
    monkeypatch.setattr(throttle, "limit", 2)
    statuses = [anonymous.get("/api/open/mandates", REMOTE_ADDR="192.0.2.7").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert anonymous.get("/api/open/mandates", REMOTE_ADDR="192.0.2.8").status_code == 200  # another client


@override_settings(TCDESK_PUBLIC_CACHE_SECONDS=60)
def test_public_pages_are_cached_and_a_change_invalidates_them(
    anonymous, officer, projects, django_capture_on_commit_callbacks
):
    first = anonymous.get("/open/delivery/")
    assert first["X-Tcdesk-Cache"] == "miss"
    assert anonymous.get("/open/delivery/")["X-Tcdesk-Cache"] == "hit"
    before = public_data.generation()
    with django_capture_on_commit_callbacks(execute=True):  # the bump follows the commit
        portfolio_factories.project(officer, title_en="Published a second ago")
    assert public_data.generation() > before
    again = anonymous.get("/open/delivery/")
    assert again["X-Tcdesk-Cache"] == "miss" and "Published a second ago" in again.content.decode()


def test_signed_in_users_read_the_same_pages(officer_client):
    response = officer_client.get(reverse("opendata:funding"))
    assert response.status_code == 200 and "Pledged versus paid" in response.content.decode()
