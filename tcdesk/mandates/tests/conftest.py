"""Fixtures of the mandates tests: the founding resolution, loaded once per session, and small
resolutions written for the tests (citing it, or cited by it)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED_NAME = "A-RES-60-175.fr.txt"
SEED_BYTES = (CORPUS / SEED_NAME).read_bytes()

# A short English resolution written for the tests; it cites the founding resolution (60/175) and
# 46/52, and its symbol (given by the file name) is 59/159, which the founding resolution cites.
MINI_EN = """The General Assembly,

Recalling its resolution 60/175 of 16 December 2005 and its resolution 46/52,

Bearing in mind the United Nations Convention against Corruption,

1. Takes note of the report of the Secretary-General;

2. Urges Member States:
(a) To ratify the United Nations Convention against Corruption;
(b) To prevent trafficking in persons;

3. Requests the Secretary-General to submit to it at its sixtieth session a report on the
implementation of the present resolution.
"""


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines` (Helvetica, WinAnsi), built by hand."""

    def escape(line: str) -> bytes:
        raw = line.encode("cp1252")
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    content = b"BT /F1 10 Tf 14 TL 40 800 Td " + b" ".join(b"(" + escape(line) + b") '" for line in lines) + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def blank_pdf() -> bytes:
    """A PDF with one blank page and no text layer, like a scan without OCR."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def seed_resolution(django_db_setup, django_db_blocker):
    """The founding resolution, loaded once for the session (each test's changes roll back)."""
    from tcdesk.mandates.models import Addressee, Resolution
    from tcdesk.mandates.services import resolution_load

    with django_db_blocker.unblock():
        resolution, _created = resolution_load(data=SEED_BYTES, filename=SEED_NAME)
    yield resolution
    with django_db_blocker.unblock():
        Resolution.objects.filter(pk=resolution.pk).delete()
        Addressee.objects.all().delete()


@pytest.fixture
def seed(seed_resolution, db):
    from tcdesk.mandates.models import Resolution

    return Resolution.objects.get(pk=seed_resolution.pk)


@pytest.fixture
def mandate(seed):
    return seed.mandates.get(key="26")
