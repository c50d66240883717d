"""Numbers, money, percentages and dates written the way each language writes them (pure: babel only).

English: 1,234.5 and 16 December 2005; French: 1 234,5 and 16 décembre 2005; Spanish: 1.234,5 and
16 de diciembre de 2005 (babel's CLDR data), as in the official versions of United Nations documents.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}
# French and Spanish put the unit after the figure, separated by a no-break space.
_UNIT_AFTER = ("fr", "es")


def _locale(lang: str) -> str:
    return LOCALES.get(lang, lang)


def number(value: int | float | Decimal | None, lang: str, *, digits: int = 1) -> str:
    """A count or a measure; None (no data) is a dash."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return format_decimal(value, format="#,##0", locale=_locale(lang))
    return format_decimal(value, format="#,##0." + "#" * digits, locale=_locale(lang))


def percent(value: float | Decimal | None, lang: str) -> str:
    """A share already in percent (42.5 → "42.5 per cent" / "42,5 %", in French and Spanish)."""
    if value is None:
        return "—"
    figure = format_decimal(value, format="#,##0.#", locale=_locale(lang))
    return f"{figure}\u00a0%" if lang in _UNIT_AFTER else f"{figure} per cent"


def money(amount: Decimal | None, currency: str, lang: str) -> str:
    """An amount with its ISO 4217 code, no cents ("USD 1,250,000" / "1 250 000 USD")."""
    if amount is None:
        return "—"
    whole = int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    figure = format_decimal(whole, format="#,##0", locale=_locale(lang))
    return f"{figure}\u00a0{currency}" if lang in _UNIT_AFTER else f"{currency}\u00a0{figure}"


def date(day: dt.date | None, lang: str) -> str:
    """16 December 2005 / 16 décembre 2005 (the 1st is "1er" in French) / 16 de diciembre de 2005."""
    if day is None:
        return "—"
    pattern = "d 'de' MMMM 'de' y" if lang == "es" else "d MMMM y"
    text = format_date(day, format=pattern, locale=_locale(lang))
    if lang == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text


_EN_UNITS = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_ORD = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}
_FR_UNITS = [
    "",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
_FR_TENS = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt", "quatre-vingt"]


# Spanish ordinals in the masculine, shortened before a noun ("primer", "tercer") as in "sexagésimo
# primer período de sesiones", the way United Nations documents in Spanish name a session.
_ES_UNITS = ["", "primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno"]
_ES_TEENS = ["décimo", "undécimo", "duodécimo"]
_ES_TENS = [
    "",
    "décimo",
    "vigésimo",
    "trigésimo",
    "cuadragésimo",
    "quincuagésimo",
    "sexagésimo",
    "septuagésimo",
    "octogésimo",
    "nonagésimo",
]


def _es_ordinal(n: int) -> str:
    """1 → "primer", 13 → "decimotercer", 61 → "sexagésimo primer" (1 ≤ n ≤ 99)."""
    if n < 10:
        return _ES_UNITS[n]
    if n < 13:
        return _ES_TEENS[n - 10]
    tens, unit = divmod(n, 10)
    if tens == 1:
        # 13–19 are written as one word; "decimoctavo" drops the repeated o.
        return "decimoctavo" if unit == 8 else "decimo" + _ES_UNITS[unit]
    return _ES_TENS[tens] + (f" {_ES_UNITS[unit]}" if unit else "")


def _en_cardinal(n: int) -> str:
    if n < 20:
        return _EN_UNITS[n]
    tens, unit = divmod(n, 10)
    return _EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else "")


def _fr_cardinal(n: int) -> str:
    if n < 20:
        return _FR_UNITS[n]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix…, quatre-vingt-dix…
        unit += 10
    base = _FR_TENS[tens]
    if unit == 0:
        return base + ("s" if tens == 8 else "")
    if unit in (1, 11) and tens not in (8, 9):
        return f"{base} et {_FR_UNITS[unit]}"
    return f"{base}-{_FR_UNITS[unit]}"


def ordinal_words(n: int, lang: str) -> str:
    """The ordinal in words, as session numbers are written (61 → "sixty-first" / "soixante et unième" /
    "sexagésimo primer"); digits from 100 on."""
    if not 0 < n < 100:
        return {"fr": f"{n}e", "es": f"{n}.º"}.get(lang, f"{n}th")
    if lang == "es":
        return _es_ordinal(n)
    if lang == "fr":
        if n == 1:
            return "première"
        words = _fr_cardinal(n)
        if words.endswith("cinq"):
            return words + "uième"
        if words.endswith("neuf"):
            return words[:-1] + "vième"
        if words.endswith("quatre-vingts"):
            words = words[:-1]
        return (words[:-1] if words.endswith("e") else words) + "ième"
    words = _en_cardinal(n)
    head, _sep, last = words.rpartition("-")
    if last in _EN_ORD:
        last = _EN_ORD[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}-{last}" if head else last
