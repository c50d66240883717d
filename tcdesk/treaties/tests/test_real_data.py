"""The real UN Treaty Collection tables shipped in treaties/data/status, loaded through the importer.

The expected counts are the table of `data/status/SOURCES.md` (participants, parties, signatures;
for the January 2018 copy the parties and signatures also equal the XML's own "Status" header).
"Parties" there is what the treaty collection counts: participants with a consent deposited.
"""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from tcdesk.core.csvdata import read_data_file
from tcdesk.treaties import selectors, services
from tcdesk.treaties.models import Instrument, ParticipationAction, StatusImport
from tcdesk.treaties.participation import status_as_of

pytestmark = pytest.mark.django_db

MANIFEST = {row["instrument"]: row for row in read_data_file(services.STATUS_DIR / "manifest.csv").rows}

# file -> (participants, parties, signatures), from SOURCES.md
SOURCES_TABLE = {
    "XVIII-9": (170, 168, 58),
    "XVIII-11": (188, 186, 132),
    "XVIII-12": (185, 179, 147),
    "XVIII-12-a": (175, 173, 117),
    "XVIII-12-b": (156, 146, 112),
    "XVIII-12-c": (125, 115, 52),
    "XVIII-14": (178, 171, 140),
    "XVIII-15": (149, 113, 115),
    "XVIII-16": (30, 0, 30),
    "VI-15": (154, 154, 61),
    "VI-16": (185, 184, 34),
    "VI-17": (130, 126, 54),
    "VI-18": (46, 46, 0),
    "VI-19": (189, 189, 87),
}
# A Protocol can only be checked against its Convention, so the Convention is loaded first.
NEEDS_FIRST = {"XVIII-12-a": "XVIII-12", "XVIII-12-b": "XVIII-12", "XVIII-12-c": "XVIII-12", "VI-17": "VI-15"}


def load(ref: str):
    row = MANIFEST[ref]
    return services.status_import_run(
        instrument=selectors.get_instrument(ref),
        data=(services.STATUS_DIR / row["file"]).read_bytes(),
        filename=row["file"],
        source=row["source"],
        data_as_of=dt.date.fromisoformat(row["data_as_of"]),
        partial=row["partial"] == "yes",
        partial_note=row["note"],
    )


def test_the_manifest_and_the_sources_table_cover_the_same_fourteen_files():
    assert set(MANIFEST) == set(SOURCES_TABLE)
    sources = (services.STATUS_DIR / "SOURCES.md").read_text()
    for ref, row in MANIFEST.items():
        assert (services.STATUS_DIR / row["file"]).is_file()
        assert f"| {row['file']} |" in sources and row["data_as_of"] in sources, ref
    assert "shared" not in sources.lower() and "/work/" not in sources


@pytest.mark.parametrize("ref", sorted(SOURCES_TABLE))
def test_each_real_file_imports_without_error_with_the_counts_of_its_sources(ref):
    if ref in NEEDS_FIRST:
        assert not load(NEEDS_FIRST[ref]).errors
    result = load(ref)
    participants, parties, signatures = SOURCES_TABLE[ref]
    assert result.errors == [] and result.written
    assert (result.participants, result.consents, result.signatures) == (participants, parties, signatures)
    assert result.created == len(read_data_file(services.STATUS_DIR / MANIFEST[ref]["file"]).rows)
    # The status computed on the data's own date counts the same parties as the treaty collection.
    instrument = selectors.get_instrument(ref)
    as_of = dt.date.fromisoformat(MANIFEST[ref]["data_as_of"])
    actions = selectors.stored_actions([instrument.code])[instrument.code]
    status = status_as_of(instrument.rules(), actions, as_of)
    assert len(status.parties) + len(status.pending) == parties
    # Each import records where the file came from and the date it is as of.
    stored = StatusImport.objects.get(pk=result.import_id)
    assert stored.source == MANIFEST[ref]["source"] and stored.data_as_of == as_of
    assert stored.partial == (ref in ("XVIII-16", "VI-18"))


def test_treaty_collection_names_of_the_snapshot_date_are_mapped_to_todays_states():
    load("XVIII-12")
    load("VI-15")
    written = dict(
        ParticipationAction.objects.filter(
            participant_as_written__in=[
                "Swaziland",
                "Turkey",
                "The former Yugoslav Republic of Macedonia",
                "Czech Republic",
                "Netherlands",
                "St. Lucia",
                "Cook Islands",
                "Niue",
                "European Union",
            ]
        ).values_list("participant_as_written", "country_id")
    )
    assert written == {
        "Swaziland": "SWZ",  # Eswatini since 2018
        "Turkey": "TUR",  # Türkiye since 2022
        "The former Yugoslav Republic of Macedonia": "MKD",  # North Macedonia since 2019
        "Czech Republic": "CZE",  # Czechia
        "Netherlands": "NLD",  # Netherlands (Kingdom of the)
        "St. Lucia": "LCA",
        "Cook Islands": "COK",  # not UN Members, but parties: counted as States
        "Niue": "NIU",
        "European Union": None,  # an organisation, not a State
    }


def test_protocol_consents_after_the_conventions_data_are_warnings_not_errors():
    load("XVIII-12")
    result = load("XVIII-12-a")
    assert result.errors == []
    japan = next(w for w in result.warnings if w["participant"] == "Japan")
    assert japan["kind"] == "parent_data_older" and japan["params"]["parent_until"] == "2014-07-10"


