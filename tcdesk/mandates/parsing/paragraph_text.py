"""The text of a paragraph: its lines flattened into one, and its lettered sub-paragraphs.

Plain Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from .normalising import OTHER_SPACES
from .parsed import Span
from .scanning import finditer_lines

_SUBPARAGRAPH = re.compile(r"(?m)^[ \t]*\(?([a-z]{1,2})\)(?:[ \t]+|$)")
_SUBPARAGRAPH_CANDIDATE = re.compile(r"\n[ \t]*\(?[a-z]{1,2}\)")
# A hyphen at the end of a line is usually a real one: UN documents break lines at compound
# hyphens ("gender-\nbalanced", "eighty-\nfirst"), and a word split by the typesetter carries a
# soft hyphen, which normalise() handles. Only a bare suffix after the hyphen ("coopera-\ntion")
# shows a word split with a plain hyphen: then the halves are joined.
# The hyphen comes first and the letter before it is checked behind it: a pattern that opens with a
# literal is searched for at C speed, one that opens with a look-behind is tried at every position.
_HYPHEN_BREAK = re.compile(r"-(?<=[^\W\d_]-)[ \t]*\n[ \t]*(?=(\S))")
_SUFFIX_AFTER_BREAK = re.compile(
    r"(?:tion|tions|sion|sions|ment|ments|ness|ity|ities|ance|ances|ence|ences|ing|ings|ous|ive|ives|able|ible|"
    r"ally|ated|ation|ations|ture|tures|ique|iques|ité|ités|eur|eurs|elle|elles|ión|iones|idad|idades)(?![^\W\d_])"
)
_HYPHEN_AT_LINE_END = re.compile(r"-[ \t]*\n")  # starts with a literal: the engine searches fast
_RULE = re.compile(r"_{3,}")
# A hyphen then a space inside a compound ("pre- and post-conflict" keeps its space).
_SPACE_COMMA = re.compile(r",(?<= ,)")
_HYPHEN_SPACE = re.compile(r"- (?<=[^\W\d_]- )(?!(?:and|or|nor|et|ou|y|o|e)\b)(?=[^\W\d_])")


def flatten(raw: str, *, normalised: bool = False) -> str:
    """Paragraph text as one line: markers dropped, hyphenated breaks joined, spaces collapsed.

    ``normalised``: ``raw`` is a piece of a text that went through ``normalising.normalise``
    (see ``one_line``).
    """
    # Why the one-character tests first: a one-character substring test runs at memchr speed, while a
    # longer one ("___", "- ", " ,") steps through the whole paragraph, and most paragraphs hold no
    # hyphen and no underscore at all.
    if "\x00" in raw:
        raw = raw.replace("\x00", "")
    hyphens = "-" in raw
    if hyphens and _HYPHEN_AT_LINE_END.search(raw):
        raw = _HYPHEN_BREAK.sub(lambda cut: "" if _SUFFIX_AFTER_BREAK.match(raw, cut.end()) else "-", raw)
    if "_" in raw and "___" in raw:
        raw = _RULE.sub(" ", raw)
    text = one_line(raw, normalised=normalised)
    if hyphens and "- " in text:  # no hyphen in ``raw``, none in ``text``
        # Extractions that join lines leave "eighty- first", "Nuclear- Weapon-Free": one word.
        text = _HYPHEN_SPACE.sub(lambda cut: "" if _SUFFIX_AFTER_BREAK.match(text, cut.end()) else "-", text)
    # Masking a marker can leave "Millénaire ," when a space preceded it in the source. The search
    # opens with the comma, a single literal the engine finds quickly (commas are rare next to spaces).
    return text.replace(" ,", ",") if _SPACE_COMMA.search(text) else text


_strip = str.strip


def one_line(raw: str, *, normalised: bool = False) -> str:
    """``" ".join(raw.split())``: the words of ``raw`` on one line, one space apart.

    Paragraph text is lines of words one space apart: splitting at the line ends only and
    stripping each line makes far fewer strings than splitting at every space. The result is
    the plain form's whenever no whitespace other than single spaces is left in it (every
    whitespace character but the space is unprintable); otherwise the plain form is used.
    ``normalised``: ``raw`` comes from a text that went through ``normalising.normalise``, which
    leaves no whitespace but the space, the line end and OTHER_SPACES; looking for those few
    is much cheaper than testing every character for printability.
    """
    text = " ".join([line for line in map(_strip, raw.split("\n")) if line])
    if normalised:
        if "  " in text or OTHER_SPACES[0] in text or OTHER_SPACES[1] in text:
            return " ".join(raw.split())
        return text
    if "  " in text or not text.isprintable():
        return " ".join(raw.split())  # much faster than a regular expression on long texts
    return text


def raw_text(masked: str, spans: list[Span]) -> str:
    return "".join(masked[start:end] for start, end in spans)


def subparagraphs(raw: str, *, normalised: bool = False) -> list[tuple[str, str]]:
    """Lettered sub-paragraphs "(a)" / "a)" at line starts, in sequence.

    Markers lost in extraction are recovered from the layout: after a chapeau ending with a
    colon, the blank-line separated pieces that come before the first marker found ("(c)")
    take the letters before it when there are exactly as many pieces as missing letters; and
    when no marker is left at all, two or more such pieces, each opening with a capital and
    ending with a semicolon or a full stop, are the sub-paragraphs (a), (b)…
    """
    return _texts(raw, _cuts(raw, normalised), normalised)


def text_and_subparagraphs(
    raw: str, number: re.Pattern[str] | None = None, *, normalised: bool = False
) -> tuple[str, list[tuple[str, str]]]:
    """``flatten`` of the paragraph ``raw`` (without the number ``number`` matches at its start,
    if given) and its ``subparagraphs``, each piece of text flattened once.

    Why: a paragraph with sub-paragraphs reads as its chapeau, then each marker and its
    sub-paragraph's text, one space apart; flattening the whole paragraph after its
    sub-paragraphs would do their work twice. The flattened pieces are joined only where that
    gives what flattening the whole gives: each cut between pieces has a space on one side
    (``flatten`` joins lines with one space) and no piece ends with a hyphen or the next opens
    with a comma (where ``flatten`` would join words or move a comma across the cut).
    Otherwise the whole paragraph is flattened.
    """
    if ")" not in raw and ":" not in raw:
        # No marker and no chapeau: no sub-paragraph can be found (most paragraphs; see ``_cuts``).
        return flatten(number.sub("", raw, count=1) if number is not None else raw, normalised=normalised), []
    cuts = _cuts(raw, normalised)
    subs = _texts(raw, cuts, normalised)
    if cuts:
        chapeau = raw[: cuts[0][1]]
        pieces = [flatten(number.sub("", chapeau, count=1) if number is not None else chapeau, normalised=normalised)]
        for (_label, marker_start, text_start), (_label_too, sub) in zip(cuts, subs, strict=True):
            # A marker line "  (a) " holds no hyphen, NUL or inner space: its flattened text is itself, stripped.
            pieces += [raw[marker_start:text_start].strip(), sub]
        texts = [piece for piece in pieces if piece]
        if _cuts_have_spaces(raw, cuts) and all(
            not left.endswith("-") and not right.startswith(",") for left, right in pairwise(texts)
        ):
            return " ".join(texts), subs
    return flatten(number.sub("", raw, count=1) if number is not None else raw, normalised=normalised), subs


def _cuts_have_spaces(raw: str, cuts: list[tuple[str, int, int]]) -> bool:
    """Whether every cut between pieces (a marker's start, its text's start) has whitespace on one side."""
    for _label, marker_start, text_start in cuts:
        for cut in (marker_start, text_start):
            if 0 < cut < len(raw) and not (raw[cut - 1].isspace() or raw[cut].isspace()):
                return False
    return True


def _texts(raw: str, found: list[tuple[str, int, int]], normalised: bool) -> list[tuple[str, str]]:
    """(label, flattened text) of each sub-paragraph cut by ``_cuts``: from its text's start to
    the next marker."""
    result = []
    for position, (label, _start, text_start) in enumerate(found):
        end = found[position + 1][1] if position + 1 < len(found) else len(raw)
        result.append((label, flatten(raw[text_start:end], normalised=normalised)))
    return result


def _cuts(raw: str, normalised: bool) -> list[tuple[str, int, int]]:
    """(label, marker start, text start) of each sub-paragraph (see ``subparagraphs``); a
    recovered sub-paragraph's marker is empty (its text starts where it does)."""
    found: list[tuple[str, int, int]] = []  # (label, marker start, text start)
    if ")" in raw:
        expected: str | None = None
        for match in finditer_lines(_SUBPARAGRAPH, _SUBPARAGRAPH_CANDIDATE, raw):
            label = match.group(1)
            if expected is None:
                if len(label) == 1 and label <= "j":
                    expected = label
                else:
                    continue
            if label == expected:
                found.append((label, match.start(), match.end()))
                expected = _next_label(expected)
    if found and found[0][0] != "a":
        missing = ord(found[0][0]) - ord("a")
        pieces = _unmarked_pieces(raw, found[0][1])
        if pieces is None or len(pieces) != missing:
            return []  # the sequence cannot be completed: nothing is sure
        recovered = [(chr(ord("a") + position), start, start) for position, (start, _end) in enumerate(pieces)]
        found = recovered + found
    elif not found:
        pieces = _unmarked_pieces(raw, len(raw))
        if (
            pieces is None
            or len(pieces) < 2
            or not all(_reads_as_item(raw[start:end], normalised) for start, end in pieces)
        ):
            return []
        found = [(chr(ord("a") + position), start, start) for position, (start, _end) in enumerate(pieces)]
    return found


