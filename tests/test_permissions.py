"""Every page and every API endpoint, for every demo role, answers as the declared rules say.

The rules are the apps' `permissions.py`; each view and endpoint declares the action it needs with
`@requires` (`tcdesk.core.permission_table` lists them). For each role this test asks every page
(GET for a read action, POST for a write action) and every endpoint, and expects:
- an anonymous caller: sent to sign in (pages), 401 (endpoints that are not open data);
- the action held on nothing (pages and endpoints without an object): 403;
- an object named in the URL that the user may not see: 404; seen but the action not allowed: 403;
- otherwise anything but 401, 403, 404 or a server error (the page, a redirect, a 422 for the empty form).
A new page or endpoint without a declared action, or whose URL names an object this test has no
sample of, fails the test: add the sample below, or (for the apps above assistance) in the app's
`tests/permission_samples.py`, whose `samples(base)` returns the same keys as the fixture below
(`pages`, `api`, `api_by_prefix`, and optionally `bodies` and `uploads`) for its own URLs.

And docs/permissions.md is generated from the same table.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse

from tcdesk.accounts.rules import holds
from tcdesk.accounts.services import api_token_issue
from tcdesk.assistance import services as assistance
from tcdesk.core.models import BackgroundJob, Country, CountryGroup, Notification, Organisation, Theme
from tcdesk.core.permission_table import OPEN_ENDPOINTS, OPEN_PAGES, endpoints, markdown, pages
from tcdesk.mandates.services import resolution_draft_create, resolution_load
from tcdesk.mandates.tests.conftest import MINI_EN
from tcdesk.treaties.models import Instrument, StatusImport
from tcdesk.treaties.services import instruments_load

DOC = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"
ROLES = [
    "anonymous",
    "admin_user",
    "officer",
    "finance",
    "secretariat",
    "auditor",
    "focal_mli",
    "focal_col",
    "donor_nor",
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_docs_permissions_md_is_the_current_table():
    assert DOC.read_text(encoding="utf-8") == markdown(), "docs/permissions.md is stale: run `tcdesk permissions_doc`"


def test_every_page_and_endpoint_declares_what_it_needs():
    undeclared = [p.name for p in pages() if p.requirement is None and p.name not in OPEN_PAGES]
    undeclared += [
        f"{e.method} {e.path}"
        for e in endpoints()
        if e.requirement is None and (e.method, e.path) not in OPEN_ENDPOINTS
    ]
    assert undeclared == []


def test_open_data_endpoints_are_exactly_the_public_actions():
    """An endpoint answers anonymous callers if and only if its action is declared public."""
    mismatched = [
        f"{e.method} {e.path}" for e in endpoints() if e.requirement is not None and e.anonymous != e.action.public
    ]
    assert mismatched == []


# ---------------------------------------------------------------------------------------------- samples


@pytest.fixture
def samples(db, officer, focal_mli, settings, tmp_path):
    """One object of each kind a URL names: a resolution and a mandate, a request of Mali with a file,
    a job, an API token and a notification of the officer, a treaty import record."""
    settings.MEDIA_ROOT = tmp_path
    resolution, _created = resolution_load(data=MINI_EN.encode(), filename="A-RES-59-159.en.txt")
    mandate = resolution.mandates.order_by("order").first()
    draft = resolution_draft_create(data=MINI_EN.encode(), filename="A-RES-59-159.en.txt")
    ta_request = assistance.request_create(
        actor=focal_mli,
        country_iso3="MLI",
        title="Training of judges",
        requesting_authority="Ministère de la Justice",
        description="Training of judges and prosecutors.",
        assistance_types=["training_judges"],
        theme_codes=["terrorism"],
    )
    attachment = assistance.attachment_add(
        ta_request=ta_request, actor=focal_mli, upload=SimpleUploadedFile("note.pdf", PDF, "application/pdf")
    )
    token, _raw = api_token_issue(username=officer.username, password="pw")
    if not Instrument.objects.exists():
        instruments_load()
    instrument = Instrument.objects.get(code="UNTOC")
    record = StatusImport.objects.create(
        instrument=instrument,
        file_name="untoc.xml",
        sha256="0" * 64,
        outcome="dry_run",
        dry_run=True,
        counts={"participants": 0, "signatures": 0, "consents": 0, "created": 0, "unchanged": 0},
    )
    organisation = Organisation.objects.order_by("code").first()
    country = Country.objects.get(iso3="MLI")
    objects = {
        "country": country,
        "group": CountryGroup.objects.get(code="LDC"),
        "organisation": organisation,
        "theme": Theme.objects.get(code="terrorism"),
        "job": BackgroundJob.objects.create(name="Reload", owner=officer),
        "notification": Notification.objects.create(recipient=officer, kind="test", title="A step", link="/"),
        "token": token,
        "resolution": resolution,
        "mandate": mandate,
        "import": record,
        "instrument": instrument,
        "request": ta_request,
        "attachment": attachment,
    }
    page_samples = {
        "core:country_detail": ({"iso3": "MLI"}, country),
        "core:country_membership_add": ({"iso3": "MLI"}, country),
        "core:group_detail": ({"code": "LDC"}, objects["group"]),
        "core:organisation_detail": ({"code": organisation.code}, organisation),
        "core:organisation_edit": ({"code": organisation.code}, organisation),
        "core:theme_detail": ({"code": "terrorism"}, objects["theme"]),
        "core:job_detail": ({"job_id": objects["job"].pk}, objects["job"]),
        "accounts:token_revoke": ({"token_id": token.pk}, token),
        "core:notification_open": ({"notification_id": objects["notification"].pk}, objects["notification"]),
        "mandates:resolution_detail": ({"symbol": resolution.symbol}, resolution),
        "mandates:resolution_details": ({"symbol": resolution.symbol}, resolution),
        "mandates:mandate_detail": ({"mandate_id": mandate.pk}, mandate),
        "mandates:resolution_review": ({"draft_id": draft.pk}, draft),
        "mandates:resolution_review_correct": ({"draft_id": draft.pk}, draft),
        "mandates:resolution_review_undo": ({"draft_id": draft.pk}, draft),
        "mandates:resolution_review_confirm": ({"draft_id": draft.pk}, draft),
        "mandates:resolution_review_discard": ({"draft_id": draft.pk}, draft),
        "mandates:mandate_status": ({"mandate_id": mandate.pk}, mandate),
        "mandates:mandate_evidence": ({"mandate_id": mandate.pk}, mandate),
        "mandates:mandate_replace": ({"mandate_id": mandate.pk}, mandate),
        "treaties:import_detail": ({"pk": record.pk}, record),
        "treaties:import_corrections": ({"pk": record.pk}, record),
        "treaties:country_status": ({"iso3": "MLI"}, country),
        "treaties:instrument_detail": ({"code": "UNTOC"}, instrument),
        "treaties:action_add": ({"code": "UNTOC"}, instrument),
        "assistance:export": ({"fmt": "csv"}, None),
        "assistance:request_detail": ({"pk": ta_request.pk}, ta_request),
        "assistance:request_edit": ({"pk": ta_request.pk}, ta_request),
        "assistance:request_transition": ({"pk": ta_request.pk}, ta_request),
        "assistance:request_comment": ({"pk": ta_request.pk}, ta_request),
        "assistance:attachment_upload": ({"pk": ta_request.pk}, ta_request),
        "assistance:attachment_download": ({"pk": ta_request.pk, "attachment_pk": attachment.pk}, attachment),
    }
    api_samples = {
        "iso3": ("MLI", country),
        "job_id": (objects["job"].pk, objects["job"]),
        "symbol": (resolution.symbol, resolution),
        "mandate_id": (mandate.pk, mandate),
        "draft_id": (draft.pk, draft),
        "pk": (ta_request.pk, ta_request),
        "attachment_pk": (attachment.pk, attachment),
    }
    # Parameters named alike in two routers: by the router's prefix.
    api_samples_by_prefix = {
        ("/api/core/groups", "code"): ("LDC", objects["group"]),
        ("/api/core/organisations", "code"): (organisation.code, organisation),
        ("/api/treaties/instruments", "code"): ("UNTOC", instrument),
        ("/api/treaties/imports", "import_id"): (record.pk, record),
    }
    found = {"pages": page_samples, "api": api_samples, "api_by_prefix": api_samples_by_prefix}
    found["bodies"], found["uploads"] = dict(API_BODIES), dict(API_UPLOADS)
    base = {**objects, "officer": officer, "focal_mli": focal_mli}
    for module in _app_sample_modules():
        for key, more in module.samples(base).items():
            found[key].update(more)
    return found


def _app_sample_modules() -> list:
    """Each tcdesk app's `tests/permission_samples.py`, where it has one (apps above assistance)."""
    modules = []
    for config in apps.get_app_configs():
        if config.name.startswith("tcdesk.") and (Path(config.path) / "tests" / "permission_samples.py").exists():
            modules.append(importlib.import_module(f"{config.name}.tests.permission_samples"))
    return modules