def test_the_shipped_tables_load_once_with_their_dates_and_give_the_real_status_of_16_december_2005():
    """Figures checked against public sources of 2005 (the treaty collection counts deposits as parties).

    * Report of the Secretary-General to the Commission on Crime Prevention and Criminal Justice,
      14th session (E/CN.15/2005), status of ratifications as at 8 March 2005: 100 parties to the
      Convention, 80 to the Trafficking in Persons Protocol, 69 to the Migrants Protocol, 35 to the
      Firearms Protocol (abstract: https://ojp.gov/ncjrs/virtual-library/abstracts/united-nations-
      convention-against-transnational-organized-crime-3). The treaty collection's 2018 copy gives 36
      for the Firearms Protocol (one deposit dated on or before 8 March 2005 was not yet counted).
    * UN Secretariat analytical report on the implementation of the Convention (2005): "as of 29 July
      2005 ... 147 signatures and 107 ratifications" (https://ojp.gov/ncjrs/virtual-library/abstracts/
      implementation-united-nations-convention-against-transnational).
    * UN press release L/T/4389 of 15 September 2005: Ecuador deposited the 30th ratification of the
      Convention against Corruption that day (https://press.un.org/en/2005/lt4389.doc.htm).
    * UN Information Service release UNIS/CP/528 of 13 December 2005: the Convention against
      Corruption "has been signed by 140 countries and ratified by 38" and enters into force on
      14 December 2005 (https://unis.unvienna.org/unis/en/pressrels/2005/uniscp528.html). The copy has
      39 deposits by 13 December: Australia's ratification of 7 December 2005 is the likely one the
      release had not counted.
    * United States Department of State fact sheet of 3 November 2005, "as of October 26, 2005": 147
      signatories and 112 parties to the Convention, 117 and 93 to the Trafficking Protocol, 112 and 82
      to the Migrants Protocol (https://2001-2009.state.gov/r/pa/prs/ps/2005/56006.htm). The copy has
      81 for the Migrants Protocol: it dates the Republic of Moldova's accession 28 February 2006,
      where the 2014 copy had a ratification of 16 September 2005 (see the doubts in SOURCES.md).
    """
    out = io.StringIO()
    call_command("load_treaty_status", "--json", stdout=out)
    loaded = json.loads(out.getvalue())
    assert [entry["instrument"] for entry in loaded][:3] == [
        "TERRORIST_BOMBINGS_1997",
        "TERRORISM_FINANCING_1999",
        "UNTOC",
    ]
    assert sum(entry["created"] for entry in loaded) == 3089 and not any(entry["already_loaded"] for entry in loaded)
    again = io.StringIO()
    call_command("load_treaty_status", "--json", stdout=again)
    assert all(entry["already_loaded"] for entry in json.loads(again.getvalue()))
    assert StatusImport.objects.filter(outcome="applied").count() == 14

    def deposited(code: str, day: str) -> int:
        status = selectors.status_for_instrument(Instrument.objects.get(code=code), dt.date.fromisoformat(day))
        return len(status.parties) + len(status.pending)

    def signed(code: str, day: str) -> int:
        return ParticipationAction.objects.filter(instrument_id=code, action="signature", date__lte=day).count()

    # 8 March 2005, the Secretary-General's report.
    assert [deposited(c, "2005-03-08") for c in ("UNTOC", "TIP_PROTOCOL", "SOM_PROTOCOL")] == [100, 80, 69]
    assert deposited("FIREARMS_PROTOCOL", "2005-03-08") == 36  # the report: 35
    # 29 July 2005 and 26 October 2005.
    assert (signed("UNTOC", "2005-07-29"), deposited("UNTOC", "2005-07-29")) == (147, 107)
    assert (signed("UNTOC", "2005-10-26"), deposited("UNTOC", "2005-10-26")) == (147, 112)
    assert (signed("TIP_PROTOCOL", "2005-10-26"), deposited("TIP_PROTOCOL", "2005-10-26")) == (117, 93)
    assert (signed("SOM_PROTOCOL", "2005-10-26"), deposited("SOM_PROTOCOL", "2005-10-26")) == (112, 81)  # 82
    # The Convention against Corruption: the 30th deposit, then 140 signatures on 13 December 2005.
    assert (deposited("UNCAC", "2005-09-14"), deposited("UNCAC", "2005-09-15")) == (29, 30)
    assert (signed("UNCAC", "2005-12-13"), deposited("UNCAC", "2005-12-13")) == (140, 39)  # the release: 38

    # 16 December 2005, the date of resolution 60/175: the real status, and complete on that date.
    resolution_day = dt.date(2005, 12, 16)
    expected = {  # code: (State parties in effect, deposits incl. pending and the EU, signatures)
        "UNTOC": (113, 115, 147),  # and the European Union (approval of 21 May 2004)
        "TIP_PROTOCOL": (95, 95, 117),
        "SOM_PROTOCOL": (83, 84, 112),
        "FIREARMS_PROTOCOL": (45, 46, 52),
        "UNCAC": (37, 39, 140),  # in force since 14 December 2005; two deposits take effect 30 days later
    }
    for code, (parties, deposits, signatures) in expected.items():
        document = selectors.status_document(Instrument.objects.get(code=code), resolution_day)
        assert len(document["parties"]) == parties, code
        assert deposited(code, "2005-12-16") == deposits, code
        assert signed(code, "2005-12-16") == signatures, code
        assert document["complete"] is True and document["warning"] is None, code
        assert document["data_as_of"] in ("2014-07-10", "2017-12-29"), code
    # Mali was party to the Convention and its first two Protocols on that date, not yet to UNCAC.
    assert {"UNTOC", "TIP_PROTOCOL", "SOM_PROTOCOL"} <= selectors.instruments_party_as_of("MLI", resolution_day)
    assert "UNCAC" not in selectors.instruments_party_as_of("MLI", resolution_day)  # ratified 18 April 2008
