"""tcdesk permissions_doc [--check]: write docs/permissions.md from the declared rules.

The table lists every action (who may take it, how far), every page and every API endpoint with the
action it needs. With --check, nothing is written and the command fails when the file is stale.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tcdesk.core.permission_table import markdown

DOC = Path(settings.BASE_DIR) / "docs" / "permissions.md"


class Command(BaseCommand):
    help = "Write docs/permissions.md from the apps' declared permissions (--check: fail if it is stale)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Write nothing; fail when the file is stale.")

    def handle(self, *args, **options):
        text = markdown()
        if options["check"]:
            if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
                raise CommandError(f"{DOC} is stale: run `tcdesk permissions_doc`.")
            self.stdout.write(f"{DOC.name} is current.")
            return
        DOC.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {DOC}.")
