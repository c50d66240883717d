"""The funds app's home sections: the fund manager's funds with their balances, a donor's own statement."""

import pytest
from django.urls import reverse

from tcdesk.funds.tests import factories

pytestmark = pytest.mark.django_db


def _sections(response) -> dict:
    return {section.key: section for section in response.context["sections"]}


def test_fund_manager_sees_each_fund_with_its_balances(finance_client, rates):
    factories.agreement(donor="NOR", fund_code="CPCJF")
    response = finance_client.get(reverse("core:dashboard"))
    (row,) = _sections(response)["fund-balances"].items
    assert row[0].code == "CPCJF" and set(row[1]) == {"free", "earmarked", "allocated", "total"}
    assert 'href="/funds/CPCJF/"' in response.content.decode()
    assert "your-contributions" not in _sections(response)


def test_donor_reaches_its_own_statement_and_no_other(donor_nor_client, rates):
    factories.agreement(donor="NOR", fund_code="CPCJF")
    factories.agreement(donor="SWE", fund_code="CPCJF", reference="SWE-2026-1", currency="EUR")
    response = donor_nor_client.get(reverse("core:dashboard"))
    sections = _sections(response)
    assert [donor.code for donor in sections["your-contributions"].items] == ["NOR"]
    assert "fund-balances" not in sections
    body = response.content.decode()
    assert 'href="/funds/donors/NOR/"' in body and "/funds/donors/SWE/" not in body
    assert donor_nor_client.get(reverse("funds:donor_statement", args=["SWE"])).status_code in (403, 404)


def test_programme_staff_get_neither_money_section(officer_client, rates):
    factories.agreement(donor="NOR", fund_code="CPCJF")
    sections = _sections(officer_client.get(reverse("core:dashboard")))
    assert "fund-balances" not in sections and "your-contributions" not in sections