def _next_label(label: str) -> str:
    return chr(ord(label) + 1) if label != "z" else "aa"


_CHAPEAU_END = re.compile(r":[ \t]*\n")
_SPACES = re.compile(r"\s*")
_NOT_SPACE_OR_MASK = re.compile(r"[^\s\x00]")  # masked footnote markers are NULs
# Pieces are apart where a blank line is, or where a line ends an item (";") and the next opens one.
# The second separator opens with its ";" (a literal, found at C speed) and starts after it (group "rest").
_PIECE_BREAK = re.compile(r"\n[ \t]*\n\s*|;(?P<rest>[ \t]*\n)(?=[ \t]*[A-ZÀ-Ý])")
# Its two alternatives apart: each opens with one literal character, which the engine finds at
# memchr-like speed, where the alternation is tried at every character (see _piece_breaks).
_BLANK_LINE_BREAK = re.compile(r"\n[ \t]*\n\s*")
_ITEM_END_BREAK = re.compile(r";(?P<rest>[ \t]*\n)(?=[ \t]*[A-ZÀ-Ý])")


def _piece_breaks(raw: str, position: int, end: int) -> Iterator[tuple[int, int]]:
    """(cut, resume) of each match of _PIECE_BREAK in raw[position:end], in order: where the
    piece before it ends (after the ";" that ends an item) and where the next one starts.

    The matches of ``_PIECE_BREAK.finditer``: at each step the leftmost match of either
    alternative, the blank line first when both start at the same place, and the search goes on
    from the end of the match taken (an alternative's match that starts inside it is searched
    for again from there).
    """
    blank = _BLANK_LINE_BREAK.search(raw, position, end)
    item = _ITEM_END_BREAK.search(raw, position, end)
    while True:
        if blank is not None and (item is None or blank.start() <= item.start()):
            cut, resume = blank.start(), blank.end()
        elif item is not None:
            cut, resume = item.start("rest"), item.end()
        else:
            return
        yield cut, resume
        if blank is not None and blank.start() < resume:
            blank = _BLANK_LINE_BREAK.search(raw, resume, end)
        if item is not None and item.start() < resume:
            item = _ITEM_END_BREAK.search(raw, resume, end)


