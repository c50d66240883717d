"""tcdesk backup --out DIR: the database, the uploaded files and a manifest with checksums."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tcdesk.operations.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump or SQLite's backup API) and uploaded files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="A new (or empty) folder to write.")
        parser.add_argument("--json", action="store_true", help="Print the manifest as JSON on standard output.")

    def handle(self, *args, **options):
        def progress(step: str) -> None:
            print(f"backup: {step}", file=sys.stderr)

        try:
            manifest = backup_create(out=options["out"], progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(manifest.as_dict()))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backed up {sum(manifest.tables.values())} rows in {len(manifest.tables)} tables and "
                    f"{len(manifest.media)} files to {options['out']}."
                )
            )
