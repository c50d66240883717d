"""Building blocks of the funds tests: funds, donors, agreements, earmarks and rates through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tcdesk.funds import services
from tcdesk.funds.models import ExchangeRate, Fund

RATES = {
    "EUR": Decimal("0.920000"),
    "NOK": Decimal("10.500000"),
    "JPY": Decimal("150.250000"),
    "KWD": Decimal("0.307000"),
}
DAY = dt.date(2026, 3, 10)


def rates(months: list[dt.date] | None = None) -> None:
    """The same rates every month of 2026 (written at once: tests set many)."""
    ExchangeRate.objects.bulk_create(
        [
            ExchangeRate(currency=currency, month=month, rate=rate)
            for month in months or [dt.date(2026, m, 1) for m in range(1, 13)]
            for currency, rate in RATES.items()
        ]
    )


def fund(code: str = "CPCJF", currency: str = "USD") -> Fund:
    return Fund.objects.filter(code=code).first() or services.fund_create(
        actor=None, code=code, name_en=f"{code} fund", name_fr=f"Fonds {code}", currency=currency
    )


def agreement(donor: str = "NOR", fund_code: str = "CPCJF", *, reference: str = "NOR-2026-1", currency: str = "NOK"):
    fund(fund_code)
    return services.agreement_create(
        actor=None,
        reference=reference,
        donor=donor,
        fund=fund_code,
        amount=Decimal("10000000"),
        currency=currency,
        signed_on=dt.date(2026, 1, 15),
        valid_from=dt.date(2026, 1, 1),
        valid_to=dt.date(2027, 12, 31),
    )


def accepted_request(country: str = "MLI", themes: list[str] | None = None):
    return AssistanceRequestFactory(country_id=country, status="accepted", themes=themes or ["terrorism"])
