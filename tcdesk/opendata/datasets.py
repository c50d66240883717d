"""The documents of `selectors` as files: the JSON envelope (licence, last change, source) and each
table as CSV rows (header first), plus the funding chart.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from html import escape
from typing import Any

from django.utils.translation import gettext as _

from . import freshness, licence

FUNDING_TABLES = ("contributions", "earmarking", "pledged_vs_paid", "flows")
DELIVERY_TABLES = ("projects", "activities_by_kind", "trainings_by_theme", "results")


def envelope(document: dict[str, Any], *, source: str | None = None) -> dict[str, Any]:
    """The document with what every published file says: its licence and when the data last changed."""
    changed = freshness.last_changed()
    head: dict[str, Any] = {
        "licence": licence.current().as_dict(),
        "last_changed": changed.isoformat() if changed else None,
    }
    if source:
        head["source"] = source
    return {**head, **document}


def _participants(doc: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = [["instrument", "as_of", "participant", "name", "status", "party_since"]]
    for key in doc["parties"]:
        rows.append(
            [doc["instrument"], doc["as_of"], key, doc["names"].get(key, key), "party", doc["party_since"].get(key)]
        )
    for key in doc["signatories"]:
        if key not in doc["party_since"]:
            rows.append([doc["instrument"], doc["as_of"], key, doc["names"].get(key, key), "signatory", None])
    return rows


def _columns(items: list[dict[str, Any]], columns: list[str]) -> list[list[Any]]:
    return [columns] + [[item.get(c) for c in columns] for item in items]


def _flatten_results(doc: dict[str, Any]) -> list[list[Any]]:
    head = ["project", "indicator", "baseline", "start", "end"]
    kinds = [f"{k}_{p}" for k in ("target", "actual") for p in ("value", "women", "men", "other")]
    rows: list[list[Any]] = [head + kinds]
    for r in doc["results"]:
        rows.append(
            [r[c] for c in head] + [r[k][p] for k in ("target", "actual") for p in ("value", "women", "men", "other")]
        )
    return rows


def _mandates(doc: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = [["resolution", "paragraph", "subparagraph", "lead", "status", "evidence", "text"]]
    for resolution in doc["resolutions"]:
        for m in resolution["mandates"]:
            evidence = " ".join(e["url"] for e in m["evidence"])
            rows.append(
                [resolution["symbol"], m["paragraph"], m["subparagraph"], m["lead"], m["status"], evidence, m["text"]]
            )
    return rows


TABLES: dict[str, Callable[[dict[str, Any]], list[list[Any]]]] = {
    "instruments": lambda d: _columns(
        d["instruments"], ["code", "short_name", "parties", "signatories", "data_as_of", "complete", "entry_into_force"]
    ),
    "participants": _participants,
    "treaties": lambda d: _columns(d["treaties"], ["instrument", "short_name", "status", "since"]),
    "contributions": lambda d: _columns(
        d["contributions"], ["year", "donor", "donor_name", "fund", "earmarked", "usd"]
    ),
    "earmarking": lambda d: _columns(d["earmarking"], ["year", "earmarked", "unearmarked"]),
    "pledged_vs_paid": lambda d: _columns(d["pledged_vs_paid"], ["year", "donor", "donor_name", "pledged", "paid"]),
    "flows": lambda d: _columns(d["flows"], ["donor", "donor_name", "fund", "country", "theme", "usd"]),
    "projects": lambda d: (
        [["identifier", "title", "status", "programme", "start", "end", "countries", "themes", "currency", "budget"]]
        + [
            [
                p["identifier"],
                p["title"],
                p["status"],
                p["programme"],
                p["start"],
                p["end"],
                " ".join(p["countries"]),
                " ".join(p["themes"]),
                p["currency"],
                p["budget"],
            ]
            for p in d["projects"]
        ]
    ),
    "activities_by_kind": lambda d: _columns(d["activities_by_kind"], ["kind", "count"]),
    "trainings_by_theme": lambda d: _columns(
        d["trainings_by_theme"], ["theme", "events", "total", "women", "men", "other"]
    ),
    "results": _flatten_results,
    "mandates": _mandates,
}


def table(document: dict[str, Any], name: str) -> list[list[Any]]:
    return TABLES[name](document)


def pledged_paid_svg(doc: dict[str, Any], width: int = 640) -> str:
    """Bars of pledged and paid (USD) per year, as an accessible SVG (presentation attributes only)."""
    years: dict[int, list[Decimal]] = {}
    for row in doc["pledged_vs_paid"]:
        pair = years.setdefault(row["year"], [Decimal(0), Decimal(0)])
        pair[0] += Decimal(row["pledged"])
        pair[1] += Decimal(row["paid"])
    if not years:
        return ""
    top = max(max(p) for p in years.values()) or Decimal(1)
    bar, gap, label_width = 14, 10, 60
    height = len(years) * (2 * bar + gap) + 40
    title = _("Pledged and paid by year (USD)")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="pledged-title pledged-desc">',
        f'<title id="pledged-title">{escape(title)}</title>',
        f'<desc id="pledged-desc">{escape(_("The table below gives the same figures."))}</desc>',
        '<g font-family="sans-serif" font-size="12">',
    ]
    y = 10
    scale = (width - label_width - 120) / float(top)
    for year, (pledged, paid) in sorted(years.items()):
        out.append(f'<text x="0" y="{y + bar + 4}" fill="#222222">{year}</text>')
        for value, colour, name in ((pledged, "#6b8fb3", _("pledged")), (paid, "#1d4e89", _("paid"))):
            length = max(1, int(float(value) * scale))
            out.append(f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar}" fill="{colour}"/>')
            out.append(
                f'<text x="{label_width + length + 6}" y="{y + bar - 3}" fill="#222222">'
                f"{escape(name)} {value:,.0f}</text>"
            )
            y += bar
        y += gap
    out.append("</g></svg>")
    return "\n".join(out)
