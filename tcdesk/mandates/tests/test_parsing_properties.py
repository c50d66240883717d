"""Property-based tests: no input crashes the parser, and the body is partitioned exactly.

Generated resolutions are laid out like PDF extractions: lines wrapped at random widths,
page breaks at random lines with footnote blocks, job numbers, bar codes, repeated
symbols and page numbers, and footnote markers glued to words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tcdesk.mandates.parsing import ParseError, parse_resolution
from tcdesk.mandates.parsing.segmenting import flatten

SEED = (Path(__file__).resolve().parents[1] / "corpus" / "A-RES-60-175.fr.txt").read_text(encoding="utf-8")
SYMBOL = "A/RES/70/123"
PREAMBLE_LEADS = [
    "Recalling",
    "Recalling also",
    "Bearing in mind",
    "Noting with concern",
    "Convinced",
    "Deeply concerned",
    "Reaffirming",
    "Taking note with appreciation",
    "Welcoming",
    "Aware",
]
OPERATIVE_LEADS = [
    "Requests",
    "Also requests",
    "Urges",
    "Invites",
    "Encourages",
    "Calls upon",
    "Takes note with appreciation",
    "Decides",
    "Welcomes",
    "Reaffirms",
    "Stresses",
]

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)


@dataclass
class Generated:
    text: str
    preamble: list[str]
    operative: list[str]
    footnotes: list[str]
    marker_count: int


@st.composite
def resolutions(draw) -> Generated:
    """A resolution as a PDF extraction would give it, with what the parser should find."""
    preamble_count = draw(st.integers(0, 6))
    operative_count = draw(st.integers(1, 8))
    paragraphs: list[tuple[str, list[tuple[str, bool]]]] = []  # (kind, [(word, has_marker)])
    for position in range(preamble_count + operative_count):
        is_preamble = position < preamble_count
        leads = PREAMBLE_LEADS if is_preamble else OPERATIVE_LEADS
        body = draw(st.lists(words, min_size=3, max_size=40))
        marked = draw(st.lists(st.booleans(), min_size=len(body), max_size=len(body)))
        end = "," if is_preamble else (";" if position < preamble_count + operative_count - 1 else ".")
        tokens = [(word, False) for word in draw(st.sampled_from(leads)).split()]
        tokens += [(word, bool(flag) and draw(st.integers(0, 9)) == 0) for word, flag in zip(body, marked, strict=True)]
        tokens[-1] = (tokens[-1][0] + end, tokens[-1][1])
        paragraphs.append(("preamble" if is_preamble else "operative", tokens))

    expected_preamble, expected_operative, footnote_texts = [], [], []
    lines: list[tuple[str, list[int]]] = []  # line text, footnote numbers first called on it
    operative_number = 0
    for kind, tokens in paragraphs:
        plain = " ".join(word for word, _ in tokens)
        printed_tokens = []
        called: list[int] = []
        for word, has_marker in tokens:
            if has_marker:
                footnote_texts.append(" ".join(draw(st.lists(words, min_size=1, max_size=12))) + ".")
                number = len(footnote_texts)
                called.append(number)
                # Glue the marker to the word, before its final punctuation if any.
                if word[-1] in ",;.":
                    word = f"{word[:-1]}{number}{word[-1]}" if draw(st.booleans()) else f"{word}{number}"
                else:
                    word = f"{word}{number}"
            printed_tokens.append(word)
        if kind == "operative":
            operative_number += 1
            expected_operative.append(plain)
            number_on_own_line = draw(st.booleans())
            printed_tokens[0] = (
                f"{operative_number}. \n" if number_on_own_line else f"{operative_number}. "
            ) + printed_tokens[0]
        else:
            expected_preamble.append(plain)
        width = draw(st.integers(20, 90))
        paragraph_lines = _wrap(" ".join(printed_tokens), width)
        for index, line in enumerate(paragraph_lines):
            lines.append((" " + line if index == 0 else line, called if index == len(paragraph_lines) - 1 else []))
        lines.append(("", []))

    header = (
        f"United Nations {SYMBOL}\nGeneral Assembly Distr.: General\n8 February 2016\n\nSeventieth session\n"
        "Agenda item 106\n\nResolution adopted by the General Assembly on 17 December 2015\n"
        "[on the report of the Third Committee (A/70/490)]\n\n70/123. Strengthening of something\n\n"
        "The General Assembly,\n\n"
    )
    page_breaks = set(draw(st.lists(st.integers(0, max(len(lines) - 1, 0)), max_size=4)))
    out = [header]
    pending: list[int] = []
    page = 1
    for index, (line, called) in enumerate(lines):
        out.append(line + "\n")
        pending += called
        if index in page_breaks:
            if pending:
                out.append("__________________\n\n")
                for number in pending:
                    for line_number, footnote_line in enumerate(_wrap(footnote_texts[number - 1], 60)):
                        out.append((f" {number}  " if line_number == 0 else "") + footnote_line + "\n")
                pending = []
            page += 1
            out.append(f"15-22611{' (E)' if page == 2 else ''}\n{page - 1}/9\n{SYMBOL}\n\n")
    if pending:
        out.append("__________________\n\n")
        for number in pending:
            out.append(f" {number}  {footnote_texts[number - 1]}\n")
    out.append("\n70th plenary meeting\n17 December 2015\n")
    return Generated("".join(out), expected_preamble, expected_operative, footnote_texts, len(footnote_texts))


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for token in text.split(" "):
        if "\n" in token:
            head, tail = token.split("\n", 1)
            lines.append((current + " " + head).strip() if current else head)
            current = tail
            continue
        if current and len(current) + 1 + len(token) > width:
            lines.append(current)
            current = token
        else:
            current = f"{current} {token}" if current else token
    if current:
        lines.append(current)
    return lines


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resolutions())
def test_generated_resolutions_are_parsed_exactly(generated):
    parsed = parse_resolution(generated.text, lang="en")
    assert parsed.symbol == SYMBOL
    assert parsed.session == 70
    assert parsed.plenary_meeting == 70
    assert parsed.adoption_date == "2015-12-17"
    assert [paragraph.text for paragraph in parsed.preamble] == generated.preamble
    assert [paragraph.text for paragraph in parsed.operative] == generated.operative
    assert [footnote.text for footnote in parsed.footnotes] == generated.footnotes
    assert sum(len(footnote.markers) for footnote in parsed.footnotes) == generated.marker_count


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resolutions())
def test_every_body_character_lands_in_exactly_one_segment(generated):
    parsed = parse_resolution(generated.text, lang="en")
    cleaned = parsed.cleaned_text
    covered = [0] * len(cleaned)
    for segment in parsed.segments:
        for offset in range(segment.start, segment.end):
            covered[offset] += 1
    assert all(count == 1 for count in covered[parsed.body_start :])
    assert all(count == 0 for count in covered[: parsed.body_start])
    # Furniture is gone from the cleaned text; everything else is kept.
    assert "15-22611" not in cleaned
    assert "\n1/9\n" not in cleaned
    # Each paragraph's text is made of its own spans and of nothing else.
    for paragraph in [*parsed.preamble, *parsed.operative]:
        own = flatten("".join(cleaned[start:end] for start, end in paragraph.spans))
        assert paragraph.text.split()[-1].rstrip(",;.") in own


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_arbitrary_text_parses_or_raises_parse_error(text):
    try:
        parse_resolution(text)
    except ParseError as error:
        assert str(error)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(SEED)), st.integers(0, 400), st.text(max_size=30)), max_size=8),
    st.sampled_from(["auto", "en", "fr", "es"]),
)
def test_mangled_seed_parses_or_raises_parse_error(edits, lang):
    text = SEED
    for position, length, insert in edits:
        text = text[:position] + insert + text[position + length :]
    try:
        parsed = parse_resolution(text, lang=lang)
    except ParseError:
        return
    segments = parsed.segments
    assume(segments)
    assert segments[0].start == parsed.body_start
    assert segments[-1].end == len(parsed.cleaned_text)
    assert all(left.end == right.start for left, right in zip(segments, segments[1:], strict=False))


# --- the joined-lines ("flowing") extraction, with an annex -------------------------------------


@dataclass
class Flowing:
    text: str
    preamble: list[str]
    operative: list[str]
    footnotes: list[str]
    annex: list[str]
    annex_footnotes: list[str]


@st.composite
def flowing_resolutions(draw) -> Flowing:
    """A resolution as extractions that join lines give it: one line per paragraph, footnote
    blocks without a rule (or under "---" / "___", or a rule glued to the text) in the middle
    of a paragraph that goes on after them, a running title line, and maybe an annex with its
    own numbered paragraphs and footnotes."""
    notes: list[str] = []
    owners: list[str] = []  # "body" or "annex", per footnote
    chunks: list[str] = []
    expected: dict[str, list[str]] = {"preamble": [], "operative": [], "annex": []}

    def paragraph(kind: str, lead: str, end: str, number: int | None) -> None:
        body = draw(st.lists(words, min_size=4, max_size=30))
        printed, plain = [], []
        called: list[int] = []  # footnotes first called in this paragraph
        last_marked = -1  # index in ``printed`` of the last word carrying a marker
        for position, word in enumerate([*lead.split(), *body]):
            last = position == len(lead.split()) + len(body) - 1
            word = word + end if last else word
            plain.append(word)
            if position >= len(lead.split()) and not last and draw(st.integers(0, 11)) == 0:
                notes.append(" ".join(draw(st.lists(words, min_size=1, max_size=8))).capitalize() + ".")
                owners.append("annex" if kind == "annex" else "body")
                called.append(len(notes))
                word = f"{word}{len(notes)}"
                last_marked = len(printed)
            printed.append(word)
        expected[kind].append(" ".join(plain))
        prefix = f"{number}. " if number is not None else ""
        notes_block = [f"{n} {notes[n - 1]}" for n in called]
        if called and draw(st.booleans()):
            # The page breaks inside the paragraph: its footnotes sit between its two halves.
            cut = draw(st.integers(last_marked + 1, len(printed) - 1))
            rule = draw(st.sampled_from(["", "---", "___", "glued"]))
            first = prefix + " ".join(printed[:cut]) + (" ---" if rule == "glued" else "")
            chunks.append(first)
            if rule in ("---", "___"):
                chunks.append(rule)
            chunks.extend(notes_block)
            chunks.append(" ".join(printed[cut:]))
        else:
            chunks.append(prefix + " ".join(printed))
            chunks.extend(notes_block)

    for _ in range(draw(st.integers(1, 4))):
        paragraph("preamble", draw(st.sampled_from(PREAMBLE_LEADS)), ",", None)
    operative_count = draw(st.integers(1, 5))
    with_annex = draw(st.booleans())
    for number in range(1, operative_count + 1):
        end = ";" if number < operative_count else "."
        paragraph("operative", draw(st.sampled_from(OPERATIVE_LEADS)), end, number)
    chunks.append("70th plenary meeting 17 December 2015")
    if with_annex:
        chunks += ["Annex", "Principles of something"]
        for number in range(1, draw(st.integers(1, 4)) + 1):
            paragraph("annex", "States should", ".", number)
    header = (
        f"United Nations {SYMBOL}\n\nGeneral Assembly Distr.: General 8 February 2016\n\n"
        "Seventieth session Agenda item 106\n\nResolution adopted by the General Assembly on 17 December 2015\n\n"
        "70/123. Strengthening of something\n\nThe General Assembly,\n\n"
    )
    body = "\n\n".join(chunks)
    return Flowing(
        header + body + "\n",
        expected["preamble"],
        expected["operative"],
        [note for note, owner in zip(notes, owners, strict=True) if owner == "body"],
        expected["annex"],
        [note for note, owner in zip(notes, owners, strict=True) if owner == "annex"],
    )


def _parts_cover_the_body(parsed) -> None:
    """Every character of the body lies in exactly one of: a paragraph, a footnote, an annex
    paragraph, a left-over piece, or a heading / closing / annex-heading segment."""
    spans = [span for paragraph in [*parsed.preamble, *parsed.operative] for span in paragraph.spans]
    spans += [span for footnote in parsed.footnotes for span in footnote.spans]
    for annex in parsed.annexes:
        spans += [span for paragraph in annex.paragraphs for span in paragraph.spans]
        spans += [span for footnote in annex.footnotes for span in footnote.spans]
    spans += [span for leftover in parsed.leftovers for span in leftover.spans]
    spans += [
        (segment.start, segment.end)
        for segment in parsed.segments
        if segment.kind in ("heading", "closing", "annex_heading")
    ]
    covered = [0] * len(parsed.cleaned_text)
    for start, end in spans:
        for offset in range(start, end):
            covered[offset] += 1
    assert all(count == 1 for count in covered[parsed.body_start :])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flowing_resolutions())
def test_flowing_resolutions_are_parsed_exactly(generated):
    parsed = parse_resolution(generated.text, lang="en")
    assert [paragraph.text for paragraph in parsed.preamble] == generated.preamble
    assert [paragraph.text for paragraph in parsed.operative] == generated.operative
    assert [footnote.text for footnote in parsed.footnotes] == generated.footnotes
    annex_paragraphs = [paragraph.text for annex in parsed.annexes for paragraph in annex.paragraphs]
    assert annex_paragraphs == generated.annex
    assert [footnote.text for annex in parsed.annexes for footnote in annex.footnotes] == generated.annex_footnotes
    assert parsed.plenary_meeting == 70
    assert [warning.code for warning in parsed.warnings] == []
    _parts_cover_the_body(parsed)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resolutions())
def test_every_body_character_lands_in_one_paragraph_footnote_annex_or_leftover(generated):
    _parts_cover_the_body(parse_resolution(generated.text, lang="en"))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(SEED)), st.integers(0, 400), st.text(max_size=30)), max_size=8),
    st.sampled_from(["auto", "en", "fr", "es"]),
)
# Found by this test: without its title, a header note ran on into the body up to the next note, which
# was then read both as a note and as part of a paragraph.
@example(edits=[(7583, 400, ""), (4589, 30, ""), (0, 372, "")], lang="en")
def test_mangled_seed_still_leaves_no_character_out(edits, lang):
    """Whatever the damage, nothing of the body is lost: what no paragraph takes is left over."""
    text = SEED
    for position, length, insert in edits:
        text = text[:position] + insert + text[position + length :]
    try:
        parsed = parse_resolution(text, lang=lang)
    except ParseError:
        return
    _parts_cover_the_body(parsed)
