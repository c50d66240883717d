"""Charts of treaty participation as SVG (matplotlib, Agg backend).

Pure module (no Django). The SVG keeps no CSS: matplotlib's `style="…"` attributes are turned
into presentation attributes and its `<style>` element is dropped, so the chart can be inlined
in pages under a strict Content-Security-Policy and in PDF reports.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)
_XML_PROLOGUE = re.compile(r"^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", re.DOTALL)


def _style_to_attributes(match: re.Match) -> str:
    attributes = []
    for declaration in match.group(1).split(";"):
        if ":" not in declaration:
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        if name and value:
            attributes.append(f' {name}="{value}"')
    return "".join(attributes)


def svg_without_css(svg: str) -> str:
    """matplotlib SVG -> the same drawing with presentation attributes only (no style attributes)."""
    svg = _XML_PROLOGUE.sub("", svg)
    svg = _STYLE_ELEMENT.sub("", svg)
    return _STYLE_ATTR.sub(_style_to_attributes, svg)


def figure_svg(figure: Figure, *, title: str, description: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    svg = svg_without_css(buffer.getvalue())
    # Accessible name: role, title and description right after the root element.
    svg = re.sub(
        r"<svg ([^>]*)>",
        lambda m: (
            f'<svg {m.group(1)} role="img" aria-label="{_attr(title)}"><title>{_text(title)}</title>'
            f"<desc>{_text(description)}</desc>"
        ),
        svg,
        count=1,
    )
    svg = re.sub(r'(<svg [^>]*?)\swidth="[^"]*"\sheight="[^"]*"', r'\1 width="100%"', svg, count=1)
    return svg


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


def parties_over_time_svg(
    series: Sequence[tuple[dt.date, int]],
    *,
    title: str,
    description: str,
    y_label: str,
    entry_into_force: dt.date | None = None,
    entry_into_force_label: str = "",
) -> str:
    """A step chart of the number of parties over time."""
    figure = Figure(figsize=(8, 3.2), dpi=96)
    axes = figure.add_subplot(1, 1, 1)
    if series:
        days = [day for day, _count in series]
        counts = [count for _day, count in series]
        axes.step(days, counts, where="post", color="#1f5f99", linewidth=2)
        axes.fill_between(days, counts, step="post", color="#1f5f99", alpha=0.15)
        axes.set_ylim(0, max(counts) * 1.1 + 1)
    if entry_into_force:
        axes.axvline(entry_into_force, color="#b35806", linestyle="--", linewidth=1)
        if entry_into_force_label:
            axes.annotate(
                entry_into_force_label,
                (entry_into_force, 0),
                xytext=(4, 6),
                textcoords="offset points",
                color="#b35806",
                fontsize=9,
            )
    axes.set_ylabel(y_label)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    figure.tight_layout()
    return figure_svg(figure, title=title, description=description)
