"""Bytes to text: character-set detection for uploaded text files, and PDF text extraction."""

from __future__ import annotations

import codecs
import io
import time
from collections.abc import Callable

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


# Budgets of one PDF extraction: a hostile file of a few kilobytes can hold thousands of pages,
# streams that inflate to gigabytes, or content that keeps the extractor busy for minutes.
PDF_MAX_BYTES = 10_000_000
PDF_MAX_PAGES = 300
PDF_MAX_SECONDS = 20.0
PDF_MAX_STREAM_BYTES = 20_000_000  # once inflated, per stream


class _OverTime(Exception):
    """Raised from inside pypdf's text extraction when the time budget is spent."""


def extract_pdf_text(
    data: bytes,
    *,
    max_bytes: int = PDF_MAX_BYTES,
    max_pages: int = PDF_MAX_PAGES,
    max_seconds: float = PDF_MAX_SECONDS,
    max_stream_bytes: int = PDF_MAX_STREAM_BYTES,
    clock: Callable[[], float] = time.monotonic,
) -> str:
    """Extract the text layer of a PDF, pages separated by form feeds.

    A PDF whose pages carry no text (a scan) raises ParseError: OCR is out of scope. So does a
    PDF over a budget (bytes, pages, inflated size of a stream, seconds), with a message naming
    the budget, and a PDF pypdf cannot read (pypdf raises many kinds of errors on damaged or
    hostile files: each one is an unreadable PDF, never a server error).
    """
    from pypdf import PdfReader, apply_configuration  # imported here so plain-text parsing never needs pypdf
    from pypdf.errors import LimitReachedError

    if len(data) > max_bytes:
        raise ParseError(f"The PDF is too large ({len(data)} bytes): the limit is {max_bytes} bytes.")
    deadline = clock() + max_seconds

    def watch(*_args: object) -> None:  # called by pypdf before each operator of a page's content
        if clock() > deadline:
            raise _OverTime

    limits = {
        "zlib_maximum_output_length": max_stream_bytes,
        "lzw_maximum_output_length": max_stream_bytes,
        "run_length_maximum_output_length": max_stream_bytes,
        "array_based_stream_maximum_output_length": max_stream_bytes,
        "maximum_declared_stream_length": max_stream_bytes,
    }
    pages: list[str] = []
    try:
        # None (the default) is said so that type checks read the limits as overwrites, not as it.
        with apply_configuration(None, **limits):
            reader = PdfReader(io.BytesIO(data))
            count = len(reader.pages)
            if count > max_pages:
                pages_word = "page" if count == 1 else "pages"
                raise ParseError(f"The PDF has {count} {pages_word}: the limit is {max_pages} pages.")
            for page in reader.pages:
                watch()
                pages.append(page.extract_text(visitor_operand_before=watch) or "")
    except ParseError:
        raise
    except _OverTime:
        raise ParseError(
            f"Reading the PDF took longer than {max_seconds:g} seconds (after {len(pages)} page(s)): "
            "the limit was reached; supply the text instead."
        ) from None
    except LimitReachedError as exc:
        raise ParseError(f"The PDF is over a size limit once uncompressed ({exc}).") from exc
    except RecursionError as exc:
        raise ParseError("The PDF could not be read: its objects are nested too deeply.") from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many error types on damaged files: all mean "unreadable"
        raise ParseError(f"The PDF could not be read: {exc}.") from exc
    if not "".join(pages).strip():
        raise ParseError(
            "The PDF has no text layer (it looks scanned, "
            f"{len(pages)} page(s) of images): OCR it first or supply the text."
        )
    return "\f".join(pages)
