"""`tcdesk prune_api_tokens [--unused-days N] [--json]`: delete expired, unused and revoked tokens."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand

from tcdesk.accounts.services import api_tokens_prune


class Command(BaseCommand):
    help = "Delete API tokens that expired, were issued under a password since changed, or went unused."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unused-days", type=int, default=90, help="unused for this many days (default 90)")
        parser.add_argument("--json", action="store_true", help='print {"deleted": N}')

    def handle(self, *args, **options) -> None:
        deleted = api_tokens_prune(unused_for=dt.timedelta(days=options["unused_days"]))
        if options["json"]:
            self.stdout.write(json.dumps({"deleted": deleted}))
        else:
            self.stdout.write(f"{deleted} token(s) deleted.")
