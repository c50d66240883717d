"""`tcdesk generate_report --resolution SYMBOL --from DATE --to DATE --lang en|fr|es --format docx|pdf --out FILE
[--json]`

Writes the Secretary-General's report on a resolution for a period, computed from the records; with
`--donor CODE` instead, the report to a donor on its contributions; with `--instrument CODE` (UNTOC,
UNCAC…), the report to the Conference of the Parties to that convention. With
`--json`, prints {"file", "format", "lang", "paragraphs", "annex_rows", "figures"}. Bad input (an
unknown resolution, a period that ends before it starts, a language without translations, a format
not offered) gives a message naming it and writes no file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tcdesk.core.dates import parse_date

from ... import builder, services

FORMATS = ("docx", "pdf")


class Command(BaseCommand):
    help = "Write the report on a resolution's implementation for a period (DOCX or PDF, English, French or Spanish)."

    def add_arguments(self, parser):
        subject = parser.add_mutually_exclusive_group(required=True)
        subject.add_argument("--resolution", help="symbol, e.g. A/RES/60/175")
        subject.add_argument("--donor", help="a donor's code, e.g. NOR: the report to that donor")
        subject.add_argument("--instrument", help="a convention's code, e.g. UNTOC: the report to its Conference")
        parser.add_argument("--from", dest="start", required=True, help="first day of the period (YYYY-MM-DD)")
        parser.add_argument("--to", dest="end", required=True, help="last day of the period (YYYY-MM-DD)")
        parser.add_argument("--lang", default="en", help="en, fr or es")
        parser.add_argument("--format", dest="fmt", default="docx", help="docx or pdf")
        parser.add_argument("--out", required=True, help="file to write")
        parser.add_argument("--date", help="date printed on the document (default: today)")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON on standard output")

    def handle(self, *args, **options):
        start = _date(options["start"], "--from")
        end = _date(options["end"], "--to")
        on = _date(options["date"], "--date") if options.get("date") else timezone.localdate()
        lang, fmt = options["lang"].strip().lower(), options["fmt"].strip().lower()
        if fmt not in FORMATS:
            raise CommandError(f"--format: '{fmt}' is not offered (docx or pdf)")
        try:
            builder.check_inputs(start=start, end=end, language=lang)
            subject = _subject(options)
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from exc
        self.stderr.write(
            f"computing {options['resolution'] or options['donor'] or options['instrument']} {start}–{end} ({lang})"
        )
        document = builder.build_document(**subject, start=start, end=end, language=lang, on=on)
        self.stderr.write(f"rendering {fmt}")
        data = services.render_files(document, on=on, formats=(fmt,))[fmt]
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target and moved into place: never a half-written file.
        with tempfile.NamedTemporaryFile(dir=out.parent, delete=False, suffix=f".{fmt}.part") as handle:
            handle.write(data)
        os.replace(handle.name, out)
        figures = document.figures
        summary = {
            "file": str(out),
            "kind": "donor" if options["donor"] else "cop" if options["instrument"] else "sg",
            "format": fmt,
            "lang": lang,
            "paragraphs": document.numbered_paragraphs(),
            "annex_rows": int(figures.get("annex_rows") or 0),
            "figures": {k: (str(v) if isinstance(v, Decimal) else v) for k, v in figures.items()},
        }
        if options["json"]:
            sys.stdout.write(json.dumps(summary, ensure_ascii=False) + "\n")
        else:
            self.stdout.write(f"wrote {out} ({len(data)} bytes, {summary['paragraphs']} paragraphs)")


def _subject(options: dict) -> dict:
    """What the report is on, as `build_document` takes it (a ValidationError names an unknown one)."""
    if options.get("donor"):
        return {"donor": services.donor_by_code(options["donor"])}
    if options.get("instrument"):
        return {"instrument": services.instrument_by_code(options["instrument"])}
    return {"resolution": services.resolution_by_symbol(options["resolution"])}


def _date(text: str, option: str) -> dt.date:
    try:
        found = parse_date(text or "")
    except ValueError:
        found = None
    if found is None:
        raise CommandError(f"{option}: '{text}' is not a date (YYYY-MM-DD)")
    return found


def _messages(exc: ValidationError) -> str:
    names = {
        "period_start": "--from",
        "period_end": "--to",
        "language": "--lang",
        "resolution": "--resolution",
        "donor": "--donor",
        "instrument": "--instrument",
    }
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{names.get(k, k)}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)
