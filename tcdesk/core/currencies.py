"""ISO 4217 currencies and their minor unit (JPY 0, USD 2, KWD 3 decimals). No Django here.

The minor unit comes from ISO 4217 list one as shipped in `tcdesk/core/data/iso4217_currencies.csv`
(see `SOURCES.md` beside it). Why not babel: its `get_currency_precision` gives CLDR's display digits,
which differ from the ISO minor unit for 15 codes (IQD 0 instead of 3; COP, HUF, IDR, IRR… 0 instead
of 2) and answers 2 for any unknown code. Money moves between States by bank transfer in ISO units,
and the sharing must agree to the unit with any other correct implementation, so ISO it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

from .csvdata import read_data_file

DATA_FILE = Path(__file__).resolve().parent / "data" / "iso4217_currencies.csv"


@dataclass(frozen=True)
class Currency:
    """An ISO 4217 currency that can be split into minor units."""

    code: str
    minor_unit: int  # decimals: 0 for JPY, 2 for USD, 3 for KWD
    name: str

    @property
    def units_per_major(self) -> int:
        return 10**self.minor_unit

    def to_units(self, amount: Decimal) -> int | None:
        """The amount in minor units, or None if it has a non-zero digit below the minor unit."""
        units = Fraction(amount) * self.units_per_major
        return units.numerator if units.denominator == 1 else None

    def from_units(self, units: int) -> Decimal:
        """Minor units back to a Decimal with exactly `minor_unit` decimals (exact, whatever its size)."""
        return Decimal(f"{units}E-{self.minor_unit}")  # built from text: no context precision applies

    def text(self, units: int) -> str:
        """The contract's decimal string of an amount in minor units: "1234.50", "1000" (JPY)."""
        return format(self.from_units(units), "f")


@dataclass(frozen=True)
class CurrencyTable:
    splittable: dict[str, Currency]
    without_minor_unit: frozenset[str]  # in ISO 4217 but "N.A." (XAU, XDR, XXX…)
    sources: tuple[str, ...]


@cache
def currency_table() -> CurrencyTable:
    data = read_data_file(DATA_FILE)
    splittable, without = {}, set()
    for row in data.rows:
        if row["minor_unit"] == "":
            without.add(row["code"])
        else:
            splittable[row["code"]] = Currency(row["code"], int(row["minor_unit"]), row["name"])
    return CurrencyTable(splittable, frozenset(without), tuple(data.sources))


def find_currency(code: str) -> Currency | None:
    """The currency of an exact ISO 4217 alphabetic code (three capital letters), or None."""
    return currency_table().splittable.get(code)


def has_no_minor_unit(code: str) -> bool:
    return code in currency_table().without_minor_unit
