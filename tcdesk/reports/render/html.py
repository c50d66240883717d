"""The report as HTML: the browser preview, and the PDF through WeasyPrint (fonts and styles from the
project's files only, nothing fetched)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from ..document import Document
from . import layout, roman

STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "reports" / "report.css"


def context(document: Document) -> dict:
    laid, notes = layout(document)
    for block in laid:
        for item in block.items:
            if item.chart is not None:
                # The SVG is the project's own drawing (matplotlib output), not user input.
                item.svg = mark_safe(item.chart.svg)  # type: ignore[attr-defined]  # noqa: S308
                item.roman = roman(item.number or 0)  # type: ignore[attr-defined]
    return {"document": document, "laid": laid, "notes": notes, "head": document.masthead}


def render_html(document: Document, *, on: dt.date, standalone: bool = True) -> str:
    """The whole document (`standalone`, for print) or the fragment the preview page includes."""
    with translation.override(document.language):
        return render_to_string(
            "reports/document.html" if standalone else "reports/_document_body.html",
            {**context(document), "created": on.isoformat()},
        )


def render_pdf(document: Document, *, on: dt.date) -> bytes:
    from weasyprint import CSS, HTML

    html = render_html(document, on=on, standalone=True)
    # No base URL and a fetcher that refuses everything: the PDF never reaches the network.
    return HTML(string=html, base_url=None, url_fetcher=_refuse).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))], uncompressed_pdf=False
    )


def _refuse(url: str, *args, **kwargs):
    raise ValueError(f"reports do not fetch resources ({url})")
