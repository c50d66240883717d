"""Tests of the status-table parsers (pure, no Django)."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tcdesk.treaties.status_formats import (
    StatusFormatError,
    detect_format,
    parse_status_file,
)
from tcdesk.treaties.status_formats.cells import parse_action_header, parse_date_cell, split_participant

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
SAMPLE_FILES = {
    "synthetic_xviii15.en.xml": "untc_xml",
    "synthetic_xviii15.html": "html",
    "synthetic_xviii15_tabs.txt": "text",
    "synthetic_xviii15_spaces.txt": "text",
    "synthetic_xviii15_actions.csv": "csv",
}
ICSANT_HEADER = "\t".join(
    [
        "Participant",
        "Signature, Succession to signature(d)",
        "Approval(AA), Acceptance(A), Accession(a), Ratification",
    ]
)


def parse_text(text: str, filename: str | None = "status.txt"):
    return parse_status_file(text.encode("utf-8"), filename)


def facts(table) -> set[tuple[str, str, date]]:
    return {(row.participant, row.action, row.date) for row in table.rows}


# --- the sample files -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kind"), SAMPLE_FILES.items())
def test_sample_files_parse_without_problems(name: str, kind: str) -> None:
    table = parse_status_file((SAMPLES / name).read_bytes(), name)
    assert table.format == kind
    assert table.problems == []
    assert len(table.participants) == 17
    assert sum(row.action == "signature" for row in table.rows) == 11
    assert sum(row.action in ("ratification", "accession") for row in table.rows) == 15


def test_all_sample_formats_say_the_same_thing() -> None:
    results = [facts(parse_status_file((SAMPLES / n).read_bytes(), n)) for n in SAMPLE_FILES]
    assert all(result == results[0] for result in results)
    assert ("Algeria", "accession", date(2011, 3, 3)) in results[0]
    assert ("Côte d'Ivoire", "accession", date(2012, 3, 12)) in results[0]  # ISO-8859-1 in the XML


@pytest.mark.parametrize("name", [n for n, k in SAMPLE_FILES.items() if k != "csv"])
def test_table_formats_number_rows_by_table_row_and_keep_footnotes(name: str) -> None:
    table = parse_status_file((SAMPLES / name).read_bytes(), name)
    china = [row for row in table.rows if row.participant == "China"]
    assert {row.row_number for row in china} == {13}
    assert all(row.footnotes == ["1"] for row in china)
    assert {row.action for row in china} == {"signature", "ratification"}
    denmark = next(row for row in table.rows if row.participant == "Denmark")
    assert denmark.footnotes == ["2"] and denmark.row_number == 17


def test_csv_rows_are_numbered_by_data_row() -> None:
    table = parse_status_file((SAMPLES / "synthetic_xviii15_actions.csv").read_bytes())
    first, second = table.rows[0], table.rows[1]
    assert (first.row_number, first.participant, first.action) == (1, "Afghanistan", "signature")
    assert (second.row_number, second.action, second.date) == (2, "ratification", date(2013, 3, 25))


# --- cells ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected", "code"),
    [
        (" 3 Mar 2011 a", date(2011, 3, 3), "a"),
        ("17 Aug 2005 A", date(2005, 8, 17), "A"),
        ("21 May 2004 AA", date(2004, 5, 21), "AA"),
        ("22 Apr\t 2016", date(2016, 4, 22), ""),
        ("5 Sept. 2001 d", date(2001, 9, 5), "d"),
        ("3 mars 2011 a", date(2011, 3, 3), "a"),
        ("12 déc. 2000", date(2000, 12, 12), ""),
    ],
)
def test_parse_date_cell(cell: str, expected: date, code: str) -> None:
    parsed = parse_date_cell(cell)
    assert (parsed.date, parsed.code, parsed.bracketed) == (expected, code, False)


def test_parse_date_cell_brackets_and_iso() -> None:
    assert parse_date_cell("[20 Jan 2021 A]").bracketed
    assert parse_date_cell("2011-03-03", allow_iso=True).date == date(2011, 3, 3)


@pytest.mark.parametrize("cell", ["31 Feb 2011", "3 Dez 2011", "2011-03-03", "yesterday", "3 Mar 11"])
def test_parse_date_cell_rejects(cell: str) -> None:
    with pytest.raises(ValueError):
        parse_date_cell(cell)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(["", "a", "A", "AA", "c", "d", "s"]),
)
def test_date_cell_round_trip(day: date, code: str) -> None:
    written = f"{day.day:>2} {day.strftime('%b')} {day.year} {code}"
    parsed = parse_date_cell(written)
    assert (parsed.date, parsed.code) == (day, code)


def test_parse_action_header() -> None:
    assert parse_action_header("Approval(AA), Acceptance(A), Accession(a), Ratification") == {
        "AA": "approval",
        "A": "acceptance",
        "a": "accession",
        "": "ratification",
    }
    assert parse_action_header("Signature, Succession to signature(d)") == {
        "": "signature",
        "d": "succession_to_signature",
    }
    assert parse_action_header("Formal confirmation(c), Definitive signature(s), Succession(d)") == {
        "c": "formal_confirmation",
        "s": "definitive_signature",
        "d": "succession",
    }
    assert parse_action_header("Provisional application under Article V") == {}


@pytest.mark.parametrize(
    ("written", "name", "notes"),
    [
        ("China1", "China", ["1"]),
        ("Denmark 2,3", "Denmark", ["2", "3"]),
        ("Argentina¹", "Argentina", ["1"]),
        ("China<superscript>1</superscript>", "China", ["1"]),
        ("Netherlands (Kingdom of the)4", "Netherlands (Kingdom of the)", ["4"]),
        ("Bolivia (Plurinational State of)", "Bolivia (Plurinational State of)", []),
        ("Yemen*", "Yemen", []),
    ],
)
def test_split_participant(written: str, name: str, notes: list[str]) -> None:
    cell = split_participant(written)
    assert (cell.name, cell.footnotes, cell.bracketed) == (name, notes, False)


# --- text -------------------------------------------------------------------------------------


def test_text_letters_and_columns() -> None:
    text = "\n".join(
        [
            "Participant\tSignature, Succession to signature(d)\tRatification, Acceptance(A), Approval(AA), "
            "Accession(a), Succession(d), Formal confirmation(c)",
            "Algeria\t\t 3 Mar 2011 a",
            "Japan\t\t17 Aug 2005 A",
            "European Union\t12 Dec 2000\t21 May 2004 AA",
            "Holy See\t\t 2 Feb 2012 c",
            "Montenegro\t23 Oct 2006 d\t",
            "Serbia\t\t 6 Sep 2001 d",
            "France\t12 Dec 2000\t29 Oct 2002",
        ]
    )
    table = parse_text(text)
    assert table.problems == []
    assert [(r.row_number, r.participant, r.action) for r in table.rows] == [
        (1, "Algeria", "accession"),
        (2, "Japan", "acceptance"),
        (3, "European Union", "signature"),
        (3, "European Union", "approval"),
        (4, "Holy See", "formal_confirmation"),
        (5, "Montenegro", "succession_to_signature"),
        (6, "Serbia", "succession"),
        (7, "France", "signature"),
        (7, "France", "ratification"),
    ]


def test_text_with_single_spaces_uses_letters_then_signature() -> None:
    text = "\n".join(
        [
            "Participant Signature Approval(AA), Acceptance(A), Accession(a), Ratification",
            "Afghanistan 29 Dec 2005 25 Mar 2013",
            "Algeria 3 Mar 2011 a",
            "Andorra 11 May 2006",
        ]
    )
    table = parse_text(text)
    assert table.problems == []
    assert [(r.participant, r.action, r.date) for r in table.rows] == [
        ("Afghanistan", "signature", date(2005, 12, 29)),
        ("Afghanistan", "ratification", date(2013, 3, 25)),
        ("Algeria", "accession", date(2011, 3, 3)),
        ("Andorra", "signature", date(2006, 5, 11)),
    ]


def test_text_bad_rows_become_problems() -> None:
    text = "\n".join(
        [
            "Title of the treaty",
            "",
            ICSANT_HEADER,
            "Afghanistan\t29 Dec 2005\t25 Mar 2013",
            "Atlantis\t31 Feb 2005\t",
            "Utopia\t\t 3 Mar 2011 x",
            "Erewhon\t\t3 Mar 2011 d",
            "[Venezuela]\t14 Sep 2005\t",
            "Narnia\t\t",
            "Oz\t\t3/3/2011",
        ]
    )
    table = parse_text(text)
    assert [(r.row_number, r.participant) for r in table.rows] == [(1, "Afghanistan"), (1, "Afghanistan")]
    problems = {(p.row_number, p.participant): p.rule for p in table.problems}
    assert set(problems) == {
        (2, "Atlantis"),
        (3, "Utopia"),
        (4, "Erewhon"),
        (5, "Venezuela"),
        (6, "Narnia"),
        (7, "Oz"),
    }
    assert "not a real calendar date" in problems[(2, "Atlantis")]
    assert "unknown action letter 'x'" in problems[(3, "Utopia")]
    assert "letter 'd' is not an action of column" in problems[(4, "Erewhon")]
    assert "square brackets" in problems[(5, "Venezuela")]
    assert "no signature or consent date" in problems[(6, "Narnia")]
    assert "3/3/2011" in problems[(7, "Oz")]


def test_text_table_ends_at_footnotes_and_sections() -> None:
    text = f"{ICSANT_HEADER}\nChina1\t14 Sep 2005\t 8 Nov 2010\n\n1 On 8 Nov 2010 a note.\nMore text\n"
    table = parse_text(text)
    assert len(table.rows) == 2 and table.problems == []


def test_text_french_header_and_months() -> None:
    text = "Participant\tSignature, Succession à la signature(d)\tRatification, Adhésion(a), Acceptation(A)\n"
    text += "Algérie\t\t3 mars 2011 a\nFrance\t12 déc. 2000\t29 oct. 2002\n"
    table = parse_text(text)
    assert table.problems == []
    assert facts(table) == {
        ("Algérie", "accession", date(2011, 3, 3)),
        ("France", "signature", date(2000, 12, 12)),
        ("France", "ratification", date(2002, 10, 29)),
    }


# --- XML and HTML -----------------------------------------------------------------------------


XML_HEADER = "<Entry>Participant</Entry><Entry>Signature</Entry><Entry>Ratification, Accession(a)</Entry>"


def xml(rows: str, header: str = XML_HEADER) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Root><Treaty><Participants><Table><TGroup cols="3">'
        f"<Thead><Row>{header}</Row></Thead><Tbody><Rows>{rows}</Rows></Tbody>"
        "</TGroup></Table></Participants></Treaty></Root>"
    ).encode()


def test_xml_child_superscripts_and_problems() -> None:
    data = xml(
        "<Row><Entry>Denmark<superscript>2,3</superscript></Entry><Entry>14 Sep 2005</Entry><Entry/></Row>"
        "<Row><Entry>Atlantis</Entry><Entry>30 Feb 2005</Entry><Entry/></Row>"
        "<Row><Entry>Algeria</Entry><Entry/><Entry> 3 Mar 2011 q</Entry></Row>"
    )
    table = parse_status_file(data, None)
    assert table.format == "untc_xml"
    assert [(r.row_number, r.participant, r.footnotes, r.action) for r in table.rows] == [
        (1, "Denmark", ["2", "3"], "signature")
    ]
    assert [(p.row_number, p.participant) for p in table.problems] == [(2, "Atlantis"), (3, "Algeria")]


def test_xml_does_not_resolve_entities() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<Root><Participants><Table><TGroup><Thead><Row><Entry>Participant</Entry><Entry>Signature</Entry>"
        b"</Row></Thead><Tbody><Rows><Row><Entry>&x;Chad</Entry><Entry>1 Jan 2001</Entry></Row></Rows>"
        b"</Tbody>"
        b"</TGroup></Table></Participants></Root>"
    )
    table = parse_status_file(data, "x.xml")
    assert "root:" not in table.rows[0].participant


def test_html_table_is_found_after_other_tables() -> None:
    html = """<html><body><table><tr><td>Status</td><td>Parties : 3</td></tr></table>
    <table><tr><th>Participant</th><th>Signature</th><th>Ratification, Accession(a)</th></tr>
    <tr><td>Argentina<sup>1</sup></td><td>14&nbsp;Sep&nbsp;2005</td><td> 8 Apr 2016</td></tr>
    <tr><td>Algeria</td><td></td><td> 3 Mar 2011 a</td></tr></table></body></html>"""
    table = parse_text(html, "status.html")
    assert table.format == "html" and table.problems == []
    assert [(r.row_number, r.participant, r.footnotes, r.action) for r in table.rows] == [
        (1, "Argentina", ["1"], "signature"),
        (1, "Argentina", ["1"], "ratification"),
        (2, "Algeria", [], "accession"),
    ]


# --- CSV --------------------------------------------------------------------------------------


def test_csv_words_letters_and_problems() -> None:
    text = "\n".join(
        [
            "# comment",
            "Participant;Date;Action;Notes",
            "Japan;17 Aug 2005;A;",
            "European Union;2004-05-21;formal confirmation;",
            "Venezuela;2020-01-10;Denunciation;left",
            "",
            "Atlantis;2011-02-30;ratification;",
            "Utopia;2011-02-03;ratify;",
            "Erewhon;;accession;",
            ";2011-02-03;accession;",
            "Oz;3 Mar 2011 a;acceptance;",
            "Narnia;3 Mar 2011 a;;",
        ]
    )
    table = parse_text(text, "actions.csv")
    assert table.format == "csv"
    assert [(r.row_number, r.participant, r.action) for r in table.rows] == [
        (1, "Japan", "acceptance"),
        (2, "European Union", "formal_confirmation"),
        (3, "Venezuela", "denunciation"),
        (9, "Narnia", "accession"),
    ]
    assert [p.row_number for p in table.problems] == [4, 5, 6, 7, 8]
    assert "unknown action 'ratify'" in table.problems[1].rule
    assert "contradicts" in table.problems[4].rule


# --- whole-file errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", None, "empty"),
        (b"   \n", "x.txt", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "x.png", "binary"),
        ("Participant\tSignature\nCôte d'Ivoire\t1 Jan 2001\n".encode("latin-1"), "x.txt", "not UTF-8"),
        (b"Just some text\nwith no table\n", "x.txt", "no header line"),
        (b"<Treaty><Participants>", "x.xml", "not well formed"),
        (b"<Root><Other/></Root>", "x.xml", "no Participants table"),
        (b"<html><body><table><tr><td>a</td></tr></table></body></html>", "x.html", "no table"),
        (b"name,when\nChina,2001-01-01\n", "x.csv", "participant,action,date"),
    ],
)
def test_unreadable_files_raise_clear_errors(data: bytes, filename: str | None, message: str) -> None:
    with pytest.raises(StatusFormatError, match=message):
        parse_status_file(data, filename)


def test_detect_format() -> None:
    assert detect_format(b"participant,action,date\n") == "csv"
    assert detect_format(b"\xef\xbb\xbfParticipant,Action,Date\n") == "csv"
    assert detect_format(b"<?xml version='1.0'?><Root/>") == "untc_xml"
    assert detect_format(b"<!DOCTYPE html><html></html>") == "html"
    assert detect_format(b"Participant\tSignature\n") == "text"


def test_utf8_bom_and_utf16_text() -> None:
    text = "Participant\tSignature\tRatification\nTürkiye\t14 Sep 2005\t\n"
    for data in (b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16")):
        table = parse_status_file(data, "x.txt")
        assert [r.participant for r in table.rows] == ["Türkiye"]
