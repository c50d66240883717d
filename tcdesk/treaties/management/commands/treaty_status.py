"""tcdesk treaty_status --instrument CODE --as-of YYYY-MM-DD --json"""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tcdesk.treaties import selectors
from tcdesk.treaties.models import Instrument


class Command(BaseCommand):
    help = (
        "Parties and signatories (ISO3 codes of States) of an instrument at a date, with the date its data is as of "
        "(complete: false and a warning when asked for a later date)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--instrument", required=True, help="tcdesk code (ICSANT) or treaty reference (XVIII-15).")
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default today).")
        parser.add_argument("--json", action="store_true", help="Print one JSON document.")

    def handle(self, *args, **options):
        try:
            instrument = selectors.get_instrument(options["instrument"])
        except Instrument.DoesNotExist as exc:
            raise CommandError(str(exc)) from None
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"--as-of: '{options['as_of']}' is not a date YYYY-MM-DD") from None
        document = selectors.status_document(instrument, as_of)
        if options["json"]:
            self.stdout.write(json.dumps(document))
        else:
            self.stdout.write(
                f"{instrument.code} on {document['as_of']}: {len(document['parties'])} State parties, "
                f"{len(document['signatories'])} signatories (data as of {document['data_as_of'] or 'unknown'})"
            )
            if document["warning"]:
                self.stderr.write(f"warning: {document['warning']}")
            self.stdout.write("parties: " + " ".join(document["parties"]))
            self.stdout.write("signatories: " + " ".join(document["signatories"]))
            if document["organisations"]["parties"]:
                self.stdout.write("organisations (not States): " + " ".join(document["organisations"]["parties"]))
