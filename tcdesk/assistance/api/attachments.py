"""The files of a request: list, attach one or several, download."""

import datetime as dt

from django.http import FileResponse, HttpRequest
from ninja import File, Schema
from ninja.files import UploadedFile

from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut

from .. import selectors, services
from ..models import RequestAttachment
from ..permissions import CHANGE_REQUEST, VIEW_REQUEST
from .base import router, visible_request


class AttachmentOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    uploaded_at: dt.datetime
    url: str

    @staticmethod
    def resolve_url(obj: RequestAttachment) -> str:
        return f"/api/requests/{obj.request_id}/attachments/{obj.pk}"


@router.get(
    "/{int:pk}/attachments",
    response={200: list[AttachmentOut], 404: ErrorOut},
    summary="Attachments",
    operation_id="tcdesk_assistance_api_attachments",
)
@requires(VIEW_REQUEST, per_object=True)
def attachments(request: HttpRequest, pk: int):
    return list(visible_request(request, pk).attachments.all())


@router.post(
    "/{int:pk}/attachments",
    response={201: AttachmentOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Attach a file (multipart)",
    operation_id="tcdesk_assistance_api_upload",
)
@requires(CHANGE_REQUEST, per_object=True)
def upload(request: HttpRequest, pk: int, file: File[UploadedFile]):
    """PDF, DOCX, PNG or JPEG (type read from the content), at most TCDESK_MAX_UPLOAD_BYTES."""
    ta_request = visible_request(request, pk, CHANGE_REQUEST)
    return 201, services.attachment_add(ta_request=ta_request, actor=request.user, upload=file)


@router.post(
    "/{int:pk}/attachments/batch",
    response={201: list[AttachmentOut], 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Attach several files at once (multipart, repeated `file`)",
    operation_id="tcdesk_assistance_api_upload_several",
)
@requires(CHANGE_REQUEST, per_object=True)
def upload_several(request: HttpRequest, pk: int, file: File[list[UploadedFile]]):
    """All or nothing: every file is checked (type, size, unpacked size; at most
    TCDESK_MAX_ATTACHMENTS_PER_SUBMISSION, together within TCDESK_MAX_UPLOAD_BYTES) before any is stored."""
    ta_request = visible_request(request, pk, CHANGE_REQUEST)
    return 201, services.attachments_add(ta_request=ta_request, actor=request.user, uploads=file)


@router.get(
    "/{int:pk}/attachments/{int:attachment_pk}",
    response={404: ErrorOut},
    summary="Download a file",
    operation_id="tcdesk_assistance_api_download",
)
@requires(VIEW_REQUEST, per_object=True)
def download(request: HttpRequest, pk: int, attachment_pk: int):
    attachment = selectors.get_attachment_for_user(request.user, pk, attachment_pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
