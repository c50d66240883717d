"""The generated DOCX and PDF, read back, state the figures the records hold, in both languages."""

from __future__ import annotations

import io

import docx
import pypdf
import pytest

from tcdesk.reports.render.docx import render_docx

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> tuple[str, list]:
    word = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in word.paragraphs), word.tables


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_smoke(rendered):
    for lang in ("en", "fr"):
        text, tables = docx_text(rendered[lang]["docx"])
        print(text[:3000])
        print(pdf_text(rendered[lang]["pdf"])[:3000])
        print(rendered[lang]["document"].figures)
