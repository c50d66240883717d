"""Matching country and organisation names as written in treaty tables to tcdesk keys.

Pure module (no Django). The UN Treaty Collection writes names its own way
("Bolivia (Plurinational State of)", "Netherlands (Kingdom of the)", "Türkiye"), glues footnote
numbers to them ("China1", "Denmark 2,3", "Argentina¹") and puts withdrawn participants in
brackets. `normalise_country_name` turns any of those into a lookup form; `CountryNameMatcher`
maps a lookup form to a key (ISO 3166-1 alpha-3, or an organisation code such as "EU").
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from tcdesk.core.csvdata import read_data_file
from tcdesk.core.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_CSV_PATHS = (DATA_DIR / "countries.csv", DATA_DIR / "country_aliases.csv")

# Columns of countries.csv that hold a name; any other column ending in "name_<lang>" counts too.
_NAME_COLUMNS = ("name_en", "name_fr", "official_name_en", "official_name_fr", "alias")

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_APOSTROPHES = str.maketrans(dict.fromkeys("’‘‛`´ʼʹ′", "'"))
_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»″", '"'))
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))

_MARKUP = re.compile(r"<\s*(superscript|sup)\s*>.*?<\s*/\s*\1\s*>|<[^>]+>", re.IGNORECASE)
# Footnote markers glued to or spaced after a name: "China1", "Denmark 2,3", "Yemen*".
_TRAILING_FOOTNOTES = re.compile(r"(?<=\D)[\s,*†‡]*(\d+(\s*,\s*\d+)*)?[\s*†‡]*$")
_FRENCH_ARTICLE = re.compile(r"^(la|le|les)\s+|^l'\s*")
_ENGLISH_ARTICLE = re.compile(r"^the\s+|\s*\(the\)$|,\s*the$")
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)")


def normalise_country_name(name: str) -> str:
    """Return the lookup form of a participant or country name.

    Casefolds, strips accents, markup (`<superscript>1</superscript>`), trailing footnote numbers
    and asterisks, enclosing brackets; unifies apostrophes, quotes and dashes; collapses spaces;
    drops a leading French article ("la", "le", "les", "l'") or English "the". The result is
    meant for comparison only, never for display.
    """
    text = _MARKUP.sub(" ", name)
    text = text.translate(_SUPERSCRIPT_DIGITS).translate(_APOSTROPHES).translate(_QUOTES)
    text = text.translate(_DASHES)
    text = unicodedata.normalize("NFKC", text)
    text = " ".join(text.split())
    # Withdrawn participants appear as "[Name]" in treaty tables.
    text = text.strip().strip("[]").strip()
    text = _TRAILING_FOOTNOTES.sub("", text)
    text = fold(text)
    text = " ".join(text.split())
    text = _FRENCH_ARTICLE.sub("", text)
    text = _ENGLISH_ARTICLE.sub("", text)
    return text.strip()


def _variants(normalised: str) -> list[str]:
    """Looser forms of a normalised name, tried only when the exact form is unknown."""
    forms = []
    # "korea, republic of" -> "republic of korea"
    if normalised.count(",") == 1:
        head, tail = (part.strip() for part in normalised.split(","))
        if head and tail:
            forms.append(f"{tail} {head}")
    # "bolivia (plurinational state of)" -> "bolivia"
    without = _PARENTHETICAL.sub("", normalised).strip()
    if without and without != normalised:
        forms.append(without)
    # "netherlands (kingdom of the)" -> "kingdom of the netherlands"
    match = re.fullmatch(r"(.+?)\s*\(([^)]*)\)", normalised)
    if match:
        forms.append(f"{match.group(2)} {match.group(1)}".strip())
    return forms


class CountryNameMatcher:
    """Map names to keys; built from `(key, name)` pairs.

    A name's exact lookup form wins over the looser variants (comma inversion, dropped
    parenthetical). A form that leads to two different keys is ambiguous and matches nothing,
    so "Congo" can never silently become the Democratic Republic of the Congo.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._loose: dict[str, set[str]] = defaultdict(set)
        for key, name in pairs:
            if not key or not name or not name.strip():
                continue
            form = normalise_country_name(name)
            if not form:
                continue
            self._exact[form].add(key)
            for variant in _variants(form):
                self._loose[variant].add(key)

    def __len__(self) -> int:
        return len(self._exact)

    def match(self, name: str) -> str | None:
        """Return the key for `name`, or None if it is unknown or ambiguous."""
        form = normalise_country_name(name)
        if not form:
            return None
        candidates = [form, *_variants(form)]
        for index in (self._exact, self._loose):
            for candidate in candidates:
                keys = index.get(candidate)
                if keys:
                    return next(iter(keys)) if len(keys) == 1 else None
        return None

    def candidates(self, name: str) -> set[str]:
        """All keys a name could mean (useful to explain an ambiguous match)."""
        form = normalise_country_name(name)
        found: set[str] = set()
        for candidate in [form, *_variants(form)]:
            found |= self._exact.get(candidate, set()) | self._loose.get(candidate, set())
        return found


def load_names_from_csv(paths: Iterable[str | Path] = DEFAULT_CSV_PATHS) -> list[tuple[str, str]]:
    """Read `(iso3, name)` pairs from the core country data files; missing files are skipped.

    `countries.csv` contributes every name column (name_en, name_fr, official_name_en, …);
    `country_aliases.csv` contributes its `alias` column. Leading `#` lines are comments.
    """
    pairs: list[tuple[str, str]] = []
    for raw_path in paths:
        path = Path(raw_path)
        if not path.is_file():
            continue
        for row in read_data_file(path).rows:
            key = (row.get("iso3") or "").strip().upper()
            if not key:
                continue
            for column, value in row.items():
                is_name = column in _NAME_COLUMNS or re.fullmatch(r"(official_)?name_[a-z]{2}", column)
                if is_name and value.strip():
                    pairs.append((key, value.strip()))
    return pairs
