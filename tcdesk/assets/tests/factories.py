"""Agreements and cases built through the services (so tests exercise the same validation)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.accounts.tests.factories import UserFactory
from tcdesk.assets import services
from tcdesk.assets.models import ConfiscationCase, SharingAgreement
from tcdesk.core.models import Country


def manager() -> Any:
    """A programme officer who records agreements and cases."""
    user = UserFactory(username="assets-officer-factory")
    role_assign(user=user, role=Role.PROGRAMME_OFFICER)
    return user


def agreement(actor: Any, **fields: Any) -> SharingAgreement:
    """An agreement in force between Switzerland and Colombia, tiered (tiers entered by the user)."""
    data: dict[str, Any] = {
        "reference": "SA-CHE-COL",
        "title": "Agreement on the sharing of confiscated assets",
        "state": Country.objects.get(iso3="CHE"),
        "counterpart_state": Country.objects.get(iso3="COL"),
        "legal_basis": "model_agreement",
        "concluded_on": dt.date(2020, 5, 4),
        "status": "in_force",
        "rule": "tiered",
        "tiers": {"major": "0.5", "significant": "0.3"},
        "tier_source": "Article 5 of the agreement (synthetic test data)",
        "request_deadline_days": 90,
        "currency": "USD",
    }
    data.update(fields)
    return services.agreement_create(actor=actor, **data)


def case(actor: Any, agreement_: SharingAgreement | None = None, **fields: Any) -> ConfiscationCase:
    """A case under the agreement: CHE confiscated, COL cooperated (major), MLI cooperated (significant);
    the figures of the contract example of issue 13."""
    data: dict[str, Any] = {
        "reference": "CC-0001",
        "title": "Proceeds of a drug-trafficking network",
        "agreement": agreement_,
        "legal_basis": "drugs_1988_5_5_b_ii",
        "currency": "USD",
        "realised_amount": Decimal("1000000.00"),
        "final_order_on": dt.date(2026, 10, 1),
        "un_share_rate": Decimal("0.10"),
        "un_fund": "UNTOC-30",
    }
    data.update(fields)
    created = services.case_create(actor=actor, **data)
    country = Country.objects.get
    services.case_party_add(actor=actor, case=created, state=country(iso3="CHE"), role="confiscating")
    services.case_party_add(
        actor=actor, case=created, state=country(iso3="COL"), role="cooperating", contribution="major", reasons="MLA"
    )
    services.case_party_add(
        actor=actor,
        case=created,
        state=country(iso3="MLI"),
        role="cooperating",
        contribution="significant",
        reasons="Evidence",
    )
    services.case_return_add(
        actor=actor, case=created, recipient="victims' fund", kind="victims", amount=Decimal("50000.00")
    )
    services.case_expense_add(
        actor=actor, case=created, state=country(iso3="CHE"), description="Experts", amount=Decimal("12000.00")
    )
    return created
