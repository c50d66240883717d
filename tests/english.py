"""The English-string detector shared by the Spanish checks and the site crawl.

A page in French or Spanish must show no English interface string. What counts as one: a msgid of the
project's catalogs, without placeholders, whose translation in that language differs from it (and which
is not itself a translation there: "Import" is also French). Where it is looked for: the text nodes and
the attributes people read, outside scripts, styles and elements marked as another language.

The catalogs are read through their compiled .mo files: msgfmt leaves untranslated and fuzzy entries
out of a .mo, so an entry of the .po without a translation in the .mo is untranslated, fuzzy, or was not
compiled (`make messages`).
"""

from __future__ import annotations

import ast
import functools
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

PACKAGE = Path(settings.BASE_DIR) / "tcdesk"
FRENCH_CATALOGS = sorted(PACKAGE.glob("**/locale/fr/LC_MESSAGES/django.po"))
SPANISH_CATALOGS = sorted(PACKAGE.glob("**/locale/es/LC_MESSAGES/django.po"))
_HTML_LANGUAGE = re.compile(r'<html lang="([\w-]+)"')


def po_entries(path: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr[n] and flags (obsolete ones left out)."""
    entries: list[dict] = []
    current: dict = {}
    flags: set[str] = set()
    key = ""

    def close() -> None:
        nonlocal current, flags
        if "msgid" in current:
            entries.append({**current, "flags": flags})
        current, flags = {}, set()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#~"):
            close()
        elif line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            if key in ("msgctxt", "msgid") and "msgid" in current:
                close()
            current[key] = ast.literal_eval(value)
    close()
    return [entry for entry in entries if entry["msgid"]]  # the header is not a message


def compiled_translations(path: Path) -> dict:
    """The compiled catalog next to a .po file, as gettext reads it."""
    with path.with_suffix(".mo").open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]


@functools.cache
def english_interface_strings(language: str = "es") -> dict[str, str]:
    """English msgids of the catalogs whose translation differs, without placeholders: what must not show.

    A msgid that is also a translation in that language ("Import" in French, "Pays" the French for
    "Country" and the English verb) is left out: seeing it proves nothing."""
    strings: dict[str, str] = {}
    translations: set[str] = set()
    for catalog in SPANISH_CATALOGS if language == "es" else FRENCH_CATALOGS:
        compiled = compiled_translations(catalog)
        translations |= {value.strip().casefold() for value in compiled.values() if isinstance(value, str)}
        for entry in po_entries(catalog):
            msgid = entry["msgid"]
            if "msgctxt" in entry or "msgid_plural" in entry or "%" in msgid or "{" in msgid:
                continue
            translated = compiled.get(msgid, "")
            if translated and translated.strip().casefold() != msgid.strip().casefold() and len(msgid) > 3:
                strings[msgid.strip()] = translated
    return {msgid: text for msgid, text in strings.items() if msgid.casefold() not in translations}


class VisibleText(HTMLParser):
    """Text nodes and the attributes people read (title, aria-label, placeholder), outside script/style,
    outside code (column names of a file format, API queries: not interface text) and outside elements in
    another language (the switcher names each language in itself: "English")."""

    def __init__(self, language: str = "es") -> None:
        super().__init__()
        self.language = language
        self.texts: list[str] = []
        self._skip = 0
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        other_language = any(name == "lang" and value not in (self.language, None) for name, value in attrs)
        if tag in ("script", "style", "code", "kbd", "samp", "pre") or (other_language and tag != "html"):
            self._skip += 1
            self._skipping.append(tag)
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.texts.append(" ".join(value.split()))

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


def page_language(body: str, default: str = "es") -> str:
    """The language a page declares on its <html> element."""
    found = _HTML_LANGUAGE.search(body)
    return found.group(1) if found else default


def english_on(body: str, english: dict[str, str]) -> list[str]:
    """The English interface strings a page shows (sorted, each once)."""
    parser = VisibleText(page_language(body))
    parser.feed(body)
    return sorted({text for text in parser.texts if text.rstrip(":") in english})
