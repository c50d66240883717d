"""`tcdesk prune_import_files [--days N] [--json]`: delete old request-import results and leftover uploads."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand

from tcdesk.assistance.services import request_import_files_prune
from tcdesk.assistance.services.import_jobs import keep_for


class Command(BaseCommand):
    help = (
        "Delete the stored results of background request imports, and uploads their jobs left behind, "
        "older than TCDESK_IMPORT_FILES_KEEP_DAYS days (or --days)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days", type=float, help="older than this many days (default TCDESK_IMPORT_FILES_KEEP_DAYS)"
        )
        parser.add_argument("--json", action="store_true", help='print {"results": N, "uploads": N}')

    def handle(self, *args, **options) -> None:
        older_than = keep_for() if options["days"] is None else dt.timedelta(days=options["days"])
        deleted = request_import_files_prune(older_than=older_than)
        if options["json"]:
            self.stdout.write(json.dumps(deleted))
        else:
            self.stdout.write(f"{deleted['results']} result(s) and {deleted['uploads']} upload(s) deleted.")
