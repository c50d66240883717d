"""The parser's fast paths give exactly what the plain regular expressions give.

Speed-ups replace ``pattern.finditer`` / ``pattern.search`` over whole texts by scans for
literal candidates followed by anchored matches. Each is checked against the plain form on
generated texts made of the pieces that matter to it.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tcdesk.mandates.parsing import entities, header, segmenting, vocabulary
from tcdesk.mandates.parsing.citations import _RESOLUTION_LIST, _resolution_lists
from tcdesk.mandates.parsing.layout import PAGE_BREAK, SOFT_BREAK, lay_out, normalise
from tcdesk.mandates.parsing.scanning import finditer_lines, search_lines


def _texts(pieces: list[str], max_size: int = 30):
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


_LINE_PIECES = [
    "\n",
    " ",
    "\t",
    "  ",
    "1",
    "12",
    "1.",
    "64",
    "e",
    "th",
    "séance plénière",
    "plenary meeting",
    "a)",
    "(b)",
    "x",
    ".",
    "The General Assembly",
    "L’Assemblée générale",
    ",",
    "the general  assembly",
]
_CLAUSE_PIECES = [
    "et",
    "and",
    "And",
    "y",
    "e",
    ",",
    ";",
    " ",
    "  ",
    "\t",
    "prie",
    "demande",
    "lui",
    "requests",
    "also",
    "Also requests",
    "calls upon",
    "pide",
    "solicita",
    "le",
    "x",
    "é",
    "invite",
    "notes",
    "expresa",
    "de nouveau",
    "further",
    "-",
    "’",
]
_ENTITY_PIECES = [
    "Secrétaire général",
    "Secretary-General",
    "États Membres",
    "Member States",
    "States",
    "États",
    "Estados Miembros",
    "Office des Nations Unies contre la drogue et le crime",
    "UNODC",
    "donors",
    "institutos de la red del Programa de las Naciones Unidas en materia de prevención del delito y justicia penal",
    "red de ",
    "World Bank",
    " ",
    "-",
    "x",
    "anti",
    "\n",
    "_",
    "d’",
    "les ",
]
# The addressee-zone ends as first written, before their first letters were set apart.
_PLAIN_ZONE_END = {
    "fr": re.compile(
        r"(?:\b(?:de|à)\s+|\bd['’])(?:(?:lui|leur|les|la|le|l['’]|en|y|se|s['’])\s*)*"
        r"[a-zàâçéèêëîïôûœ-]+(?:er|ir|re|oir)\b|\b(?:qui|qu['’]|que|dont|afin)\b|[;:]"
    ),
    "en": re.compile(
        r"\bto\s+(?!the\b|all\b|its\b|their\b|this\b|that\b|those\b|these\b|a\b|an\b|it\b|them\b)[a-z]|"
        r"\b(?:that|which|who|whose|in order|so as|for)\b|[;:]",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\b(?:a|de|para)\s+(?:(?:lo|la|los|las|le|les|se)\s+)*[a-záéíóúñ]+(?:ar|er|ir)(?:lo|la|los|las|le|les|se)?\b|"
        r"\b(?:que|quien|quienes|cuyo)\b|[;:]"
    ),
}
_ZONE_PIECES = [
    "de",
    "De",
    "d’",
    "à",
    "qui",
    "qu’",
    "que",
    "dont",
    "afin",
    ";",
    ":",
    " ",
    "\n",
    "x",
    "lui",
    "l’",
    "prendre",
    "venir",
    "to",
    "TO",
    "the",
    "That",
    "which",
    "whose",
    "in order",
    "İn order",
    "ın",
    "so as",
    "ſo as",
    "For",
    "a",
    "para",
    "los",
    "hablar",
    "quienes",
    "cuyo",
    "_",
    "-",
    "é",
    "1",
]


@settings(max_examples=600, deadline=None)
@given(_texts(_ZONE_PIECES, 14), st.sampled_from(["fr", "en", "es"]))
def test_addressee_zone_end_is_the_plain_search(text, lang):
    expected = _PLAIN_ZONE_END[lang].search(text)
    found = entities._ZONE_END[lang].search(text)
    assert (found.span() if found else None) == (expected.span() if expected else None)


_CITATION_PIECES = [
    "résolution",
    "Résolution",
    "resolution",
    "resoluciones",
    "décision",
    "decisiones",
    " ",
    "55/25",
    "2005/14",
    "1373 (2001)",
    ", ",
    " et ",
    " and ",
    "RÉSOLUTION",
    "x",
    "de",
    "é",
    "ª",
    ".ª",
    "E",
    "ÈME",
    "ſt",
    "123",
]


@settings(max_examples=400, deadline=None)
@given(_texts(_LINE_PIECES), st.integers(0, 40))
def test_search_lines_is_search(text, position):
    pattern, candidates = header._PLENARY, header._PLENARY_CANDIDATE
    expected = pattern.search(text, position)
    found = search_lines(pattern, candidates, text, position)
    assert (found.span() if found else None) == (expected.span() if expected else None)


@settings(max_examples=400, deadline=None)
@given(_texts(_LINE_PIECES))
def test_finditer_lines_is_finditer(text):
    pattern, candidates = segmenting._SUBPARAGRAPH, segmenting._SUBPARAGRAPH_CANDIDATE
    assert [match.span() for match in finditer_lines(pattern, candidates, text)] == [
        match.span() for match in pattern.finditer(text)
    ]


@settings(max_examples=400, deadline=None)
@given(_texts(_LINE_PIECES))
def test_body_marker_search_is_search(text):
    expected = header._BODY_MARKER.search(text)
    found = search_lines(header._BODY_MARKER, header.BODY_MARKER_CANDIDATE, text)
    assert (found.span() if found else None) == (expected.span() if expected else None)


@settings(max_examples=600, deadline=None)
@given(_texts(_CLAUSE_PIECES, 25), st.sampled_from(["fr", "en", "es"]))
def test_clause_starts_is_finditer(text, lang):
    expected = [(match.span(), match.groupdict()) for match in vocabulary._CLAUSE_START[lang].finditer(text)]
    assert [(match.span(), match.groupdict()) for match in vocabulary.clause_starts(text, lang)] == expected


def _plain_entities(text: str) -> list[str]:
    """find_entities with one group per entity and the look-behind first, as first written."""
    alternatives = [
        f"(?P<e{position}>{pattern.replace(' ', r'\s+')})" for position, (pattern, _) in enumerate(entities._ENTITIES)
    ]
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
    found: list[str] = []
    for match in plain.finditer(text):
        name = entities._ENTITY_NAMES[int(match.lastgroup[1:])]
        if name not in found:
            found.append(name)
    return found


@settings(max_examples=400, deadline=None)
@given(_texts(_ENTITY_PIECES, 12))
def test_find_entities_is_the_plain_alternation(text):
    assert entities.find_entities(text) == _plain_entities(text)


@settings(max_examples=400, deadline=None)
@given(_texts(_CITATION_PIECES, 20))
def test_resolution_lists_are_the_plain_matches(text):
    expected, covered_to = [], -1
    for start in range(len(text)):
        if start < covered_to:
            continue
        match = _RESOLUTION_LIST.match(text, start)
        if match:
            expected.append(match.span())
            covered_to = match.end()
    assert [match.span() for match in _resolution_lists(text)] == expected


_SOFT_HYPHEN_PIECES = [
    "\u00ad",
    "\n",
    "\r",
    "\f",
    " ",
    "\t",
    "uni",
    "ème",
    "05-49834",
    "8/19",
    "A/RES/60/175",
    "*0549834*",
]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), _texts(_SOFT_HYPHEN_PIECES, 30)))
def test_normalise_leaves_no_unusual_character(text):
    result = normalise(text)
    # A soft hyphen is left only as SOFT_BREAK, the end of a line whose word lay_out joins.
    assert not set(result.replace(SOFT_BREAK, "")) & set("\r\f\u00a0\u202f\u00ad\ufb01\ufb02\u200b\x00")
    # A page break is a line of its own, never glued to text.
    for line in result.split("\n"):
        assert PAGE_BREAK not in line or line == PAGE_BREAK


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), _texts(_SOFT_HYPHEN_PIECES, 30)), st.sampled_from([None, "A/RES/60/175"]))
def test_lay_out_leaves_no_soft_hyphen_nor_page_break(text, symbol):
    """SOFT_BREAK (and PAGE_BREAK) never survive into the cleaned text that every later stage reads."""
    cleaned = lay_out(normalise(text), symbol).cleaned
    assert "\u00ad" not in cleaned
    assert PAGE_BREAK not in cleaned


def test_lay_out_joins_a_soft_hyphenated_word_across_page_furniture():
    symbol = "A/RES/60/175"
    for between in [
        "\n",
        "\n\n\n",
        "\n05-49834 8/19\fA/RES/60/175\n\n",
        "\n05-49834 (F)    9/19\n\f\nA/RES/60/175  \n*0549834*\n\n",
        "\f",
        " \r\n \r\n05-49834\r\n8/19\r\n \f\r\nA/RES/60/175\r\n \r\n",
    ]:
        cleaned = lay_out(normalise(f"et uni\u00ad{between}ème session\n"), symbol).cleaned
        assert cleaned == "et unième session\n", between
    assert lay_out(normalise("la fin du mot\u00ad\n05-49834 8/19\n"), symbol).cleaned == "la fin du mot"


def _documents_by_scanning_back(text: str) -> list[tuple[int, int]]:
    """The document scan as first written: from every slash, back to the start of its token."""
    from tcdesk.mandates.parsing.citations import _DOCUMENT, _TOKEN_STOP

    spans, seen = [], set()
    for position, char in enumerate(text):
        if char != "/":
            continue
        start = position
        while start > 0 and text[start - 1] not in _TOKEN_STOP:
            start -= 1
        if start not in seen:
            seen.add(start)
            match = _DOCUMENT.match(text, start)
            if match:
                spans.append(match.span())
    return spans


_DOCUMENT_PIECES = ["A/", "RES/", "60/", "175", " ", "(", "«", "E/CN.15/", "2005/", "x", "/", "\n", ".", "S/"]


@settings(max_examples=400, deadline=None)
@given(_texts(_DOCUMENT_PIECES, 25))
def test_the_linear_document_scan_finds_what_scanning_back_found(text):
    from tcdesk.mandates.parsing.citations import _documents

    assert [match.span() for match in _documents(text)] == _documents_by_scanning_back(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 a/\n.,", max_size=60), st.integers(0, 70))
def test_digit_runs_found_by_substring_searches_are_the_regex_runs(text, start):
    from tcdesk.mandates.parsing.markers import ascii_digit_runs

    assert ascii_digit_runs(text, start) == [match.span() for match in re.compile(r"[0-9]+").finditer(text, start)]


_WHITESPACE = [chr(code) for code in range(0x3001) if chr(code).isspace()]


@settings(max_examples=400, deadline=None)
@given(_texts(["a", "bé", "’", "x y", "\u00ad", "\x00", "\n", " ", "  ", *_WHITESPACE], 20))
def test_one_line_is_the_words_joined_by_single_spaces(text):
    from tcdesk.mandates.parsing.paragraph_text import one_line

    assert one_line(text) == " ".join(text.split())


@settings(max_examples=400, deadline=None)
@given(_texts(["a", "bé", "’", "x y", "\u00ad", "\x00", "\n", " ", "  ", *_WHITESPACE], 20))
def test_one_line_of_a_normalised_text_is_the_words_joined_by_single_spaces(text):
    from tcdesk.mandates.parsing.paragraph_text import one_line

    normalised = normalise(text)
    assert one_line(normalised, normalised=True) == " ".join(normalised.split())


def test_normalise_leaves_no_whitespace_but_spaces_line_ends_and_the_other_spaces():
    """``one_line(normalised=True)`` looks only for OTHER_SPACES: every other whitespace character of
    Unicode (str.split's separators) is turned into a space or a line end by normalise."""
    from tcdesk.mandates.parsing.normalising import OTHER_SPACES

    separators = [chr(code) for code in range(0x110000) if len(f"a{chr(code)}b".split()) == 2]
    left = {char for separator in separators for char in normalise(f"ab{separator}cd\n") if char.isspace()}
    assert left - {" ", "\n"} == set(OTHER_SPACES)


_LINE_AROUND = ["1", "12", " ", "\t", "\n", "x", "word", ",", "  ", "\u2003", "y" * 150]


@settings(max_examples=400, deadline=None)
@given(_texts(_LINE_AROUND, 12), st.sampled_from([" ", "\n", "\t"]), _texts(_LINE_AROUND, 12))
def test_a_number_alone_on_its_line_is_found_without_slicing(left, before, right):
    """The spaced-marker check reads the line around the digits in place; it gives what stripping
    the slices of the text before and after the digits gave (lines looked up within 200
    characters, else the text's start or end)."""
    from tcdesk.mandates.parsing.markers import _AFTER_MARKER, _marker_in

    text = f"{left}{before}7{right}"
    start = len(left) + 1
    end = start + 1
    line_start = text.rfind("\n", max(0, start - 200), start) + 1
    line_end = text.find("\n", end, end + 200)
    line_end = len(text) if line_end < 0 else line_end
    alone = not text[line_start:start].strip() and not text[end:line_end].strip()
    if end == len(text) or text[end] in _AFTER_MARKER:
        assert (_marker_in(text, start, end, {7}) == (start, 7)) == alone


_MARKER_PIECES = ["1", "2", "0", "12", "2005", "19", "/", "-", ".", ",", " ", "\n", "a", "Word", "²", "٣"]


@settings(max_examples=500, deadline=None)
@given(_texts(_MARKER_PIECES, 25), st.integers(1, 30), st.integers(0, 80), st.integers(0, 80))
def test_marker_index_searches_answer_as_the_whole_index_does(text, number, start, size):
    """The first questions put to a MarkerIndex are answered by substring searches for the
    number's digits; the answers are those of the index of every digit run."""
    from tcdesk.mandates.parsing.marker_index import MarkerIndex

    searched = MarkerIndex(text)
    indexed = MarkerIndex(text)
    indexed._searches_left = 0  # builds the index at once
    assert searched.called(number, start, start + size) == indexed.called(number, start, start + size)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="_-a \n", max_size=60), st.lists(st.integers(0, 70), max_size=6))
