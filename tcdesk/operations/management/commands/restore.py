"""tcdesk restore DIR: a backup folder into an empty database and media folder, then proven."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tcdesk.operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a folder made by `tcdesk backup` into an EMPTY database, then check every table's row "
        "count, every file's checksum and (when installed) the ledger."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="The backup folder (with manifest.json).")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON on standard output.")

    def handle(self, *args, **options):
        def progress(step: str) -> None:
            print(f"restore: {step}", file=sys.stderr)

        try:
            report = backup_restore(source=options["folder"], progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict()))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {report.rows} rows in {report.tables} tables and {report.media_files} files; "
                f"checked: {', '.join(report.checks)}."
            )
        )
        if report.unapplied_migrations:
            self.stdout.write(
                f"This code has {len(report.unapplied_migrations)} newer migrations: run `tcdesk migrate`."
            )
