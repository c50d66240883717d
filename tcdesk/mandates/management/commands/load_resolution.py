"""tcdesk load_resolution FILE [--lang auto|en|fr|es] [--symbol S] [--user NAME] [--json]

Loads (or re-loads) a resolution through the same service as the page and the API. With --json,
prints {"symbol", "created", "preamble", "operative", "footnotes", "citations", "citations_resolved",
"mandates", "open_mandates", "reporting_requests"} on standard output.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tcdesk.mandates.services import LANGUAGES, resolution_load

from .parse_resolution import messages_of, read_file_or_fail


def load_summary(resolution, created: bool) -> dict:
    return {
        "symbol": resolution.symbol,
        "created": created,
        "language": resolution.language,
        "session": resolution.session,
        "preamble": resolution.paragraphs.filter(kind="preambular").count(),
        "operative": resolution.paragraphs.filter(kind="operative").count(),
        "footnotes": resolution.footnotes.count(),
        "citations": resolution.citations.count(),
        "citations_resolved": resolution.citations.filter(cited_resolution__isnull=False).count(),
        "mandates": resolution.mandates.count(),
        "open_mandates": resolution.mandates.pending().count(),
        "reporting_requests": resolution.reporting_requests.count(),
    }


class Command(BaseCommand):
    help = "Load or re-load a resolution from its text or PDF (re-loading keeps the tracking of its mandates)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .txt file (text extracted from the PDF) or the .pdf itself.")
        parser.add_argument("--lang", choices=LANGUAGES, default="auto", help="Language of the text (default: detect).")
        parser.add_argument("--symbol", help="The symbol, when neither the text nor the file name gives it.")
        parser.add_argument("--user", help="Username recorded as the loader (default: none).")
        parser.add_argument("--json", action="store_true", help="Print a JSON summary on standard output.")

    def handle(self, *args, **options):
        from tcdesk.accounts.models import User

        path = options["file"]
        data = read_file_or_fail(path)
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"--user {options['user']}: no such user.")
        try:
            resolution, created = resolution_load(
                data=data, filename=Path(path).name, user=user, lang=options["lang"], symbol=options["symbol"]
            )
        except ValidationError as exc:
            raise CommandError(f"{path}: {messages_of(exc)}; nothing was stored.") from exc
        summary = load_summary(resolution, created)
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        else:
            verb = "Loaded" if created else "Re-loaded"
            self.stdout.write(
                f"{verb} {summary['symbol']}: {summary['preamble']} preambular and {summary['operative']} operative "
                f"paragraphs, {summary['footnotes']} footnotes, {summary['mandates']} mandates "
                f"({summary['open_mandates']} open), "
                f"{summary['citations_resolved']}/{summary['citations']} citations linked."
            )
