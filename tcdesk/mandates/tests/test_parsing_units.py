"""Unit tests of the parser's parts: decoding, PDF text, language, errors, layout details."""

from __future__ import annotations

import codecs
import io
import zlib

import pytest

from tcdesk.mandates.parsing import (
    ParseError,
    decode_text,
    detect_language,
    extract_pdf_text,
    parse_resolution,
    symbol_from_filename,
)
from tcdesk.mandates.parsing.citations import find_citations
from tcdesk.mandates.parsing.spaced_markers import spaced_marker
from tcdesk.mandates.parsing.vocabulary import KINDS

# The parser is plain Python: its outcome does not depend on the database (one CI pass, conftest.py).
pytestmark = pytest.mark.ci_pass("sqlite")

ENGLISH = """United Nations A/RES/61/999
General Assembly Distr.: General
Sixty-first session
Agenda item 99

 The General Assembly,

 Recalling its resolution 55/25 of 15 November 2000,

 1. Requests the Secretary-General to submit to it at its sixty-second session
a report on the implementation of the present resolution.

 84th plenary meeting
20 December 2006
"""


def _pdf(content_stream: bytes | None, *, pages: int = 1, flate: bool = False) -> bytes:
    """A PDF of ``pages`` pages sharing one content stream; with a content stream they show text
    in Helvetica, without it they are blank. ``flate``: the stream is zlib-compressed."""
    kids = " ".join(f"{6 + page} 0 R" for page in range(pages - 1))
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>"
    )
    stream = content_stream or b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R %s] /Count %d >>" % (kids.encode(), pages),
        page,
        b"<< /Length %d%s >>\nstream\n" % (len(stream), b" /Filter /FlateDecode" if flate else b"")
        + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *[page] * (pages - 1),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


class TestDecodeText:
    TEXT = "L’Assemblée générale, Rappelant sa résolution 46/52 « du 18 décembre 1991 »"

    @pytest.mark.parametrize(
        "data",
        [
            TEXT.encode("utf-8"),
            codecs.BOM_UTF8 + TEXT.encode("utf-8"),
            codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
            codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
            TEXT.encode("utf-16-le"),  # no BOM: found by the NUL bytes
            TEXT.encode("cp1252"),
        ],
    )
    def test_it_recovers_the_text(self, data):
        assert decode_text(data) == self.TEXT

    def test_latin_1_without_cp1252_characters(self):
        text = "Résolution adoptée par l'Assemblée générale"
        assert decode_text(text.encode("latin-1")) == text

    @pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x00\x01\x02\x03" * 100])
    def test_binary_garbage_is_refused(self, data):
        with pytest.raises(ParseError, match="does not look like text"):
            decode_text(data)

    def test_empty_is_refused(self):
        with pytest.raises(ParseError, match="empty"):
            decode_text(b"")

    def test_a_pdf_is_not_text(self):
        with pytest.raises(ParseError, match="PDF"):
            decode_text(_pdf(None))


class TestExtractPdfText:
    def test_it_reads_the_text_layer(self):
        text = extract_pdf_text(_pdf(b"BT /F1 12 Tf 72 720 Td (The General Assembly,) Tj ET"))
        assert "The General Assembly," in text

    def test_a_scanned_pdf_without_text_is_refused(self):
        with pytest.raises(ParseError, match=r"scanned.*no text layer|no text layer.*scanned"):
            extract_pdf_text(_pdf(None))

    def test_something_that_is_not_a_pdf_is_refused(self):
        with pytest.raises(ParseError, match="could not be read"):
            extract_pdf_text(b"%PDF-1.4 this is not really a PDF")

    # --- budgets: bytes, pages, inflated streams, seconds ---------------------------------------

    TEXT = b"BT /F1 12 Tf 72 720 Td (The General Assembly,) Tj ET"

    def test_it_refuses_a_pdf_over_the_size_budget(self):
        with pytest.raises(ParseError, match=r"too large \(\d+ bytes\): the limit is 100 bytes"):
            extract_pdf_text(_pdf(self.TEXT), max_bytes=100)

    def test_it_refuses_a_pdf_over_the_page_budget_before_reading_a_page(self):
        with pytest.raises(ParseError, match="has 3 pages: the limit is 2 pages"):
            extract_pdf_text(_pdf(self.TEXT, pages=3), max_pages=2)
        assert "General Assembly" in extract_pdf_text(_pdf(self.TEXT, pages=3), max_pages=3)

    def test_it_refuses_a_stream_that_inflates_past_the_budget(self):
        # pypdf's LimitReachedError is a clear refusal, not a server error.
        content = b"BT /F1 12 Tf 72 720 Td (" + b"x" * 200_000 + b") Tj ET"
        with pytest.raises(ParseError, match="size limit once uncompressed"):
            extract_pdf_text(_pdf(zlib.compress(content), flate=True), max_stream_bytes=10_000)

    def test_it_stops_when_the_time_budget_is_spent(self):
        ticks = iter(range(0, 10_000, 7))  # a clock that moves 7 seconds at each look
        with pytest.raises(ParseError, match="longer than 20 seconds"):
            extract_pdf_text(_pdf(self.TEXT, pages=3), max_seconds=20, clock=lambda: float(next(ticks)))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The General Assembly, Recalling its resolution on the strengthening of the programme", "en"),
        ("L’Assemblée générale, Rappelant sa résolution sur le renforcement du programme et des activités", "fr"),
        (
            "La Asamblea General, Recordando su resolución sobre el fortalecimiento del programa y de las actividades",
            "es",
        ),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


