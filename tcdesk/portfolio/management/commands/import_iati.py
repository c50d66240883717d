"""tcdesk import_iati FILE [--dry-run] --json"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tcdesk.portfolio import services


class Command(BaseCommand):
    help = (
        "Import a development partner's IATI 2.03 activity file. Activities the schema accepts are stored "
        "(updated by IATI identifier when imported before); those it rejects are listed in errors with "
        "their lines. A file that is not IATI, not version 2.03 or cut short stores nothing (exit status 1). "
        'With --json prints {"activities", "transactions", "budgets", "created", "updated", "errors", …}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The IATI 2.03 activity file (XML).")
        parser.add_argument("--dry-run", action="store_true", help="Read and check everything; store nothing.")
        parser.add_argument("--json", action="store_true", help="Print the result as one JSON document.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"file not found: {path}")
        print(f"importing {path}…", file=sys.stderr)
        with path.open("rb") as stream:
            result = services.iati_import(actor=None, source=stream, file_name=path.name, dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, default=str))
        else:
            verb = "would create" if options["dry_run"] else "created"
            self.stdout.write(
                f"{path.name}: {result['activities']} activities, {result['transactions']} transactions, "
                f"{result['budgets']} budgets; {verb} {result['created']}, updated {result['updated']}, "
                f"{result['rejected']} rejected, {len(result['warnings'])} warnings"
            )
            for error in result["errors"]:
                where = f"line {error['line']}: " if error.get("line") else ""
                self.stdout.write(f"  {where}{error.get('identifier') or ''} {error['message']}")
        if not result["ok"]:
            raise SystemExit(1)
