"""What an uploaded file really is, from its first bytes (not its name or the browser's claim). No Django.

Accepted: PDF, DOCX (a ZIP holding word/document.xml), PNG, JPEG.
"""

from __future__ import annotations

import zipfile
from typing import BinaryIO

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PNG = "image/png"
JPEG = "image/jpeg"
ALLOWED = {PDF: ".pdf", DOCX: ".docx", PNG: ".png", JPEG: ".jpg"}


def sniff(stream: BinaryIO) -> str | None:
    """The content type of an accepted kind of file, or None. Leaves the stream at its start."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            try:
                with zipfile.ZipFile(stream) as archive:
                    names = set(archive.namelist())
            except (zipfile.BadZipFile, OSError, ValueError):
                return None
            return DOCX if "word/document.xml" in names and "[Content_Types].xml" in names else None
        return None
    finally:
        stream.seek(0)