class TestErrors:
    @pytest.mark.parametrize("text", ["", "   \n\t  "])
    def test_empty(self, text):
        with pytest.raises(ParseError, match="empty"):
            parse_resolution(text)

    def test_scanned_pdf_text(self):
        with pytest.raises(ParseError, match="scanned PDF with no text layer"):
            parse_resolution("\f\f  2/5 \f 05-49834 \f")

    def test_not_a_resolution(self):
        with pytest.raises(ParseError, match="not a resolution: no numbered operative paragraphs"):
            parse_resolution(
                "Minutes of the meeting. The committee discussed the budget at length "
                "and agreed to meet again next week to continue the discussion."
            )

    def test_numbered_paragraphs_without_symbol_or_formula_are_not_a_resolution(self):
        # The shape of a judge's separate opinion as extracted from a court's PDF (a real one was
        # accepted with ten "operative paragraphs"): a heading, then numbered paragraphs of argument.
        opinion = (
            "SEPARATE OPINION OF JUDGE EXAMPLE\n"
            "Scope of the request - Jurisdiction of the Court - Applicable law.\n"
            "1. While concurring with the findings of the Court, I consider it necessary to stress "
            "the following points.\n"
            "2. First, the measures in question change the status of the territory concerned.\n"
            "3. Secondly, the obligations at issue are owed to the international community as a whole.\n"
        )
        with pytest.raises(ParseError, match="neither a resolution symbol .* nor an opening formula"):
            parse_resolution(opinion)
        # The same paragraphs under the opening formula, or with the symbol of the file, are read.
        assert len(parse_resolution("The General Assembly,\n" + opinion.split("\n", 2)[2]).operative) == 3
        assert parse_resolution(opinion, source_name="A-RES-60-175-en.txt").symbol == "A/RES/60/175"

    def test_unknown_language(self):
        with pytest.raises(ParseError, match="Unknown language 'de'"):
            parse_resolution(ENGLISH, lang="de")

    def test_parse_error_is_a_value_error(self):
        assert issubclass(ParseError, ValueError)


class TestHeaderAndClosing:
    def test_english_header(self):
        parsed = parse_resolution(ENGLISH)
        assert (parsed.symbol, parsed.language, parsed.session, parsed.body) == ("A/RES/61/999", "en", 61, "GA")
        assert parsed.agenda_item == "99"
        assert parsed.plenary_meeting == 84
        assert parsed.adoption_date == "2006-12-20"
        assert parsed.reporting_requests[0].to_dict() == {
            "paragraph": 1,
            "addressee": "Secretary-General",
            "to_session": 62,
            "kind": "report",
        }

    def test_french_closing_lines(self):
        text = (
            "Soixantième session\n\n L’Assemblée générale,\n\n 1. Décide de rester saisie de la question.\n\n"
            " 64e séance plénière\n16 décembre 2005\n"
        )
        parsed = parse_resolution(text)
        assert (parsed.session, parsed.plenary_meeting, parsed.adoption_date) == (60, 64, "2005-12-16")
        assert parsed.operative[0].kind == "decision"

    def test_symbol_from_file_name(self):
        assert symbol_from_filename("/tmp/A-RES-60-175-fr.txt") == "A/RES/60/175"
        assert symbol_from_filename("E_RES_2005_14.pdf") == "E/RES/2005/14"
        assert symbol_from_filename("notes.txt") is None


