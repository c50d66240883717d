"""The pure modules: workflow rules, priority arithmetic, overlap ranking, file sniffing (no database)."""

import datetime as dt
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tcdesk.assistance import files, overlap, priority_rules, workflow
from tcdesk.assistance.choices import RequestAction, RequestStatus


def test_choices_match_the_pure_workflow():
    assert set(RequestStatus.values) == set(workflow.STATUSES)
    assert set(RequestAction.values) == set(workflow.ACTIONS)


def test_the_happy_path_runs_from_draft_to_closed():
    status = workflow.DRAFT
    for action, actor in [
        ("submit", "state"),
        ("acknowledge", "officer"),
        ("request_information", "officer"),
        ("respond", "state"),
        ("assess", "officer"),
        ("accept", "officer"),
        ("plan", "officer"),
        ("deliver", "officer"),
        ("close", "officer"),
    ]:
        status = workflow.check(action, status, {actor}, comment="because")
    assert status == workflow.CLOSED


@pytest.mark.parametrize(
    ("action", "status", "actors", "code"),
    [
        ("accept", "submitted", {"officer"}, "wrong_status"),  # skipping acknowledge and assess
        ("deliver", "accepted", {"officer"}, "wrong_status"),  # skipping plan
        ("acknowledge", "submitted", {"state"}, "not_your_action"),
        ("decline", "assessed", {"officer"}, "comment_required"),
        ("withdraw", "closed", {"state"}, "wrong_status"),
        ("withdraw", "assessed", {"officer"}, "comment_required"),  # on the State's behalf: say why
        ("fly", "submitted", {"officer"}, "unknown_action"),
    ],
)
def test_it_refuses_illegal_transitions(action, status, actors, code):
    with pytest.raises(workflow.WorkflowError) as error:
        workflow.check(action, status, actors)
    assert error.value.code == code


def test_available_actions_depend_on_the_actor():
    assert workflow.available_actions("information_requested", {"state"}) == ["respond", "withdraw"]
    assert "acknowledge" in workflow.available_actions("submitted", {"officer"})


@given(days=st.integers(min_value=0, max_value=5000), extra=st.integers(min_value=0, max_value=500))
def test_priority_never_falls_while_a_request_waits(days, extra):
    inputs = priority_rules.PriorityInputs(groups=frozenset({"LDC"}), days_waiting=days)
    later = priority_rules.PriorityInputs(groups=frozenset({"LDC"}), days_waiting=days + extra)
    assert priority_rules.score(later).score >= priority_rules.score(inputs).score


weights_strategy = st.fixed_dictionaries(
    {k: st.integers(min_value=0, max_value=1000) for k in priority_rules.WEIGHT_KEYS}
)


@given(
    groups=st.frozensets(st.sampled_from(["LDC", "EIT", "SIDS", "LLDC", "XYZ"])),
    post_conflict=st.booleans(),
    not_party=st.lists(st.sampled_from(["UNTOC", "UNCAC", "ICSANT", "TIP_PROTOCOL"]), unique=True),
    days=st.integers(min_value=-5, max_value=4000),
    mandates=st.integers(min_value=0, max_value=3),
    weights=weights_strategy,
)
def test_explanation_lines_always_sum_to_the_score(groups, post_conflict, not_party, days, mandates, weights):
    inputs = priority_rules.PriorityInputs(
        groups=groups,
        post_conflict=post_conflict,
        instruments_not_party=tuple(not_party),
        days_waiting=days,
        mandate_links=mandates,
    )
    result = priority_rules.score(inputs, priority_rules.Weights.from_mapping(weights))
    assert sum(line.points for line in result.lines) == result.score
    assert result.score >= 0


def test_priority_example_of_the_issue():
    inputs = priority_rules.PriorityInputs(
        groups=frozenset({"LDC"}), instruments_not_party=("ICSANT",), days_waiting=120, as_of_group_date="2026-01-05"
    )
    result = priority_rules.score(inputs)
    assert [(line.code, line.points) for line in result.lines] == [
        ("group_ldc", 30),
        ("instrument_not_party", 20),
        ("waiting", 12),
    ]
    assert result.score == 62


def test_unknown_party_status_is_explained_and_worth_nothing():
    result = priority_rules.score(priority_rules.PriorityInputs(groups=frozenset(), instruments_unknown=("ICSANT",)))
    assert ("instrument_unknown", 0) in [(line.code, line.points) for line in result.lines]


def test_weights_validation_names_each_bad_key():
    errors = priority_rules.validate_weights({**priority_rules.DEFAULT_WEIGHTS, "ldc": "x", "eit": 5000})
    assert errors == {"ldc": "not_integer", "eit": "out_of_range"}


def _doc(key, text, themes=("terrorism",), country="MLI", start=None, end=None):
    return overlap.Document(
        key=key, kind="request", country=country, themes=frozenset(themes), text=text, start=start, end=end
    )


def test_overlap_ranks_the_near_duplicate_first_and_says_why():
    query = _doc(
        "request:1",
        "Formation des procureurs et des juges d'instruction aux affaires de terrorisme",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 6, 30),
    )
    near = _doc(
        "request:2",
        "Formation des juges d'instruction et procureurs en matière de terrorisme",
        start=dt.date(2026, 3, 1),
        end=dt.date(2026, 12, 31),
    )
    far = _doc("request:3", "Equipment for forensic laboratories", themes=("drugs",))
    other_state = _doc("request:4", "Unrelated prison reform", themes=("criminal_justice",), country="COL")
    matches = overlap.find_overlaps(query, [near, far, other_state, query])
    assert [m.key for m in matches] == ["request:2"]
    assert set(matches[0].reasons) == {"same_country", "shared_themes", "similar_text", "overlapping_period"}


def test_text_folding_matches_across_accents_and_plurals():
    assert overlap.terms("Législations") == overlap.terms("legislation")


@given(st.text(max_size=200), st.text(max_size=200))
def test_similarity_is_between_zero_and_one(a, b):
    matches = overlap.find_overlaps(_doc("q", a), [_doc("c", b)], min_score=0, min_text=0)
    for match in matches:
        assert -1e-9 <= match.text_similarity <= 1 + 1e-9


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n...", files.PDF),
        (b"\x89PNG\r\n\x1a\n....", files.PNG),
        (b"\xff\xd8\xff\xe0....", files.JPEG),
        (_docx_bytes(), files.DOCX),
        (b"PK\x03\x04 not really a zip", None),
        (b"MZ\x90\x00 an executable", None),
        (b"<html>", None),
    ],
)
def test_file_types_are_read_from_the_content(content, expected):
    assert files.sniff(io.BytesIO(content)) == expected


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("@@@.pdf", "attachment.pdf"),
        ("....pdf", "attachment.pdf"),
        ("", "attachment.pdf"),
        ("C:\\Users\\me\\Lettre officielle.PDF", "Lettre_officielle.pdf"),
        ("report.v2.exe", "report.v2.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
    ],
)
def test_it_gives_attachments_a_safe_name_with_the_sniffed_extension(original, expected):
    from tcdesk.assistance.services import attachment_filename

    assert attachment_filename(original, "application/pdf") == expected