# Bodies that pass each write endpoint's schema, so the permission (not the schema) decides.
API_BODIES = {
    ("POST", "/api/core/memberships"): {"group": "SIDS", "country": "FRA", "valid_from": "2030-01-01"},
    ("POST", "/api/mandates/resolutions"): {},
    ("POST", "/api/mandates/parse"): {},
    ("POST", "/api/mandates/drafts"): {},
    ("POST", "/api/mandates/drafts/{int:draft_id}/corrections"): {"op": "merge", "element": "operative:9"},
    ("POST", "/api/mandates/mandates/{int:mandate_id}/status"): {"status": "in_progress"},
    ("POST", "/api/mandates/mandates/{int:mandate_id}/evidence"): {},
    ("POST", "/api/mandates/mandates/{int:mandate_id}/superseded"): {"resolution": "A/RES/1/1"},
    ("POST", "/api/mandates/mandates/{int:mandate_id}/renewed"): {"resolution": "A/RES/1/1"},
    ("POST", "/api/treaties/imports/{import_id}/corrections"): {"rows": [1]},
    ("POST", "/api/treaties/instruments/{code}/actions"): {
        "participant": "MLI",
        "action": "signature",
        "date": "2001-01-02",
    },
    ("POST", "/api/requests"): {
        "country": "MLI",
        "title": "Help",
        "requesting_authority": "Ministry",
        "description": "Help.",
        "assistance_types": ["training_judges"],
        "submit": False,
    },
    ("POST", "/api/requests/weights"): {"weights": {}},
    ("PATCH", "/api/requests/{int:pk}"): {},
    ("POST", "/api/requests/{int:pk}/transitions"): {"action": "acknowledge", "expected_version": 999},
    ("POST", "/api/requests/{int:pk}/comments"): {"text": "A question."},
}
API_UPLOADS = {
    ("POST", "/api/treaties/imports"): {"instrument": "UNTOC", "dry_run": "true"},
    ("POST", "/api/requests/import"): {"dry_run": "true"},
    ("POST", "/api/requests/{int:pk}/attachments"): {},
}


