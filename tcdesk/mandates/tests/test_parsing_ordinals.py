"""Session ordinals in words, 1 to 99 in English and French, the common ones in Spanish."""

from __future__ import annotations

import pytest

from tcdesk.mandates.parsing.ordinals import ordinal_before, parse_ordinal

# The parser is plain Python: its outcome does not depend on the database (one CI pass, conftest.py).
pytestmark = pytest.mark.ci_pass("sqlite")

# Written out by hand, traditional spelling as in United Nations documents.
FRENCH = [
    "premier",
    "deuxième",
    "troisième",
    "quatrième",
    "cinquième",
    "sixième",
    "septième",
    "huitième",
    "neuvième",
    "dixième",
    "onzième",
    "douzième",
    "treizième",
    "quatorzième",
    "quinzième",
    "seizième",
    "dix-septième",
    "dix-huitième",
    "dix-neuvième",
    "vingtième",
    "vingt_et_unième",
    "vingt-deuxième",
    "vingt-troisième",
    "vingt-quatrième",
    "vingt-cinquième",
    "vingt-sixième",
    "vingt-septième",
    "vingt-huitième",
    "vingt-neuvième",
    "trentième",
    "trente_et_unième",
    "trente-deuxième",
    "trente-troisième",
    "trente-quatrième",
    "trente-cinquième",
    "trente-sixième",
    "trente-septième",
    "trente-huitième",
    "trente-neuvième",
    "quarantième",
    "quarante_et_unième",
    "quarante-deuxième",
    "quarante-troisième",
    "quarante-quatrième",
    "quarante-cinquième",
    "quarante-sixième",
    "quarante-septième",
    "quarante-huitième",
    "quarante-neuvième",
    "cinquantième",
    "cinquante_et_unième",
    "cinquante-deuxième",
    "cinquante-troisième",
    "cinquante-quatrième",
    "cinquante-cinquième",
    "cinquante-sixième",
    "cinquante-septième",
    "cinquante-huitième",
    "cinquante-neuvième",
    "soixantième",
    "soixante_et_unième",
    "soixante-deuxième",
    "soixante-troisième",
    "soixante-quatrième",
    "soixante-cinquième",
    "soixante-sixième",
    "soixante-septième",
    "soixante-huitième",
    "soixante-neuvième",
    "soixante-dixième",
    "soixante_et_onzième",
    "soixante-douzième",
    "soixante-treizième",
    "soixante-quatorzième",
    "soixante-quinzième",
    "soixante-seizième",
    "soixante-dix-septième",
    "soixante-dix-huitième",
    "soixante-dix-neuvième",
    "quatre-vingtième",
    "quatre-vingt-unième",
    "quatre-vingt-deuxième",
    "quatre-vingt-troisième",
    "quatre-vingt-quatrième",
    "quatre-vingt-cinquième",
    "quatre-vingt-sixième",
    "quatre-vingt-septième",
    "quatre-vingt-huitième",
    "quatre-vingt-neuvième",
    "quatre-vingt-dixième",
    "quatre-vingt-onzième",
    "quatre-vingt-douzième",
    "quatre-vingt-treizième",
    "quatre-vingt-quatorzième",
    "quatre-vingt-quinzième",
    "quatre-vingt-seizième",
    "quatre-vingt-dix-septième",
    "quatre-vingt-dix-huitième",
    "quatre-vingt-dix-neuvième",
]

ENGLISH_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
ENGLISH_TEENS = [
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
ENGLISH_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ENGLISH_ROUND = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]


def _english(number: int) -> str:
    if number < 10:
        return ENGLISH_UNITS[number - 1]
    if number < 20:
        return ENGLISH_TEENS[number - 10]
    tens, unit = divmod(number, 10)
    return ENGLISH_ROUND[tens - 2] if unit == 0 else f"{ENGLISH_TENS[tens - 2]}-{ENGLISH_UNITS[unit - 1]}"


def test_the_french_list_has_ninety_nine_entries():
    assert len(FRENCH) == 99


@pytest.mark.parametrize("number", range(1, 100))
def test_french_1_to_99(number):
    assert parse_ordinal(FRENCH[number - 1].replace("_", " ")) == number


@pytest.mark.parametrize("number", range(1, 100))
def test_english_1_to_99(number):
    assert parse_ordinal(_english(number)) == number


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("primer", 1),
        ("primero", 1),
        ("segundo", 2),
        ("tercer", 3),
        ("décimo", 10),
        ("undécimo", 11),
        ("duodécimo", 12),
        ("decimotercer", 13),
        ("vigésimo", 20),
        ("trigésimo quinto", 35),
        ("quincuagésimo sexto", 56),
        ("quincuagésimo noveno", 59),
        ("sexagésimo", 60),
        ("sexagésimo primer", 61),
        ("sexagésimo primero", 61),
        ("sexagésimo segundo", 62),
        ("septuagésimo", 70),
        ("septuagésimo quinto", 75),
        ("octogésimo", 80),
        ("nonagésimo noveno", 99),
    ],
)
def test_spanish_common_forms(words, number):
    assert parse_ordinal(words) == number


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("Soixante et unième", 61),  # capitalised at the start of a header line
        ("soixante-et-unième", 61),  # 1990 spelling
        ("SIXTY-FIRST", 61),
        ("Sixty first", 61),
        ("sexagesimo primer", 61),  # accents lost in extraction
        ("61st", 61),
        ("61e", 61),
        ("61ème", 61),
        ("première", 1),
        ("centième", 100),
    ],
)
def test_variants(words, number):
    assert parse_ordinal(words) == number


@pytest.mark.parametrize("words", ["", "session", "soixante", "sixty", "rapport", "vingt et"])
def test_non_ordinals_give_none(words):
    assert parse_ordinal(words) is None


def test_ordinal_before_takes_the_longest_ending():
    assert ordinal_before(["à", "sa", "soixante", "et", "unième"]) == 61
    assert ordinal_before(["at", "its", "sixty-first"]) == 61
    assert ordinal_before(["en", "su", "sexagésimo", "primer"]) == 61
    assert ordinal_before(["à", "sa", "prochaine"]) is None
