"""Every write of the treaties app: loading instruments and the shipped real status tables,
importing status tables (with differences and corrections), recording actions by hand.

Callers import from here (`services.status_import_run(...)`); the modules are:
`instruments` (the instrument list), `participants` (name matching), `actions` (manual and bulk
entry), `status_import` (the importer, in named steps), `real_data` (the shipped tables).
"""

from .actions import action_record, actions_record_bulk
from .instruments import instruments_load
from .participants import ParticipantMatcher
from .real_data import STATUS_DIR, LoadedFile, treaty_status_load
from .status_import import (
    MAX_IMPORT_BYTES,
    CorrectionsResult,
    StatusImportResult,
    status_import_corrections_apply,
    status_import_run,
)

__all__ = [
    "MAX_IMPORT_BYTES",
    "STATUS_DIR",
    "CorrectionsResult",
    "LoadedFile",
    "ParticipantMatcher",
    "StatusImportResult",
    "action_record",
    "actions_record_bulk",
    "instruments_load",
    "status_import_corrections_apply",
    "status_import_run",
    "treaty_status_load",
]