class TestLayout:
    def test_page_furniture_is_removed_and_paragraphs_rejoined(self):
        text = (
            "United Nations A/RES/61/999\n\n The General Assembly,\n\n 1. Requests the Secretary-General to\n"
            "05-49834 (E)\n*0549834*\n2/5\nA/RES/61/999\ncontinue his efforts;\n\n 2. Decides to remain seized.\n"
        )
        parsed = parse_resolution(text)
        assert parsed.operative[0].text == "Requests the Secretary-General to continue his efforts;"
        assert "05-49834" not in parsed.cleaned_text

    def test_number_and_lead_on_their_own_lines(self):
        text = " The General Assembly,\n\n 1. \nTakes note\nof the report;\n\n 2.\nDecides to remain seized.\n"
        parsed = parse_resolution(text, lang="en")
        assert [(paragraph.number, paragraph.lead) for paragraph in parsed.operative] == [
            (1, "Takes note"),
            (2, "Decides"),
        ]

    def test_hyphenated_line_breaks(self):
        text = (
            " The General Assembly,\n\n 1. Requests the Office to strengthen its coopera-\ntion with the "
            "Secretary-\nGeneral and with twenty-\nfive partners.\n"
        )
        parsed = parse_resolution(text, lang="en")
        assert parsed.operative[0].text == (
            "Requests the Office to strengthen its cooperation with the Secretary-General and with "
            "twenty-five partners."
        )

    @pytest.mark.parametrize("style", ["({})", "{})"])
    def test_lettered_subparagraphs(self, style):
        items = "\n".join(f" {style.format(letter)} Item {letter};" for letter in "abc")
        text = f" The General Assembly,\n\n 1. Urges States:\n{items}\n\n 2. Decides to remain seized.\n"
        parsed = parse_resolution(text, lang="en")
        assert [(sub.label, sub.text) for sub in parsed.operative[0].subparagraphs] == [
            ("a", "Item a;"),
            ("b", "Item b;"),
            ("c", "Item c;"),
        ]
        assert parsed.operative[1].subparagraphs == []

    def test_glued_markers(self):
        text = (
            " The General Assembly,\n\n Recalling the Millennium Declaration1 and its report of 2024,2\n\n"
            " 1. Takes note of resolution 59/1593 and of the Convention of 20054;\n"
            "__________________\n 1 See resolution 55/2.\n 2 A/79/1.\n 3 A/60/131.\n 4 Resolution 58/4.\n"
        )
        parsed = parse_resolution(text, lang="en")
        assert parsed.preamble[0].text == "Recalling the Millennium Declaration and its report of 2024,"
        assert parsed.operative[0].text == "Takes note of resolution 59/159 and of the Convention of 2005;"
        assert [footnote.markers[0].element for footnote in parsed.footnotes] == [
            "preamble:1",
            "preamble:1",
            "operative:1",
            "operative:1",
        ]

    def test_french_decimal_is_not_a_marker(self):
        text = (
            " L’Assemblée générale,\n\n 1. Note que 1,5 million de personnes sont concernées1;\n"
            "__________________\n 1 A/60/1.\n 5 ignored\n"
        )
        parsed = parse_resolution(text, lang="fr")
        assert "1,5 million" in parsed.operative[0].text

    def test_annex(self):
        text = (
            " The General Assembly,\n\n 1. Adopts the principles annexed to the present resolution.\n\n"
            " 64th plenary meeting\n16 December 2005\n\n Annex\n\n Principles of cooperation\n\n"
            " 1. States should cooperate.\n\n 2. States should share information:\n (a) Promptly;\n"
        )
        data = parse_resolution(text, lang="en").to_dict()
        annex = data["annex"]
        assert data["annexes"] == [annex]
        assert (annex["heading"], annex["title"]) == ("Annex", "Principles of cooperation")
        assert annex["footnotes"] == []
        assert [(paragraph["number"], paragraph["text"]) for paragraph in annex["paragraphs"]] == [
            (1, "States should cooperate."),
            (2, "States should share information: (a) Promptly;"),
        ]
        assert annex["paragraphs"][1]["subparagraphs"] == [{"label": "a", "text": "Promptly;"}]

    def test_no_annex_is_null(self):
        assert parse_resolution(ENGLISH).to_dict()["annex"] is None