def test_rules_found_from_their_character_are_the_substring_search(text, positions):
    from tcdesk.mandates.parsing.scanning import Rules

    rules = Rules(text)
    for position in sorted(positions):  # a reader moves forward
        found = [at for at in (text.find("___", position), text.find("---", position)) if at >= 0]
        assert rules.next_from(position) == min(found, default=-1)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ldqu'’ ax", max_size=60))
def test_french_elisions_counted_from_the_apostrophes_are_the_six_counts(text):
    from tcdesk.mandates.parsing.language import _ELISIONS, _elisions

    assert _elisions(text) == sum(text.count(elision) for elision in _ELISIONS)


_SUBPARAGRAPH_PIECES = [
    "1. ",
    "12.\n",
    "Requests:\n",
    "\n",
    "\n\n",
    " ",
    "  ",
    "(a) ",
    "(b) ",
    "c) ",
    "(d)",
    "Word",
    "co-",
    "-\n",
    "tion",
    ",",
    " ,",
    ";\n",
    ".",
    "\x00",
    "___",
    "- and",
    "Item;",
]


@settings(max_examples=800, deadline=None)
@given(_texts(_SUBPARAGRAPH_PIECES, 25), st.booleans(), st.booleans())
def test_paragraph_text_built_from_its_subparagraphs_is_the_flattened_paragraph(raw, numbered, normalised):
    """A paragraph's text joined from its flattened chapeau, markers and sub-paragraphs is the
    paragraph flattened whole, and its sub-paragraphs are ``subparagraphs``'s."""
    from tcdesk.mandates.parsing.assembly import _OPERATIVE_NUMBER
    from tcdesk.mandates.parsing.paragraph_text import flatten, subparagraphs, text_and_subparagraphs

    number = _OPERATIVE_NUMBER if numbered else None
    whole = _OPERATIVE_NUMBER.sub("", raw, count=1) if numbered else raw
    expected = (flatten(whole, normalised=normalised), subparagraphs(raw, normalised=normalised))
    assert text_and_subparagraphs(raw, number, normalised=normalised) == expected