def _in_sight(user, obj, action) -> tuple[bool, bool]:
    """(visible, allowed) of an object for a user and an action, by the model's declared rules."""
    queryset = type(obj)._default_manager.filter(pk=obj.pk)
    visible = queryset.for_user(user).exists()
    return visible, visible and queryset.for_user(user, action).exists()


def _expected(user, requirement, method: str, obj) -> str:
    action = requirement.action_for(method)
    if not requirement.per_object or obj is None:
        return "allowed" if holds(user, action) else "403"
    visible, allowed = _in_sight(user, obj, action)
    return "allowed" if allowed else ("403" if visible else "404")


def _check(status: int, expected: str, what: str) -> str | None:
    ok = (status not in (401, 403, 404) and status < 500) if expected == "allowed" else status == int(expected)
    return None if ok else f"{what}: {status}, expected {expected}"


def _client(request, role: str):
    client = Client()
    if role == "anonymous":
        return client, AnonymousUser()
    user = request.getfixturevalue(role)
    client.force_login(user)
    return client, user


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_the_rules_say(request, role, samples):
    client, user = _client(request, role)
    wrong = []
    for page in pages():
        if page.name in OPEN_PAGES:
            continue
        kwargs, obj = samples["pages"].get(page.name, ({}, None))
        if "<" in page.route and page.name not in samples["pages"]:
            wrong.append(f"{page.name}: no sample object for its URL")
            continue
        url = reverse(page.name, kwargs=kwargs)
        methods = [
            m
            for m, action in (("GET", page.requirement.read), ("POST", page.requirement.write))
            if m == "GET" and not action.writes or m == "POST" and action.writes
        ]
        for method in methods:
            # The expectation is taken before the request, which may change the object (a revoked token).
            expected = None if role == "anonymous" else _expected(user, page.requirement, method, obj)
            response = client.get(url) if method == "GET" else client.post(url, {})
            if role == "anonymous":
                if _open_page(url, page.requirement):
                    # Open data: anonymous visitors read it without signing in.
                    problem = _check(response.status_code, "allowed", f"{method} {url}")
                    if problem:
                        wrong.append(problem)
                    continue
                expected_login = response.status_code == 302 and reverse("accounts:login") in response["Location"]
                if not expected_login:
                    wrong.append(f"{method} {url}: {response.status_code}, expected a redirect to sign in")
                continue
            problem = _check(response.status_code, expected, f"{method} {url}")
            if problem:
                wrong.append(problem)
    assert wrong == []


