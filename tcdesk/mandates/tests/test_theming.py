"""Themes from keyword rules: a pure function over English, French and Spanish text."""

import pytest

from tcdesk.mandates.theming import RULES, themes_for


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Requests the Office to assist States in preventing terrorism", ["terrorism"]),
        ("Prie l’Office de prévenir et combattre le terrorisme", ["terrorism"]),
        (
            "Insta a los Estados a combatir la corrupción y la trata de personas",
            ["corruption", "trafficking_in_persons"],
        ),
        ("ratify the United Nations Convention against Transnational Organized Crime", ["organized_crime"]),
        ("la Convention des Nations Unies contre la criminalité transnationale organisée", ["organized_crime"]),
        ("intégrer une démarche soucieuse de l’égalité des sexes", ["gender"]),
        ("la reconstruction après un conflit", ["post_conflict"]),
        ("sharing of confiscated proceeds of crime", ["asset_recovery"]),
        ("blanchiment d’argent", ["money_laundering"]),
    ],
)
def test_keywords_give_themes_in_three_languages(text, expected):
    assert themes_for(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the United Nations Crime Prevention and Criminal Justice Programme",
        "le Programme des Nations Unies pour la prévention du crime et la justice pénale",
        "la Commission pour la prévention du crime et la justice pénale",
        "l’Office des Nations Unies contre la drogue et le crime",
        "la Comisión de Prevención del Delito y Justicia Penal",
    ],
)
def test_names_of_institutions_alone_give_no_theme(text):
    assert themes_for(text) == []


def test_every_rule_names_a_shipped_theme():
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "core" / "data" / "themes.csv"
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    codes = {row["code"] for row in csv.DictReader(rows)}
    assert set(RULES) <= codes
