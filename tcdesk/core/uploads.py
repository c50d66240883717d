"""Budgets of uploaded files: counted as they arrive, and archives checked before they are opened.

- `BudgetUploadHandler` (first in FILE_UPLOAD_HANDLERS) counts the bytes of a multipart body as they
  arrive and stops the request past `TCDESK_MAX_UPLOAD_BYTES` plus the form's envelope, whether or not
  a length was declared and before the next handlers spool anything to disk (the edge middleware
  already refuses a declared length past it). The request then fails as "too large" (400), signed in
  or not: the CSRF check of an anonymous form reads the body before the sign-in redirect.
- `check_archive` refuses a ZIP container (DOCX, XLSX) whose members would unpack past
  `MAX_UNPACKED_BYTES` or at a ratio no office document has (a zip bomb), before any reader opens it.
"""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _

from .edge import max_request_bytes

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # office XML compresses 10-30 times; a zip bomb thousands of times
MAX_MEMBERS = 10_000
RATIO_FROM_BYTES = 20 * 1024 * 1024  # small archives may compress as they like


class BudgetUploadHandler(FileUploadHandler):
    """Stops a multipart body once it passes the request budget (see the module's docstring)."""

    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > max_request_bytes():
            raise RequestDataTooBig(_("The upload is larger than the limit."))
        return raw_data

    def file_complete(self, file_size: int):
        return None


def is_zip(content: bytes) -> bool:
    return content[:4] == b"PK\x03\x04"


def check_archive(content: bytes, *, name: str, field: str = "file") -> None:
    """ValidationError on `field` when a ZIP container would unpack too large (or is not readable)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ValidationError({field: [_("“%(name)s” is not a readable archive.") % {"name": name}]}) from None
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    bomb_like = unpacked > RATIO_FROM_BYTES and unpacked / packed > MAX_RATIO
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES or bomb_like:
        raise ValidationError(
            {
                field: [
                    _("“%(name)s” would unpack to %(size)s MB; documents may unpack to at most %(limit)s MB.")
                    % {
                        "name": name,
                        "size": f"{unpacked / 1048576:.0f}",
                        "limit": f"{MAX_UNPACKED_BYTES / 1048576:.0f}",
                    }
                ]
            }
        )