def _plain_language(text: str) -> str:
    """detect_language as first written: every distinct token stripped, six substring counts."""
    from collections import Counter

    from tcdesk.mandates.parsing.language import _ELISIONS, _LANGUAGE_OF, _PUNCTUATION, LANGUAGES

    sample = text[:3000].lower()
    counts = dict.fromkeys(LANGUAGES, 0)
    for token, times in Counter(sample.split()).items():
        lang = _LANGUAGE_OF.get(token.strip(_PUNCTUATION))
        if lang is not None:
            counts[lang] += times
    counts["fr"] += sum(sample.count(elision) for elision in _ELISIONS)
    return max(LANGUAGES, key=lambda lang: counts[lang])


_LANGUAGE_PIECES = ["the", "The", "le", "LES", "el", "y", "à", "of", ",", ".", "«", "»", "(", "'", "’", "l", "d", "qu"]


@settings(max_examples=500, deadline=None)
@given(_texts([*_LANGUAGE_PIECES, " ", "\n", "x"], 40))
def test_detect_language_is_the_plain_count(text):
    from tcdesk.mandates.parsing.language import detect_language

    assert detect_language(text) == _plain_language(text)


_REFERENCE_PIECES = ["1", "12", "2005", "/", "55/25", " ", "\n", "B", "(2001)", "(XXIX)", " C (VII)", "(", "of 15 May"]


