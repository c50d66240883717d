"""Citations of resolutions, decisions and documents, as written.

A resolution number is only read after the word "resolution(s)" (in any of the three
languages), so "A/60/131" is a document and "2005" a year, never a resolution. The body
that adopted a cited resolution comes from the words around it ("du Conseil économique
et social", "Security Council resolution") and otherwise from the form of its number:
``2005/14`` (a year first) is ECOSOC, ``1373 (2001)`` is the Security Council, ``55/25``
the General Assembly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_REF = (
    r"(?:\d{4}/\d{1,3}(?:\s{0,3}[A-Z](?![\w/]))?"  # ECOSOC: 2005/14
    r"|\d{1,3}/\d{1,4}(?:\s{0,3}[A-Z](?![\w/]))?"  # GA: 55/25, 57/270 B
    r"|\d{1,4}\s{0,3}\((?:\d{4}|[IVXLC]+)\)"  # SC 1373 (2001), old GA 3314 (XXIX)
    r"|\d{1,4}\s[A-Z]\s?\([IVXLC]+\))"  # old ECOSOC 155 C (VII)
)
_DATE_WORDS = r"(?:,?\s+(?:of|du|de|del|en date du)\s+\d{1,2}(?:er|º)?\s+(?:de\s+)?[A-Za-zéûÉ]+\s+(?:de\s+)?\d{4})?"
_SEPARATOR = rf"{_DATE_WORDS}\s*(?:,|,?\s+(?:et|and|y|e)\s+|\s+(?:à|to|a)\s+)\s*(?:(?:sa|its|su)\s+)?"
_RESOLUTION_LIST = re.compile(
    # The look-ahead on the first letter lets the engine skip most positions cheaply.
    rf"(?=[RrDd])(?P<keyword>\b(?:[Rr]ésolutions?|[Rr]esolutions?|[Rr]esoluci(?:ón|ones)|[Dd]écisions?|[Dd]ecisions?|"
    rf"[Dd]ecisi(?:ón|ones)))\s+(?P<refs>{_REF}(?:{_SEPARATOR}{_REF})*)"
)
# _REF with the first digit of every alternative taken out in front: the same matches, but the
# pattern now opens with a digit, so the engine skips to the next digit at C speed instead of
# trying four alternatives at every character of a list ("of 15 November 2000, and …").
_REF_FROM_DIGIT = (
    r"\d(?:\d{3}/\d{1,3}(?:\s{0,3}[A-Z](?![\w/]))?"
    r"|\d{0,2}/\d{1,4}(?:\s{0,3}[A-Z](?![\w/]))?"
    r"|\d{0,3}\s{0,3}\((?:\d{4}|[IVXLC]+)\)"
    r"|\d{0,3}\s[A-Z]\s?\([IVXLC]+\))"
)
_ONE_REF = re.compile(_REF_FROM_DIGIT)
_DOCUMENT = re.compile(
    r"(?=[ACESTU])(?<![\w/.])((?:A|E|S|ST|TD|UNEP|CCPR|CAT|CRC|CEDAW|CTOC|CAC|UNODC)/(?:[A-Z0-9][\w.-]*/)*"
    r"[A-Z0-9][\w.-]*)"
)


def _spaced(pattern: str) -> str:
    """Let every space between words of a pattern match any run of whitespace."""
    return re.sub(r"(?<!\[\\w) (?![\w ]*\])", r"\\s+", pattern)


_BODY_BEFORE = re.compile(
    _spaced(
        r"(?i)(?P<body>General Assembly|Economic and Social Council|Security Council|Commission on [\w ]+|"
        r"Human Rights Council|(?<![\w-])(?:Sub-?)?[Cc]ommission)\s*$"
    )
)
_BODY_AFTER = re.compile(
    _spaced(
        r"(?i)^[\s,]*(?:du|de l['’]\s?|de la|del|de la|of the|adoptée par l['’]|adopted by the)\s*"
        r"(?P<body>Conseil économique et social|Consejo Económico y Social|Economic and Social Council|"
        r"Conseil de sécurité|Consejo de Seguridad|Security Council|Assemblée générale|Asamblea General|"
        r"General Assembly|Commission[\w ]*|Comisión[\w ]*|Conseil des droits de l['’]homme|Human Rights Council|"
        r"Consejo de Derechos Humanos)"
    )
)
_BODY_NAMES = {
    "economic and social council": "ECOSOC",
    "conseil économique et social": "ECOSOC",
    "consejo económico y social": "ECOSOC",
    "security council": "SC",
    "conseil de sécurité": "SC",
    "consejo de seguridad": "SC",
    "general assembly": "GA",
    "assemblée générale": "GA",
    "asamblea general": "GA",
    "human rights council": "HRC",
    "conseil des droits de l'homme": "HRC",
    "conseil des droits de l’homme": "HRC",
    "consejo de derechos humanos": "HRC",
}
_OWN = re.compile(r"(?i)\b(?:sa|ses|its|su|sus)\s*$")
# Letters that every name _BODY_BEFORE knows contains, chosen among those whose only case
# variants are their upper and lower case (unlike i, k and s), so ``lower()`` is a safe filter.
_BODY_BEFORE_HINTS = ("embly", "ounc", "omm")


def _body_before(before: str) -> re.Match[str] | None:
    """_BODY_BEFORE.search(before), skipped when none of the names can be there."""
    lowered = before.lower()
    if "embly" in lowered or "ounc" in lowered or "omm" in lowered:  # _BODY_BEFORE_HINTS
        return _BODY_BEFORE.search(before)
    return None


@dataclass(slots=True)
class Found:
    kind: str
    body: str | None
    ref: str
    offset: int  # in the searched text


def _body_name(name: str) -> str | None:
    name = " ".join(name.lower().split())
    if name in _BODY_NAMES:
        return _BODY_NAMES[name]
    if name.startswith(("commission", "comisión")):
        return "Commission"
    if name.startswith(("subcommission", "sub-commission")):
        return "Subcommission"
    return None


_NAMED_BODY = re.compile(
    r"(?P<body>(?:Sub-?)?[Cc]ommission\s+on|Sous-[Cc]ommission|Subcomisión|Commission|Comisión|"
    r"General Assembly|Assemblée générale|Asamblea General|Council|Conseil|Consejo)"
)


def _commission_owner(before: str) -> str | None:
    """The (sub)commission that "its" refers to: the last body named in the same sentence."""
    sentence = before[max(before.rfind(";"), before.rfind(". ")) + 1 :]
    if "ommission" not in sentence and "omisión" not in sentence:
        return None
    names = _NAMED_BODY.findall(sentence)
    if not names:
        return None
    name = names[-1].lower()
    if name.startswith(("sub", "sous")):
        return "Subcommission"
    if name.startswith(("commission", "comisión")):
        return "Commission"
    return None


def _body_from_form(ref: str) -> str | None:
    """ECOSOC numbers start with a year, Security Council numbers end with one."""
    if _FROM_FORM_ECOSOC.match(ref):
        return "ECOSOC"
    if _FROM_FORM_SC.match(ref):
        return "SC"
    return None


# Where a keyword of _RESOLUTION_LIST can start (a superset): a one-letter class first, so the
# engine's fast scan finds the candidates, and _RESOLUTION_LIST is tried only there.
_KEYWORD_CANDIDATE = re.compile(r"[RrDd](?:ésolution|esolu(?:tion|ci)|écision|ecisi)")
_TOKEN_STOP = frozenset(" \t\n([«“\"'")
_FROM_FORM_ECOSOC = re.compile(r"\d{4}/")
_FROM_FORM_SC = re.compile(r"\d{1,4}\s?\(\d{4}\)")


@dataclass(slots=True)
class _List:
    """A resolution list ("resolutions 55/25 and 58/4"): what a match of _RESOLUTION_LIST gives."""

    begin: int
    finish: int
    keyword: str
    refs_start: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def span(self) -> tuple[int, int]:
        return self.begin, self.finish

    @property
    def refs(self) -> str:
        return self.text[self.refs_start : self.finish]


# The list read one reference at a time: the same matches as _RESOLUTION_LIST, without the regex
# engine keeping a backtracking state for every reference of a list that may run for megabytes.
_LIST_HEAD = re.compile(_RESOLUTION_LIST.pattern.split("(?P<refs>")[0] + rf"(?P<refs>{_REF})")
_LIST_NEXT = re.compile(rf"{_SEPARATOR}{_REF}")


def _keyword_starts(text: str) -> list[int]:
    """Where a keyword of _RESOLUTION_LIST can start (a superset, in order): two letters before each
    "solu" (ré-solu-tion, re-solu-ción) and "cisi" (dé-cisi-on, de-cisi-ón) whose first letter is
    R, r, D or d. Found with substring searches, which scan at C speed; a regular expression opening
    with a character class would be tried at every position of the text."""
    starts = []
    for stem, letters in (("solu", "Rr"), ("cisi", "Dd")):
        position = text.find(stem, 2)
        while position >= 0:
            if text[position - 2] in letters and _KEYWORD_CANDIDATE.match(text, position - 2):
                starts.append(position - 2)
            position = text.find(stem, position + 4)
    starts.sort()
    return starts


def _resolution_lists(text: str) -> list[_List]:
    """The matches of _RESOLUTION_LIST, tried only where a keyword can start."""
    lists = []
    covered_to = -1
    for start in _keyword_starts(text):
        if start < covered_to:
            continue
        head = _LIST_HEAD.match(text, start)
        if head is None:
            continue
        end = head.end()
        while following := _LIST_NEXT.match(text, end):
            end = following.end()
        lists.append(_List(start, end, head.group("keyword"), head.start("refs"), text))
        covered_to = end
    return lists


_TOKEN_END = re.compile("[" + re.escape("".join(sorted(_TOKEN_STOP))) + "]")
# Matched from where the search resumes up to a slash: the greedy run jumps to the slash at once,
# then steps back to the last stop character (one step for most tokens), never past the start.
_LAST_STOP = re.compile("(?s:.*)[" + re.escape("".join(sorted(_TOKEN_STOP))) + "]")


def _documents(text: str) -> list[re.Match[str]]:
    """Matches of _DOCUMENT, tried once at the start of each token that contains a slash.

    One pass over the tokens that hold a slash: the token's start is the character after the last
    stop character before its first slash (searched only since the previous token's end), and the
    scan then jumps to the token's end. No character is looked at twice, so the work is linear in
    the text however long its tokens are ("A/RES/A/RES/…" without a space).
    """
    matches = []
    scanned_to = 0  # where the text not yet searched for stop characters begins
    position = text.find("/")
    while position >= 0:
        stop = _LAST_STOP.match(text, scanned_to, position)
        token_start = stop.end() if stop else scanned_to
        match = _DOCUMENT.match(text, token_start)
        if match:
            matches.append(match)
        token_end = _TOKEN_END.search(text, position)
        if token_end is None:
            break
        scanned_to = token_end.start()
        position = text.find("/", scanned_to)
    return matches


def find_citations(text: str, own_body: str | None) -> list[Found]:
    """Citations in ``text`` (markers already masked), in order of appearance."""
    found: list[Found] = []
    covered: list[tuple[int, int]] = []
    for match in _resolution_lists(text):
        keyword = match.keyword.lower()
        kind = "decision" if keyword.startswith("d") else "resolution"
        before = text[max(0, match.start() - 60) : match.start()]
        after = text[match.end() : match.end() + 80]
        stated = (_body_before(before) if before else None) or _BODY_AFTER.match(after)
        stated_body = _body_name(stated.group("body")) if stated else None
        # "sa/its/su" ends ``before`` (but for spaces): only its last few characters need searching.
        own = own_body if _OWN.search(before, max(0, len(before.rstrip()) - 3)) else None
        if own and not stated:
            # "the Subcommission on … Human Rights, in particular its resolution 2001/18": "its" is that body.
            stated_body = _commission_owner(text[max(0, match.start() - 240) : match.start()])
        for ref_match in _ONE_REF.finditer(match.refs):
            ref = " ".join(ref_match.group(0).split())
            # "ses résolutions 2005/14" after "du Conseil économique et social": the form wins over "ses".
            body = stated_body or _body_from_form(ref) or own or own_body or "GA"
            found.append(Found(kind, body, ref, match.refs_start + ref_match.start()))
        covered.append((match.start(), match.end()))
    covered_starts = [start for start, _end in covered]
    for document in _documents(text):
        symbol = document.group(1).rstrip(".,;:")
        if "/" not in symbol or not any(map(str.isdigit, symbol)):
            continue
        # Inside a resolution list already read? (the lists are in order: one bisection)
        at = bisect.bisect_right(covered_starts, document.start()) - 1
        if at >= 0 and document.start() < covered[at][1]:
            continue
        found.append(Found("document", None, symbol, document.start()))
    found.sort(key=lambda item: item.offset)
    return found
