"""tcdesk load_resolution FILE [--lang auto|en|fr|es] [--symbol S] [--user NAME] [--confirm] [--json]

Every load is a review step, as on the page and in the API: the file is read and parsed into a
draft, the parser's warnings are printed with the paragraphs concerned, and the draft waits on its
review page (/mandates/resolutions/review/<id>/) to be corrected and confirmed; nothing is stored as
a resolution. With --json: {"draft", "status", "symbol", "review_url", "corrections", "warnings"}.

With --confirm the reading is accepted as it is (corrections made before to the same text applied)
and the resolution is loaded (or re-loaded) at once; --json then prints {"symbol", "created",
"preamble", "operative", "footnotes", "citations", "citations_resolved", "mandates", "open_mandates",
"reporting_requests", "warnings"}.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tcdesk.mandates.services import (
    LANGUAGES,
    draft_document,
    resolution_draft_confirm,
    resolution_draft_create,
)

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
        parser.add_argument(
            "--confirm", action="store_true", help="Accept the reading as it is and store the resolution at once."
        )
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
            draft = resolution_draft_create(
                data=data, filename=Path(path).name, user=user, lang=options["lang"], symbol=options["symbol"]
            )
            warnings = draft_document(draft).get("warnings") or []
            if not options["confirm"]:
                self._report_draft(draft, warnings, as_json=options["json"])
                return
            resolution, created = resolution_draft_confirm(draft=draft, user=user)
        except ValidationError as exc:
            raise CommandError(f"{path}: {messages_of(exc)}; nothing was stored.") from exc
        summary = {**load_summary(resolution, created), "warnings": warnings}
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

    def _report_draft(self, draft, warnings: list[dict], *, as_json: bool) -> None:
        if as_json:
            report = {
                "draft": draft.pk,
                "status": draft.status,
                "symbol": draft.symbol,
                "review_url": draft.get_absolute_url(),
                "corrections": len(draft.corrections),
                "warnings": warnings,
            }
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        self.stdout.write(
            f"{draft.symbol} read for review (draft {draft.pk}): nothing is stored yet. "
            f"Review, correct and confirm it at {draft.get_absolute_url()}, or run again with --confirm."
        )
        for warning in warnings:
            self.stdout.write(f"  warning [{', '.join(warning.get('elements') or [])}]: {warning.get('message')}")
        if not warnings:
            self.stdout.write("  The parser has no doubt about this text.")
