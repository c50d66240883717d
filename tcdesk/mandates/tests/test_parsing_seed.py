"""The founding resolution, A/RES/60/175 in French, parsed exactly.

Expected values were read from the text (`tcdesk/mandates/corpus/A-RES-60-175.fr.txt`),
not from the parser's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tcdesk.mandates.parsing import parse_resolution

# The parser is plain Python: its outcome does not depend on the database (one CI pass, conftest.py).
pytestmark = pytest.mark.ci_pass("sqlite")

SEED = Path(__file__).resolve().parents[1] / "corpus" / "A-RES-60-175.fr.txt"


@pytest.fixture(scope="module")
def parsed():
    return parse_resolution(SEED.read_text(encoding="utf-8"), source_name="A-RES-60-175-fr.txt")


@pytest.fixture(scope="module")
def data(parsed):
    return parsed.to_dict()


def test_it_reads_the_identity_of_the_resolution(data):
    assert data["symbol"] == "A/RES/60/175"
    assert data["language"] == "fr"
    assert data["session"] == 60
    assert data["body"] == "GA"
    assert data["title"] == (
        "Renforcement du Programme des Nations Unies pour la prévention du crime et la justice pénale, "
        "en particulier de ses capacités de coopération technique"
    )


def test_it_leaves_what_the_text_does_not_print_null(data):
    # The seed has no header block and no closing lines.
    assert data["adoption_date"] is None
    assert data["agenda_item"] is None
    assert data["plenary_meeting"] is None
    assert data["annex"] is None


def test_without_a_file_name_the_symbol_is_unknown():
    result = parse_resolution(SEED.read_text(encoding="utf-8"))
    assert result.symbol is None
    assert result.session is None


def test_it_counts_paragraphs_and_footnotes(data):
    assert len(data["preamble"]) == 16
    assert len(data["operative"]) == 26
    assert [footnote["number"] for footnote in data["footnotes"]] == list(range(1, 11))
    assert [paragraph["number"] for paragraph in data["operative"]] == list(range(1, 27))
    assert [paragraph["index"] for paragraph in data["preamble"]] == list(range(1, 17))


@pytest.mark.parametrize(
    ("index", "lead"),
    [
        (1, "Rappelant"),
        (2, "Rappelant également"),
        (3, "Ayant à l’esprit"),
        (4, "Se félicitant"),
        (5, "Soulignant"),
        (8, "Prenant note avec intérêt"),
        (11, "Gardant à l’esprit"),
        (12, "Gardant également à l’esprit"),
        (16, "Exprimant sa reconnaissance"),
    ],
)
def test_preambular_leads(data, index, lead):
    assert data["preamble"][index - 1]["lead"] == lead


@pytest.mark.parametrize(
    ("number", "lead", "kind"),
    [
        (1, "Prend note avec satisfaction", "taking_note"),
        (2, "Affirme à nouveau", "reaffirmation"),
        (3, "Se félicite à nouveau", "welcome"),
        (4, "Réaffirme", "reaffirmation"),
        (5, "Réaffirme également", "reaffirmation"),
        (6, "Prie", "request"),
        (7, "Prie également", "request"),
        (8, "Se déclare très préoccupée", "concern"),
        (10, "Souscrit", "endorsement"),
        (11, "Invite", "invitation"),
        (13, "Engage", "call"),
        (14, "Demande instamment", "urging"),
        (15, "Encourage", "encouragement"),
        (16, "Sait gré", "appreciation"),
        (18, "Remercie", "appreciation"),
        (22, "Accueille avec satisfaction", "welcome"),
        (25, "Encourage également", "encouragement"),
        (26, "Prie en outre", "request"),
    ],
)
def test_operative_leads_and_kinds(data, number, lead, kind):
    paragraph = data["operative"][number - 1]
    assert paragraph["lead"] == lead
    assert paragraph["kind"] == kind


@pytest.mark.parametrize(
    ("number", "addressees"),
    [
        (1, []),  # taking note addresses no one
        (6, ["United Nations Office on Drugs and Crime"]),
        (11, ["States"]),
        (14, ["States", "funding agencies"]),
        (16, ["Commission on Crime Prevention and Criminal Justice"]),
        (18, ["non-governmental organizations", "civil society"]),
        (19, ["Secretary-General"]),
        (23, ["Member States"]),
        (24, ["States", "regional economic integration organizations"]),
        (26, ["Secretary-General"]),
    ],
)
def test_addressees(data, number, addressees):
    assert data["operative"][number - 1]["addressees"] == addressees


def test_second_actions_inside_a_paragraph_are_kept(data):
    paragraph_3 = data["operative"][2]["actions"]
    assert [(action["kind"], action["lead"]) for action in paragraph_3] == [
        ("welcome", "Se félicite à nouveau"),
        ("request", "demande"),
    ]
    assert paragraph_3[1]["addressees"] == ["United Nations Office on Drugs and Crime"]
    # "et lui demande de renforcer encore son action": "lui" is the Commission.
    assert data["operative"][15]["actions"][1]["addressees"] == ["Commission on Crime Prevention and Criminal Justice"]


def test_exactly_one_report_is_due_at_a_session(data):
    due = [request for request in data["reporting_requests"] if request["to_session"] is not None]
    assert due == [{"paragraph": 26, "addressee": "Secretary-General", "to_session": 61, "kind": "report"}]


def test_the_transmission_of_the_conference_reports_is_standing(data):
    standing = [request for request in data["reporting_requests"] if request["paragraph"] == 19]
    assert standing == [{"paragraph": 19, "addressee": "Secretary-General", "to_session": None, "kind": "transmission"}]
    # "se rapportant" (paragraphs 6 and 7) is not a report.
    assert {request["paragraph"] for request in data["reporting_requests"]} == {19, 26}


def test_footnotes_are_read_and_markers_unglued(data):
    footnotes = {footnote["number"]: footnote for footnote in data["footnotes"]}
    assert footnotes[1]["text"] == "Voir la résolution 55/2."
    assert footnotes[9]["text"] == "A/60/131."
    assert footnotes[10]["text"] == "A/CONF.203/18, chap. I, résolution 1."
    assert footnotes[5]["text"].startswith("Les plus récents événements étant la neuvième réunion")
    assert footnotes[5]["text"].endswith("dans le cadre du Processus de Bali.")
    assert footnotes[9]["called_from"] == ["operative:1", "operative:21"]
    assert footnotes[8]["called_from"] == ["preamble:11", "operative:6"]
    preamble_3 = data["preamble"][2]["text"]
    assert "Déclaration du Millénaire, ainsi que" in preamble_3
    assert "Millénaire1" not in preamble_3
    assert data["operative"][0]["text"].endswith("de sa résolution 59/159;")
    assert data["operative"][9]["text"].endswith("du 18 au 25 avril 2005;")


def test_paragraphs_split_by_a_footnote_block_are_joined(data):
    assert data["operative"][2]["text"].endswith(
        "demande que l’Office des Nations Unies contre la drogue et le crime continue d’intégrer à tous ses "
        "programmes et activités une démarche soucieuse de l’égalité des sexes;"
    )
    assert "la forme d’un programme d’action 2006-2010" in data["operative"][16]["text"]
    assert data["preamble"][4]["text"].startswith("Soulignant le rôle")


def test_citations_are_distinct_as_written_and_in_order(data):
    refs = [(citation["kind"], citation["body"], citation["ref"]) for citation in data["citations"]]
    assert refs == [
        ("resolution", "GA", "46/52"),  # a typo for 46/152 in the text, kept as written
        ("resolution", "GA", "59/159"),
        ("resolution", "GA", "55/2"),
        ("resolution", "GA", "55/59"),
        ("resolution", "GA", "56/261"),
        ("resolution", "GA", "60/1"),
        ("resolution", "GA", "58/4"),
        ("resolution", "GA", "55/25"),
        ("resolution", "GA", "55/255"),
        ("resolution", "GA", "59/290"),
        ("resolution", "ECOSOC", "2005/14"),
        ("resolution", "ECOSOC", "2005/15"),
        ("resolution", "ECOSOC", "2005/16"),
        ("resolution", "ECOSOC", "2005/17"),
        ("resolution", "ECOSOC", "2005/18"),
        ("resolution", "ECOSOC", "2005/19"),
        ("resolution", "ECOSOC", "2004/28"),
        ("document", None, "A/60/131"),
        ("resolution", "SC", "1373 (2001)"),
        ("resolution", "ECOSOC", "2004/32"),
        ("document", None, "A/CONF.203/18"),
    ]
    by_ref = {citation["ref"]: citation for citation in data["citations"]}
    assert by_ref["2005/14"]["occurrences"] == ["preamble:12", "operative:23"]
    assert by_ref["59/159"]["occurrences"] == ["preamble:2", "operative:1"]


def test_the_body_is_partitioned(parsed):
    segments = parsed.segments
    assert segments[0].start == parsed.body_start
    assert segments[-1].end == len(parsed.cleaned_text)
    assert all(left.end == right.start for left, right in zip(segments, segments[1:], strict=False))
