"""Portfolio and funds: projects are fundable, the ledger becomes IATI transactions, donors see what
their money funds, and money by donor shows on the project and country pages."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from tcdesk.funds import services as funds
from tcdesk.funds.errors import EarmarkForbidsError
from tcdesk.funds.tests import factories as fund_factories
from tcdesk.portfolio import iati
from tcdesk.portfolio.models import Project
from tcdesk.portfolio.tests import factories

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


@pytest.fixture
def norway_earmark(db):
    fund_factories.rates()
    agreement = fund_factories.agreement()
    earmark = funds.earmark_create(
        actor=None, agreement=agreement.pk, code="NOR-TIP", label="Trafficking in persons, Mali", countries=["MLI"]
    )
    funds.receipt_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("2100000"),
        currency="NOK",
        received_on=DAY,
        agreement=agreement.pk,
        earmark=earmark.pk,
        reference="NOR-RCPT-1",
    )
    return earmark


@pytest.fixture
def funded(officer, project, norway_earmark):
    allocation = funds.allocation_create(
        actor=None,
        fund="CPCJF",
        earmark=norway_earmark.pk,
        amount=Decimal("100000"),
        currency="USD",
        fundable=("project", project.pk),
        idempotency_key="alloc-1",
        on=DAY,
    )
    funds.expenditure_record(
        actor=None, allocation=allocation.pk, amount=Decimal("25000"), currency="USD", spent_on=DAY, reference="exp-1"
    )
    return allocation


def test_an_allocation_to_a_project_outside_its_earmark_is_refused(officer, norway_earmark):
    in_colombia = factories.project(officer, countries=[("COL", "100")])
    with pytest.raises(EarmarkForbidsError, match="restricted to MLI"):
        funds.allocation_create(
            actor=None,
            fund="CPCJF",
            earmark=norway_earmark.pk,
            amount=Decimal("1000"),
            currency="USD",
            fundable=("project", in_colombia.pk),
            idempotency_key="alloc-col",
            on=DAY,
        )


def test_the_export_carries_the_ledger_as_iati_transactions(funded, project, tmp_path):
    out = tmp_path / "activities.xml"
    call_command("export_iati", "--out", str(out), stdout=io.StringIO(), stderr=io.StringIO())
    [activity] = list(iati.read_activities(out))
    kinds = [(t.type, t.value.amount) for t in activity.transactions]
    assert kinds == [
        (iati.TransactionType.OUTGOING_COMMITMENT, Decimal("100000.00")),
        (iati.TransactionType.EXPENDITURE, Decimal("25000.00")),
    ]
    assert iati.validate_file(out).errors == []


def test_a_donor_sees_the_projects_its_money_funds_and_nothing_else(
    officer, donor_nor, donor_nor_client, funded, project
):
    other = factories.project(officer)
    assert list(Project.objects.for_user(donor_nor)) == [project]
    assert donor_nor_client.get(f"/api/portfolio/projects/{other.pk}").status_code == 404
    detail = donor_nor_client.get(f"/api/portfolio/projects/{project.pk}").json()
    assert detail["money_by_donor"] == [
        {
            "donor": "NOR",
            "name": detail["money_by_donor"][0]["name"],
            "allocated_usd": "100000.00",
            "spent_usd": "25000.00",
        }
    ]


def test_money_by_donor_on_the_project_and_country_pages(officer_client, funded, project):
    page = officer_client.get(reverse("portfolio:project_detail", args=[project.pk])).content.decode()
    assert "Money by donor" in page and "100,000.00" in page
    country = officer_client.get(reverse("core:country_detail", args=["MLI"])).content.decode()
    assert "Money for projects in this State, by donor (USD)" in country


def test_the_demo_pays_its_projects_from_the_funds_demo_and_can_run_again(officer, accepted_request, donor_nor):
    """The request's reservation is handed over to the project answering it; trainings are expenditure."""
    from tcdesk.funds import demo as funds_demo
    from tcdesk.funds.models import Allocation, LedgerTransaction
    from tcdesk.funds.services import ledger_verify
    from tcdesk.portfolio import demo

    type(accepted_request).objects.filter(pk=accepted_request.pk).update(description=demo.SYNTHETIC + "Demo.")
    funds_demo.load_demo(seed=3, scale=1, progress=None)
    reservation = Allocation.objects.get(request=accepted_request)
    counts = demo.load_demo(seed=3, scale=1, progress=None)
    project = Project.objects.get()
    allocation = Allocation.objects.get(fundable_kind="project", fundable_id=project.pk)
    reservation.refresh_from_db()
    assert reservation.status == "released" and counts["reservations_handed_over"] == 1
    assert counts["project_allocations"] == 1 and allocation.status == "active"
    assert allocation.expenditures.count() == counts["project_expenditure"] >= 1
    assert allocation.earmark is not None  # Mali: an earmarked pot (the Sahel or the Africa one) comes first
    posted = LedgerTransaction.objects.count()
    assert demo.load_demo(seed=3, scale=1, progress=None)["projects"] == 1
    assert Project.objects.get().pk == project.pk  # the same project, so its money is still its own
    assert LedgerTransaction.objects.count() == posted and ledger_verify().ok


def test_a_donor_sees_the_demo_projects_its_earmarks_pay_for(officer, accepted_request, donor_nor):
    """Mali's request was reserved on Germany's Sahel earmark: Germany's money pays the project, Norway
    does not see it (its Africa earmark paid nothing there)."""
    from conftest import _persona
    from tcdesk.accounts.choices import Role
    from tcdesk.funds import demo as funds_demo
    from tcdesk.funds.models import Allocation
    from tcdesk.portfolio import demo

    type(accepted_request).objects.filter(pk=accepted_request.pk).update(description=demo.SYNTHETIC + "Demo.")
    funds_demo.load_demo(seed=3, scale=1, progress=None)
    demo.load_demo(seed=3, scale=1, progress=None)
    project = Project.objects.get()
    assert Allocation.objects.get(fundable_id=project.pk).earmark.code == "DEU-SAHEL"
    donor_deu = _persona("donor-deu-user", Role.DONOR, country="DEU")
    assert list(Project.objects.for_user(donor_deu)) == [project]
    assert list(Project.objects.for_user(donor_nor)) == []
