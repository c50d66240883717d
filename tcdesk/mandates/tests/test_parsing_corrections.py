"""Corrections of a parse (the review step): each operation, its refusals, and replaying them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tcdesk.mandates.parsing import parse_resolution
from tcdesk.mandates.parsing.corrections import CorrectionError, apply_corrections, inline_subparagraphs

# The parser is plain Python: its outcome does not depend on the database (one CI pass, conftest.py).
pytestmark = pytest.mark.ci_pass("sqlite")

# Paragraph 2's number was lost in extraction: paragraphs 1 and 2 come out as one, and the
# numbering jumps to 3. The preamble's second paragraph was cut by a page break.
TEXT = """United Nations A/RES/70/123
General Assembly Distr.: General

The General Assembly,

Recalling its resolution 69/193 of 18 December 2014,1

Noting with concern the links between

crime and terrorism,

1. Welcomes the report of the Secretary-General; Requests the Secretary-General to submit to it at
its seventy-first session a report on the implementation of the present resolution;

3. Decides to remain seized of the matter.

__________________
1 A/69/1.

70th plenary meeting
17 December 2015
"""


@pytest.fixture(scope="module")
def document() -> dict:
    return parse_resolution(TEXT, lang="en").to_dict()


def test_the_example_parses_with_the_faults_the_reviewer_corrects(document):
    assert [p["lead"] for p in document["preamble"]] == ["Recalling", "Noting with concern"]
    assert [p["number"] for p in document["operative"]] == [1, 3]
    assert [w["code"] for w in document["warnings"]] == ["numbering_jump"]
    assert document["reporting_requests"] == []  # the request is hidden in paragraph 1 ("Welcomes …")


def test_a_split_makes_the_lost_paragraph_and_the_warning_goes(document):
    at = document["operative"][0]["text"].index("Requests")
    corrected = apply_corrections(document, [{"op": "split", "element": "operative:1", "at": at}])
    assert [(p["number"], p["lead"], p["kind"]) for p in corrected["operative"]] == [
        (1, "Welcomes", "welcome"),
        (2, "Requests", "request"),
        (3, "Decides", "decision"),
    ]
    assert corrected["warnings"] == []
    assert corrected["reporting_requests"] == [
        {"paragraph": 2, "addressee": "Secretary-General", "to_session": 71, "kind": "report"}
    ]
    assert document["operative"][0]["number"] == 1 and len(document["operative"]) == 2  # the input is untouched


def test_a_merge_joins_a_paragraph_to_the_one_before():
    text = TEXT.replace("the links between\n\ncrime and terrorism,", "the links between crime,\n\nTerrorism and drugs,")
    document = parse_resolution(text, lang="en").to_dict()
    assert [p["lead"] for p in document["preamble"]] == ["Recalling", "Noting with concern", "Terrorism"]
    corrected = apply_corrections(document, [{"op": "merge", "element": "preamble:3"}])
    assert corrected["preamble"][1]["text"] == "Noting with concern the links between crime, Terrorism and drugs,"
    assert [p["index"] for p in corrected["preamble"]] == [1, 2]


def test_text_moves_to_the_previous_or_the_next_paragraph(document):
    chars = len("Noting with concern")
    moved = apply_corrections(document, [{"op": "move", "element": "preamble:2", "chars": chars, "to": "previous"}])
    assert moved["preamble"][0]["text"].endswith("18 December 2014, Noting with concern")
    assert moved["preamble"][1]["text"].startswith("the links between")
    back = apply_corrections(moved, [{"op": "move", "element": "preamble:1", "chars": chars, "to": "next"}])
    assert [p["text"] for p in back["preamble"]] == [p["text"] for p in document["preamble"]]


def test_a_paragraph_marked_as_annex_leaves_the_operative_part(document):
    corrected = apply_corrections(document, [{"op": "to_annex", "element": "operative:3"}])
    assert [p["number"] for p in corrected["operative"]] == [1]
    assert corrected["annex"] == corrected["annexes"][0]
    assert [(p["number"], p["text"]) for p in corrected["annex"]["paragraphs"]] == [
        (3, "Decides to remain seized of the matter.")
    ]


def test_footnotes_follow_the_paragraph_that_holds_their_marker(document):
    assert document["footnotes"][0]["called_from"] == ["preamble:1"]
    corrected = apply_corrections(document, [{"op": "merge", "element": "preamble:2"}])
    assert corrected["footnotes"][0]["called_from"] == ["preamble:1"]
    to_annex = apply_corrections(document, [{"op": "to_annex", "element": "preamble:1"}])
    assert to_annex["footnotes"][0]["called_from"] == ["annex:1"]


@pytest.mark.parametrize(
    ("correction", "message"),
    [
        ({"op": "merge", "element": "preamble:1"}, "no merge paragraph before it"),
        ({"op": "merge", "element": "operative:9"}, "no paragraph 'operative:9'"),
        ({"op": "split", "element": "operative:3", "at": 0}, "between 1 and"),
        ({"op": "split", "element": "operative:3", "at": 10, "number": 0}, "whole number from 1"),
        ({"op": "move", "element": "preamble:1", "chars": 5, "to": "previous"}, "no move text to paragraph before"),
        ({"op": "move", "element": "preamble:1", "chars": 5, "to": "sideways"}, '"previous" or the "next"'),
        ({"op": "to_annex", "element": "operative:3"}, None),
        ({"op": "rename", "element": "operative:3"}, "one of merge, split, move, to_annex"),
    ],
)
def test_a_correction_that_does_not_apply_is_refused_naming_it(document, correction, message):
    if message is None:
        apply_corrections(document, [correction])
        with pytest.raises(CorrectionError, match="Correction 2: .*already an annex"):
            apply_corrections(document, [correction, {"op": "to_annex", "element": "annex:1"}])
        return
    with pytest.raises(CorrectionError, match=f"Correction 1: .*{message}"):
        apply_corrections(document, [correction])


def test_lettered_items_written_inline_are_read():
    assert inline_subparagraphs("Urges States: (a) To ratify; (b) To implement; and (d) not this") == [
        {"label": "a", "text": "To ratify;"},
        {"label": "b", "text": "To implement; and (d) not this"},
    ]


def test_a_split_may_not_make_a_second_operative_paragraph_with_the_same_number(document):
    at = document["operative"][0]["text"].index("Requests")
    once = apply_corrections(document, [{"op": "split", "element": "operative:1", "at": at}])
    with pytest.raises(CorrectionError, match="second operative paragraph 2"):
        apply_corrections(once, [{"op": "split", "element": "operative:1", "at": 1}])
    again = apply_corrections(once, [{"op": "split", "element": "operative:1", "at": 1, "number": 7}])
    assert [p["number"] for p in again["operative"]] == [1, 7, 2, 3]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["merge", "split", "move", "to_annex"]),
            st.integers(0, 6),
            st.integers(1, 80),
            st.booleans(),
        ),
        max_size=5,
    )
)
def test_corrections_replay_exactly_and_never_lose_a_word(document, steps):
    """Whatever the corrections that apply, replaying them on the same parse gives the same document,
    and every word of the paragraphs is still there once."""
    corrections = []
    current = document
    for op, which, amount, previous in steps:
        names = [f"preamble:{p['index']}" for p in current["preamble"]]
        names += [
            f"operative:{p['number'] if p['number'] is not None else i}" for i, p in enumerate(current["operative"], 1)
        ]
        names += [f"annex:{i}" for i, _ in enumerate([p for a in current["annexes"] for p in a["paragraphs"]], 1)]
        correction = {"op": op, "element": names[which % len(names)]}
        if op == "split":
            correction["at"] = amount
        if op == "move":
            correction.update(chars=amount, to="previous" if previous else "next")
        try:
            current = apply_corrections(current, [correction])
        except CorrectionError:
            continue
        corrections.append(correction)
    assert apply_corrections(document, corrections) == current

    def words(doc: dict) -> list[str]:
        paragraphs = [*doc["preamble"], *doc["operative"], *[p for a in doc["annexes"] for p in a["paragraphs"]]]
        return sorted(word for p in paragraphs for word in p["text"].split())

    assert "".join(words(current)).replace(" ", "") != ""
    assert sorted("".join(words(current))) == sorted("".join(words(document)))
