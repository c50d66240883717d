"""Possible duplication between a partner's activity and our projects (op. 15 of resolution 60/175:
synergies with development partners, no duplication). No Django here.

Two pieces of work may duplicate each other when they are delivered in the same State, in the same
line of work (a DAC 5-digit sector in common, or at least the same 3-digit DAC category) and at the
same time (periods that meet, or one of them unknown). Among those, the score says how close they
are: 0.35 for a shared State, 0.25 for a shared sector (0.1 for a shared category only), 0.15 for
overlapping periods and 0.25 × the similarity of their titles and descriptions (TF-IDF cosine, the
assistance app's overlap measure). Each match says why it matched.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from tcdesk.assistance.overlap import cosine, period_overlap, terms

# Vocabularies of DAC sector codes (IATI SectorVocabulary): 1 = DAC 5-digit, 2 = DAC 3-digit.
DAC_5 = "1"
DAC_3 = "2"


@dataclass(frozen=True)
class Footprint:
    """Where, in which sectors and when a piece of work is delivered."""

    key: str
    label: str
    countries: frozenset[str]
    sectors: frozenset[str]  # DAC 5-digit codes
    categories: frozenset[str] = frozenset()  # DAC 3-digit codes (given, or those of `sectors`)
    start: date | None = None
    end: date | None = None
    text: str = ""

    @property
    def all_categories(self) -> frozenset[str]:
        return self.categories | {code[:3] for code in self.sectors}


@dataclass(frozen=True)
class Duplication:
    key: str
    label: str
    score: float
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    period_overlap_days: int = 0
    text_similarity: float = 0.0
    reasons: list[str] = field(default_factory=list)  # same_country, same_sector, same_category, …

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "score": self.score,
            "countries": self.countries,
            "sectors": self.sectors,
            "categories": self.categories,
            "period_overlap_days": self.period_overlap_days,
            "text_similarity": self.text_similarity,
            "reasons": self.reasons,
        }


def sector_keys(sectors: Iterable[tuple[str, str | None]]) -> tuple[frozenset[str], frozenset[str]]:
    """DAC 5-digit codes and 3-digit categories of (code, vocabulary) pairs; other vocabularies are left
    out (a missing vocabulary means DAC 5-digit, as in IATI)."""
    five, three = set(), set()
    for code, vocabulary in sectors:
        code = (code or "").strip()
        if vocabulary in (None, "", DAC_5) and len(code) == 5 and code.isdigit():
            five.add(code)
        elif vocabulary == DAC_3 and len(code) == 3 and code.isdigit():
            three.add(code)
    return frozenset(five), frozenset(three)


def search_keys(values: Iterable[str]) -> str:
    """The space-delimited key string stored for filtering (" MLI NER "): a filter looks for " X "."""
    found = sorted({v.strip().upper() for v in values if v and v.strip()})
    return f" {' '.join(found)} " if found else ""


def _periods_meet(a: Footprint, b: Footprint) -> tuple[bool, int]:
    days = period_overlap(a.start, a.end, b.start, b.end)
    if days:
        return True, days
    known = a.start is not None and b.start is not None
    return not known, 0


def possible_duplicates(
    partner: Footprint, projects: Iterable[Footprint], *, limit: int = 10, min_score: float = 0.5
) -> list[Duplication]:
    """Our projects that may duplicate the partner's activity, closest first."""
    candidates = list(projects)
    counts = [terms(c.text) for c in candidates]
    partner_terms = terms(partner.text)
    frequency: Counter[str] = Counter()
    for item in [partner_terms, *counts]:
        frequency.update(item.keys())
    total = len(candidates) + 1
    idf = {t: math.log((1 + total) / (1 + n)) + 1.0 for t, n in frequency.items()}

    def vector(c: Counter[str]) -> dict[str, float]:
        return {t: n * idf[t] for t, n in c.items()}

    partner_vector = vector(partner_terms)
    found = []
    for candidate, candidate_terms in zip(candidates, counts, strict=True):
        countries = sorted(partner.countries & candidate.countries)
        sectors = sorted(partner.sectors & candidate.sectors)
        categories = sorted(partner.all_categories & candidate.all_categories)
        meet, days = _periods_meet(partner, candidate)
        if not countries or not categories or not meet:
            continue
        similarity = cosine(partner_vector, vector(candidate_terms)) if partner_terms and candidate_terms else 0.0
        score = 0.35 + (0.25 if sectors else 0.1) + (0.15 if days else 0.0) + 0.25 * similarity
        if score < min_score:
            continue
        reasons = ["same_country", "same_sector" if sectors else "same_category"]
        if days:
            reasons.append("overlapping_period")
        if similarity >= 0.12:
            reasons.append("similar_text")
        found.append(
            Duplication(
                key=candidate.key,
                label=candidate.label,
                score=round(score, 3),
                countries=countries,
                sectors=sectors,
                categories=categories,
                period_overlap_days=days,
                text_similarity=round(similarity, 3),
                reasons=reasons,
            )
        )
    found.sort(key=lambda d: (-d.score, d.key))
    return found[:limit]
