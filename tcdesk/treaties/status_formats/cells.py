"""Reading the cells of a status table: dates with action letters, column headers, participant names.

Shared by every format. Facts about the UN Treaty Collection layout used here (as seen in its
status pages and XML, e.g. https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-15.en.xml
and the January 2018 copies cited in `treaties/data/status/SOURCES.md`): dates are written "D Mon YYYY", the day padded
with a space (" 3 Mar 2011"); a letter after the date tells the action (a accession, A acceptance,
AA approval, c formal confirmation, d succession, s definitive signature); a plain date is the
column's default action (signature, or ratification); each column header lists its actions, e.g.
"Approval(AA), Acceptance(A), Accession(a), Ratification".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tcdesk.core.text import fold as fold_accents_and_case
from tcdesk.treaties.status_formats import parsed

_MONTHS = {
    # English
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    # French (accents stripped), for status pages copied from the French site
    "janv": 1, "janvier": 1, "fevr": 2, "fevrier": 2, "mars": 3, "avr": 4, "avril": 4, "mai": 5,
    "juin": 6, "juil": 7, "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12,
}  # fmt: skip

# Header words (casefolded, accents stripped) -> action.
_HEADER_WORDS = {
    "succession to signature": parsed.SUCCESSION_TO_SIGNATURE,
    "succession a la signature": parsed.SUCCESSION_TO_SIGNATURE,
    "definitive signature": parsed.DEFINITIVE_SIGNATURE,
    "signature definitive": parsed.DEFINITIVE_SIGNATURE,
    "formal confirmation": parsed.FORMAL_CONFIRMATION,
    "confirmation formelle": parsed.FORMAL_CONFIRMATION,
    "signature": parsed.SIGNATURE,
    "ratification": parsed.RATIFICATION,
    "accession": parsed.ACCESSION,
    "adhesion": parsed.ACCESSION,
    "acceptance": parsed.ACCEPTANCE,
    "acceptation": parsed.ACCEPTANCE,
    "approval": parsed.APPROVAL,
    "approbation": parsed.APPROVAL,
    "succession": parsed.SUCCESSION,
}

# The letters UNTC uses; also the meaning of a letter in a CSV file's action column.
LETTER_CODES = {
    "a": parsed.ACCESSION,
    "A": parsed.ACCEPTANCE,
    "AA": parsed.APPROVAL,
    "c": parsed.FORMAL_CONFIRMATION,
    "d": parsed.SUCCESSION,
    "s": parsed.DEFINITIVE_SIGNATURE,
}

DATE_PATTERN = re.compile(r"(\d{1,2})\s+([^\W\d_]{3,10})\.?\s+(\d{4})")
_DATE_CELL = re.compile(rf"^{DATE_PATTERN.pattern}(?:\s+([A-Za-z]{{1,3}}))?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_HEADER_ITEM = re.compile(r"^(.*?)\s*(?:\(\s*([A-Za-z]{1,3})\s*\))?\s*$")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MARKUP_FOOTNOTE = re.compile(r"<\s*(superscript|sup)\s*>(.*?)<\s*/\s*\1\s*>", re.IGNORECASE)
_GLUED_FOOTNOTES = re.compile(r"^(.*?[^\d\s,])[\s*]*(\d+(?:\s*,\s*\d+)*)[\s*]*$")


def fold(text: str) -> str:
    """Casefold, strip accents and collapse whitespace (for comparing words, not for display)."""
    return " ".join(fold_accents_and_case(text).split())


def squash(text: str) -> str:
    """Collapse runs of whitespace (the treaty XML has tabs inside dates: "22 Apr\\t 2016")."""
    return " ".join(text.replace("\xa0", " ").split())


class CellError(ValueError):
    """A cell that cannot be read; the message is the rule shown to the user (plain English).

    `kind` and `params` ({"text": the cell as written}) let the Django layer translate it.
    """

    def __init__(self, message: str, kind: str, params: dict) -> None:
        super().__init__(message)
        self.kind = kind
        self.params = params


@dataclass(frozen=True)
class DateCell:
    date: date
    code: str  # "" for a plain date
    bracketed: bool


def month_number(word: str) -> int | None:
    token = fold(word).rstrip(".")
    return _MONTHS.get(token) or (_MONTHS.get(token[:3]) if len(token) > 3 else None)


def make_date(year: str, month: int | None, day: str, as_written: str) -> date:
    if month is None:
        raise CellError(f"'{as_written}' is not a date: unknown month", "date_unknown_month", {"text": as_written})
    try:
        return date(int(year), month, int(day))
    except ValueError:
        raise CellError(f"'{as_written}' is not a real calendar date", "date_not_real", {"text": as_written}) from None


def parse_date_cell(text: str, *, allow_iso: bool = False) -> DateCell:
    """Read "17 Aug 2005 A" into (date, "A"); a plain "3 Mar 2011" has code "".

    Raises CellError for anything else. Square brackets around the cell are reported in
    `bracketed` (the collection brackets actions that were later withdrawn).
    """
    cell = squash(text)
    bracketed = cell.startswith("[") and cell.endswith("]")
    if bracketed:
        cell = cell[1:-1].strip()
    if allow_iso and (iso := _ISO_DATE.match(cell)):
        return DateCell(make_date(iso.group(1), int(iso.group(2)), iso.group(3), cell), "", bracketed)
    match = _DATE_CELL.match(cell)
    if not match:
        if allow_iso:
            raise CellError(
                f"'{cell}' is not a date of the form '2011-03-03' or '3 Mar 2011' "
                "followed by an optional action letter",
                "date_bad_form_iso",
                {"text": cell},
            )
        raise CellError(
            f"'{cell}' is not a date of the form '3 Mar 2011' followed by an optional action letter",
            "date_bad_form",
            {"text": cell},
        )
    day, month_word, year, code = match.groups()
    return DateCell(make_date(year, month_number(month_word), day, cell), code or "", bracketed)


def parse_action_header(text: str) -> dict[str, str]:
    """Map the action letters of a column header to actions; key "" is the plain-date action.

    "Approval(AA), Acceptance(A), Accession(a), Ratification" gives
    {"AA": approval, "A": acceptance, "a": accession, "": ratification}. Unknown items
    ("Provisional application", "Notification") are left out.
    """
    mapping: dict[str, str] = {}
    for item in squash(text).split(","):
        match = _HEADER_ITEM.match(item.strip())
        if not match:
            continue
        action = _HEADER_WORDS.get(fold(match.group(1)))
        if action:
            mapping.setdefault(match.group(2) or "", action)
    return mapping


def is_participant_header(text: str) -> bool:
    return fold(text).startswith("participant")


@dataclass(frozen=True)
class ParticipantCell:
    name: str
    footnotes: list[str]
    bracketed: bool


def split_participant(text: str, markup_footnotes: list[str] | None = None) -> ParticipantCell:
    """Separate a participant name from the footnote numbers glued to it.

    Handles "China1", "Denmark 2,3", "Argentina¹", escaped XML markup
    "China<superscript>1</superscript>", and footnotes already taken from child elements
    (`markup_footnotes`). "[Name]" (a withdrawn participant) sets `bracketed`.
    """
    footnotes = list(markup_footnotes or [])

    def take(match: re.Match[str]) -> str:
        footnotes.extend(n.strip() for n in match.group(2).split(",") if n.strip())
        return " "

    name = squash(_MARKUP_FOOTNOTE.sub(take, text))
    name = squash(re.sub(r"<[^>]+>", " ", name))
    bracketed = name.startswith("[") and name.endswith("]")
    if bracketed:
        name = name[1:-1].strip()
    # Unicode superscripts only count as footnotes at the end of the name.
    tail = re.search(r"[⁰¹²³⁴⁵⁶⁷⁸⁹,\s]+$", name)
    if tail and any(c in "⁰¹²³⁴⁵⁶⁷⁸⁹" for c in tail.group(0)):
        name = name[: tail.start()] + tail.group(0).translate(_SUPERSCRIPT_DIGITS)
    glued = _GLUED_FOOTNOTES.match(name)
    if glued:
        name = glued.group(1)
        footnotes.extend(n.strip() for n in glued.group(2).split(","))
    name = name.rstrip("*").strip()
    return ParticipantCell(name=name, footnotes=footnotes, bracketed=bracketed)
