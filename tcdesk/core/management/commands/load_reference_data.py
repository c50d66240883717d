"""tcdesk load_reference_data: load or refresh the shipped reference data files."""

import json

from django.core.management.base import BaseCommand

from tcdesk.core.progress import ProgressBar
from tcdesk.core.services import reference_data_load


class Command(BaseCommand):
    help = "Load countries, M49 regions, country groups (dated), organisations and themes from tcdesk/core/data."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print a JSON summary on standard output.")

    def handle(self, *args, **options):
        summary = reference_data_load(progress=ProgressBar())
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict()))
        else:
            self.stdout.write(", ".join(f"{k}: {v}" for k, v in summary.as_dict().items()))
