"""Every write of the assistance app: requests, workflow transitions, comments, attachments, priority.

Each function runs in one transaction (priority_recompute: one per batch), validates before writing and
raises ValidationError naming the field and the rule. Transitions lock the request row and check its
`version`, so two concurrent transitions on one request cannot both succeed.

The writes live in submodules named for what they do (`requests`, `transitions`, `comments`,
`notifications`, `attachments`, `priority`, `partners`, `mandate_links`, `imports`); callers import them from here.
"""

from ._common import StaleVersion, actor_kinds
from .attachments import (
    attachment_add,
    attachment_check,
    attachment_filename,
    attachments_add,
    attachments_check,
    files_deleted_on_rollback,
    max_attachments_at_once,
)
from .comments import request_comment
from .import_jobs import (
    import_job_for_user,
    import_job_result,
    request_import_files_prune,
    request_import_job_start,
    request_import_upload,
    result_from_answer,
)
from .imports import HistoricalRowConflict, historical_requests_create
from .mandate_links import (
    MandateCitation,
    MandateResolver,
    mandate_links_resolve,
    mandate_links_store,
    resolve_citations,
)
from .notifications import notifications_muted
from .partners import partner_activity_save
from .priority import (
    Progress,
    current_weights,
    priority_inputs,
    priority_recompute,
    priority_weights_update,
)
from .requests import next_reference, request_create, request_update
from .transitions import request_transition, workflow_message
from .triage import (
    BULK_OPERATIONS,
    BulkOutcome,
    assignable_users,
    queue_filter_delete,
    queue_filter_save,
    request_assess,
    request_assign,
    requests_bulk,
)

__all__ = [
    "import_job_for_user",
    "import_job_result",
    "request_import_files_prune",
    "request_import_upload",
    "request_import_job_start",
    "result_from_answer",
    "BULK_OPERATIONS",
    "BulkOutcome",
    "assignable_users",
    "queue_filter_delete",
    "queue_filter_save",
    "request_assess",
    "request_assign",
    "requests_bulk",
    "MandateCitation",
    "HistoricalRowConflict",
    "MandateResolver",
    "Progress",
    "StaleVersion",
    "next_reference",
    "actor_kinds",
    "attachment_add",
    "attachment_check",
    "attachment_filename",
    "attachments_add",
    "attachments_check",
    "max_attachments_at_once",
    "current_weights",
    "files_deleted_on_rollback",
    "historical_requests_create",
    "mandate_links_resolve",
    "mandate_links_store",
    "notifications_muted",
    "partner_activity_save",
    "priority_inputs",
    "priority_recompute",
    "priority_weights_update",
    "request_comment",
    "request_create",
    "request_transition",
    "request_update",
    "resolve_citations",
    "workflow_message",
]