def _open_page(url: str, requirement) -> bool:
    """A page anyone reads: its action is public and the view is exempt from signing in."""
    view = resolve(url).func
    return requirement.read.public and not getattr(view, "login_required", True)


def _api_url(endpoint, samples) -> tuple[str, object] | None:
    obj = None
    url = endpoint.path
    for match in re.finditer(r"\{(?:\w+:)?(\w+)\}", endpoint.path):
        name = match.group(1)
        prefix = endpoint.path[: match.start()].rstrip("/")
        sample = samples["api_by_prefix"].get((prefix, name)) or samples["api"].get(name)
        if sample is None:
            return None
        value, obj = sample
        url = url.replace(match.group(0), str(value), 1)
    return url, obj


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_answers_each_role_as_the_rules_say(request, role, samples):
    client, user = _client(request, role)
    wrong = []
    for endpoint in endpoints():
        if (endpoint.method, endpoint.path) in OPEN_ENDPOINTS:
            continue
        found = _api_url(endpoint, samples)
        if found is None:
            wrong.append(f"{endpoint.method} {endpoint.path}: no sample object for its URL")
            continue
        url, obj = found
        expected = _expected(user, endpoint.requirement, endpoint.method, obj)
        key = (endpoint.method, endpoint.path)
        if key in samples["uploads"]:
            data = {**samples["uploads"][key], "file": SimpleUploadedFile("sample.csv", b"country\n", "text/csv")}
            response = client.post(url, data)
        elif endpoint.method == "GET":
            response = client.get(url)
        else:
            body = json.dumps(samples["bodies"].get(key, {}))
            response = client.generic(endpoint.method, url, body, content_type="application/json")
        what = f"{endpoint.method} {url}"
        if role == "anonymous" and not endpoint.anonymous:
            if response.status_code != 401:
                wrong.append(f"{what}: {response.status_code}, expected 401")
            continue
        problem = _check(response.status_code, expected, what)
        if problem:
            wrong.append(problem)
    assert wrong == []