def _unmarked_pieces(raw: str, end: int) -> list[tuple[int, int]] | None:
    """Blank-line separated pieces between the chapeau (up to a colon ending a line) and ``end``;
    a piece opening in lower case continues the one before it (a page break). None without a
    chapeau."""
    chapeau = _CHAPEAU_END.search(raw, 0, end)
    if chapeau is None:
        return None
    pieces: list[tuple[int, int]] = []
    position = chapeau.end()
    for cut, resume in _piece_breaks(raw, position, end):
        if cut > position:
            pieces.append((position, cut))
        position = resume
    if position < end and not _SPACES.fullmatch(raw, position, end):  # raw[position:end].strip()
        pieces.append((position, end))
    merged: list[tuple[int, int]] = []
    for start, stop in pieces:
        # The piece's first character once masks are dropped and spaces stripped, found in place:
        # copying each piece to read one character made this the costliest step of long lists.
        found = _NOT_SPACE_OR_MASK.search(raw, start, stop)
        first = found.start() if found else stop
        if first == stop:
            continue  # nothing but spaces and masked markers
        if merged and (raw[first].islower() or _cut_mid_sentence(raw, merged[-1])):
            # A page break inside an item: "… on 8 November" then, after the page header, "2017 in …"
            # (or "… to believe that the" then "Syrian Arab Air Force …"): an item ends with a punctuation mark.
            merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((start, stop))
    if len(merged) > 2 and any(_last_mark(raw, piece) == ";" for piece in merged):
        # Items ending with semicolons: one that ends with a comma was cut by a page break ("… in
        # Sarmin," then, after the page header, "Syrian Arab Republic, on 16 March 2015 …;").
        joined = merged[:1]
        for piece in merged[1:]:
            if _last_mark(raw, joined[-1]) == ",":
                joined[-1] = (joined[-1][0], piece[1])
            else:
                joined.append(piece)
        merged = joined
    return merged


def _last_mark(raw: str, piece: tuple[int, int]) -> str:
    """The last character of the piece once spaces and masked markers are dropped."""
    return raw[piece[0] : piece[1]].rstrip(" \t\n\x00")[-1:]


def _cut_mid_sentence(raw: str, piece: tuple[int, int]) -> bool:
    """Whether the piece ends in a letter or a digit (no punctuation closes it): the text goes on."""
    return _last_mark(raw, piece).isalnum()


def _reads_as_item(piece: str, normalised: bool) -> bool:
    text = flatten(piece, normalised=normalised)
    return bool(text) and text[0].isupper() and text.endswith((";", ".", "; and", "; or", ";”", ".”"))
