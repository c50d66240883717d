"""What every section is computed from: the resolution, the period and the language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tcdesk.mandates.models import Resolution

from .. import formatting


@dataclass
class Context:
    """The inputs of one report; helpers format figures in the report's language.

    The builder activates the language before calling the sections, so `gettext` in a section
    answers in it; names of countries, regions and instruments follow the active language too.
    """

    resolution: Resolution | None
    start: dt.date
    end: dt.date
    language: str
    conclusions: list[str] = field(default_factory=list)
    donor: Any = None  # a tcdesk.funds Donor, for a donor report
    instrument: Any = None  # a tcdesk.treaties Instrument, for a report to its Conference of the Parties

    def instrument_codes(self) -> list[str] | None:
        """For a Conference of the Parties: the convention and its protocols; otherwise None (every instrument)."""
        if self.instrument is None:
            return None
        from tcdesk.treaties.models import Instrument

        children = Instrument.objects.filter(parent=self.instrument).order_by("sort_order", "code")
        return [self.instrument.code, *children.values_list("code", flat=True)]

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=dt.UTC)

    @property
    def end_before(self) -> dt.datetime:
        """The first instant after the period (the period's last day is included)."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)

    def n(self, value: int | float | Decimal | None) -> str:
        return formatting.number(value, self.language)

    def whole(self, amount: Decimal | int | None) -> str:
        """An amount in whole units, rounded half up (as `money` writes it): a table agrees with the text."""
        if amount is None:
            return formatting.number(None, self.language)
        return formatting.number(int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)), self.language)

    def pct(self, value: float | Decimal | None) -> str:
        return formatting.percent(value, self.language)

    def d(self, day: dt.date | None) -> str:
        return formatting.date(day, self.language)

    def money(self, amount: Decimal | None, currency: str = "USD") -> str:
        return formatting.money(amount, currency, self.language)

    @property
    def period_query(self) -> str:
        return f"submitted_from={self.start.isoformat()}&submitted_to={self.end.isoformat()}"

    @property
    def dates_query(self) -> str:
        return f"from={self.start.isoformat()}&to={self.end.isoformat()}"


def share(part: int, whole: int) -> float | None:
    """Part of a whole in per cent, one decimal; None when the whole is empty."""
    return round(100 * part / whole, 1) if whole else None
