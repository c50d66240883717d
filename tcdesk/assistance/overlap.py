"""Overlap detection between a request and other requests or partners' activities. No Django here.

Works offline: text similarity is the cosine of TF-IDF vectors of word stems and word pairs, with
English, French and Spanish stop words removed and accents folded; the IDF is computed over the
candidate set, which the caller pre-filters in the database (same State, not withdrawn). The final
score mixes text similarity with shared themes and overlapping periods; each match says why it matched.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "within",
        "upon",
        "shall",
        "may",
        "must",
        "request",
        "requests",
        "support",
        "assistance",
        "technical",
        "provide",
        "including",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "cette",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "eux",
        "il",
        "ils",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "lui",
        "ma",
        "mais",
        "me",
        "meme",
        "mes",
        "moi",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "est",
        "sont",
        "ete",
        "etre",
        "avoir",
        "ont",
        "afin",
        "ainsi",
        "aupres",
        "entre",
        "comme",
        "plus",
        "sans",
        "sous",
        "selon",
        "lors",
        "dont",
        "demande",
        "appui",
        "assistance",
        "technique",
        "al",
        "algo",
        "ante",
        "con",
        "contra",
        "cual",
        "cuando",
        "del",
        "desde",
        "donde",
        "el",
        "ella",
        "ellas",
        "ellos",
        "entre",
        "era",
        "eran",
        "es",
        "esa",
        "ese",
        "eso",
        "esta",
        "estas",
        "este",
        "esto",
        "estos",
        "fue",
        "fueron",
        "ha",
        "han",
        "hasta",
        "las",
        "lo",
        "los",
        "mas",
        "mi",
        "mis",
        "muy",
        "nos",
        "nuestra",
        "nuestro",
        "o",
        "otra",
        "otro",
        "para",
        "pero",
        "por",
        "porque",
        "se",
        "sin",
        "sobre",
        "su",
        "sus",
        "tambien",
        "te",
        "tiene",
        "tu",
        "un",
        "una",
        "unas",
        "uno",
        "unos",
        "y",
        "ya",
        "solicitud",
        "apoyo",
        "asistencia",
        "tecnica",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents: "Législation" → "legislation"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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
