"""Demo data of the funds app: clearly synthetic money on real fund names.

The four funds the resolution names (CPCJF, UNICRI, UNTOC-30, UNCAC-62) and a special-purpose trust
fund kept in euros; donors (Norway and Germany — the `donor-NOR` and `donor-DEU` accounts are scoped to
them —, the European Union, Japan, a foundation); agreements with earmarks (Africa, terrorism, specific
countries); monthly UN-style exchange rates (synthetic values, not the UN's published ones); pledges and
receipts in several currencies; allocations to the requests the assistance demo accepted, each from a pot
whose earmark allows it; some expenditure with support costs, a transfer between funds and a closed
period.

Deterministic for a seed, dates relative to today. The ledger is append-only, so a second run does not
delete: everything is recorded under idempotency keys (nothing posted twice), and allocations to
requests the assistance demo has since replaced are released before the new requests are funded.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.assistance.models import AssistanceRequest
from tcdesk.core.demo import demo_user

from . import money, services
from .choices import AllocationStatus, DonorKind, FundKind
from .errors import EarmarkForbidsError, OverdrawnError
from .models import Allocation, ContributionAgreement, Donor, Earmark, Fund, PledgeRevaluation

SYNTHETIC = "[Synthetic demo data] "

FUNDS = [
    (
        "CPCJF",
        "United Nations Crime Prevention and Criminal Justice Fund",
        "Fonds des Nations Unies pour la prévention du crime et la justice pénale",
        FundKind.GENERAL,
        "USD",
        "A/RES/60/175, op. 11 and 12",
    ),
    (
        "UNICRI",
        "United Nations Interregional Crime and Justice Research Institute",
        "Institut interrégional de recherche des Nations Unies sur la criminalité et la justice",
        FundKind.INSTITUTE,
        "USD",
        "A/RES/60/175, op. 14",
    ),
    (
        "UNTOC-30",
        "Funding mechanism of the Organized Crime Convention (art. 30(2)(c))",
        "Mécanisme de financement de la Convention contre la criminalité organisée (art. 30, par. 2 c))",
        FundKind.CONVENTION,
        "USD",
        "A/RES/60/175, op. 22; UNTOC art. 30(2)(c)",
    ),
    (
        "UNCAC-62",
        "Funding mechanism of the Corruption Convention (art. 62(2)(c))",
        "Mécanisme de financement de la Convention contre la corruption (art. 62, par. 2 c))",
        FundKind.CONVENTION,
        "USD",
        "A/RES/60/175, op. 25; UNCAC art. 62(2)(c)",
    ),
    (
        "TF-SAHEL",
        "Special-purpose trust fund for criminal justice in the Sahel",
        "Fonds d’affectation spéciale pour la justice pénale au Sahel",
        FundKind.SPECIAL,
        "EUR",
        "synthetic",
    ),
]
# Synthetic monthly rates (units per USD) around plausible levels; not the UN's published rates.
BASE_RATES = {
    "NOK": Decimal("10.6"),
    "EUR": Decimal("0.92"),
    "JPY": Decimal("150.5"),
    "GBP": Decimal("0.79"),
    "SEK": Decimal("10.4"),
}
# (reference, donor, fund, amount, currency, earmarks: (code, label, regions, themes, countries))
AGREEMENTS = [
    ("NOR-CPCJF-1", "NOR", "CPCJF", "42000000", "NOK", [("NOR-AFR", "Africa", ["002"], [], [])]),
    ("NOR-CPCJF-2", "NOR", "CPCJF", "10500000", "NOK", []),
    ("DEU-UNTOC-1", "DEU", "UNTOC-30", "2500000", "EUR", [("DEU-TERR", "Terrorism prevention", [], ["terrorism"], [])]),
    (
        "DEU-SAHEL-1",
        "DEU",
        "TF-SAHEL",
        "1800000",
        "EUR",
        [("DEU-SAHEL", "Mali, Niger, Burkina Faso", [], [], ["MLI", "NER", "BFA"])],
    ),
    ("EU-CPCJF-1", "EU", "CPCJF", "3000000", "EUR", []),
    ("JPN-UNCAC-1", "JPN", "UNCAC-62", "180000000", "JPY", []),
    ("FDN-UNICRI-1", "FDN-JUSTICE", "UNICRI", "400000", "USD", []),
]


def _months_back(today: dt.date, count: int) -> list[dt.date]:
    months, day = [], today.replace(day=1)
    for _i in range(count):
        months.append(day)
        day = (day - dt.timedelta(days=1)).replace(day=1)
    return sorted(months)


def load_demo(*, seed: int, scale: int, progress) -> dict:
    with transaction.atomic():
        return _load_demo(seed=seed, scale=scale)


def _load_demo(*, seed: int, scale: int) -> dict:
    rng = random.Random(seed)
    today = timezone.localdate()
    finance = demo_user("finance", first_name="Fatima", last_name="Finance")
    role_assign(user=finance, role=Role.FUND_MANAGER)
    months = _months_back(today, 18)
    for month in months:
        for currency, base in BASE_RATES.items():
            drift = Decimal(rng.randint(-300, 300)) / Decimal(10000)
            services.exchange_rate_set(
                actor=finance, currency=currency, month=month, rate=(base * (1 + drift)).quantize(Decimal("0.0001"))
            )
    for code, name_en, name_fr, kind, currency, basis in FUNDS:
        if not Fund.objects.filter(code=code).exists():
            services.fund_create(
                actor=finance,
                code=code,
                name_en=name_en,
                name_fr=name_fr,
                kind=kind,
                currency=currency,
                mandate_reference=basis,
            )
    if not Donor.objects.filter(code="FDN-JUSTICE").exists():
        services.donor_create(
            actor=finance,
            code="FDN-JUSTICE",
            kind=DonorKind.FOUNDATION,
            name_en=SYNTHETIC + "Justice Foundation",
            name_fr=SYNTHETIC + "Fondation Justice",
        )
    start = months[0]
    counts = {"receipts": 0, "pledges": 0, "allocations": 0, "expenditure": 0}
    for reference, donor, fund, amount, currency, earmarks in AGREEMENTS:
        agreement = ContributionAgreement.objects.filter(reference=reference).first() or services.agreement_create(
            actor=finance,
            reference=reference,
            donor=donor,
            fund=fund,
            amount=Decimal(amount),
            currency=currency,
            signed_on=start + dt.timedelta(days=10),
            valid_from=start,
            valid_to=today.replace(year=today.year + 2),
            reporting_obligations=SYNTHETIC + "Annual narrative and financial report by 31 March.",
        )
        for code, label, regions, themes, countries in earmarks:
            if not Earmark.objects.filter(code=code).exists():
                services.earmark_create(
                    actor=finance,
                    agreement=agreement.pk,
                    code=code,
                    label=label,
                    regions=regions,
                    themes=themes,
                    countries=countries,
                )
        earmark = Earmark.objects.filter(agreement=agreement).first()
        services.pledge_record(
            actor=finance,
            fund=fund,
            donor=donor,
            amount=Decimal(amount),
            currency=currency,
            pledged_on=start + dt.timedelta(days=5),
            agreement=agreement.pk,
            earmark=earmark.pk if earmark else None,
            reference=f"demo-pledge-{reference}",
        )
        counts["pledges"] += 1
        # Paid in three instalments, the last one not yet for some: pledged versus paid differ.
        total = Decimal(amount)
        for instalment in range(3 if rng.random() < 0.6 else 2):
            part = money.round_to_unit(total / 3, currency)
            day = months[2 + instalment * 5] + dt.timedelta(days=rng.randint(0, 20))
            services.receipt_record(
                actor=finance,
                fund=fund,
                donor=donor,
                amount=part,
                currency=currency,
                received_on=day,
                agreement=agreement.pk,
                earmark=earmark.pk if earmark else None,
                reference=f"demo-{reference}-{instalment + 1}",
            )
            counts["receipts"] += 1
    # Unpaid pledges in other currencies revalued month by month (each month once, in order).
    revalued = PledgeRevaluation.objects.order_by("-month").values_list("month", flat=True).first()
    for month in months:
        if revalued is None or month > revalued:
            services.pledges_revalue(actor=finance, month=month)
    services.transfer_record(
        actor=finance,
        source="CPCJF",
        target="UNTOC-30",
        amount=Decimal("150000"),
        transferred_on=months[-4] + dt.timedelta(days=3),
        reference="demo-transfer-1",
    )
    # Refresh: allocations to requests the assistance demo has replaced give their money back first.
    for orphan in Allocation.objects.filter(request=None, fundable_id=None, status=AllocationStatus.ACTIVE):
        services.allocation_release(
            actor=finance, allocation=orphan.pk, reason="demo refresh: the request was replaced"
        )
    accepted = (
        AssistanceRequest.objects.filter(status__in=services.FUNDABLE_STATUSES).select_related("country").order_by("pk")
    )
    sources = [(e.agreement.fund.code, e) for e in Earmark.objects.select_related("agreement__fund").order_by("code")]
    sources += [(code, None) for code, *_rest in FUNDS]
    for ta_request in accepted:
        target = services.request_target(ta_request)
        wanted = Decimal(rng.randrange(40, 260)) * 1000
        for fund_code, earmark in sources:
            if earmark is not None and services.earmark_refusals(earmark, target):
                continue
            fund = Fund.objects.get(code=fund_code)
            try:
                allocation = services.allocation_create(
                    actor=finance,
                    fund=fund_code,
                    earmark=earmark.pk if earmark else None,
                    amount=wanted,
                    currency="USD",
                    request=ta_request.pk,
                    idempotency_key=f"demo:{ta_request.pk}",
                    note=SYNTHETIC.strip(),
                )
            except (OverdrawnError, EarmarkForbidsError, ValidationError):
                continue  # not enough free money there, or no rate this month for its currency: the next pot
            counts["allocations"] += 1
            if rng.random() < 0.5 and not allocation.expenditures.exists():
                services.expenditure_record(
                    actor=finance,
                    allocation=allocation.pk,
                    amount=money.round_to_unit(allocation.fund_amount * Decimal("0.4"), fund.currency),
                    currency=fund.currency,
                    spent_on=today,
                    reference=f"demo-spend-{ta_request.pk}",
                )
                counts["expenditure"] += 1
            break
    if not services.last_close():
        services.period_close(actor=finance, through=months[1] - dt.timedelta(days=1))
    check = services.ledger_verify()
    return {**counts, "funds": Fund.objects.count(), "ledger_ok": check.ok}
