"""tcdesk score_parser [FOLDER] [--json] [--show-wrong]: how exactly the parser reads a labelled corpus.

FOLDER (default: the project's corpus, tcdesk/mandates/corpus) holds ``<id>.<lang>.txt`` texts, each
with ``<id>.<lang>.expected.json`` beside it (see docs/parser-corpus.md). Prints the share of exact
fields per document and per field; with --json, one JSON document:
``{"corpus", "documents", "overall", "fields": {field: share}, "per_document": {name: {"score",
"fields": {field: exact?}, "wrong": {field: {"expected", "found"}}}}}``. Exits 1 when a document
is not exact (so that CI can run it), 0 otherwise. Nothing is stored.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tcdesk.mandates.parsing.scoring import FIELDS, compare_document, corpus_documents

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "corpus"


class Command(BaseCommand):
    help = "Score the resolution parser on a folder of texts with their expected structure."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=str(DEFAULT_CORPUS), help="Folder of *.txt + *.expected.json")
        parser.add_argument("--json", action="store_true", help="Print the scores as JSON on standard output.")
        parser.add_argument(
            "--show-wrong", action="store_true", help="Print the expected and found values of each wrong field."
        )

    def handle(self, *args, **options):
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"{folder}: no such folder.")
        pairs = corpus_documents(folder)
        if not pairs:
            raise CommandError(f"{folder}: no <id>.<lang>.txt with its <id>.<lang>.expected.json beside it.")
        per_document = {}
        for text, expected in pairs:
            self.stderr.write(f"scoring {text.name}")
            try:
                compared = compare_document(text, expected)
            except (ValueError, OSError) as exc:  # an unreadable label: name the file and the rule
                raise CommandError(f"{expected.name}: {exc}") from exc
            fields = {field: wanted == found for field, (wanted, found) in compared.items()}
            per_document[text.name] = {
                "score": round(sum(fields.values()) / len(fields), 4) if fields else None,
                "fields": fields,
                "wrong": {
                    field: {"expected": wanted, "found": found}
                    for field, (wanted, found) in compared.items()
                    if wanted != found
                },
            }
        field_scores = {}
        for field in FIELDS:
            scored = [result["fields"][field] for result in per_document.values() if field in result["fields"]]
            field_scores[field] = round(sum(scored) / len(scored), 4) if scored else None
        every = [exact for result in per_document.values() for exact in result["fields"].values()]
        report = {
            "corpus": str(folder),
            "documents": len(per_document),
            "overall": round(sum(every) / len(every), 4) if every else None,
            "fields": field_scores,
            "per_document": per_document,
        }
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            self._print(report, show_wrong=options["show_wrong"])
        if any(result["wrong"] for result in per_document.values()):
            raise SystemExit(1)

    def _print(self, report: dict, *, show_wrong: bool) -> None:
        width = max(len(name) for name in report["per_document"])
        self.stdout.write(f"Per document ({report['documents']}): share of labelled fields exact")
        for name, result in report["per_document"].items():
            wrong = ", ".join(result["wrong"]) or "-"
            self.stdout.write(f"  {name:<{width}}  {result['score']:7.2%}  wrong: {wrong}")
            if show_wrong:
                for field, values in result["wrong"].items():
                    self.stdout.write(f"      {field}: expected {json.dumps(values['expected'], ensure_ascii=False)}")
                    self.stdout.write(
                        f"      {' ' * len(field)}  found    {json.dumps(values['found'], ensure_ascii=False)}"
                    )
        self.stdout.write("Per field: share of documents (that label it) exact")
        for field, share in report["fields"].items():
            shown = "not labelled" if share is None else f"{share:7.2%}"
            self.stdout.write(f"  {field:<20} {shown}")
        self.stdout.write(f"Overall: {report['overall']:.2%} of labelled fields exact")
