"""Status at a date through the database, the import service and the selectors other apps use."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from tcdesk.core.models import Country
from tcdesk.treaties import selectors, services
from tcdesk.treaties.models import Instrument, ParticipationAction, StatusImport
from tcdesk.treaties.tests.factories import record

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def untoc():
    return Instrument.objects.get(code="UNTOC")


def run(instrument_code: str, text: str, *, dry_run=False, name="status.csv", user=None, **options):
    """The import's JSON document (the contract of `tcdesk import_treaty_status --json`)."""
    return services.status_import_run(
        instrument=Instrument.objects.get(code=instrument_code),
        data=text.encode(),
        filename=name,
        dry_run=dry_run,
        user=user,
        **options,
    ).as_dict()


# --- Instruments -----------------------------------------------------------------------------------


def test_instruments_are_loaded_with_families_parents_and_unverified_notes():
    assert Instrument.objects.count() == 30
    tip = Instrument.objects.get(code="TIP_PROTOCOL")
    assert tip.parent_id == "UNTOC" and tip.requires_party_to_parent
    assert Instrument.objects.filter(family="terrorism").count() == 19
    assert Instrument.objects.get(untc_ref="XVIII-15").code == "ICSANT"
    assert "UNVERIFIED" in untoc().notes
    assert {t.code for t in tip.themes.all()} == {"trafficking_in_persons", "organized_crime"}


def test_loading_instruments_again_changes_nothing():
    before = Instrument.history.count()
    assert services.instruments_load() == {"created": 0, "updated": 0, "unchanged": 30}
    assert Instrument.history.count() == before


def test_an_instrument_is_found_by_code_or_treaty_reference():
    assert selectors.get_instrument("xviii-15").code == "ICSANT"
    assert selectors.get_instrument("icsant").code == "ICSANT"
    with pytest.raises(Instrument.DoesNotExist):
        selectors.get_instrument("XVIII-99")


# --- As at a date, through the database --------------------------------------------------------------


def test_entry_into_force_later_than_deposit_makes_an_early_ratifier_party_at_entry_into_force():
    record("UNTOC", "FRA", "ratification", "2002-10-29")
    status = selectors.status_for_instrument(untoc(), D("2003-01-01"))
    assert "FRA" not in status.parties and status.pending["FRA"] == D("2003-09-29")
    assert selectors.status_for_instrument(untoc(), D("2003-09-29")).parties == {"FRA": D("2003-09-29")}


def test_a_late_consent_takes_effect_on_the_thirtieth_day_after_deposit():
    record("UNTOC", "MLI", "ratification", "2010-03-01")
    assert "MLI" not in selectors.status_for_instrument(untoc(), D("2010-03-30")).parties
    assert selectors.status_for_instrument(untoc(), D("2010-03-31")).parties["MLI"] == D("2010-03-31")


def test_denunciation_then_re_accession():
    record("UNTOC", "FRA", "ratification", "2002-10-29")
    record("UNTOC", "FRA", "denunciation", "2010-01-01")
    record("UNTOC", "FRA", "accession", "2012-06-01")
    at = lambda day: selectors.status_for_instrument(untoc(), D(day))  # noqa: E731
    assert at("2010-06-01").parties["FRA"] == D("2003-09-29")  # the denunciation takes effect a year later
    assert "FRA" not in at("2011-06-01").parties and at("2011-06-01").former_parties["FRA"] == D("2011-01-01")
    assert at("2012-06-15").pending["FRA"] == D("2012-07-01")
    assert at("2012-07-01").parties["FRA"] == D("2012-07-01")
    assert selectors.instruments_party_as_of("FRA", D("2011-06-01")) == set()
    assert selectors.instruments_party_as_of("fra", D("2013-01-01")) == {"UNTOC"}


def test_a_succession_counts_from_independence_but_only_once_notified():
    record("UNTOC", "MNE", "succession", "2006-10-23", effective_from="2006-06-03")
    assert "MNE" not in selectors.status_for_instrument(untoc(), D("2006-08-01")).parties
    assert selectors.status_for_instrument(untoc(), D("2006-11-01")).parties["MNE"] == D("2006-06-03")


