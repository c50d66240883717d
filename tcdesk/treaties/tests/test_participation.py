"""Tests of the as-at participation logic, the import rules and the instrument data (pure, no Django)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tcdesk.core.csvdata import read_data_file
from tcdesk.treaties.participation import (
    INSTRUMENTS_CSV,
    Action,
    InstrumentRules,
    ProposedAction,
    check_actions,
    count_states,
    effective_date,
    find_differences,
    load_instrument_rules,
    split_unchanged,
    status_as_of,
    validate_actions,
)

D = date.fromisoformat
UNTOC = InstrumentRules(
    code="UNTOC",
    entry_into_force_on=D("2003-09-29"),
    eif_days_after_deposit=30,
    denunciation_effect_days=365,
    adopted_on=D("2000-11-15"),
    opened_for_signature_on=D("2000-12-12"),
    signature_closed_on=D("2002-12-12"),
)
TIP = InstrumentRules(
    code="TIP_PROTOCOL",
    entry_into_force_on=D("2003-12-25"),
    eif_days_after_deposit=30,
    denunciation_effect_days=365,
    parent_code="UNTOC",
    requires_party_to_parent=True,
    adopted_on=D("2000-11-15"),
    opened_for_signature_on=D("2000-12-12"),
)
NOT_IN_FORCE = InstrumentRules(
    code="CYBERCRIME_CONVENTION",
    entry_into_force_on=None,
    eif_days_after_deposit=None,
    denunciation_effect_days=None,
    adopted_on=D("2024-12-24"),
    opened_for_signature_on=D("2025-10-25"),
)
RULES = {r.code: r for r in (UNTOC, TIP, NOT_IN_FORCE)}
TODAY = D("2025-06-01")


def act(key: str, action: str, when: str, *, is_state: bool = True, effective_from: str | None = None) -> Action:
    return Action(key, action, D(when), is_state, D(effective_from) if effective_from else None)


def row(number: int, code: str, key: str, action: str, when: str, written: str | None = None) -> ProposedAction:
    return ProposedAction(number, written or key.title(), code, act(key, action, when))


# --- effective_date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (act("MCO", "ratification", "2001-06-05"), "2003-09-29"),  # before EIF: at EIF
        (act("URY", "ratification", "2005-03-04"), "2005-04-03"),  # after EIF: 30th day
        (act("XXX", "ratification", "2003-09-15"), "2003-10-15"),  # after the 40th, before EIF: later of both
        (act("SRB", "succession", "2006-06-01", effective_from="2006-06-03"), "2006-06-03"),
        (act("SRB", "succession", "2006-06-01"), "2006-06-01"),
        (act("ERI", "succession", "2004-01-01", effective_from="1993-05-24"), "2003-09-29"),
        (act("VEN", "denunciation", "2020-01-10"), "2021-01-09"),
        (act("FRA", "signature", "2000-12-12"), "2000-12-12"),
    ],
)
def test_effective_date(action: Action, expected: str) -> None:
    assert effective_date(UNTOC, action) == D(expected)


def test_effective_date_for_an_instrument_not_in_force_is_unknown() -> None:
    assert effective_date(NOT_IN_FORCE, act("VNM", "ratification", "2025-11-01")) is None
    assert effective_date(NOT_IN_FORCE, act("VNM", "signature", "2025-10-25")) == D("2025-10-25")


def test_effective_date_rejects_unknown_actions() -> None:
    with pytest.raises(ValueError, match="unknown treaty action"):
        effective_date(UNTOC, act("FRA", "notification", "2005-01-01"))


# --- status_as_of -----------------------------------------------------------------------------

HISTORY = [
    act("FRA", "signature", "2000-12-12"),
    act("FRA", "ratification", "2002-10-29"),
    act("JPN", "signature", "2000-12-12"),
    act("JPN", "acceptance", "2017-07-11"),
    act("USA", "signature", "2000-12-13"),
    act("USA", "ratification", "2005-11-03"),
    act("CHN", "signature", "2000-12-12"),  # signs only, in this fixture
    act("DZA", "accession", "2004-05-01"),
    act("VEN", "signature", "2000-12-14"),
    act("VEN", "ratification", "2002-05-13"),
    act("VEN", "denunciation", "2020-01-10"),
    act("VEN", "accession", "2023-02-01"),
    act("EU", "signature", "2000-12-12", is_state=False),
    act("EU", "approval", "2004-05-21", is_state=False),
]


def test_status_before_entry_into_force_has_no_parties() -> None:
    status = status_as_of(UNTOC, HISTORY, D("2003-01-01"))
    assert status.parties == {}
    assert status.pending == {"FRA": D("2003-09-29"), "VEN": D("2003-09-29")}
    assert status.signatories == {"FRA", "JPN", "USA", "CHN", "VEN", "EU"}


def test_status_after_entry_into_force() -> None:
    status = status_as_of(UNTOC, HISTORY, D("2005-12-31"))
    assert status.parties == {
        "FRA": D("2003-09-29"),
        "VEN": D("2003-09-29"),
        "DZA": D("2004-05-31"),
        "EU": D("2004-06-20"),
        "USA": D("2005-12-03"),
    }
    assert status.signatories == {"JPN", "CHN"}
    assert status.organisations == {"EU"}
    assert count_states(status) == 4


def test_status_within_the_thirty_days_after_deposit() -> None:
    status = status_as_of(UNTOC, HISTORY, D("2005-11-20"))
    assert "USA" not in status.parties
    assert status.pending["USA"] == D("2005-12-03")
    assert "USA" in status.signatories  # signed, consent deposited but not yet in effect


def test_denunciation_takes_effect_after_its_delay_then_reaccession() -> None:
    assert "VEN" in status_as_of(UNTOC, HISTORY, D("2020-06-01")).parties  # denounced, not yet effective
    gone = status_as_of(UNTOC, HISTORY, D("2021-06-01"))
    assert "VEN" not in gone.parties and "VEN" not in gone.signatories
    assert gone.former_parties == {"VEN": D("2021-01-09")}
    back = status_as_of(UNTOC, HISTORY, D("2023-06-01"))
    assert back.parties["VEN"] == D("2023-03-03")
    assert back.former_parties == {}


def test_reaccession_before_the_denunciation_takes_effect_means_never_leaving() -> None:
    actions = [
        act("VEN", "ratification", "2004-01-01"),
        act("VEN", "denunciation", "2010-01-01"),
        act("VEN", "accession", "2010-06-01"),
    ]
    assert status_as_of(UNTOC, actions, D("2012-01-01")).parties == {"VEN": D("2004-01-31")}


def test_second_consent_without_denunciation_changes_nothing() -> None:
    actions = [act("FRA", "ratification", "2004-01-01"), act("FRA", "accession", "2006-01-01")]
    assert status_as_of(UNTOC, actions, D("2012-01-01")).parties == {"FRA": D("2004-01-31")}


def test_instrument_not_in_force_has_only_pending_consents() -> None:
    actions = [act("VNM", "signature", "2025-10-25"), act("VNM", "ratification", "2026-03-01")]
    status = status_as_of(NOT_IN_FORCE, actions, D("2026-06-01"))
    assert status.parties == {} and status.pending == {"VNM": None} and status.signatories == {"VNM"}


def test_later_actions_are_not_known_yet() -> None:
    retroactive = [act("MNE", "succession", "2006-10-23", effective_from="2006-06-03")]
    assert status_as_of(UNTOC, retroactive, D("2006-08-01")).parties == {}
    assert status_as_of(UNTOC, retroactive, D("2006-11-01")).parties == {"MNE": D("2006-06-03")}


# --- properties -------------------------------------------------------------------------------

KEYS = st.sampled_from(["AAA", "BBB", "CCC", "EU"])
DAYS = st.dates(min_value=D("2000-11-15"), max_value=D("2030-12-31"))
ACTION_NAMES = st.sampled_from(["signature", "ratification", "accession", "approval", "succession", "denunciation"])
ACTIONS = st.lists(
    st.builds(lambda k, a, d: Action(k, a, d, is_state=k != "EU"), KEYS, ACTION_NAMES, DAYS), max_size=25
)
CONSENTS = {"ratification", "accession", "approval", "succession"}


@given(ACTIONS, DAYS)
def test_no_party_before_its_first_consent(actions: list[Action], as_of: date) -> None:
    status = status_as_of(UNTOC, actions, as_of)
    for key, since in status.parties.items():
        first = min(a.date for a in actions if a.participant_key == key and a.action in CONSENTS)
        assert first <= as_of and first <= since <= as_of


@given(ACTIONS, DAYS, st.builds(lambda k, a, n: (k, a, n), KEYS, ACTION_NAMES, st.integers(1, 4000)))
def test_an_action_dated_after_d_never_changes_status_at_d(actions: list[Action], as_of: date, extra) -> None:
    key, name, days_later = extra
    later = Action(key, name, as_of + timedelta(days=days_later), is_state=key != "EU")
    assert status_as_of(UNTOC, [*actions, later], as_of) == status_as_of(UNTOC, actions, as_of)


@settings(max_examples=200)
@given(st.lists(st.integers(min_value=1, max_value=900), min_size=1, max_size=10), st.integers(0, 12000))
def test_denounce_and_reaccede_cycles(gaps: list[int], offset: int) -> None:
    # Alternate consent, denunciation, consent, ... separated by the given gaps (after EIF).
    day, actions = D("2004-01-01"), []
    for index, gap in enumerate(gaps):
        actions.append(Action("AAA", "denunciation" if index % 2 else "accession", day))
        day += timedelta(days=gap)
    as_of = D("2004-01-01") + timedelta(days=offset)
    # Reference model: walk the known actions; leaving and re-joining overlap when the gap is short.
    party_since, leaving_on = None, None
    for action in (a for a in actions if a.date <= as_of):
        if action.action == "accession":
            starts = action.date + timedelta(days=30)
            if party_since is None or (leaving_on is not None and leaving_on < starts):
                party_since = starts
            leaving_on = None
        else:
            leaving_on = action.date + timedelta(days=365)
    expected_party = party_since is not None and party_since <= as_of and (leaving_on is None or as_of < leaving_on)
    status = status_as_of(UNTOC, actions, as_of)
    assert ("AAA" in status.parties) == expected_party
    if expected_party:
        assert status.parties["AAA"] == party_since


# --- validate_actions -------------------------------------------------------------------------


def kinds(violations) -> list[tuple[int, str]]:
    return [(v.row_number, v.kind) for v in violations]


def test_impossible_dates() -> None:
    new = [
        row(1, "UNTOC", "FRA", "ratification", "2030-01-01"),
        row(2, "UNTOC", "DEU", "signature", "1999-01-01"),
        row(3, "UNTOC", "ITA", "signature", "2000-12-01"),
        row(4, "UNTOC", "ESP", "signature", "2003-01-01"),
        row(5, "UNTOC", "PRT", "accession", "2004-01-01"),
    ]
    violations = validate_actions(RULES, {}, new, TODAY)
    assert kinds(violations) == [
        (1, "future_date"),
        (2, "before_adoption"),
        (3, "before_opening"),
        (4, "signature_after_closing"),
    ]
    assert violations[0].participant == "Fra" and "2030-01-01 is in the future" in violations[0].rule


def test_protocol_consent_needs_the_parent_convention() -> None:
    existing = {
        "UNTOC": [
            act("FRA", "ratification", "2002-10-29"),
            act("VEN", "ratification", "2002-05-13"),
            act("VEN", "denunciation", "2020-01-10"),
        ]
    }
    new = [
        row(1, "TIP_PROTOCOL", "FRA", "ratification", "2002-10-29"),  # parent already recorded
        row(2, "TIP_PROTOCOL", "DEU", "ratification", "2006-06-14", "Germany"),  # no parent at all
        row(3, "UNTOC", "ITA", "ratification", "2006-08-02"),
        row(4, "TIP_PROTOCOL", "ITA", "ratification", "2006-08-02"),  # parent on the same day, same file
        row(5, "TIP_PROTOCOL", "ESP", "ratification", "2002-03-01"),
        row(6, "UNTOC", "ESP", "ratification", "2002-03-05"),  # parent after the protocol
        row(7, "TIP_PROTOCOL", "VEN", "accession", "2021-01-01"),  # parent denounced before
        row(8, "TIP_PROTOCOL", "DEU", "signature", "2000-12-12"),  # signatures need no parent
    ]
    violations = validate_actions(RULES, existing, new, TODAY)
    assert kinds(violations) == [(2, "parent_not_party"), (5, "parent_not_party"), (7, "parent_not_party")]
    assert violations[0].participant == "Germany"
    assert "requires being party to UNTOC" in violations[0].rule


def test_second_consent_needs_a_denunciation_in_between() -> None:
    existing = {
        "UNTOC": [
            act("FRA", "ratification", "2002-10-29"),
            act("VEN", "ratification", "2002-05-13"),
            act("VEN", "denunciation", "2020-01-10"),
        ]
    }
    new = [
        row(1, "UNTOC", "FRA", "accession", "2010-01-01"),  # after the recorded one
        row(2, "UNTOC", "VEN", "accession", "2023-02-01"),  # after a denunciation: fine
        row(3, "UNTOC", "DEU", "ratification", "2006-06-14"),
        row(4, "UNTOC", "DEU", "ratification", "2007-01-01"),  # two in the same file: the later is blamed
        row(5, "UNTOC", "ITA", "denunciation", "2010-01-01"),  # nothing to denounce
        row(6, "UNTOC", "FRA", "signature", "2000-12-12"),
        row(7, "UNTOC", "FRA", "signature", "2000-12-13"),  # signed twice
    ]
    violations = validate_actions(RULES, existing, new, TODAY)
    assert kinds(violations) == [
        (1, "second_consent"),
        (4, "second_consent"),
        (5, "exit_without_consent"),
        (7, "second_signature"),
    ]
    assert "needs a denunciation in between" in violations[0].rule


def test_new_consent_earlier_than_a_recorded_one_is_blamed_on_the_new_row() -> None:
    existing = {"UNTOC": [act("FRA", "ratification", "2002-10-29")]}
    violations = validate_actions(RULES, existing, [row(9, "UNTOC", "FRA", "accession", "2001-01-01")], TODAY)
    assert kinds(violations) == [(9, "second_consent")]


def test_identical_actions_are_unchanged_not_violations() -> None:
    existing = {"UNTOC": [act("FRA", "signature", "2000-12-12"), act("FRA", "ratification", "2002-10-29")]}
    new = [
        row(1, "UNTOC", "FRA", "signature", "2000-12-12"),
        row(2, "UNTOC", "FRA", "ratification", "2002-10-29"),
        row(3, "UNTOC", "DEU", "ratification", "2006-06-14"),
        row(4, "UNTOC", "DEU", "ratification", "2006-06-14"),  # repeated in the same file
    ]
    assert validate_actions(RULES, existing, new, TODAY) == []
    create, unchanged = split_unchanged(existing, new)
    assert [r.row_number for r in create] == [3]
    assert [r.row_number for r in unchanged] == [1, 2, 4]


def test_reimporting_everything_is_idempotent() -> None:
    new = [row(i, "UNTOC", a.participant_key, a.action, a.date.isoformat()) for i, a in enumerate(HISTORY, 1)]
    assert validate_actions(RULES, {}, new, TODAY) == []
    existing = {"UNTOC": [r.action for r in new]}
    assert validate_actions(RULES, existing, new, TODAY) == []
    assert split_unchanged(existing, new) == ([], new)


def test_unknown_instrument_and_action() -> None:
    new = [
        row(1, "NOPE", "FRA", "ratification", "2004-01-01"),
        row(2, "UNTOC", "FRA", "notification", "2004-01-01"),
    ]
    assert kinds(validate_actions(RULES, {}, new, TODAY)) == [
        (1, "unknown_instrument"),
        (2, "unknown_action"),
    ]


# --- instruments.csv --------------------------------------------------------------------------

DEPOSITARIES = {"UN_SG", "ICAO", "IMO", "IAEA", "RUS_UK_USA", "RUS_UK_USA_ICAO"}
THEMES = {
    "terrorism",
    "corruption",
    "organized_crime",
    "trafficking_in_persons",
    "smuggling_of_migrants",
    "firearms",
    "drugs",
    "money_laundering",
    "cybercrime",
}
COLUMNS = [
    "code",
    "untc_ref",
    "short_name_en",
    "short_name_fr",
    "short_name_es",
    "name_en",
    "name_fr",
    "name_es",
    "parent_code",
    "requires_party_to_parent",
    "adopted_on",
    "adopted_place",
    "opened_for_signature_on",
    "signature_closed_on",
    "entry_into_force_on",
    "depositary",
    "eif_days_after_deposit",
    "denunciation_effect_days",
    "counts_regional_organisations",
    "themes",
    "facts_verified",
    "notes",
    "source",
]


@pytest.fixture(scope="module")
def instrument_rows() -> list[dict[str, str]]:
    data = read_data_file(INSTRUMENTS_CSV)
    assert data.sources, "the file must say where its facts come from"
    return data.rows


def test_instrument_file_shape(instrument_rows: list[dict[str, str]]) -> None:
    assert list(instrument_rows[0]) == COLUMNS
    codes = [r["code"] for r in instrument_rows]
    assert len(codes) == len(set(codes))
    for code in (
        "UNTOC",
        "TIP_PROTOCOL",
        "SOM_PROTOCOL",
        "FIREARMS_PROTOCOL",
        "UNCAC",
        "ICSANT",
        "SINGLE_CONVENTION_1961",
        "PSYCHOTROPIC_1971",
        "DRUG_TRAFFICKING_1988",
        "CYBERCRIME_CONVENTION",
    ):
        assert code in codes
    assert sum("terrorism" in r["themes"].split(";") for r in instrument_rows) == 19
    refs = {r["code"]: r["untc_ref"] for r in instrument_rows}
    assert (refs["UNTOC"], refs["TIP_PROTOCOL"], refs["UNCAC"], refs["ICSANT"]) == (
        "XVIII-12",
        "XVIII-12-a",
        "XVIII-14",
        "XVIII-15",
    )


def test_instrument_rows_are_consistent(instrument_rows: list[dict[str, str]]) -> None:
    codes = {r["code"] for r in instrument_rows}
    refs = [r["untc_ref"] for r in instrument_rows if r["untc_ref"]]
    assert len(refs) == len(set(refs))
    for r in instrument_rows:
        where = r["code"]
        assert r["code"].isupper() and " " not in r["code"], where
        assert r["depositary"] in DEPOSITARIES, where
        assert r["themes"] and set(r["themes"].split(";")) <= THEMES, where
        assert r["facts_verified"] in {"yes", "partial", "no"}, where
        if r["facts_verified"] != "yes":
            assert "UNVERIFIED" in r["notes"], where
        assert r["source"], where
        assert all(
            r[c]
            for c in ("short_name_en", "short_name_fr", "short_name_es", "name_en", "name_fr", "name_es", "adopted_on")
        ), where
        assert r["requires_party_to_parent"] in {"yes", "no", ""}, where
        assert r["counts_regional_organisations"] in {"yes", "no", ""}, where
        assert not r["parent_code"] or r["parent_code"] in codes, where
        if r["requires_party_to_parent"] == "yes":
            assert r["parent_code"], where
        if r["untc_ref"]:
            assert r["depositary"] == "UN_SG", where
        dates = [D(r[c]) for c in ("adopted_on", "opened_for_signature_on", "signature_closed_on") if r[c]]
        assert dates == sorted(dates), where
        if r["entry_into_force_on"]:
            assert D(r["adopted_on"]) <= D(r["entry_into_force_on"]), where


def test_load_instrument_rules() -> None:
    rules = load_instrument_rules()
    assert len(rules) == 30  # 19 against terrorism, 5 crime and corruption, 5 drug instruments, 1 cybercrime
    untoc = rules["UNTOC"]
    assert (untoc.entry_into_force_on, untoc.eif_days_after_deposit, untoc.denunciation_effect_days) == (
        D("2003-09-29"),
        30,
        365,
    )
    assert rules["TIP_PROTOCOL"].parent_code == "UNTOC" and rules["TIP_PROTOCOL"].requires_party_to_parent
    assert rules["CYBERCRIME_CONVENTION"].entry_into_force_on is None
    # the parents of all protocols that require them are themselves loaded
    assert all(r.parent_code in rules for r in rules.values() if r.requires_party_to_parent)


def test_real_sample_with_real_rules() -> None:
    rules = load_instrument_rules()["ICSANT"]
    actions = [
        act("AFG", "signature", "2005-12-29"),
        act("AFG", "ratification", "2013-03-25"),
        act("AUT", "signature", "2005-09-15"),
        act("AUT", "ratification", "2006-09-14"),
        act("DZA", "accession", "2011-03-03"),
        act("AND", "signature", "2006-05-11"),
    ]
    status = status_as_of(rules, actions, D("2010-01-01"))
    assert status.parties == {"AUT": D("2007-07-07")}  # deposited before entry into force
    assert status.signatories == {"AFG", "AND"}


# --- Differences from recorded actions ---------------------------------------------------------------


def test_a_row_giving_another_date_for_a_recorded_act_is_a_difference_not_a_second_act() -> None:
    existing = {
        "UNTOC": [
            act("FRA", "signature", "2000-12-12"),
            act("FRA", "ratification", "2002-10-29"),
            act("MDA", "ratification", "2005-09-16"),
            act("VEN", "ratification", "2002-05-13"),
            act("VEN", "denunciation", "2020-01-10"),
        ]
    }
    new = [
        row(1, "UNTOC", "FRA", "signature", "2000-12-15"),  # another signature date
        row(2, "UNTOC", "FRA", "ratification", "2002-10-29"),  # identical: unchanged
        row(3, "UNTOC", "MDA", "accession", "2006-02-28"),  # another action and date for the one consent
        row(4, "UNTOC", "VEN", "accession", "2023-02-01"),  # after a denunciation: a new act, not a difference
        row(5, "UNTOC", "DEU", "ratification", "2006-06-14"),  # nothing recorded: new
    ]
    differences, others = find_differences(existing, new)
    assert [(d.row.row_number, d.kind, d.recorded.date) for d in differences] == [
        (1, "signature", D("2000-12-12")),
        (3, "consent", D("2005-09-16")),
    ]
    assert [r.row_number for r in others] == [2, 4, 5]
    # What the rules alone would have said: the same acts told twice.
    assert kinds(validate_actions(RULES, existing, new, TODAY)) == [(1, "second_signature"), (3, "second_consent")]


def test_two_new_consents_of_one_participant_stay_for_the_rules_to_judge() -> None:
    existing = {"UNTOC": [act("FRA", "ratification", "2002-10-29")]}
    new = [row(1, "UNTOC", "FRA", "ratification", "2002-10-29"), row(2, "UNTOC", "FRA", "accession", "2005-01-01")]
    differences, others = find_differences(existing, new)
    assert differences == [] and others == new  # the file repeats the record and adds a second consent
    assert kinds(validate_actions(RULES, existing, new, TODAY)) == [(2, "second_consent")]


def test_a_protocol_consent_after_the_end_of_its_conventions_data_is_a_warning() -> None:
    new = [
        row(1, "TIP_PROTOCOL", "JPN", "acceptance", "2017-07-11", "Japan"),
        row(2, "TIP_PROTOCOL", "DEU", "ratification", "2006-06-14", "Germany"),
    ]
    check = check_actions(RULES, {}, new, TODAY, complete_until={"UNTOC": D("2014-07-10")})
    assert kinds(check.violations) == [(2, "parent_not_party")]  # within the Convention's data: refused
    assert kinds(check.warnings) == [(1, "parent_data_older")]  # after it: cannot be checked
    assert check.warnings[0].params["parent_until"] == "2014-07-10"
    assert "ends on 2014-07-10" in check.warnings[0].rule
    # Without a date for the Convention's data, the rule is strict.
    assert kinds(check_actions(RULES, {}, new, TODAY).violations) == [(1, "parent_not_party"), (2, "parent_not_party")]
