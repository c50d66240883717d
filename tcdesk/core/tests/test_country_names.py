"""Tests of the pure country-name matcher (no Django, no data files needed)."""

from pathlib import Path

import pytest

from tcdesk.core.country_names import CountryNameMatcher, load_names_from_csv, normalise_country_name

FIXTURE = [
    ("BOL", "Bolivia (Plurinational State of)"),
    ("BOL", "Bolivie (État plurinational de)"),
    ("TUR", "Türkiye"),
    ("TUR", "Turkey"),
    ("PSE", "State of Palestine"),
    ("EU", "European Union"),
    ("NLD", "Netherlands (Kingdom of the)"),
    ("NLD", "Pays-Bas"),
    ("CHN", "China"),
    ("DNK", "Denmark"),
    ("ARG", "Argentina"),
    ("COG", "Congo"),
    ("COD", "Democratic Republic of the Congo"),
    ("COD", "Congo (Democratic Republic of the)"),
    ("CIV", "Côte d'Ivoire"),
    ("KOR", "Korea, Republic of"),
    ("GBR", "United Kingdom of Great Britain and Northern Ireland"),
    ("GMB", "Gambia"),
    ("GNB", "Guinée-Bissau"),
    ("GIN", "la Guinée"),
]


@pytest.fixture
def matcher() -> CountryNameMatcher:
    return CountryNameMatcher(FIXTURE)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("China1", "china"),
        ("Denmark 2,3", "denmark"),
        ("Argentina¹", "argentina"),
        ("Yemen*", "yemen"),
        ("  Côte   d’Ivoire ", "cote d'ivoire"),
        ("TÜRKIYE", "turkiye"),
        ("Guinée–Bissau", "guinee-bissau"),
        ("la Guinée", "guinee"),
        ("L'Arabie saoudite", "arabie saoudite"),
        ("les Pays-Bas", "pays-bas"),
        ("China<superscript>1</superscript>", "china"),
        ("[Venezuela]", "venezuela"),
        ("the Gambia", "gambia"),
        ("Netherlands (Kingdom of the)3", "netherlands (kingdom of the)"),
    ],
)
def test_normalise(written: str, expected: str) -> None:
    assert normalise_country_name(written) == expected


def test_normalise_keeps_names_that_merely_start_like_articles() -> None:
    assert normalise_country_name("Lesotho") == "lesotho"
    assert normalise_country_name("Lebanon") == "lebanon"
    assert normalise_country_name("Theland") == "theland"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Bolivia", "BOL"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("State of Palestine", "PSE"),
        ("European Union", "EU"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Netherlands", "NLD"),
        ("Kingdom of the Netherlands", "NLD"),
        ("les Pays-Bas", "NLD"),
        ("China1", "CHN"),
        ("Denmark 2,3", "DNK"),
        ("Argentina¹", "ARG"),
        ("Cote d'Ivoire", "CIV"),
        ("Republic of Korea", "KOR"),
        ("Congo", "COG"),
        ("Democratic Republic of the Congo", "COD"),
        ("the Gambia", "GMB"),
        ("Guinée", "GIN"),
    ],
)
def test_match(matcher: CountryNameMatcher, written: str, key: str) -> None:
    assert matcher.match(written) == key


def test_unknown_and_empty_names_do_not_match(matcher: CountryNameMatcher) -> None:
    assert matcher.match("Atlantis") is None
    assert matcher.match("") is None
    assert matcher.match("12") is None


def test_ambiguous_loose_form_matches_nothing() -> None:
    matcher = CountryNameMatcher([("COD", "Congo (Democratic Republic of the)"), ("COG", "Congo (Republic of the)")])
    assert matcher.match("Congo") is None
    assert matcher.candidates("Congo") == {"COD", "COG"}
    assert matcher.match("Congo (Republic of the)") == "COG"


def test_exact_name_wins_over_loose_variant() -> None:
    matcher = CountryNameMatcher([("COG", "Congo"), ("COD", "Congo (Democratic Republic of the)")])
    assert matcher.match("Congo") == "COG"


def test_load_names_from_csv(tmp_path: Path) -> None:
    countries = tmp_path / "countries.csv"
    countries.write_text(
        "# source: test fixture\n"
        "iso3,iso2,m49,name_en,name_fr,official_name_en,official_name_fr\n"
        "BOL,BO,068,Bolivia,Bolivie,Bolivia (Plurinational State of),Bolivie (État plurinational de)\n"
        "TUR,TR,792,Türkiye,Türkiye,Republic of Türkiye,République de Türkiye\n",
        encoding="utf-8",
    )
    aliases = tmp_path / "country_aliases.csv"
    aliases.write_text("# source: test\niso3,alias,lang\nTUR,Turkey,en\n", encoding="utf-8")
    pairs = load_names_from_csv([countries, aliases, tmp_path / "missing.csv"])
    assert ("BOL", "Bolivia (Plurinational State of)") in pairs
    assert ("TUR", "Turkey") in pairs
    assert all(key != "068" for key, _ in pairs)
    matcher = CountryNameMatcher(pairs)
    assert matcher.match("Bolivia (Plurinational State of)2") == "BOL"
    assert matcher.match("Turquie") is None
    assert matcher.match("Turkey") == "TUR"


def test_load_names_from_csv_without_files(tmp_path: Path) -> None:
    assert load_names_from_csv([tmp_path / "nothing.csv"]) == []