def test_the_european_union_takes_part_but_is_not_counted_as_a_state():
    record("UNTOC", "FRA", "ratification", "2002-10-29")
    record("UNTOC", "EU", "approval", "2004-05-21")
    document = selectors.status_document(untoc(), D("2005-01-01"))
    assert document["parties"] == ["FRA"]
    assert document["organisations"]["parties"] == ["EU"]
    assert document["counts"]["parties"] == 1
    assert selectors.party_counts([untoc()], D("2005-01-01"))["UNTOC"] == (1, 0)


def test_gap_list_takes_group_membership_as_at_the_date():
    record("ICSANT", "BGD", "accession", "2007-06-07")
    gaps_2008 = {c.iso3 for c in selectors.gap_list("ICSANT", "LDC", D("2008-01-01"))}
    members_2008 = set(Country.objects.in_group("LDC", D("2008-01-01")).values_list("iso3", flat=True))
    assert gaps_2008 == members_2008 - {"BGD"}
    assert "MLI" in gaps_2008
    # Cabo Verde graduated from the LDC list in 2007: on the list of 2005, not of 2008.
    assert "CPV" in {c.iso3 for c in selectors.gap_list("ICSANT", "LDC", D("2005-12-16"))}
    assert "CPV" not in gaps_2008


def test_matrix_and_country_row_agree():
    record("UNTOC", "COL", "signature", "2000-12-12")
    record("UNTOC", "COL", "ratification", "2004-08-04")
    record("UNCAC", "COL", "signature", "2003-12-10")
    matrix = selectors.status_matrix(D("2005-01-01"), Country.objects.filter(iso3__in=["COL", "MLI"]))
    assert matrix.cell("COL", "UNTOC").status == "party"
    assert matrix.cell("COL", "UNCAC").status == "signatory"
    assert matrix.cell("MLI", "UNTOC").status == "none"
    row = {
        e.instrument.code: e.cell.status
        for e in selectors.country_row(Country.objects.get(iso3="COL"), D("2005-01-01"))
    }
    assert row["UNTOC"] == "party" and row["UNCAC"] == "signatory" and row["ICSANT"] == "none"


def test_parties_over_time_steps_at_effective_dates():
    record("UNTOC", "FRA", "ratification", "2002-10-29")
    record("UNTOC", "MLI", "ratification", "2010-03-01")
    series = selectors.parties_over_time(untoc(), D("2011-01-01"))
    assert series == [(D("2002-10-29"), 0), (D("2003-09-29"), 1), (D("2010-03-31"), 2), (D("2011-01-01"), 2)]


# --- Imports ----------------------------------------------------------------------------------------


BAD_FILE = """participant,action,date
France,ratification,2002-10-29
Atlantis,ratification,2003-01-01
Germany,ratification,2099-01-01
Spain,ratification,1999-01-01
France,accession,2005-01-01
"""


def test_a_dry_run_lists_every_problem_by_row_and_writes_nothing():
    result = run("UNTOC", BAD_FILE, dry_run=True)
    rows = {(e["row"], e["kind"]) for e in result["errors"]}
    assert rows == {(2, "unknown_participant"), (3, "future_date"), (4, "before_adoption"), (5, "second_consent")}
    assert result["errors"][0]["participant"] == "Atlantis"
    assert all(e["rule"] for e in result["errors"])
    assert ParticipationAction.objects.count() == 0
    assert StatusImport.objects.get().outcome == "dry_run"


def test_a_real_import_with_errors_writes_nothing_but_logs_the_attempt():
    result = run("UNTOC", BAD_FILE)
    assert result["errors"] and result["created"] == 0 and not result["written"]
    assert ParticipationAction.objects.count() == 0
    assert StatusImport.objects.get().outcome == "rejected"


def test_a_protocol_needs_its_convention_first():
    result = run("TIP_PROTOCOL", "participant,action,date\nItaly,ratification,2006-08-02\n", dry_run=True)
    assert [e["kind"] for e in result["errors"]] == ["parent_not_party"]
    record("UNTOC", "ITA", "ratification", "2006-08-02")
    assert run("TIP_PROTOCOL", "participant,action,date\nItaly,ratification,2006-08-02\n")["created"] == 1


