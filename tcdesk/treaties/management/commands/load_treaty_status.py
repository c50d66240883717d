"""tcdesk load_treaty_status: load the shipped real status tables (treaties/data/status) as the registry's data."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tcdesk.core.progress import ProgressBar
from tcdesk.treaties import services
from tcdesk.treaties.services import real_data


class Command(BaseCommand):
    help = (
        "Import the UN Treaty Collection tables shipped in treaties/data/status (see its SOURCES.md) with their "
        "sources and 'as of' dates; idempotent, all or nothing. Needs the instruments (tcdesk load_instruments)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print a JSON summary on standard output.")

    def handle(self, *args, **options):
        try:
            loaded = services.treaty_status_load(progress=ProgressBar())
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        if options["json"]:
            self.stdout.write(json.dumps(real_data.summary(loaded)))
            return
        for entry in loaded:
            if entry.already_loaded:
                self.stdout.write(f"{entry.instrument}: {entry.file} already loaded (data as of {entry.data_as_of})")
                continue
            partial = " (partial)" if entry.partial else ""
            self.stdout.write(
                f"{entry.instrument}: {entry.file}, data as of {entry.data_as_of}{partial}:"
                f" {entry.participants} participants, {entry.signatures} signatures, {entry.consents} consents;"
                f" created {entry.created}, unchanged {entry.unchanged}, {len(entry.differences)} differences,"
                f" {entry.warnings} warnings"
            )