class TestReporting:
    def test_a_word_like_rapportant_is_not_a_report(self):
        text = " L’Assemblée générale,\n\n 1. Prie l’Office de faciliter l’application des protocoles s’y rapportant;\n"
        assert parse_resolution(text, lang="fr").reporting_requests == []

    def test_spanish_report(self):
        text = (
            " La Asamblea General,\n\n 1. Pide al Secretario General que le presente en su sexagésimo "
            "primer período de sesiones un informe sobre la aplicación de la presente resolución.\n"
        )
        request = parse_resolution(text, lang="es").reporting_requests[0]
        assert (request.paragraph, request.addressee, request.to_session) == (1, "Secretary-General", 61)


class TestCitations:
    def test_bodies_and_documents(self):
        text = (
            "Recalling General Assembly resolution 55/25, Economic and Social Council resolution 2005/14, "
            "Security Council resolution 1373 (2001) and resolution 2004/28 of the Economic and Social Council, "
            "and the reports A/CONF.203/18 and E/CN.15/2005/20."
        )
        found = [(item.kind, item.body, item.ref) for item in find_citations(text, "GA")]
        assert found == [
            ("resolution", "GA", "55/25"),
            ("resolution", "ECOSOC", "2005/14"),
            ("resolution", "SC", "1373 (2001)"),
            ("resolution", "ECOSOC", "2004/28"),
            ("document", None, "A/CONF.203/18"),
            ("document", None, "E/CN.15/2005/20"),
        ]

    def test_lists_with_dates(self):
        text = "Reaffirming its resolutions 69/193 and 69/196 of 18 December 2014, 70/178 and 70/182 of 17 December"
        assert [item.ref for item in find_citations(text, "GA")] == ["69/193", "69/196", "70/178", "70/182"]


def test_kinds_are_a_closed_documented_set():
    assert {
        "request",
        "invitation",
        "urging",
        "encouragement",
        "decision",
        "reaffirmation",
        "taking_note",
        "welcome",
        "appreciation",
        "endorsement",
        "recognition",
        "call",
        "emphasis",
        "other",
    } <= set(KINDS)


def test_to_dict_has_exactly_the_contract_keys_and_documented_extras():
    data = parse_resolution(ENGLISH).to_dict()
    assert set(data) == {
        "symbol",
        "language",
        "title",
        "session",
        "preamble",
        "operative",
        "footnotes",
        "citations",
        "reporting_requests",
        "annex",
        "annexes",
        "warnings",
        "leftovers",
        "body",
        "adoption_date",
        "agenda_item",
        "plenary_meeting",
    }
    assert {"number", "lead", "text", "subparagraphs", "addressees", "kind"} <= set(data["operative"][0])
    assert set(data["preamble"][0]) == {"index", "lead", "text"}


# --- Cases met in the real English texts A/RES/56/160 and A/RES/57/97 -----------------------------


def test_requests_him_refers_to_the_secretary_general_named_before():
    from tcdesk.mandates.parsing import parse_resolution

    text = (
        "56/160. Human rights and terrorism\n\nThe General Assembly,\n\nRecalling its resolution 52/133,\n\n"
        "1. Welcomes the report of the Secretary-General, and requests him to continue to seek views, "
        "with a view to incorporating his findings in his report to the General Assembly;\n"
    )
    parsed = parse_resolution(text, lang="en").to_dict()
    assert [(r["paragraph"], r["addressee"]) for r in parsed["reporting_requests"]] == [(1, "Secretary-General")]


def test_commission_and_subcommission_resolutions_keep_their_body():
    from tcdesk.mandates.parsing.citations import find_citations

    text = (
        "Recalling previous resolutions of the Commission on Human Rights, and taking note in particular of "
        "Commission resolution 2001/37 of 23 April 2001, as well as the relevant resolutions of the Subcommission "
        "on the Promotion and Protection of Human Rights, in particular its resolution 2001/18, adopted on 16 August "
        "2001, and Economic and Social Council resolution 2005/14"
    )
    assert [(c.body, c.ref) for c in find_citations(text, "GA")] == [
        ("Commission", "2001/37"),
        ("Subcommission", "2001/18"),
        ("ECOSOC", "2005/14"),
    ]


