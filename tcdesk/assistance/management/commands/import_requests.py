"""tcdesk import_requests FILE [--dry-run] [--json]: bulk import of historical requests (all-or-nothing)."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tcdesk.accounts.choices import Role
from tcdesk.accounts.models import User
from tcdesk.assistance.exchange import request_import


class Command(BaseCommand):
    help = "Import historical assistance requests from CSV or XLSX (all-or-nothing; --dry-run checks only)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")
        parser.add_argument("--json", action="store_true", help="Print one JSON document on standard output.")
        parser.add_argument("--as-user", default="", help="Officer recorded as the importer (default: first officer).")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        users = User.objects.filter(role_assignments__role__in=[Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR])
        if options["as_user"]:
            users = users.filter(username=options["as_user"])
        actor = users.order_by("pk").first()
        if actor is None:
            raise CommandError("No programme officer or administrator to record as the importer (--as-user).")
        try:
            result = request_import(actor=actor, name=path.name, content=path.read_bytes(), dry_run=options["dry_run"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
        else:
            for error in result.errors:
                self.stderr.write(f"row {error.row} {error.field}: {error.message}")
            verb = "would create" if result.dry_run else "created"
            self.stdout.write(f"{result.rows} rows; {verb} {result.counts['created']}; {len(result.errors)} errors")
        if result.errors:
            raise SystemExit(1)
