"""tcdesk send_reminders: send the deadline reminders that are due, then prune old notifications.

Run it once a day from cron (docs/operations.md); running it again sends nothing new.
"""

import json

from django.core.management.base import BaseCommand

from tcdesk.core.services import reminders_send


class Command(BaseCommand):
    help = (
        "Send deadline reminders (reports due, requests waiting, information not given), each once per item "
        "and period, in-app and by e-mail; then delete notifications past their retention."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-prune", action="store_true", help="Do not delete old notifications.")
        parser.add_argument("--json", action="store_true", help="Print a JSON summary on standard output.")

    def handle(self, *args, **options):
        summary = reminders_send(prune=not options["no_prune"])
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict()))
            return
        sent = ", ".join(f"{source}: {count}" for source, count in summary.sent.items()) or "no sources"
        self.stdout.write(
            f"Reminders sent ({sent}) to {summary.recipients} recipients; {summary.pruned} old notifications deleted."
        )
