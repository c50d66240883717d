"""Demo data of asset sharing: SYNTHETIC agreements and confiscation cases between demo States.

Nothing here is a real agreement or case: references start with `DEMO-`, descriptions say "Synthetic
demo data", and the tier table is the user-entered kind, its source marked synthetic. The cases involve
the States with demo focal points (Mali, Colombia, Ukraine), so `focal-MLI`, `focal-COL` and `focal-UKR`
each see their own. One case is decided with a UN share, posted to the UNTOC-30 account of the funds
ledger (`receipt_record`, idempotent by reference). Deterministic (dates relative to today); a re-run
replaces the previous demo rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.core.dates import today
from tcdesk.core.demo import demo_user
from tcdesk.core.models import Country, Organisation
from tcdesk.funds.models import Fund
from tcdesk.funds.services import fund_create
from tcdesk.treaties.models import Instrument

from . import services
from .models import CaseParty, ConfiscationCase, SharingAgreement, SharingDecision, Transfer

SYNTHETIC = "Synthetic demo data (not a real agreement or case). "
TIER_SOURCE = "Synthetic demo table (user-entered; not from the Model Agreement, whose percentages are unverified)"


def load_demo(*, seed: int, scale: int, progress: Any = None) -> dict:
    with transaction.atomic():
        return _load_demo()


def _clear() -> None:
    cases = ConfiscationCase.objects.filter(reference__startswith="DEMO-")
    Transfer.objects.filter(decision__case__in=cases).delete()
    SharingDecision.objects.filter(case__in=cases).delete()
    CaseParty.objects.filter(case__in=cases).delete()
    cases.delete()
    SharingAgreement.objects.filter(reference__startswith="DEMO-").delete()


def _un_accounts(actor: Any) -> None:
    """The two UN accounts a UN share goes to, unless the funds demo made them already."""
    names = {
        "UNTOC-30": (
            "Account under art. 30(2)(c) of the Organized Crime Convention",
            "Compte prévu à l'art. 30(2)(c) de la Convention contre la criminalité organisée",
        ),
        "UNCAC-62": (
            "Account under art. 62(2)(c) of the Convention against Corruption",
            "Compte prévu à l'art. 62(2)(c) de la Convention contre la corruption",
        ),
    }
    for code, (name_en, name_fr) in names.items():
        if not Fund.objects.filter(code=code).exists():
            fund_create(actor=actor, code=code, name_en=name_en, name_fr=name_fr, currency="USD")


def _load_demo() -> dict:
    officer = demo_user("officer", first_name="Omar", last_name="Officer")
    role_assign(user=officer, role=Role.PROGRAMME_OFFICER)
    finance = demo_user("finance", first_name="Fatima", last_name="Finance")
    role_assign(user=finance, role=Role.FUND_MANAGER)
    _clear()
    _un_accounts(finance)
    day = today()
    c = Country.objects.get
    che_col = services.agreement_create(
        actor=officer,
        reference="DEMO-SA-CHE-COL",
        title="Switzerland–Colombia agreement on sharing confiscated assets",
        state=c(iso3="CHE"),
        counterpart_state=c(iso3="COL"),
        legal_basis="model_agreement",
        concluded_on=dt.date(2019, 3, 12),
        status="in_force",
        rule="tiered",
        tiers={"major": "0.5", "significant": "0.4", "facilitating": "0.1"},
        tier_source=TIER_SOURCE,
        request_deadline_days=90,
        currency="USD",
        conditions_of_use="Shared proceeds fund drug-demand reduction and law enforcement training.",
        notes=SYNTHETIC,
    )
    fra_mli = services.agreement_create(
        actor=officer,
        reference="DEMO-SA-FRA-MLI",
        title="France–Mali arrangement on the return and sharing of proceeds of corruption",
        state=c(iso3="FRA"),
        counterpart_state=c(iso3="MLI"),
        legal_basis="uncac_57",
        concluded_on=dt.date(2021, 11, 5),
        status="signed",
        rule="case_by_case",
        request_deadline_days=180,
        currency="EUR",
        notes=SYNTHETIC,
    )
    agreements = [che_col, fra_mli]
    eu = Organisation.objects.filter(code="EU").first()
    if eu is not None:
        agreements.append(
            services.agreement_create(
                actor=officer,
                reference="DEMO-SA-UKR-EU",
                title="Ukraine–European Union memorandum on asset sharing",
                state=c(iso3="UKR"),
                counterpart_organisation=eu,
                legal_basis="untoc_14_3_b",
                status="negotiating",
                rule="equal",
                currency="EUR",
                notes=SYNTHETIC,
            )
        )

    def offence(case: ConfiscationCase, text: str, code: str, article: str) -> None:
        instrument = Instrument.objects.filter(code=code).first()
        services.case_offence_add(actor=officer, case=case, description=text, instrument=instrument, article=article)

    # 1. Decided, with a UN share: drug trafficking network, Switzerland confiscated, Colombia and Mali helped.
    decided = services.case_create(
        actor=officer,
        reference="DEMO-CC-2026-001",
        title="Proceeds of a cocaine trafficking network",
        agreement=che_col,
        legal_basis="drugs_1988_5_5_b_ii",
        currency="USD",
        realised_amount=Decimal("2450000.00"),
        realised_on=day - dt.timedelta(days=150),
        final_order_on=day - dt.timedelta(days=200),
        sharing_requested_on=day - dt.timedelta(days=170),
        un_share_rate=Decimal("0.05"),
        un_fund="UNTOC-30",
        description=SYNTHETIC + "Bank accounts and two properties confiscated after a joint investigation.",
    )
    services.case_party_add(actor=officer, case=decided, state=c(iso3="CHE"), role="confiscating")
    services.case_party_add(
        actor=officer,
        case=decided,
        state=c(iso3="COL"),
        role="cooperating",
        contribution="major",
        reasons="Joint investigation team; evidence leading to the identification of the accounts.",
    )
    services.case_party_add(
        actor=officer,
        case=decided,
        state=c(iso3="MLI"),
        role="cooperating",
        contribution="facilitating",
        reasons="Executed a request for mutual legal assistance on a transit route.",
    )
    offence(decided, "Illicit traffic in cocaine", "DRUG_TRAFFICKING_1988", "art. 3(1)(a)")
    offence(decided, "Laundering of proceeds", "UNTOC", "art. 6")
    services.case_asset_add(
        actor=officer,
        case=decided,
        description="Bank accounts (Geneva)",
        value=Decimal("1900000.00"),
        currency="CHF",
        valued_on=day - dt.timedelta(days=210),
        confiscated_on=day - dt.timedelta(days=200),
    )
    services.case_asset_add(
        actor=officer,
        case=decided,
        description="Two apartments (sold)",
        value=Decimal("720000.00"),
        currency="USD",
        valued_on=day - dt.timedelta(days=160),
        confiscated_on=day - dt.timedelta(days=200),
    )
    services.case_return_add(
        actor=officer,
        case=decided,
        recipient="Bona fide creditor of one apartment",
        kind="prior_owner",
        amount=Decimal("130000.00"),
        returned_on=day - dt.timedelta(days=140),
    )
    services.case_expense_add(
        actor=officer, case=decided, state=c(iso3="CHE"), description="Valuation and sale", amount=Decimal("42500.00")
    )
    decision = services.decision_record(actor=officer, case=decided, decided_on=day - dt.timedelta(days=120))
    for share in decision.shares.filter(role="cooperating"):
        services.transfer_record(
            actor=officer,
            decision=decision,
            kind="share",
            state=share.state,
            amount=share.amount,
            transferred_on=day - dt.timedelta(days=90),
            method="bank_transfer",
            reference=f"DEMO-TR-{share.state_id}",
        )
    receipt = services.un_share_post(actor=finance, decision=decision, received_on=day - dt.timedelta(days=85))

    # 2. Open, deadline soon: corruption case under the case-by-case arrangement, percentages for this case.
    open_case = services.case_create(
        actor=officer,
        reference="DEMO-CC-2026-002",
        title="Embezzled public funds placed in real estate",
        agreement=fra_mli,
        currency="EUR",
        realised_amount=Decimal("860000.00"),
        final_order_on=day - dt.timedelta(days=160),
        rule="percentages",
        percentages={"FRA": "0.2", "MLI": "0.8"},
        description=SYNTHETIC + "Part of the funds goes back to Mali under UNCAC art. 57(3) before any sharing.",
    )
    services.case_party_add(actor=officer, case=open_case, state=c(iso3="FRA"), role="confiscating")
    services.case_party_add(
        actor=officer,
        case=open_case,
        state=c(iso3="MLI"),
        role="cooperating",
        contribution="major",
        reasons="Requesting State; established prior ownership of the embezzled funds.",
    )
    offence(open_case, "Embezzlement of public funds", "UNCAC", "art. 17")
    services.case_return_add(
        actor=officer,
        case=open_case,
        recipient="Republic of Mali (embezzled public funds)",
        kind="requesting_state",
        amount=Decimal("500000.00"),
    )

    # 3. Open, deadline passed: Ukraine confiscated, Colombia cooperated, no agreement (case by case).
    late = services.case_create(
        actor=officer,
        reference="DEMO-CC-2025-003",
        title="Proceeds of a migrant smuggling ring",
        legal_basis="untoc_14_3_b",
        currency="UAH",
        realised_amount=Decimal("3200000.00"),
        final_order_on=day - dt.timedelta(days=400),
        request_deadline=day - dt.timedelta(days=35),
        rule="equal",
        description=SYNTHETIC + "No agreement: equal sharing proposed for this case.",
    )
    services.case_party_add(actor=officer, case=late, state=c(iso3="UKR"), role="confiscating")
    services.case_party_add(
        actor=officer, case=late, state=c(iso3="COL"), role="cooperating", contribution="significant", reasons="MLA"
    )
    offence(late, "Smuggling of migrants", "SOM_PROTOCOL", "art. 6")
    return {
        "agreements": len(agreements),
        "cases": 3,
        "decisions": 1,
        "un_share": str(decision.un_share),
        "un_share_receipt": receipt.reference,
    }
