"""The labelled corpus: every field exact on every document, the seed first of all."""

from __future__ import annotations

from pathlib import Path

from tcdesk.mandates.parsing.scoring import FIELDS, corpus_documents, score_corpus

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_the_corpus_has_labelled_documents_in_three_languages():
    names = [text.name for text, _ in corpus_documents(CORPUS)]
    assert "A-RES-60-175.fr.txt" in names
    assert {name.rsplit(".", 2)[-2] for name in names} == {"en", "fr", "es"}


def test_every_field_is_exact_on_every_document():
    scores = score_corpus(CORPUS)
    wrong = {
        name: [field for field, exact in fields.items() if not exact] for name, fields in scores["per_document"].items()
    }
    assert wrong == dict.fromkeys(scores["per_document"], [])
    assert all(scores["fields"][field] == 1.0 for field in FIELDS)
