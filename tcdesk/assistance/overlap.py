"""Overlap detection between a request and other requests or partners' activities. No Django here.

Works offline: text similarity is the cosine of TF-IDF vectors of word stems and word pairs, with
English, French and Spanish stop words removed and accents folded; the IDF is computed over the
candidate set, which the caller pre-filters in the database (same State, not withdrawn). The final
score mixes text similarity with shared themes and overlapping periods; each match says why it matched.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tcdesk.core.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"
STOPWORD_LANGUAGES = ("en", "fr", "es")


def load_stopwords(languages: Iterable[str] = STOPWORD_LANGUAGES) -> frozenset[str]:
    """The words left out of the comparison, from `data/stopwords.<language>.txt` (one word a line)."""
    words: set[str] = set()
    for language in languages:
        for line in (DATA_DIR / f"stopwords.{language}.txt").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                words.add(line.strip())
    return frozenset(words)


STOPWORDS = load_stopwords()
_WORD = re.compile(r"[a-z0-9]+")


def stem(word: str) -> str:
    """A light suffix stripper shared by en/fr/es: enough to match plural and common derivations."""
    for suffix in ("ations", "ation", "ement", "ments", "ment", "ings", "ing", "ions", "ion", "ies", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def terms(text: str) -> Counter[str]:
    """Stems and adjacent stem pairs, stop words removed."""
    words = [stem(w) for w in _WORD.findall(fold(text)) if w not in STOPWORDS and len(w) > 2]
    counts: Counter[str] = Counter(words)
    counts.update(f"{a}_{b}" for a, b in zip(words, words[1:], strict=False))
    return counts


@dataclass(frozen=True)
class Document:
    key: str  # e.g. "request:42" or "activity:7"
    kind: str  # "request" | "activity"
    country: str
    themes: frozenset[str]
    text: str
    start: date | None = None
    end: date | None = None
    label: str = ""


@dataclass
class Match:
    key: str
    kind: str
    label: str
    score: float
    text_similarity: float
    shared_themes: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # same_country, shared_themes, similar_text, overlapping_period
    period_overlap_days: int = 0


def _tfidf(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    vector = {t: (1 + math.log(n)) * idf.get(t, 0.0) for t, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {t: v / norm for t, v in vector.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def period_overlap(a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None) -> int:
    """Days two periods share (0 when one is unknown or they do not meet)."""
    if not (a_start and b_start):
        return 0
    a_end = a_end or a_start
    b_end = b_end or b_start
    return max(0, (min(a_end, b_end) - max(a_start, b_start)).days + 1)


def find_overlaps(
    query: Document,
    candidates: Sequence[Document] | Iterable[Document],
    *,
    limit: int = 10,
    min_score: float = 0.3,
    min_text: float = 0.12,
) -> list[Match]:
    """Candidates ranked by overlap with the query, best first.

    score = 0.5 × text similarity + 0.2 × same State + 0.2 × share of the query's themes in common
    + 0.1 × overlapping period. A candidate is listed when its score reaches `min_score` and it
    shares either a theme or enough text (`min_text`).
    """
    candidates = [c for c in candidates if c.key != query.key]
    term_counts = [terms(c.text) for c in candidates]
    query_terms = terms(query.text)
    document_frequency: Counter[str] = Counter()
    for counts in [query_terms, *term_counts]:
        document_frequency.update(counts.keys())
    total = len(candidates) + 1
    idf = {t: math.log((1 + total) / (1 + n)) + 1.0 for t, n in document_frequency.items()}
    query_vector = _tfidf(query_terms, idf)
    matches = []
    for candidate, counts in zip(candidates, term_counts, strict=True):
        similarity = cosine(query_vector, _tfidf(counts, idf)) if counts and query_terms else 0.0
        shared = sorted(query.themes & candidate.themes)
        theme_share = len(shared) / len(query.themes) if query.themes else 0.0
        same_country = bool(query.country) and query.country == candidate.country
        overlap_days = period_overlap(query.start, query.end, candidate.start, candidate.end)
        score = 0.5 * similarity + 0.2 * same_country + 0.2 * theme_share + 0.1 * (overlap_days > 0)
        if score < min_score or not (shared or similarity >= min_text):
            continue
        reasons = []
        if same_country:
            reasons.append("same_country")
        if shared:
            reasons.append("shared_themes")
        if similarity >= min_text:
            reasons.append("similar_text")
        if overlap_days:
            reasons.append("overlapping_period")
        matches.append(
            Match(
                key=candidate.key,
                kind=candidate.kind,
                label=candidate.label,
                score=round(score, 3),
                text_similarity=round(similarity, 3),
                shared_themes=shared,
                reasons=reasons,
                period_overlap_days=overlap_days,
            )
        )
    matches.sort(key=lambda m: (-m.score, m.key))
    return matches[:limit]