@settings(max_examples=400, deadline=None)
@given(_texts(_REFERENCE_PIECES, 20))
def test_references_found_from_their_first_digit_are_the_plain_pattern(text):
    from tcdesk.mandates.parsing.citations import _ONE_REF, _REF

    expected = [(match.span(), match.group(0)) for match in re.finditer(_REF, text)]
    assert [(match.span(), match.group(0)) for match in _ONE_REF.finditer(text)] == expected


@settings(max_examples=400, deadline=None)
@given(_texts(["\n", "\n\n", " ", "\t", ";", ";\n", ";\n A", "; \nB", "x", "é", "\n \n", "\u2003"], 25), st.data())
def test_piece_breaks_found_alternative_by_alternative_are_the_alternation(raw, data):
    from tcdesk.mandates.parsing.paragraph_text import _PIECE_BREAK, _piece_breaks

    position = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(position, len(raw)))
    expected = [
        (match.start("rest") if match.start("rest") >= 0 else match.start(), match.end())
        for match in _PIECE_BREAK.finditer(raw, position, end)
    ]
    assert list(_piece_breaks(raw, position, end)) == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a\n", "\n", " b c\n", "\x00\n"]), max_size=12), st.sampled_from(["", "d"]), st.data())
def test_body_lines_from_the_layout_are_the_split_lines(lines, last, data):
    """Taken from the laid-out lines, the body's lines (between footnote regions, which start and
    end at line boundaries) are those that splitting the text gives."""
    from tcdesk.mandates.parsing.body_lines import laid_out_lines, split_lines

    lines = [*lines, last] if last else lines  # only the last line may lack its newline
    text = "".join(lines)
    starts = [sum(len(line) for line in lines[:index]) for index in range(len(lines))]
    boundaries = sorted(data.draw(st.lists(st.sampled_from([*starts, len(text)]), max_size=5)))
    start, *rest = boundaries or [0]
    regions = list(zip(rest[0::2], rest[1::2], strict=False))
    laid_texts: list[str] = []
    split_texts: list[str] = []
    expected = split_lines(text, start, regions, split_texts)
    assert laid_out_lines(lines, starts, len(text), start, regions, laid_texts) == expected
    assert [line.removesuffix("\n") for line in laid_texts] == split_texts


