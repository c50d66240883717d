"""tcdesk load_instruments: create or update the instruments from treaties/data/instruments.csv."""

import json

from django.core.management.base import BaseCommand

from tcdesk.core.progress import ProgressBar
from tcdesk.treaties.services import instruments_load


class Command(BaseCommand):
    help = "Load (or refresh) the treaty instruments from the shipped instruments.csv; idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print a JSON summary on standard output.")

    def handle(self, *args, **options):
        summary = instruments_load(progress=ProgressBar())
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(self.style.SUCCESS(f"Instruments: {summary}"))
