"""tcdesk import_treaty_status FILE --instrument CODE [--dry-run] --json"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tcdesk.treaties import selectors, services
from tcdesk.treaties.models import Instrument


class Command(BaseCommand):
    help = (
        "Import a treaty status table (treaty collection XML, HTML, copied text or CSV participant,action,date) "
        "for one instrument. With any error nothing is written; exit status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The status file.")
        parser.add_argument("--instrument", required=True, help="tcdesk code (ICSANT) or treaty reference (XVIII-15).")
        parser.add_argument("--dry-run", action="store_true", help="Check and list every problem; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print the result as one JSON document.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"file not found: {path}")
        try:
            instrument = selectors.get_instrument(options["instrument"])
        except Instrument.DoesNotExist as exc:
            raise CommandError(str(exc)) from None
        result = services.public_result(
            services.status_import_run(
                instrument=instrument, data=path.read_bytes(), filename=path.name, dry_run=options["dry_run"]
            )
        )
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            verb = "would create" if options["dry_run"] else "created"
            self.stdout.write(
                f"{instrument.code}: {result['participants']} participants, {result['signatures']} signatures, "
                f"{result['consents']} consents; {verb} {result['created']}, unchanged {result['unchanged']}, "
                f"{len(result['errors'])} errors"
            )
            if result["new_parties"]:
                self.stdout.write(
                    f"{len(result['new_parties'])} new parties since the last import: "
                    + ", ".join(result["new_parties"])
                )
            for error in result["errors"]:
                self.stderr.write(f"row {error['row']} ({error['participant']}): {error['rule']}")
        if result["errors"]:
            raise SystemExit(1)
