"""Exactness of the parser against the labelled corpus in ``tcdesk/mandates/corpus``.

Each document is ``<id>.<lang>.txt`` with ``<id>.<lang>.expected.json`` beside it. A
field scores 1 for a document when the parser's value equals the expected value exactly;
the score of a field is the share of documents (that label it) where it is exact, and the
score of a document the share of its labelled fields that are exact. ``tcdesk score_parser``
prints both; ``docs/parser-corpus.md`` says how to add a document.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import ParseError
from .parser import parse_resolution

FIELDS = (
    "symbol",
    "language",
    "session",
    "title",
    "adoption_date",
    "plenary_meeting",
    "preamble_count",
    "operative_count",
    "footnote_count",
    "preamble_leads",
    "operative_leads",
    "operative_numbers",
    "subparagraph_counts",
    "footnotes",
    "annexes",
    "reporting_requests",
    "citations",
    "warnings",
)


def _notes(footnotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"number": note["number"], "called_from": note["called_from"]} for note in footnotes]


def _annexes(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "heading": annex["heading"],
            "title": annex["title"],
            "paragraphs": [
                {
                    "number": paragraph["number"],
                    "subparagraphs": len(paragraph["subparagraphs"]),
                    "heading": paragraph["heading"],
                }
                for paragraph in annex["paragraphs"]
            ],
            "footnotes": _notes(annex["footnotes"]),
        }
        for annex in data["annexes"]
    ]


_ACTUAL: dict[str, Callable[[dict[str, Any]], Any]] = {
    "symbol": lambda data: data["symbol"],
    "language": lambda data: data["language"],
    "session": lambda data: data["session"],
    "title": lambda data: data["title"],
    "adoption_date": lambda data: data["adoption_date"],
    "plenary_meeting": lambda data: data["plenary_meeting"],
    "preamble_count": lambda data: len(data["preamble"]),
    "operative_count": lambda data: len(data["operative"]),
    "footnote_count": lambda data: len(data["footnotes"]),
    "preamble_leads": lambda data: [paragraph["lead"] for paragraph in data["preamble"]],
    "operative_leads": lambda data: [paragraph["lead"] for paragraph in data["operative"]],
    "operative_numbers": lambda data: [paragraph["number"] for paragraph in data["operative"]],
    "subparagraph_counts": lambda data: [len(paragraph["subparagraphs"]) for paragraph in data["operative"]],
    "footnotes": lambda data: _notes(data["footnotes"]),
    "annexes": _annexes,
    "reporting_requests": lambda data: [
        {key: request[key] for key in ("paragraph", "addressee", "to_session")}
        for request in data["reporting_requests"]
    ],
    "citations": lambda data: [
        {key: citation[key] for key in ("kind", "body", "ref")} for citation in data["citations"]
    ],
    "warnings": lambda data: [
        {"code": warning["code"], "elements": warning["elements"]} for warning in data["warnings"]
    ],
}


def corpus_documents(corpus_dir: Path | str) -> list[tuple[Path, Path]]:
    """(text, expected) pairs, sorted by file name."""
    directory = Path(corpus_dir)
    pairs = []
    for expected in sorted(directory.glob("*.expected.json")):
        text = expected.with_name(expected.name.removesuffix(".expected.json") + ".txt")
        if text.exists():
            pairs.append((text, expected))
    return pairs


def compare_document(text_path: Path, expected_path: Path) -> dict[str, tuple[Any, Any]]:
    """Field → (expected, found) for one document; fields the label leaves out are not compared.
    ``found`` is None for every field when the parser refuses the text."""
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    try:
        parsed = parse_resolution(
            text_path.read_text(encoding="utf-8"),
            lang=expected.get("parse_lang", "auto"),
            source_name=expected.get("source_name"),
        ).to_dict()
    except ParseError:
        return {field: (expected[field], None) for field in FIELDS if field in expected}
    return {field: (expected[field], _ACTUAL[field](parsed)) for field in FIELDS if field in expected}


def score_document(text_path: Path, expected_path: Path) -> dict[str, bool]:
    """Field → exact? for one document; fields the label leaves out are not scored."""
    return {field: wanted == found for field, (wanted, found) in compare_document(text_path, expected_path).items()}


def score_corpus(corpus_dir: Path | str) -> dict[str, Any]:
    """Share of documents where each field is exactly right, plus the per-document detail.

    Returns ``{"documents": n, "fields": {field: share}, "per_document": {name: {field: bool}},
    "document_scores": {name: share of its fields exact}, "overall": share of all scored fields}``.
    """
    per_document = {text.name: score_document(text, expected) for text, expected in corpus_documents(corpus_dir)}
    fields = {}
    for field in FIELDS:
        scored = [result[field] for result in per_document.values() if field in result]
        fields[field] = round(sum(scored) / len(scored), 4) if scored else None
    document_scores = {
        name: round(sum(result.values()) / len(result), 4) if result else None for name, result in per_document.items()
    }
    every = [exact for result in per_document.values() for exact in result.values()]
    return {
        "documents": len(per_document),
        "fields": fields,
        "per_document": per_document,
        "document_scores": document_scores,
        "overall": round(sum(every) / len(every), 4) if every else None,
    }
