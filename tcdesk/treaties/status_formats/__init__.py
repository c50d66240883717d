"""Parsers of treaty status tables: UN Treaty Collection XML, HTML table, copied text, plain CSV.

Pure package (no Django). `parse_status_file` recognises the format, decodes the bytes and returns
a `ParsedStatusTable` of normalised `StatusRow`s plus the `RowProblem`s of rows it could not
read. Only a file that is unreadable as a whole raises `StatusFormatError`.
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

from tcdesk.treaties.status_formats import csv_table, html_table, text_table, untc_xml
from tcdesk.treaties.status_formats.parsed import (
    ACTIONS,
    CONSENT_ACTIONS,
    EXIT_ACTIONS,
    SIGNATURE_ACTIONS,
    FormatName,
    ParsedStatusTable,
    RowProblem,
    StatusFormatError,
    StatusRow,
)

__all__ = [
    "ACTIONS",
    "CONSENT_ACTIONS",
    "EXIT_ACTIONS",
    "SIGNATURE_ACTIONS",
    "FormatName",
    "ParsedStatusTable",
    "RowProblem",
    "StatusFormatError",
    "StatusRow",
    "detect_format",
    "parse_status_file",
]

_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Decode text: a BOM wins, then a declared charset (HTML), then strict UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise StatusFormatError(
                "the file starts with a UTF-16 mark but is not valid UTF-16", "utf16_invalid"
            ) from None
    if b"\x00" in data[:4096]:
        raise StatusFormatError("the file is binary (it contains NUL bytes), not a status table", "binary_file")
    if declared:
        try:
            return data.decode(codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError):
            pass  # fall back to UTF-8 and its clear error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = f"0x{data[error.start]:02x}"
        raise StatusFormatError(
            f"the file is not UTF-8 text (byte {byte} at position {error.start}); save it as UTF-8 and try again",
            "not_utf8",
            {"byte": byte, "position": error.start},
        ) from None


def detect_format(data: bytes, filename: str | None = None) -> FormatName:
    """Recognise the format from the content; the file name only breaks ties."""
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if head.startswith(b"<"):
        # The treaty XML has a <Table> too; only an <html> root or a table without <Participants> is HTML.
        if b"<html" in head[:4096] or b"<!doctype html" in head[:200]:
            return "html"
        if b"<table" in head and b"<participants" not in head and not head.startswith(b"<?xml"):
            return "html"
        return "untc_xml"
    if b"<table" in head and b"<tr" in head:
        return "html"
    if suffix in (".xml",):
        return "untc_xml"
    first = next((line for line in head.splitlines() if line.strip() and not line.startswith(b"#")), b"")
    if csv_table.header_fields(first.decode("utf-8", errors="replace")) is not None:
        return "csv"
    return "text"


def parse_status_file(data: bytes, filename: str | None = None) -> ParsedStatusTable:
    """Parse a status table file of any supported format.

    Raises StatusFormatError for an empty, binary, undecodable or unrecognised file; rows that
    cannot be read are returned in `problems`, never raised.
    """
    if not data.strip():
        raise StatusFormatError("the file is empty", "empty_file")
    kind = detect_format(data, filename)
    if kind == "untc_xml":
        return untc_xml.parse(data)
    if kind == "html":
        charset = _HTML_CHARSET.search(data[:4096])
        return html_table.parse(decode(data, declared=charset.group(1).decode() if charset else None))
    text = decode(data)
    if kind == "csv":
        return csv_table.parse(text)
    try:
        return text_table.parse(text)
    except StatusFormatError:
        if PurePath(filename or "").suffix.lower() == ".csv":
            raise StatusFormatError(
                "the CSV file must start with the header 'participant,action,date'", "csv_no_header"
            ) from None
        raise
