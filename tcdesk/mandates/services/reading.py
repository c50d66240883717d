"""Reading uploaded files (text or PDF) and parsing them, without storing anything."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..choices import SourceFormat
from ..parsing import ParseError, decode_text, extract_pdf_text, parse_resolution
from ..parsing.decoding import PDF_MAX_PAGES, PDF_MAX_SECONDS

ALLOWED_EXTENSIONS = {".txt", ".md", ".pdf"}  # .md: a text whose footnotes are written in Markdown
LANGUAGES = ("auto", "en", "fr", "es")
# The longest resolution text read (TCDESK_RESOLUTION_MAX_CHARS): the longest General Assembly
# resolutions run to a few hundred thousand characters; the parser's time grows with the text, so a
# body of 10 MB of text would hold a worker for seconds to tell nothing useful.
RESOLUTION_MAX_CHARS = 1_000_000


# ---------------------------------------------------------------------------------------------
# Reading files


@dataclass
class SourceDocument:
    text: str
    format: str
    sha256: str
    filename: str


def normalise_symbol(symbol: str) -> str:
    return " ".join((symbol or "").split()).upper()


def read_source(*, data: bytes, filename: str = "") -> SourceDocument:
    """Bytes of an uploaded .txt, .md or .pdf file to text; ValidationError on the `file` field."""
    if not data:
        raise ValidationError({"file": [_("The file is empty: expected the text or the PDF of a resolution.")]})
    limit = settings.TCDESK_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise ValidationError(
            {
                "file": [
                    _("The file is too large (%(size)s bytes; the limit is %(limit)s).")
                    % {"size": len(data), "limit": limit}
                ]
            }
        )
    extension = Path(filename or "").suffix.lower()
    if filename and extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            {"file": [_("Only .txt, .md and .pdf files are accepted (this file is “%(name)s”).") % {"name": filename}]}
        )
    is_pdf = b"%PDF-" in data[:1024]
    if extension == ".pdf" and not is_pdf:
        raise ValidationError({"file": [_("The file is named .pdf but is not a PDF document.")]})
    try:
        text = (
            extract_pdf_text(
                data,
                max_bytes=limit,
                max_pages=getattr(settings, "TCDESK_PDF_MAX_PAGES", PDF_MAX_PAGES),
                max_seconds=getattr(settings, "TCDESK_PDF_MAX_SECONDS", PDF_MAX_SECONDS),
            )
            if is_pdf
            else decode_text(data)
        )
    except ParseError as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    most = int(getattr(settings, "TCDESK_RESOLUTION_MAX_CHARS", RESOLUTION_MAX_CHARS))
    if len(text) > most:
        raise ValidationError(
            {
                "file": [
                    _("The text is %(size)s characters long; a resolution may be at most %(limit)s characters.")
                    % {"size": f"{len(text):,}", "limit": f"{most:,}"}
                ]
            }
        )
    return SourceDocument(
        text=text,
        format=SourceFormat.PDF if is_pdf else SourceFormat.TEXT,
        sha256=hashlib.sha256(data).hexdigest(),
        filename=Path(filename or "").name,
    )


def parse_source(*, data: bytes, filename: str = "", lang: str = "auto"):
    """Read and parse a file without storing anything: (SourceDocument, ParsedResolution)."""
    if lang not in LANGUAGES:
        raise ValidationError({"lang": [_("Unknown language “%(lang)s”: use auto, en, fr or es.") % {"lang": lang}]})
    source = read_source(data=data, filename=filename)
    try:
        parsed = parse_resolution(source.text, lang, source_name=source.filename or None)
    except ParseError as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    return source, parsed