def test_treaty_collection_and_french_spellings_are_matched():
    text = (
        "participant,action,date\n"
        "Bolivia (Plurinational State of),ratification,2005-10-10\n"
        "Türkiye,ratification,2003-03-25\n"
        "State of Palestine,accession,2017-12-29\n"
        "European Union,approval,2004-05-21\n"
        "Côte d'Ivoire,ratification,2012-10-25\n"
        "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord,ratification,2006-02-09\n"
    )
    result = run("UNTOC", text)
    assert result["errors"] == []
    keys = set(ParticipationAction.objects.values_list("country_id", flat=True))
    assert keys == {"BOL", "TUR", "PSE", "CIV", "GBR", None}
    assert ParticipationAction.objects.get(country=None).organisation.code == "EU"
    assert result["participants"] == 6 and result["consents"] == 6


def test_reimporting_the_same_file_changes_nothing():
    data = (SAMPLES / "synthetic_xviii15.en.xml").read_bytes()
    icsant = Instrument.objects.get(code="ICSANT")
    first = services.status_import_run(instrument=icsant, data=data, filename="a.xml").as_dict()
    assert (first["participants"], first["signatures"], first["consents"], first["created"]) == (17, 11, 15, 26)
    history = ParticipationAction.history.count()
    again = services.status_import_run(instrument=icsant, data=data, filename="a.xml").as_dict()
    assert (again["created"], again["unchanged"], again["errors"], again["new_parties"]) == (0, 26, [], [])
    assert ParticipationAction.objects.count() == 26 and ParticipationAction.history.count() == history
    # The other formats of the same table are the same actions.
    for name in ("synthetic_xviii15.html", "synthetic_xviii15_tabs.txt", "synthetic_xviii15_spaces.txt"):
        other = services.status_import_run(
            instrument=icsant, data=(SAMPLES / name).read_bytes(), filename=name
        ).as_dict()
        assert (other["created"], other["unchanged"], other["errors"]) == (0, 26, []), name


def test_a_newer_file_records_only_the_new_actions_and_reports_new_parties():
    old = "participant,action,date\nFrance,ratification,2002-10-29\nMali,signature,2000-12-15\n"
    assert run("UNTOC", old)["created"] == 2
    newer = old + "Mali,ratification,2002-04-12\nColombia,ratification,2004-08-04\nUkraine,ratification,2004-05-21\n"
    result = run("UNTOC", newer)
    assert (result["created"], result["unchanged"]) == (3, 2)
    assert result["new_parties"] == ["COL", "MLI", "UKR"]
    assert StatusImport.objects.filter(outcome="applied").first().new_parties == ["COL", "MLI", "UKR"]
    assert ParticipationAction.objects.filter(source_import_id=result["import_id"]).count() == 3


def test_an_unreadable_file_is_one_error_without_a_row():
    result = run("UNTOC", "", name="empty.csv")
    assert result["errors"][0]["row"] is None and "empty" in result["errors"][0]["rule"]


def test_an_organisation_is_refused_where_the_instrument_is_closed_to_it():
    result = run("ICSANT", "participant,action,date\nEuropean Union,approval,2010-01-01\n", dry_run=True)
    assert [e["kind"] for e in result["errors"]] == ["organisation_not_allowed"]


# --- Manual entry ------------------------------------------------------------------------------------


def test_an_action_entered_by_hand_follows_the_import_rules():
    services.action_record(instrument=untoc(), participant="MLI", action="ratification", date=D("2002-04-12"))
    with pytest.raises(ValidationError) as error:
        services.action_record(instrument=untoc(), participant="Mali", action="accession", date=D("2003-01-01"))
    assert "action" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.action_record(instrument=untoc(), participant="Narnia", action="accession", date=D("2003-01-01"))
    assert "participant" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.action_record(instrument=untoc(), participant="FRA", action="accession", date=D("2099-01-01"))
    assert "date" in error.value.message_dict
