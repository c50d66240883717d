"""tcdesk import_treaty_status FILE --instrument CODE [--dry-run] [--source TEXT] [--data-as-of DATE] --json"""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tcdesk.treaties import selectors, services
from tcdesk.treaties.models import Instrument


class Command(BaseCommand):
    help = (
        "Import a treaty status table (treaty collection XML, HTML, copied text or CSV participant,action,date) "
        "for one instrument. With any error nothing is written; exit status 1. Rows that disagree with a "
        "recorded action are listed as differences and applied only with --apply-corrections."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The status file.")
        parser.add_argument("--instrument", required=True, help="tcdesk code (ICSANT) or treaty reference (XVIII-15).")
        parser.add_argument("--dry-run", action="store_true", help="Check and list every problem; write nothing.")
        parser.add_argument("--source", default="", help="Where the file came from (web address, or repository).")
        parser.add_argument(
            "--data-as-of", dest="data_as_of", help="YYYY-MM-DD: the date up to which the file is complete."
        )
        parser.add_argument("--partial", action="store_true", help="The file misses participants even at its date.")
        parser.add_argument(
            "--apply-corrections",
            action="store_true",
            help="Apply the differences from recorded actions as corrections (kept in each action's history).",
        )
        parser.add_argument("--json", action="store_true", help="Print the result as one JSON document.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"file not found: {path}")
        try:
            instrument = selectors.get_instrument(options["instrument"])
        except Instrument.DoesNotExist as exc:
            raise CommandError(str(exc)) from None
        try:
            data_as_of = dt.date.fromisoformat(options["data_as_of"]) if options["data_as_of"] else None
        except ValueError:
            raise CommandError(f"--data-as-of: '{options['data_as_of']}' is not a date YYYY-MM-DD") from None
        result = services.status_import_run(
            instrument=instrument,
            data=path.read_bytes(),
            filename=path.name,
            dry_run=options["dry_run"],
            source=options["source"],
            data_as_of=data_as_of,
            partial=options["partial"],
            apply_corrections=options["apply_corrections"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            self._print(instrument, result, dry_run=options["dry_run"])
        if result.errors:
            raise SystemExit(1)

    def _print(self, instrument, result, *, dry_run: bool) -> None:
        verb = "would create" if dry_run else "created"
        self.stdout.write(
            f"{instrument.code}: {result.participants} participants, {result.signatures} signatures, "
            f"{result.consents} consents; {verb} {result.created}, unchanged {result.unchanged}, "
            f"{len(result.differences)} differences, corrected {result.corrected}, {len(result.errors)} errors"
        )
        as_of = result.data_as_of.isoformat() if result.data_as_of else "unknown (give --data-as-of)"
        self.stdout.write(f"data as of {as_of}; source: {result.source or 'not given (give --source)'}")
        if result.new_parties:
            self.stdout.write(
                f"{len(result.new_parties)} new parties since the last import: " + ", ".join(result.new_parties)
            )
        for difference in result.differences:
            recorded, in_file = difference["recorded"], difference["file"]
            where = recorded["source"] or recorded["file_name"] or recorded["origin"]
            state = "applied" if difference["applied"] else "not applied (use --apply-corrections)"
            self.stdout.write(
                f"difference row {difference['row']} ({difference['participant']}, {difference['kind']}): "
                f"recorded {recorded['action']} {recorded['date']} [{where}] / file {in_file['action']} "
                f"{in_file['date']} [{in_file['source'] or in_file['file_name']}] - {state}"
            )
        for warning in result.warnings:
            self.stderr.write(f"warning row {warning['row']} ({warning['participant']}): {warning['rule']}")
        for error in result.errors:
            self.stderr.write(f"row {error['row']} ({error['participant']}): {error['rule']}")
