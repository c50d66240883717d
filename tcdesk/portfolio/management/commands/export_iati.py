"""tcdesk export_iati --out FILE [--json]"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tcdesk.portfolio import iati, publishing


class Command(BaseCommand):
    help = (
        "Write every project as IATI 2.03 activities to FILE: streamed (one project in memory at a time), "
        "validated against the vendored IATI 2.03 schema and IATI's rules, then moved into place. When it "
        "does not validate, FILE is left as it was and the command fails (exit status 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="The file to write (replaced only by a valid export).")
        parser.add_argument("--json", action="store_true", help="Print the counts as one JSON document.")

    def handle(self, *args, **options):
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"no such folder: {out.parent}")
        print(f"exporting to {out}…", file=sys.stderr)
        try:
            summary = publishing.export_file(out)
        except iati.IatiExportError as error:
            if options["json"]:
                self.stdout.write(
                    json.dumps({"ok": False, "errors": [i.as_dict() for i in error.issues]}, ensure_ascii=False)
                )
                raise SystemExit(1) from None
            raise CommandError(str(error)) from None
        result = {
            "ok": True,
            "file": str(out),
            "activities": summary.activities,
            "transactions": summary.transactions,
            "budgets": summary.budgets,
            "results": summary.results,
            "bytes": out.stat().st_size,
        }
        if options["json"]:
            self.stdout.write(json.dumps(result))
        else:
            self.stdout.write(
                f"{out}: {summary.activities} activities, {summary.transactions} transactions, "
                f"{summary.budgets} budgets, {summary.results} results (IATI 2.03, valid)"
            )
