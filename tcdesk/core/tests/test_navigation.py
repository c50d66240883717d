"""The menus offer only what the person may open: a donor is not shown the funds, the funding plans or
asset sharing, which would refuse them; the staff who may open them see them."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

MENU = re.compile(r'<nav class="site-nav".*?</nav>', re.DOTALL)


def _menu(client) -> str:
    return MENU.search(client.get("/").content.decode()).group(0)


def test_the_menu_leaves_out_pages_that_would_refuse_the_person(donor_nor_client):
    menu = _menu(donor_nor_client)
    assert 'href="/requests/"' in menu
    for refused in ('href="/funds/"', 'href="/planning/"', 'href="/assets/"'):
        assert refused not in menu


def test_the_menu_shows_the_funds_and_plans_to_a_fund_manager(client, finance):
    client.force_login(finance)
    menu = _menu(client)
    assert 'href="/funds/"' in menu and 'href="/planning/"' in menu
    assert client.get("/funds/").status_code == 200


def test_the_funds_sub_menu_offers_the_import_only_to_who_may_record_contributions(client, officer, finance):
    client.force_login(officer)
    assert client.get("/funds/").status_code == 200
    assert 'href="/funds/import/"' not in client.get("/funds/").content.decode()
    client.force_login(finance)
    assert 'href="/funds/import/"' in client.get("/funds/").content.decode()


SUBNAV = re.compile(r'<nav class="subnav".*?</nav>', re.DOTALL)


def test_a_donor_is_offered_only_the_funds_pages_that_answer_it(donor_nor_client):
    submenu = SUBNAV.search(donor_nor_client.get("/funds/donors/").content.decode()).group(0)
    links = re.findall(r'href="([^"]+)"', submenu)
    assert "/funds/donors/" in links
    for refused in ("/funds/", "/funds/flows/", "/funds/rates/", "/funds/import/"):
        assert refused not in links
    for link in links:
        assert donor_nor_client.get(link).status_code == 200, link