def test_english_preamble_leads_with_in_particular_and_great_concern():
    from tcdesk.mandates.parsing.vocabulary import preamble_lead

    assert preamble_lead("Recalling in particular that, in its resolution", "en") == "Recalling in particular"
    assert preamble_lead("Alarmed in particular at the possibility", "en") == "Alarmed in particular"
    assert preamble_lead("Noting with great concern the growing", "en") == "Noting with great concern"
    assert preamble_lead("Expressing its deepest sympathy and condolences", "en") == "Expressing its deepest sympathy"


_PAGE_BREAK_BETWEEN_PREAMBLES = (
    "United Nations A/RES/70/123\nGeneral Assembly Distr.: General\n8 February 2016\n\nSeventieth session\n"
    "Agenda item 106\n\nResolution adopted by the General Assembly on 17 December 2015\n"
    "[on the report of the Third Committee (A/70/490)]\n\n70/123. Strengthening of something\n\n"
    "The General Assembly,\n\n Recalling its resolutions on crime8\nprevention9,\n__________________\n\n"
    " 8  A/70/1.\n 9  A/70/2.\n15-22611 (E)\n1/9\nA/RES/70/123\n\n\n Recalling {first} other texts,\n\n"
    " 1. Requests a report.\n\n70th plenary meeting\n17 December 2015\n"
)


@pytest.mark.parametrize("first", ["o", "y", "et", "ou"])
def test_a_preambular_paragraph_after_a_page_break_is_not_read_as_a_list_going_on_in_another_language(first):
    # "o", "y" are Spanish conjunctions and "et", "ou" French ones: in an English text they are words
    # like any other, and the paragraph after the page break is a new one.
    parsed = parse_resolution(_PAGE_BREAK_BETWEEN_PREAMBLES.format(first=first), lang="en")
    assert [paragraph.text for paragraph in parsed.preamble] == [
        "Recalling its resolutions on crime prevention,",
        f"Recalling {first} other texts,",
    ]


def test_soft_hyphen_before_a_form_feed_leaves_the_page_break_alone():
    from tcdesk.mandates.parsing.layout import PAGE_BREAK, normalise

    assert normalise("0\u00ad\f").split("\n").count(PAGE_BREAK) == 1
    assert all(PAGE_BREAK not in line or line == PAGE_BREAK for line in normalise("0\u00ad\f").split("\n"))


@pytest.mark.parametrize(
    ("called", "where"),
    [
        ("the advisory opinion on nuclear weapons, 1in which the Court", "preamble:2"),  # glued to the next word
        ("the advisory opinion on nuclear weapons, 1 in which the Court", "preamble:2"),  # spaced after a comma
        ("the Millennium Declaration 1 of 2000 and", "preamble:2"),  # spaced after a capitalised word
        ("the report of 1990 1  and the Court", "preamble:2"),  # after a year, before a double space
    ],
)
def test_a_marker_away_from_its_word_is_found_where_the_numbering_allows(called, where):
    """The same number elsewhere (paragraph 1 of resolution 46/1, before the window) is not taken."""
    text = (
        "United Nations A/RES/80/999\n\nThe General Assembly,\n\n"
        "Recalling paragraph 1 of its resolution 46/1,\n\n"
        f"Noting {called} said so,\n\n"
        "1 A/51/218, annex.\n\n"
        "1. Decides to remain seized of the matter.\n"
    )
    parsed = parse_resolution(text, lang="en").to_dict()
    assert [(note["number"], note["called_from"]) for note in parsed["footnotes"]] == [(1, [where])]
    assert parsed["preamble"][0]["text"] == "Recalling paragraph 1 of its resolution 46/1,"


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("the Millennium Declaration\n 2 of an appeal", 1),  # the wrap carried the marker to the next line
        ("the Millennium Declaration\n2 of an appeal", 1),
        ("of the decisions;\n 2. Requests the Secretary-General", 0),  # a paragraph number
        ("the Millennium Declaration\n\n 2 of an appeal", 0),  # after a blank line: not the same sentence
        ("as set out in article\n 2 of the Convention", 0),  # a number: "article 2"
        ("the Millennium Declaration\n 2 States", 0),
    ],
)
def test_a_marker_the_line_wrap_put_at_the_start_of_a_line_is_weak_evidence(text, score):
    start = text.index("2")
    assert spaced_marker(text, start, start + 1) == score
