"""The Django admin in French and Spanish shows no English interface string.

Django translates its own admin labels; what the project contributes (application names, model and field
names, choices, column headings, filter titles) must be translated too, and reference data shows its name
in the reader's language. As the superuser, each language fetches the admin index,
every application index, the list of every registered model (with its filters), and one change form and
one history page per application. Objects of each application are made with the
factories (the demo takes minutes to load). The detector is the site crawl's (tests/english.py): a msgid of the
project's catalogs translated differently in that language.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tcdesk.accounts.choices import Role
from tcdesk.accounts.models import RoleAssignment, User
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.assistance.tests.factories import AssistanceRequestFactory, PartnerActivityFactory
from tcdesk.portfolio.tests import factories as portfolio
from tests.english import english_interface_strings, english_on

pytestmark = pytest.mark.django_db(transaction=False)


def _admin_pages() -> list[str]:
    """The admin pages to read: index, each app index, each changelist, a change form and history per app."""
    pages = [reverse("admin:index")]
    apps_with_an_object: set[str] = set()
    for model, _model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        opts = model._meta
        app_index = reverse("admin:app_list", args=[opts.app_label])
        if app_index not in pages:
            pages.append(app_index)
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        first = model._default_manager.order_by("pk").first()
        if first is not None and opts.app_label not in apps_with_an_object:
            apps_with_an_object.add(opts.app_label)
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]))
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[first.pk]))
    return pages


def _one_object_per_application() -> User:
    """The superuser, and objects of each application (reference data is loaded by the migrations)."""
    superuser = User.objects.create_superuser(username="root", email="root@example.org", password="x")
    RoleAssignment.objects.create(user=UserFactory(), role=Role.AUDITOR)
    AssistanceRequestFactory()
    PartnerActivityFactory()
    project = portfolio.project(superuser)
    portfolio.training(superuser, project)
    return superuser


def test_the_admin_shows_no_english_interface_string():
    superuser = _one_object_per_application()
    pages = _admin_pages()
    assert len(pages) > 40, "the admin's pages were not all found"
    failures = []
    for language in ("fr", "es"):
        client = Client()
        client.force_login(superuser)
        client.cookies["django_language"] = language
        failures += _english_on_pages(client, language, pages)
    assert not failures, "\n".join(failures)


def _english_on_pages(client: Client, language: str, pages: list[str]) -> list[str]:
    english = english_interface_strings(language)
    failures = []
    for url in pages:
        response = client.get(url)
        if response.status_code != 200:
            failures.append(f"{url}: {response.status_code}")
            continue
        # Django's own search box leaves its magnifier's alternative text "Search" untranslated (Django's
        # template, not ours; the button beside it is translated): not counted against the project.
        body = response.content.decode().replace('search.svg" alt="Search"', 'search.svg" alt=""')
        if f'lang="{language}"' not in body:
            failures.append(f"{url}: not in {language}")
            continue
        leaks = list(english_on(body, english))
        if leaks:
            failures.append(f"{url} [{language}]: " + " | ".join(leaks))
    return failures


def test_the_admin_is_served_in_the_reader_language(client, settings):
    superuser = User.objects.create_superuser(username="root", email="root@example.org", password="x")
    client.force_login(superuser)
    client.cookies["django_language"] = "fr"
    body = client.get(reverse("admin:index")).content.decode()
    assert "Administration de Django" in body or "Site d’administration" in body or "Rechercher" in body
