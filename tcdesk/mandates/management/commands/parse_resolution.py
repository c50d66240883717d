"""tcdesk parse_resolution FILE [--lang auto|en|fr|es] --json: parse a resolution, store nothing.

With --json, prints the document docs/design.md describes on standard output. Bad input (missing file,
empty, not a resolution, a scanned PDF, binary data) exits non-zero with a message on standard error.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tcdesk.mandates.services import LANGUAGES, parse_source


def read_file_or_fail(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: no such file (or not a regular file).")
    return file.read_bytes()


def messages_of(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items())
    return "; ".join(exc.messages)


class Command(BaseCommand):
    help = "Parse the text (or PDF) of a resolution and print its structure; nothing is stored."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .txt file (text extracted from the PDF) or the .pdf itself.")
        parser.add_argument("--lang", choices=LANGUAGES, default="auto", help="Language of the text (default: detect).")
        parser.add_argument(
            "--json", action="store_true", help="Print the parsed structure as JSON on standard output."
        )

    def handle(self, *args, **options):
        path = options["file"]
        data = read_file_or_fail(path)
        try:
            _source, parsed = parse_source(data=data, filename=Path(path).name, lang=options["lang"])
        except ValidationError as exc:
            raise CommandError(f"{path}: {messages_of(exc)}") from exc
        document = parsed.to_dict()
        if options["json"]:
            self.stdout.write(json.dumps(document, ensure_ascii=False))
            return
        self.stdout.write(
            f"{document['symbol'] or '(no symbol)'} [{document['language']}] session {document['session'] or '—'}: "
            f"{len(document['preamble'])} preambular, {len(document['operative'])} operative paragraphs, "
            f"{len(document['footnotes'])} footnotes, {len(document['citations'])} citations, "
            f"{len(document['reporting_requests'])} reporting requests"
        )
