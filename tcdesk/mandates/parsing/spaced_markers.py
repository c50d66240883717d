"""How much a number spaced away from a word looks like a footnote marker ("Outcome, 1  sports").

Markers glued to their word are read in ``markers``; a number standing apart is weaker evidence,
weighed here from its neighbours and taken there only where the footnote numbering supports it.
Plain Python, no Django.
"""

from __future__ import annotations

import re

CLOSING = frozenset(")]»”’'\"")
YEAR = re.compile(r"(?:19|20)\d\d$")


# Words after which a number is a number ("article 19", "paragraph 8", "vol. 10", "Goal 5"), never a
# footnote marker spaced away from its word.
NUMBERING_WORDS = frozenset(
    """article articles paragraph paragraphs para paras principle principles rule rules vol vols volume volumes no
    nos number numbers chapter chapters chap annex annexes section sections sect resolution resolutions
    decision decisions goal goals target targets page pages p pp item items part parts protocol protocols
    amendment recommendation recommendations table tables figure figures step steps phase phases level levels
    category categories session sessions meeting meetings week weeks day days year years month months indicator
    indicators objective objectives option options schedule appendix class rev add corr suppl art arts edition
    series chapitre paragraphe paragraphes alinéa alinéas annexe annexes résolution résolutions décision
    décisions objectif objectifs cible cibles point points principe principes règle règles séance séances
    artículo artículos párrafo párrafos resolución resoluciones decisión decisiones objetivo objetivos meta
    metas tema temas anexo sesión sesiones capítulo january february march april may june july august september
    october november december janvier février mars avril mai juin juillet août septembre octobre novembre
    décembre enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre and or to
    of at on by from over under than all about some nearly almost only the its their per et ou à de du des le
    la les y o a en el los las between among within since until before after around approximately""".split()  # noqa: SIM905 - a word list reads better as words
)


# Abbreviations glued to their number: "Corr.1", "No.5", "vol.2", "para.3".
ABBREVIATED_NUMBERING = frozenset(
    [
        "no",
        "nos",
        "vol",
        "vols",
        "para",
        "paras",
        "corr",
        "add",
        "rev",
        "suppl",
        "art",
        "arts",
        "sect",
        "chap",
        "p",
        "pp",
    ]
)


def spaced_marker(text: str, start: int, end: int) -> int:
    """How much the digit run text[start:end], preceded by a space, looks like a footnote marker
    spaced away from its word: 2 after a comma, a semicolon or a full stop ("Rarotonga, 3 Bangkok4",
    "decisions; 16" at a line end, "Principles. 13 We") or before a double space or a line end
    ("Outcome, 1  sports", "Development 1 \nand", "of 1990 3  and"), 1 after a word ("Declaration
    2 of", "agenda 5 and"), 0 when it is a number ("article 19", "all 33 States", "on 5 December").
    A marker glued to the next word instead ("Parties, 8and welcomes") is weighed the same way.
    """
    if end - start > 3 or text[start] == "0":
        return 0
    cursor = start
    while cursor > 0 and text[cursor - 1] in " \t":
        cursor -= 1
    if cursor > 0 and text[cursor - 1] == "\n":
        return _wrapped_marker(text, cursor - 1, end)
    if cursor == start or cursor == 0:
        return 0
    previous = text[cursor - 1]
    rest = text[end : end + 3]
    glued_after = rest[:1].isalpha()
    if glued_after and (not rest[:1].islower() or _ORDINAL_SUFFIX.match(text, end) or end - start > 2):
        return 0  # "2nd", "3rd", "1er", "5km": not a marker
    wide_after = rest.startswith(("  ", "\n", " \n", "\t")) or end == len(text)
    word_end = cursor - 1 if previous in ",;." else cursor
    word_start = word_end
    while word_start > 0 and text[word_start - 1].isalnum():
        word_start -= 1
    word = text[word_start:word_end]
    if previous not in ",;." and word.lower() in NUMBERING_WORDS and not _plural_without_numbers(text, word, end):
        return 0  # "article 19"; but "action, 8 the Durban" is a marker
    if previous in ",;":
        if wide_after or glued_after:
            return 2
        if not word:
            return 2 if text[word_end - 1 : word_end] in CLOSING else 0
        if word.isdigit() and not YEAR.match(word) and text[word_start - 1 : word_start] not in ("/", "."):
            return 0  # "articles 1, 2 and 3"
        return 2
    if previous == ".":
        if len(word) <= 1 or word.lower() in ABBREVIATED_NUMBERING or word.isdigit():
            return 0  # "p. 5", "No. 5", "1. 2": numbers
        following = text[end : end + 6].lstrip(" ")
        # "Principles. 13 We will", "the Future. 16 9. We note": a new sentence or paragraph follows.
        return 2 if wide_after or following[:1].isupper() or _PARAGRAPH_NUMBER.match(following) else 0
    if previous in CLOSING:
        return 2 if wide_after else 1
    if previous.isdigit():
        return (2 if wide_after else 1) if YEAR.match(word) else 0
    if previous.isalpha():
        if wide_after or glued_after:
            return 2 if word[:1].isupper() or wide_after else 1
        following = text[end : end + 2].lstrip(" ")[:1]
        if following.islower() or following in ",;.:":
            return 1
    return 0


_NUMBER_LIST_GOES_ON = re.compile(r" +(?:and|or|to|through|et|ou|à|y|o|a) +(?=[^\W\d_])")


def _plural_without_numbers(text: str, word: str, end: int) -> bool:
    """Whether a plural numbering word is followed by this one number and no other ("Millennium
    Development Goals 6  and associated strategies", A/RES/73/3): a plural names several numbers
    ("Goals 6 and 7", "articles 5 to 9"), so a lone one is a footnote marker."""
    lowered = word.lower()
    if len(lowered) < 4 or lowered[-1] != "s" or lowered[:-1] not in NUMBERING_WORDS:
        return False
    return bool(_NUMBER_LIST_GOES_ON.match(text, end))


def _wrapped_marker(text: str, line_break: int, end: int) -> int:
    """A digit run opening a line, as a marker the line wrap put after its word ("Declaration\n 2 of an"):
    1 when a word ends the line before and a lower-case word follows on the same line, else 0. Nothing
    stronger: a number opening a line is far more often a paragraph or list number ("2. Requests")."""
    cursor = line_break
    while cursor > 0 and text[cursor - 1] in " \t":
        cursor -= 1
    word_start = cursor
    while word_start > 0 and text[word_start - 1].isalnum():
        word_start -= 1
    word = text[word_start:cursor]
    if not word or not word[-1].isalpha() or word.lower() in NUMBERING_WORDS:
        return 0
    following = text[end : end + 2]
    return 1 if following[:1] == " " and following[1:2].islower() else 0


_PARAGRAPH_NUMBER = re.compile(r"\d{1,3}\.\s")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th|er|re|e|ème|ᵉ|o|a|ª|º)(?![^\W\d_])")
