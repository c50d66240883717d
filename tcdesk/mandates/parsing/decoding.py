"""Bytes to text: character-set detection for uploaded text files, and PDF text extraction."""

from __future__ import annotations

import codecs
import io

from .errors import ParseError

# Bytes that never occur in text: NUL aside, C0 controls other than tab, newlines and form feed.
_CONTROL_BYTES = set(range(0, 9)) | {11} | set(range(14, 32))
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for char in text if ord(char) in _CONTROL_BYTES or char == "\ufffd")
    return controls / len(text) > 0.01


def decode_text(data: bytes) -> str:
    """Decode a text file whose encoding is unknown.

    Order: byte-order marks, UTF-16 without BOM (many NUL bytes at alternating positions),
    strict UTF-8, then cp1252 and latin-1. Binary data raises ParseError.
    """
    if not data:
        raise ParseError("The file is empty: expected the text of a resolution.")
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[3:].decode("utf-8", errors="replace"))
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _checked(data[len(bom) :].decode(codec, errors="replace"))
    if data.startswith(b"%PDF-"):
        raise ParseError("This is a PDF file, not text: extract its text first (extract_pdf_text).")
    sample = data[:4096]
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if len(sample) >= 4 and max(even_nuls, odd_nuls) > len(sample) // 4 and min(even_nuls, odd_nuls) < 2:
        codec = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
        return _checked(data.decode(codec, errors="replace"))
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if not any(byte in _CP1252_UNDEFINED for byte in data):
        return _checked(data.decode("cp1252"))
    return _checked(data.decode("latin-1"))


def _checked(text: str) -> str:
    if _looks_binary(text):
        raise ParseError(
            "The file does not look like text (too many control or undecodable characters): "
            "expected a UTF-8, UTF-16, cp1252 or latin-1 text file."
        )
    return text


def extract_pdf_text(data: bytes) -> str:
    """Extract the text layer of a PDF, pages separated by form feeds.

    A PDF whose pages carry no text (a scan) raises ParseError: OCR is out of scope.
    """
    from pypdf import PdfReader  # imported here so plain-text parsing never needs pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ParseError(f"The PDF could not be read: {exc}.") from exc
    if not "".join(pages).strip():
        raise ParseError(
            "The PDF has no text layer (it looks scanned, "
            f"{len(pages)} page(s) of images): OCR it first or supply the text."
        )
    return "\f".join(pages)
