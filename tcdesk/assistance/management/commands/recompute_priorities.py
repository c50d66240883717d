"""tcdesk recompute_priorities: refresh every request's priority (waiting days grow; run daily)."""

import json

from django.core.management.base import BaseCommand

from tcdesk.assistance.services import priority_recompute
from tcdesk.core.progress import ProgressBar


class Command(BaseCommand):
    help = "Recompute the priority score of every request with the weights in force."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        count = priority_recompute(progress=ProgressBar())
        self.stdout.write(json.dumps({"recomputed": count}) if options["json"] else f"{count} requests recomputed")