_HEADER_LINE_PIECES = [
    " ",
    "\t",
    "x",
    "Eightieth",
    "A/RES/80/1",
    "80/1. ",
    "session",
    "SESSION",
    "ſeſſion",
    "período de sesiones",
    "sesioneſ",
    "Sessions",
    "-",
    "]",
]


@settings(max_examples=400, deadline=None)
@given(_texts(_HEADER_LINE_PIECES, 12))
def test_a_header_line_skipped_by_its_last_letter_is_no_session_line(line):
    """read_header tries _SESSION_LINE only on lines ending (but for spaces and tabs) with a
    letter of _SESSION_LINE_LAST: every line it matches does."""
    if header._SESSION_LINE.match(line):
        assert line.rstrip(" \t")[-1:] in header._SESSION_LINE_LAST


@settings(max_examples=600, deadline=None)
@given(
    _texts(
        [*_HEADER_LINE_PIECES, "[", "United Nations", "Distr.: General", "12 December 2025", "Agenda item 7", "ſ", "S"],
        12,
    )
)
def test_a_header_line_is_read_as_the_whole_pattern_reads_it(line):
    """is_header_line tries the alternatives that open with ".*" only where the line's ends allow
    them: it answers as the whole pattern, as first written, does."""
    assert header.is_header_line(line) == bool(_PLAIN_HEADER_LINE.match(line))


_PLAIN_HEADER_LINE = re.compile(
    r"(?i)^\s*(?:United Nations|Nations Unies|Naciones Unidas|General Assembly|Assemblée générale|"
    r"Asamblea General|Economic and Social Council|Conseil économique et social|Consejo Económico y Social|"
    r"Security Council|Conseil de sécurité|Consejo de Seguridad|Distr\..*|Original\s*:.*|"
    r"(?:Resolution adopted|Résolution adoptée|Resolución aprobada).*|\[.*\]?|.*\]|"
    r"(?:Agenda item|Point|Tema)s?\s+\d.*|.*\b(?:session|período de sesiones)|"
    r"\d{1,2}(?:er)?\s+(?:de\s+)?[a-zéû]+\s+(?:de\s+)?\d{4})\s*$"
)


@settings(max_examples=400, deadline=None)
@given(_texts(_HEADER_LINE_PIECES + ["\n"], 20))
def test_header_symbols_found_from_res_are_the_symbol_matches(text):
    """_own_symbol's header symbols, tried one character before each "/RES/", are SYMBOL.finditer's."""
    from tcdesk.mandates.parsing.layout import SYMBOL
    from tcdesk.mandates.parsing.parser import _symbols_in

    text = text.replace("x", "A/RES/").replace("]", "S/RES/1 (2001)")
    assert [match.span() for match in _symbols_in(text)] == [match.span() for match in SYMBOL.finditer(text)]
