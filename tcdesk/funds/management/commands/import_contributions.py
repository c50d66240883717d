"""tcdesk import_contributions FILE [--dry-run] [--json]"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tcdesk.funds.services import contributions_import


class Command(BaseCommand):
    help = (
        "Import pledges and receipts from a CSV or XLSX file with the columns donor, fund, kind (pledge or "
        "receipt), date, amount, currency, agreement, earmark, reference. Donors by ISO3 code, organisation "
        "code or English/French name; funds by code; the reference makes a repeated import harmless. With "
        "any error nothing is written (exit status 1); --dry-run checks everything and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV or XLSX file.")
        parser.add_argument("--dry-run", action="store_true", help="Check and list every problem; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print the result as one JSON document.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"file not found: {path}")
        try:
            result = contributions_import(
                actor=None, name=path.name, content=path.read_bytes(), dry_run=options["dry_run"]
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        found = result.as_dict()
        if options["json"]:
            self.stdout.write(json.dumps(found, ensure_ascii=False))
        else:
            self.stdout.write(
                f"{found['rows']} rows: {found['pledges']} pledges, {found['receipts']} receipts; "
                f"{'would write' if options['dry_run'] else 'written'}: {found['created']}; "
                f"{len(found['errors'])} errors"
            )
            for error in found["errors"]:
                self.stdout.write(f"  row {error['row']} [{error['field']}]: {error['rule']}")
        if result.errors:
            raise SystemExit(1)
