"""Every write of the mandates app: loading resolutions, tracking mandates.

`resolution_load` turns an uploaded file (text or PDF) into a Resolution with its paragraphs,
footnotes, citations, mandates and reporting requests, in one transaction. Re-loading the same
symbol updates all of these in place and keeps each mandate's status, evidence and events
(mandates are matched by operative number and sub-paragraph label), so tracking is never lost.
Nothing is stored when the file cannot be read or is not a resolution.

Every load of a page, the API or the command first goes through the review step (`drafts`): the
parse and its warnings are shown, the secretariat corrects the structure if needed, then confirms
(`resolution_draft_confirm` calls `resolution_load` with the corrections).

The writes live in submodules named for what they do (`reading`, `loading`, `drafts`, `citations`,
`asks`, `tracking`); callers import them from here.
"""

from .citations import citation_target, citations_resolve
from .drafts import (
    correction_from_words,
    draft_document,
    resolution_draft_confirm,
    resolution_draft_correct,
    resolution_draft_create,
    resolution_draft_discard,
    resolution_draft_undo,
)
from .loading import resolution_load, resolution_update_details
from .reading import ALLOWED_EXTENSIONS, LANGUAGES, SourceDocument, normalise_symbol, parse_source, read_source
from .tracking import mandate_evidence_add, mandate_mark_renewed, mandate_mark_superseded, mandate_status_change

__all__ = [
    "ALLOWED_EXTENSIONS",
    "LANGUAGES",
    "SourceDocument",
    "citation_target",
    "citations_resolve",
    "correction_from_words",
    "draft_document",
    "mandate_evidence_add",
    "mandate_mark_renewed",
    "mandate_mark_superseded",
    "mandate_status_change",
    "normalise_symbol",
    "parse_source",
    "read_source",
    "resolution_draft_confirm",
    "resolution_draft_correct",
    "resolution_draft_create",
    "resolution_draft_discard",
    "resolution_draft_undo",
    "resolution_load",
    "resolution_update_details",
]
