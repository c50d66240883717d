"""Session ordinals written in words ("soixante et unième", "sixty-first", "sexagésimo primer").

The tables are generated from the cardinal rules of each language rather than listed by
hand, for 1 to 199, in the spellings United Nations documents use (French traditional
and 1990 hyphenation, Spanish one-word and two-word forms, both genders).
"""

from __future__ import annotations

import re

from tcdesk.core.text import fold

_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_ORDINAL_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_EN_ORDINAL_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_EN_ORDINAL_TENS = [
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
]

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
]
_FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}

_ES_UNITS = {
    1: ["primero", "primer", "primera"],
    2: ["segundo", "segunda"],
    3: ["tercero", "tercer", "tercera"],
    4: ["cuarto", "cuarta"],
    5: ["quinto", "quinta"],
    6: ["sexto", "sexta"],
    7: ["septimo", "septima", "setimo"],
    8: ["octavo", "octava"],
    9: ["noveno", "novena", "nono"],
}
_ES_TENS = {
    1: "decimo",
    2: "vigesimo",
    3: "trigesimo",
    4: "cuadragesimo",
    5: "quincuagesimo",
    6: "sexagesimo",
    7: "septuagesimo",
    8: "octogesimo",
    9: "nonagesimo",
}
_ES_SPECIAL = {11: ["undecimo", "undecima"], 12: ["duodecimo", "duodecima"]}

_DIGIT_ORDINAL = re.compile(r"^(\d{1,3})\s*(?:st|nd|rd|th|e|er|re|ème|eme|ième|º|°|o|a|\.º|\.ª|ª)?$")


def _fold(text: str) -> str:
    """Case and accents folded away (core.text), hyphens and runs of spaces treated alike."""
    return " ".join(fold(text).replace("-", " ").replace("\u2011", " ").split())


def english_ordinal(number: int) -> str:
    """``61`` → ``"sixty-first"`` (1–199)."""
    hundreds, rest = divmod(number, 100)
    if hundreds:
        if not rest:
            return "one hundredth"
        return "one hundred and " + english_ordinal(rest)
    if rest < 10:
        return _EN_ORDINAL_UNITS[rest]
    if rest < 20:
        return _EN_ORDINAL_TEENS[rest - 10]
    tens, unit = divmod(rest, 10)
    if not unit:
        return _EN_ORDINAL_TENS[tens]
    return f"{_EN_TENS[tens]}-{_EN_ORDINAL_UNITS[unit]}"


def french_cardinal(number: int) -> str:
    """French cardinal in traditional spelling ("soixante et onze", "quatre-vingt-un")."""
    if number <= 16:
        return _FR_UNITS[number]
    if number < 20:
        return "dix-" + _FR_UNITS[number - 10]
    if number < 70:
        tens, unit = divmod(number, 10)
        if unit == 0:
            return _FR_TENS[tens]
        if unit == 1:
            return f"{_FR_TENS[tens]} et un"
        return f"{_FR_TENS[tens]}-{_FR_UNITS[unit]}"
    if number < 80:
        rest = number - 60
        if rest == 11:
            return "soixante et onze"
        return "soixante-" + french_cardinal(rest)
    if number == 80:
        return "quatre-vingts"
    return "quatre-vingt-" + french_cardinal(number - 80)


def french_ordinal(number: int) -> str:
    """``61`` → ``"soixante et unième"``; ``1`` → ``"premier"`` (1–199)."""
    if number == 1:
        return "premier"
    hundreds, rest = divmod(number, 100)
    if hundreds:
        return "centième" if not rest else "cent " + (french_ordinal(rest) if rest != 1 else "unième")
    cardinal = french_cardinal(number)
    if cardinal.endswith("cinq"):
        return cardinal + "uième"
    if cardinal.endswith("neuf"):
        return cardinal[:-1] + "vième"
    if cardinal.endswith("quatre-vingts"):
        return cardinal[:-1] + "ième"
    if cardinal.endswith("e"):
        return cardinal[:-1] + "ième"
    return cardinal + "ième"


def spanish_ordinals(number: int) -> list[str]:
    """Every accepted Spanish spelling of the ordinal ``number`` (1–99), accents folded."""
    tens, unit = divmod(number, 10)
    if number < 10:
        return list(_ES_UNITS[number])
    forms = list(_ES_SPECIAL[number]) if number in _ES_SPECIAL else []
    if unit == 0:
        forms += [_ES_TENS[tens], _ES_TENS[tens][:-1] + "a"]
        return forms
    for unit_form in _ES_UNITS[unit]:
        for tens_form in (_ES_TENS[tens], _ES_TENS[tens][:-1] + "a"):
            forms.append(f"{tens_form} {unit_form}")
            if tens == 1:
                forms.append(tens_form + unit_form)  # "decimotercero"
    return forms


def _build_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for number in range(1, 200):
        table[_fold(english_ordinal(number))] = number
        french = french_ordinal(number)
        table[_fold(french)] = number
        # 1990 spelling links every part with hyphens: "soixante-et-unième".
        table[_fold(french.replace(" ", "-"))] = number
        if number < 100:
            for form in spanish_ordinals(number):
                table.setdefault(_fold(form), number)
    table["premiere"] = 1
    table["second"] = table["seconde"] = 2
    table["unieme"] = 1
    table["one hundredth"] = 100
    table["centesimo"] = 100
    return table


_TABLE = _build_table()
# Longest phrase in words, so callers know how far back to look before "session".
MAX_ORDINAL_WORDS = max(len(key.split()) for key in _TABLE)


def parse_ordinal(text: str) -> int | None:
    """Return the number of an ordinal written in words or digits, or None.

    >>> parse_ordinal("soixante et unième"), parse_ordinal("Sixty-first"), parse_ordinal("sexagésimo primer")
    (61, 61, 61)
    """
    folded = _fold(text.strip())
    if not folded:
        return None
    digits = _DIGIT_ORDINAL.match(folded)
    if digits:
        return int(digits.group(1))
    return _TABLE.get(folded)


def ordinal_before(words: list[str]) -> int | None:
    """Parse the longest ordinal that ends the word list ("… à sa soixante et unième")."""
    for size in range(min(MAX_ORDINAL_WORDS, len(words)), 0, -1):
        number = parse_ordinal(" ".join(words[-size:]))
        if number is not None:
            return number
    return None
