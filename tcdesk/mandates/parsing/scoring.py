"""Exactness of the parser against the labelled corpus in ``tcdesk/mandates/corpus``.

Each document is ``<id>.<lang>.txt`` with ``<id>.<lang>.expected.json`` beside it. A
field scores 1 for a document when the parser's value equals the expected value exactly;
the score of a field is the share of documents (that label it) where it is exact.
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
    "preamble_count",
    "operative_count",
    "footnote_count",
    "preamble_leads",
    "operative_leads",
    "subparagraph_counts",
    "reporting_requests",
    "citations",
)

_ACTUAL: dict[str, Callable[[dict[str, Any]], Any]] = {
    "symbol": lambda data: data["symbol"],
    "language": lambda data: data["language"],
    "session": lambda data: data["session"],
    "title": lambda data: data["title"],
    "preamble_count": lambda data: len(data["preamble"]),
    "operative_count": lambda data: len(data["operative"]),
    "footnote_count": lambda data: len(data["footnotes"]),
    "preamble_leads": lambda data: [paragraph["lead"] for paragraph in data["preamble"]],
    "operative_leads": lambda data: [paragraph["lead"] for paragraph in data["operative"]],
    "subparagraph_counts": lambda data: [len(paragraph["subparagraphs"]) for paragraph in data["operative"]],
    "reporting_requests": lambda data: [
        {key: request[key] for key in ("paragraph", "addressee", "to_session")}
        for request in data["reporting_requests"]
    ],
    "citations": lambda data: [
        {key: citation[key] for key in ("kind", "body", "ref")} for citation in data["citations"]
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


def score_document(text_path: Path, expected_path: Path) -> dict[str, bool]:
    """Field → exact? for one document; fields the label leaves out are not scored."""
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    try:
        parsed = parse_resolution(
            text_path.read_text(encoding="utf-8"),
            lang=expected.get("parse_lang", "auto"),
            source_name=expected.get("source_name"),
        ).to_dict()
    except ParseError:
        return dict.fromkeys((field for field in FIELDS if field in expected), False)
    return {field: _ACTUAL[field](parsed) == expected[field] for field in FIELDS if field in expected}


def score_corpus(corpus_dir: Path | str) -> dict[str, Any]:
    """Share of documents where each field is exactly right, plus the per-document detail.

    Returns ``{"documents": n, "fields": {field: share}, "per_document": {name: {field: bool}}}``.
    """
    per_document = {text.name: score_document(text, expected) for text, expected in corpus_documents(corpus_dir)}
    fields = {}
    for field in FIELDS:
        scored = [result[field] for result in per_document.values() if field in result]
        fields[field] = round(sum(scored) / len(scored), 4) if scored else None
    return {"documents": len(per_document), "fields": fields, "per_document": per_document}
