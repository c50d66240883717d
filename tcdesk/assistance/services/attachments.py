"""Attachments: checking and storing uploaded files, and forgetting stored files when a transaction rolls back."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from tcdesk.core.uploads import check_archive

from .. import files
from ..models import AssistanceRequest, RequestAttachment
from ._common import _require_change, logger

# ---------------------------------------------------------------------------------------------- files


_stored_files = threading.local()


@contextlib.contextmanager
def files_deleted_on_rollback():
    """An atomic block that deletes from storage the attachment files stored inside it if it rolls back
    (by an exception or `set_rollback`): the database forgets the row, the disk must forget the file.

    Blocks nest: a file stored in an inner block is deleted when any enclosing block of this kind rolls
    back. (A rollback of a plain `transaction.atomic` around it cannot be seen; callers that attach files
    inside a transaction of their own use this block instead.)
    """
    trackers = _stored_files.__dict__.setdefault("trackers", [])
    stored: list = []
    trackers.append(stored)
    try:
        with transaction.atomic():
            yield
            rolled_back = transaction.get_rollback()
    except BaseException:
        _delete_stored(stored)
        raise
    finally:
        trackers.pop()
    if rolled_back:
        _delete_stored(stored)


def _remember_stored(field_file) -> None:
    for stored in getattr(_stored_files, "trackers", []):
        stored.append((field_file.storage, field_file.name))


def _delete_stored(stored: list) -> None:
    for storage, name in stored:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("could not delete the orphaned file %s", name, exc_info=True)


# ---------------------------------------------------------------------------------------------- attachments


def attachment_filename(original: str, content_type: str) -> str:
    """A safe stored name: the original stem cleaned of path and odd characters ("attachment" when nothing
    is left, e.g. for "@@@.pdf" or "....pdf"), with the extension of the type read from the content."""
    base = os.path.basename((original or "").replace("\\", "/"))
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem.strip(". ")[:80]
    try:
        cleaned = get_valid_filename(stem).strip(".") if stem else ""
    except SuspiciousFileOperation:
        cleaned = ""
    if not any(c.isalnum() for c in cleaned):
        cleaned = "attachment"
    return cleaned + files.ALLOWED[content_type]


def attachment_check(upload) -> str:
    """The content type of an acceptable upload (size limited; type read from the content, not the name);
    ValidationError on `file` otherwise. Writes nothing."""
    limit = settings.TCDESK_MAX_UPLOAD_BYTES
    if upload is None:
        raise ValidationError({"file": [_("Choose a file.")]})
    if upload.size > limit:
        raise ValidationError(
            {
                "file": [
                    _("“%(name)s” is %(size)s MB; files may be at most %(limit)s MB.")
                    % {"name": upload.name, "size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
                ]
            }
        )
    content_type = files.sniff(upload)
    if content_type is None:
        raise ValidationError(
            {
                "file": [
                    _("“%(name)s” is not a PDF, DOCX, PNG or JPEG file (checked from its content).")
                    % {"name": upload.name}
                ]
            }
        )
    if content_type == files.DOCX:
        upload.seek(0)
        check_archive(upload.read(), name=upload.name)
        upload.seek(0)
    return content_type


def max_attachments_at_once() -> int:
    """How many files one submission (the request form, one API call) may carry:
    TCDESK_MAX_ATTACHMENTS_PER_SUBMISSION."""
    return int(getattr(settings, "TCDESK_MAX_ATTACHMENTS_PER_SUBMISSION", 5))


def attachments_check(uploads: Sequence, *, field: str = "file") -> list[str]:
    """The content types of several uploads sent together, in order; ValidationError on `field` otherwise,
    naming every refused file and why (too many files, a file too large, of the wrong type or a zip bomb,
    or all of them together past the size of one request). Writes nothing.

    Files sent at once travel in one request body, whose budget is one upload (TCDESK_MAX_UPLOAD_BYTES):
    they share it, and the limit is said here rather than by the edge's "too large" page.
    """
    uploads = [upload for upload in uploads if upload is not None]
    most = max_attachments_at_once()
    if len(uploads) > most:
        raise ValidationError(
            {
                field: [
                    _("At most %(max)s files may be sent at once (%(n)s were chosen).")
                    % {"max": most, "n": len(uploads)}
                ]
            }
        )
    errors: list[str] = []
    content_types: list[str] = []
    for upload in uploads:
        try:
            content_types.append(attachment_check(upload))
        except ValidationError as exc:
            errors += exc.message_dict["file"]
    limit = settings.TCDESK_MAX_UPLOAD_BYTES
    total = sum(upload.size for upload in uploads)
    if not errors and len(uploads) > 1 and total > limit:
        errors.append(
            _("The files together are %(size)s MB; files sent at once may together be at most %(limit)s MB.")
            % {"size": f"{total / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
        )
    if errors:
        raise ValidationError({field: errors})
    return content_types


def attachment_add(*, ta_request: AssistanceRequest, actor, upload) -> RequestAttachment:
    """Attach a PDF, DOCX or image; the type is read from the content and the size is limited.

    The file is checked before anything is written, and deleted from storage again if the transaction
    that stored it rolls back (see `files_deleted_on_rollback`).
    """
    with files_deleted_on_rollback():
        _require_change(actor, ta_request)
        content_type = attachment_check(upload)
        name = attachment_filename(upload.name, content_type)
        attachment = RequestAttachment(
            request=ta_request,
            original_name=name,
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save(name, upload, save=False)
        _remember_stored(attachment.file)
        attachment.save()
    return attachment


def attachments_add(*, ta_request: AssistanceRequest, actor, uploads: Sequence) -> list[RequestAttachment]:
    """Attach several files at once: all are checked first (`attachments_check`), then stored in one
    transaction, so a refused file leaves none of the others behind."""
    with files_deleted_on_rollback():
        _require_change(actor, ta_request)
        attachments_check(uploads)
        return [attachment_add(ta_request=ta_request, actor=actor, upload=upload) for upload in uploads]
