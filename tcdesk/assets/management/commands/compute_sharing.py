"""tcdesk compute_sharing --input FILE --json: compute a sharing of confiscated proceeds; store nothing.

Reads the JSON document of issue 13 (see `tcdesk.assets.sharing.contract`); with --json prints
`{"currency", "realised", "returned", "expenses", "distributable", "un_share", "pool", "shares"}`
(decimal strings), otherwise the steps one per line. Bad input exits non-zero with one message on
standard error and nothing on standard output. `--input -` reads standard input.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tcdesk.assets.sharing import SharingError, case_from_document, compute_sharing, load_document


def read_input(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: no such file (or not a regular file).")
    try:
        return file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}).") from exc


class Command(BaseCommand):
    help = "Compute the sharing of confiscated proceeds described in a JSON file and print every step."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="The case as JSON (issue 13 contract); - for stdin.")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON on standard output.")

    def handle(self, *args, **options):
        path = options["input"]
        try:
            result = compute_sharing(case_from_document(load_document(read_input(path))))
        except SharingError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.as_contract(), ensure_ascii=False))
            return
        for step in result.steps_as_dicts():
            params = ", ".join(f"{k}={v}" for k, v in step["params"].items() if v not in (None, ""))
            self.stdout.write(f"{step['code']:<14} {step['amount']:>20} {result.currency}  {params}".rstrip())
