"""The report to a Conference of the Parties: one convention (and its Protocols), its status, the requests
concerning it and the delivery on its themes; by the command, the API and the pages' service."""

from __future__ import annotations

import datetime as dt
import io
import json

import docx
import pytest
from django.core.management import CommandError, call_command

from tcdesk.assistance.models import RequestInstrument
from tcdesk.reports import services
from tcdesk.treaties.models import Instrument
from tcdesk.treaties.services import action_record, instruments_load

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(officer):
    if not Instrument.objects.exists():
        instruments_load()
    untoc = Instrument.objects.get(code="UNTOC")
    action_record(instrument=untoc, participant="MLI", action="ratification", date=dt.date(2002, 4, 12), user=officer)
    action_record(instrument=untoc, participant="COL", action="ratification", date=dt.date(2006, 3, 1), user=officer)
    tip = Instrument.objects.get(code="TIP_PROTOCOL")
    action_record(instrument=tip, participant="MLI", action="ratification", date=dt.date(2002, 4, 12), user=officer)
    about = f.request_in(country="MLI", groups=",LDC,", submitted=dt.date(2006, 1, 10))
    RequestInstrument.objects.create(request=about, instrument_code="UNTOC")
    protocol = f.request_in(country="COL", groups=",", submitted=dt.date(2006, 2, 10))
    RequestInstrument.objects.create(request=protocol, instrument_code="TIP_PROTOCOL")
    other = f.request_in(country="NER", groups=",LDC,", submitted=dt.date(2006, 2, 1))
    RequestInstrument.objects.create(request=other, instrument_code="ICSANT")
    return {"about": about, "protocol": protocol, "other": other}


def run(tmp_path, capsys, *args) -> tuple[dict, bytes]:
    out = tmp_path / "cop.docx"
    call_command("generate_report", *args, "--from", "2005-12-16", "--to", "2006-06-30", "--out", str(out), "--json")
    return json.loads(capsys.readouterr().out), out.read_bytes()


def test_the_conference_report_covers_the_convention_its_protocols_and_the_requests_concerning_them(
    seeded, tmp_path, capsys
):
    summary, data = run(tmp_path, capsys, "--instrument", "untoc", "--lang", "en", "--format", "docx")
    assert summary["kind"] == "cop" and summary["annex_rows"] == 0
    figures = summary["figures"]
    assert figures["requests_received"] == 2  # the convention's and its Protocol's, not ICSANT's
    assert figures["new_parties_UNTOC"] == 1 and figures["parties_UNTOC"] == 2
    assert "parties_ICSANT" not in figures and "parties_TIP_PROTOCOL" in figures
    word = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        c.text for t in word.tables for r in t.rows for c in r.cells
    )
    assert "Conference of the Parties to the United Nations Convention against Transnational Organized Crime" in text
    assert "CTOC/COP/2006/[…]" in text and "Report of the Secretariat" in text
    assert "Status of the operative paragraphs" not in text  # no resolution, no annex
    # Delivery on the convention's themes (organized crime, trafficking through its Protocol) says there is none.
    assert "No project on transnational organized crime was under way" in text


def test_the_french_conference_report_is_in_french(seeded, tmp_path, capsys):
    _summary, data = run(tmp_path, capsys, "--instrument", "UNCAC", "--lang", "fr", "--format", "docx")
    word = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        c.text for t in word.tables for r in t.rows for c in r.cells
    )
    assert "Conférence des États parties à la Convention des Nations Unies contre la corruption" in text
    assert "Rapport du Secrétariat" in text and "CAC/COSP/2006/[…]" in text
    for english in ("Conference of", "Report of the Secretariat", "Technical assistance", "Introduction to"):
        assert english not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--instrument", "NOPE"], "--instrument: No convention NOPE"),
        (["--instrument", "TIP_PROTOCOL"], "a protocol has no Conference of its own"),
        (["--donor", "XXX"], "--donor: No donor XXX"),
    ],
)
def test_an_unknown_subject_is_named_and_no_file_is_written(seeded, tmp_path, args, message):
    out = tmp_path / "cop.docx"
    with pytest.raises(CommandError) as caught:
        call_command("generate_report", *args, "--from", "2005-12-16", "--to", "2006-06-30", "--out", str(out))
    assert message in str(caught.value)
    assert not out.exists()


def test_a_conference_report_is_defined_through_the_api_and_its_sources_listed(seeded, secretariat_client):
    answer = secretariat_client.post(
        "/api/reports",
        {"instrument": "UNTOC", "period_start": "2005-12-16", "period_end": "2006-06-30"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["kind"] == "cop" and answer.json()["instrument"] == "UNTOC"
    both = secretariat_client.post(
        "/api/reports",
        {"instrument": "UNTOC", "donor": "NOR", "period_start": "2005-12-16", "period_end": "2006-06-30"},
        content_type="application/json",
    )
    assert both.status_code == 422
    listed = secretariat_client.get("/api/reports/sources/requests?from=2005-12-16&to=2006-06-30&instrument=UNTOC")
    assert listed.status_code == 200
    assert listed.json()["references"]["received"] == sorted([seeded["about"].reference, seeded["protocol"].reference])


def test_a_conference_report_is_generated_as_a_version(seeded, secretariat, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = services.report_create(
        actor=secretariat, instrument="UNTOC", period_start=dt.date(2005, 12, 16), period_end=dt.date(2006, 6, 30)
    )
    assert report.subject == "UNTOC" and report.kind == "cop"
    document = services.document_for(report, "en", on=dt.date(2006, 7, 1))
    assert [s.key for s in document.sections] == ["introduction", "treaties", "assistance", "delivery", "conclusions"]


def test_the_pages_define_a_conference_report_and_preview_it_in_french(seeded, officer_client):
    answer = officer_client.post(
        "/reports/", {"instrument": "UNTOC", "period_start": "2005-12-16", "period_end": "2006-06-30"}
    )
    assert answer.status_code == 302, answer.content
    page = officer_client.get(answer["Location"])
    assert "Organized Crime Convention" in page.content.decode()
    preview = officer_client.get(answer["Location"] + "preview/?lang=fr").content.decode()
    assert "Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale" in preview
    assert "/api/reports/sources/requests?from=2005-12-16&amp;to=2006-06-30&amp;instrument=UNTOC" in preview
    refused = officer_client.post(
        "/reports/", {"instrument": "NOPE", "period_start": "2005-12-16", "period_end": "2006-06-30"}
    )
    assert refused.status_code == 422 and "No convention NOPE" in refused.content.decode()
