"""Reference-data pages: who may see them, who may change them, and what they show."""

import pytest
from django.urls import reverse

from tcdesk.core.models import CountryGroupMembership, Organisation

pytestmark = pytest.mark.django_db

READ_PAGES = [
    ("core:dashboard", {}),
    ("core:reference_home", {}),
    ("core:country_list", {}),
    ("core:country_detail", {"iso3": "MLI"}),
    ("core:region_list", {}),
    ("core:group_list", {}),
    ("core:group_detail", {"code": "LDC"}),
    ("core:organisation_list", {}),
    ("core:theme_list", {}),
    ("core:theme_detail", {"code": "corruption"}),
]


@pytest.mark.parametrize(("name", "kwargs"), READ_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "kwargs"), READ_PAGES)
def test_every_role_reads_reference_pages(focal_mli_client, name, kwargs):
    assert focal_mli_client.get(reverse(name, kwargs=kwargs)).status_code == 200


def test_country_list_filters_by_group_as_of_a_date(officer_client):
    response = officer_client.get(
        reverse("core:country_list"), {"group": "LDC", "as_of": "2005-12-16", "per_page": 100}
    )
    assert response.context["listing"].page.paginator.count == 50
    assert "Cabo Verde" in response.content.decode() or "Cape Verde" in response.content.decode()


def test_country_list_sorts_and_paginates(officer_client):
    response = officer_client.get(reverse("core:country_list"), {"sort": "-iso3", "per_page": 25, "page": 2})
    page = response.context["listing"].page
    codes = [c.iso3 for c in page]
    assert codes == sorted(codes, reverse=True) and len(codes) == 25 and page.number == 2


def test_country_list_answers_htmx_with_the_results_fragment_only(officer_client):
    response = officer_client.get(reverse("core:country_list"), {"q": "Mali"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Mali" in body


def test_invalid_filter_value_is_shown_next_to_its_field(officer_client):
    response = officer_client.get(reverse("core:country_list"), {"group": "NOPE"})
    assert response.status_code == 200
    assert response.context["filter"].errors["group"]


def test_only_administrators_record_memberships(officer_client, admin_client):
    url = reverse("core:country_membership_add", kwargs={"iso3": "FRA"})
    data = {"group": "SIDS", "valid_from": "2030-01-01"}
    # The country is in the officer's sight (reference data is public), the action is not: 403.
    assert officer_client.post(url, data).status_code == 403
    assert not CountryGroupMembership.objects.filter(country_id="FRA", group_id="SIDS").exists()
    assert admin_client.post(url, data).status_code == 302
    assert CountryGroupMembership.objects.filter(country_id="FRA", group_id="SIDS").exists()


def test_an_overlapping_membership_is_refused_inline_and_nothing_is_written(admin_client):
    url = reverse("core:country_membership_add", kwargs={"iso3": "MLI"})
    response = admin_client.post(url, {"group": "LDC", "valid_from": "2010-01-01"})
    assert response.status_code == 422
    assert "may not overlap" in response.content.decode()
    assert CountryGroupMembership.objects.filter(country_id="MLI", group_id="LDC").count() == 1


def test_history_tab_shows_who_changed_what(admin_client, auditor_client):
    admin_client.post(
        reverse("core:organisation_create"),
        {"code": "acme", "name_en": "Acme Foundation", "roles": ["donor"]},
    )
    admin_client.post(
        reverse("core:organisation_edit", kwargs={"code": "acme"}),
        {"code": "acme", "name_en": "Acme Trust", "roles": ["donor"]},
    )
    response = auditor_client.get(reverse("core:organisation_detail", kwargs={"code": "acme"}), {"tab": "history"})
    body = response.content.decode()
    assert "admin-user" in body and "Acme Foundation" in body and "Acme Trust" in body


def test_only_administrators_edit_organisations(officer_client, auditor_client):
    for client in (officer_client, auditor_client):
        assert client.get(reverse("core:organisation_create")).status_code == 403
        response = client.post(reverse("core:organisation_create"), {"code": "x", "name_en": "X"})
        assert response.status_code == 403
    assert not Organisation.objects.filter(code="x").exists()


def test_organisation_form_shows_errors_inline(admin_client):
    response = admin_client.post(reverse("core:organisation_create"), {"code": "bad code!", "name_en": ""})
    assert response.status_code == 422
    form = response.context["form"]
    assert set(form.errors) >= {"code", "name_en"}


def test_pages_switch_to_french(officer_client):
    officer_client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    body = officer_client.get(reverse("core:dashboard")).content.decode()
    assert 'lang="fr"' in body and "Tableau de bord" in body
    body = officer_client.get(reverse("core:country_detail", kwargs={"iso3": "DEU"})).content.decode()
    assert "Allemagne" in body


def test_country_history_includes_its_group_memberships(admin_client, auditor_client):
    admin_client.post(
        reverse("core:country_membership_add", kwargs={"iso3": "FRA"}), {"group": "SIDS", "valid_from": "2030-01-01"}
    )
    body = auditor_client.get(reverse("core:country_detail", kwargs={"iso3": "FRA"}), {"tab": "history"}).content
    assert "SIDS 2030-01-01" in body.decode() and "admin-user" in body.decode()


def test_list_column_headers_follow_the_language(officer_client):
    officer_client.cookies["django_language"] = "fr"
    body = officer_client.get(reverse("core:country_list")).content.decode()
    assert "Statut à l’ONU" in body or "Statut à l'ONU" in body
    assert ">Name<" not in body


def test_form_errors_and_help_are_tied_to_their_fields_for_screen_readers(admin_client):
    import re

    body = admin_client.post(reverse("core:organisation_create"), {"code": "", "name_en": ""}).content.decode()
    described = set(re.findall(r'aria-describedby="([^"]+)"', body))
    ids = set(re.findall(r'\bid="([^"]+)"', body))
    assert "id_name_en_error" in " ".join(described)
    assert all(target in ids for value in described for target in value.split())
    # A group of checkboxes is a fieldset with a legend, not a label pointing nowhere.
    assert 'for=""' not in body and "<legend>" in body


def test_api_docs_are_served_by_the_project_not_a_cdn(client):
    body = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body and "cdn" not in body.lower()
    assert '<html lang="en">' in body  # the page declares its language (axe-core: html-has-lang)
    from django.contrib.staticfiles import finders

    assert finders.find("ninja/swagger-ui-bundle.js")  # collected with the project's static files
