"""Every text a person sends has a length limit, set per field and checked before work starts (issue 18).

Two specifications hold every app, those built and those to come:
- each string of a request body in the OpenAPI document has a `maxLength` (or is a number written as text,
  a date, a file, a choice), unless the endpoint takes whole documents and says so in `ALLOWED_UNBOUNDED`;
- each text field of a form the pages use has a `max_length`.
Then each app's long texts are refused three ways: by the API (422 naming the field), by the page form
(the error shown on the field) and by the service itself (a ValidationError naming the field); and the edge
answers a too-long field of any page form, multipart included, with a page naming the field and the rule.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Iterator

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

import tcdesk
from tcdesk.core.extensions import long_text_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance_client(finance):
    from django.test import Client

    client = Client()
    client.force_login(finance)
    return client


# --------------------------------------------------------------------------------------- specifications

# (path, field) of request bodies that may be unbounded, and why. Only endpoints that take whole documents,
# registered through core's `long_text_paths` (checked below), and held to the body-size limit instead.
ALLOWED_UNBOUNDED: dict[tuple[str, str], str] = {
    **{
        (path, field): "a resolution's whole text (or its PDF) to parse or load, documented by hand beside its "
        "file upload; held to the upload budget and the parser's own budgets"
        for path in ("/api/mandates/resolutions", "/api/mandates/parse")
        for field in ("text", "symbol", "filename")
    },
}

# Forms whose text fields take their limit when built, or never store what is typed.
ALLOWED_FORM_FIELDS: dict[tuple[str, str], str] = {
    **{
        (form, "username"): "Django's AuthenticationForm sets the limit of the user model (150) when built"
        for form in ("SignInForm", "AdminSignInForm")
    },
    **{
        (form, "password"): "a password is only hashed, never stored or shown; the edge bounds its length"
        for form in ("SignInForm", "AdminSignInForm")
    },
}


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def unbounded_strings(schema: dict, components: dict, loc: str = "", seen: frozenset = frozenset()) -> Iterator[str]:
    """The places of `schema` that take a string of any length."""
    ref = schema.get("$ref")
    if ref in seen:
        return
    seen = seen | {ref} if ref else seen
    schema = _resolve(schema, components)
    alternatives = schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", [])
    number_too = any(_resolve(a, components).get("type") in ("number", "integer") for a in alternatives)
    for alternative in alternatives:
        if number_too and _resolve(alternative, components).get("type") == "string":
            continue  # a number that may be written as text (a decimal): parsed, never stored as text
        yield from unbounded_strings(alternative, components, loc, seen)
    kind = schema.get("type")
    if kind == "string":
        bounded = "maxLength" in schema or "enum" in schema or "const" in schema
        if not bounded and schema.get("format") not in ("date", "date-time", "time", "binary", "uuid"):
            yield loc or "(body)"
    for name, prop in schema.get("properties", {}).items():
        yield from unbounded_strings(prop, components, f"{loc}.{name}" if loc else name, seen)
    if isinstance(schema.get("additionalProperties"), dict):
        yield from unbounded_strings(schema["additionalProperties"], components, f"{loc}.*", seen)
    if isinstance(schema.get("items"), dict):
        yield from unbounded_strings(schema["items"], components, f"{loc}[]", seen)


def test_every_string_of_every_api_request_body_has_a_maximum_length(client):
    document = client.get("/api/openapi.json").json()
    components = document.get("components", {}).get("schemas", {})
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for content_type, content in operation.get("requestBody", {}).get("content", {}).items():
                for place in unbounded_strings(content["schema"], components):
                    if (path, place.split(".")[0].removesuffix("[]")) not in ALLOWED_UNBOUNDED:
                        found.append(f"{method.upper()} {path} ({content_type}): {place}")
    assert not found, "strings without maxLength (give the field a limit, see tcdesk/core/limits.py):\n" + "\n".join(
        found
    )


def test_endpoints_allowed_unbounded_texts_take_whole_documents():
    for path, _field in ALLOWED_UNBOUNDED:
        assert any(path.startswith(prefix) for prefix in long_text_paths), path


def test_the_specification_would_catch_a_forgotten_limit():
    components = {"Note": {"type": "object", "properties": {"note": {"type": "string"}, "n": {"type": "integer"}}}}
    schema = {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/c/Note"}}}}
    assert list(unbounded_strings(schema, components)) == ["items[].note"]
    bounded = {"type": "object", "properties": {"note": {"type": "string", "maxLength": 10}}}
    assert list(unbounded_strings(bounded, {})) == []


def _project_modules() -> Iterator[str]:
    skipped = ("tests", "migrations", "management", "settings", "wsgi", "devserver", "cli", "gunicorn_conf")
    for module in pkgutil.walk_packages(tcdesk.__path__, "tcdesk."):
        if not any(part in skipped for part in module.name.split(".")):
            yield module.name


def page_forms() -> list[type[forms.BaseForm]]:
    """Every form class of the project (forms modules, views and whatever else defines one)."""
    for name in _project_modules():
        importlib.import_module(name)
    found, stack = [], list(forms.BaseForm.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        # The project's forms, not those a test defines for itself (a test module may be loaded already).
        if cls.__module__.startswith("tcdesk.") and ".tests." not in cls.__module__ and cls not in found:
            found.append(cls)
    return found


def test_every_text_field_of_every_form_has_a_maximum_length():
    classes = page_forms()
    assert len(classes) > 30  # the walk found the apps' forms
    missing = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, forms.CharField)
        and field.max_length is None
        and (cls.__name__, name) not in ALLOWED_FORM_FIELDS
    ]
    assert not missing, "form text fields without max_length:\n" + "\n".join(missing)


# ----------------------------------------------------------------------------------------- per app: API

API_CASES = [
    # (persona, path, body, field, limit)
    ("finance", "/api/funds/allocations", {"fund": "X", "amount": "1", "idempotency_key": "k"}, "note", 2_000),
    ("finance", "/api/funds/agreements", {}, "reporting_obligations", 10_000),
    ("finance", "/api/funds/receipts/1/reversal", {}, "reason", 300),
    ("admin", "/api/portfolio/programmes", {"code": "P", "name_en": "P", "scope": "global"}, "description", 10_000),
    ("admin", "/api/portfolio/projects/1/activities", {"kind": "other", "title": "T"}, "description", 10_000),
    ("finance", "/api/planning/scenarios", {"name": "S", "default_cost": "1"}, "note", 2_000),
    ("secretariat", "/api/reports/1/conclusions", {"language": "en"}, "text", 15_000),
    ("admin", "/api/assets/agreements", {}, "conditions_of_use", 10_000),
    ("admin", "/api/assets/agreements", {}, "notes", 2_000),
    ("admin", "/api/assets/cases/1/decision", {"decided_on": "2026-01-01"}, "note", 2_000),
    ("secretariat", "/api/treaties/instruments/UNTOC/actions", {"participant": "MLI"}, "footnotes", 2_000),
    ("officer", "/api/requests/1/comments", {}, "text", 10_000),
    ("officer", "/api/requests/1/transitions", {"action": "acknowledge", "expected_version": 1}, "comment", 10_000),
    ("secretariat", "/api/mandates/mandates/1/status", {"status": "open"}, "comment", 2_000),
    ("admin", "/api/funds/funds", {"code": "F", "name_en": "F"}, "mandate_reference", 300),  # default ceiling
]


@pytest.mark.parametrize(("persona", "path", "body", "field", "limit"), API_CASES)
def test_a_too_long_field_is_a_422_naming_it_before_the_endpoint_runs(request, persona, path, body, field, limit):
    client = request.getfixturevalue(f"{persona}_client")
    response = client.post(path, {**body, field: "x" * (limit + 1)}, content_type="application/json")
    assert response.status_code == 422, response.content
    errors = [error for error in response.json()["detail"] if error["loc"][-1] == field]
    assert errors, response.json()
    assert str(limit) in errors[0]["msg"]


def test_a_field_at_its_limit_is_not_refused_for_its_length(finance_client):
    body = {"name": "S", "default_cost": "1", "note": "x" * 2_000}
    response = finance_client.post("/api/planning/scenarios", body, content_type="application/json")
    assert response.status_code == 201, response.content


# --------------------------------------------------------------------------------------- per app: pages

PAGE_CASES = [
    # (persona, url name, field, limit)
    ("finance", "funds:agreement_create", "reporting_obligations", 10_000),
    ("admin", "portfolio:programme_create", "description", 10_000),
    ("finance", "planning:scenario_list", "note", 2_000),
    ("admin", "assets:agreement_create", "notes", 2_000),
    ("admin", "assets:case_create", "description", 10_000),
]


@pytest.mark.parametrize(("persona", "url", "field", "limit"), PAGE_CASES)
def test_a_too_long_field_of_a_page_form_shows_the_error_on_the_field(request, persona, url, field, limit):
    client = request.getfixturevalue(f"{persona}_client")
    response = client.post(reverse(url), {field: "x" * (limit + 1)})
    assert response.status_code in (200, 422), response.status_code  # the form again, with its errors
    errors = response.context["form"].errors[field]
    assert any(f"{limit:,}" in error or str(limit) in error for error in errors), errors
    assert f'maxlength="{limit}"' in response.content.decode()  # and the browser stops typing there


def test_the_reports_conclusions_form_refuses_a_too_long_text(secretariat_client, report):
    url = reverse("reports:report_conclusions", kwargs={"report_id": report.pk})
    response = secretariat_client.post(url, {"language": "en", "text": "x" * 15_001})
    assert response.status_code == 422
    assert "15000" in response.context["conclusions_form"].errors["text"][0]
    assert not report.conclusions.exists()


# ------------------------------------------------------------------------------------ per app: services


@pytest.fixture
def report(secretariat):
    from tcdesk.mandates.services import resolution_load
    from tcdesk.mandates.tests.conftest import MINI_EN
    from tcdesk.reports import services

    resolution_load(data=MINI_EN.encode(), filename="A-RES-59-159.en.txt")
    return services.report_create(
        actor=secretariat, resolution="A/RES/59/159", period_start=dt.date(2005, 1, 1), period_end=dt.date(2005, 12, 31)
    )


def _refused_on(field: str, write, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        write(**kwargs)
    assert field in refused.value.message_dict, refused.value.message_dict
    return refused.value.message_dict[field]


def test_services_refuse_too_long_texts_naming_the_field(admin_user, finance, secretariat, report):
    from tcdesk.assets import services as assets
    from tcdesk.funds import services as funds
    from tcdesk.opendata import services as opendata
    from tcdesk.planning import services as planning
    from tcdesk.portfolio import services as portfolio
    from tcdesk.reports import services as reports

    long = "x" * 20_001
    common = {"fund": "NONE", "earmark": None, "amount": 1, "currency": "USD", "idempotency_key": "k"}
    assert "2,000" in _refused_on("note", funds.allocation_create, actor=finance, note=long, **common)[0]
    _refused_on("note", planning.scenario_create, actor=finance, name="Plan", default_cost=1, note=long)
    _refused_on(
        "description",
        portfolio.programme_save,
        actor=admin_user,
        code="P",
        name_en="P",
        scope="global",
        description=long,
    )
    _refused_on("text", reports.conclusions_write, actor=secretariat, report=report, language="en", text=long)
    _refused_on("notes", assets.agreement_create, actor=admin_user, notes=long)
    _refused_on("reason", opendata.exclusion_add, actor=admin_user, kind="donor", code="NONE", reason=long)


def test_a_too_long_text_of_a_service_writes_nothing(finance):
    from tcdesk.planning import services as planning
    from tcdesk.planning.models import Scenario

    with pytest.raises(ValidationError):
        planning.scenario_create(actor=finance, name="Plan", default_cost=1, note="x" * 2_001)
    assert not Scenario.objects.filter(name="Plan").exists()


def test_model_validation_holds_the_same_limits():
    from tcdesk.planning.models import NOTE_MAX_CHARS, Scenario

    with pytest.raises(ValidationError) as refused:
        Scenario(name="Plan", note="x" * (NOTE_MAX_CHARS + 1)).full_clean(exclude=["created_by"])
    assert "note" in refused.value.message_dict


# --------------------------------------------------------------------------------------------- the edge


def test_a_too_long_field_of_a_page_form_is_a_page_naming_the_field_with_a_link_back(officer_client, settings):
    settings.TCDESK_MAX_TEXT_CHARS = 100
    response = officer_client.post(
        "/requests/bulk/",
        "action=acknowledge&comment=" + "z" * 101,
        content_type="application/x-www-form-urlencoded",
        HTTP_REFERER="http://testserver/requests/",
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "<strong>comment</strong>" in page
    assert "at most 100 characters (this one has 101)" in page
    assert 'href="http://testserver/requests/"' in page


def test_the_refusal_page_links_back_to_the_form_not_to_another_site(officer_client, settings):
    settings.TCDESK_MAX_TEXT_CHARS = 100
    response = officer_client.post(
        "/requests/bulk/", {"comment": "z" * 101}, HTTP_REFERER="https://elsewhere.example/phish"
    )
    assert response.status_code == 400
    assert "elsewhere.example" not in response.content.decode()
    assert 'href="/requests/bulk/"' in response.content.decode()


@pytest.mark.parametrize(("language", "words"), [("fr", "Retour au formulaire"), ("es", "Volver al formulario")])
def test_the_refusal_page_speaks_the_readers_language(officer_client, settings, language, words):
    settings.TCDESK_MAX_TEXT_CHARS = 100
    response = officer_client.post("/requests/bulk/", {"comment": "z" * 101}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'lang="{language}"' in page and words in page


def test_the_text_parts_of_a_multipart_page_form_are_held_to_the_limit(officer_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.TCDESK_MAX_TEXT_CHARS = 100
    upload = SimpleUploadedFile("note.pdf", b"%PDF-1.4 tiny", content_type="application/pdf")
    # the test client sends a dict with a file as multipart/form-data, as a browser does
    response = officer_client.post("/requests/new/", {"title": "T", "description": "d" * 101, "attachment": upload})
    assert response.status_code == 400
    assert "<strong>description</strong>" in response.content.decode()


def test_a_multipart_page_form_within_the_limit_reaches_its_view(officer_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.TCDESK_MAX_TEXT_CHARS = 100
    upload = SimpleUploadedFile("note.pdf", b"%PDF-1.4 tiny", content_type="application/pdf")
    response = officer_client.post("/requests/new/", {"title": "T", "description": "d" * 100, "attachment": upload})
    assert response.status_code != 400


def test_a_refused_page_address_links_back_home(officer_client):
    response = officer_client.get("/reference/countries/%00/")
    assert response.status_code == 400
    assert 'href="/"' in response.content.decode() and "\x00" not in response.content.decode()
