"""The report's figures drawn with matplotlib, once, as SVG (vector: the HTML preview and the PDF) and
as PNG (the DOCX). Pure: no Django. Deterministic: fixed SVG ids, no dates in the files.

- `bar_chart`: grouped horizontal bars (e.g. requests received and accepted by region);
- `world_map`: States coloured by treaty status, on the offline shapes of `tcdesk.treaties.worldmap`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from tcdesk.treaties.charts import svg_without_css
from tcdesk.treaties.worldmap import DEFAULT_COLOURS, SOUTH_CUT, load_shapes, natural_earth

mpl.rcParams["svg.hashsalt"] = "tcdesk-report"  # stable element ids: same data, same SVG
mpl.rcParams["svg.fonttype"] = "path"  # text as outlines: no font needed to show the SVG
BAR_COLOURS = ("#1f5f99", "#8fc1e3", "#c9c9c9")


@dataclass(frozen=True)
class Drawing:
    svg: str
    png: bytes
    width_cm: float


def _export(figure: Figure, width_cm: float, prefix: str) -> Drawing:
    svg = io.StringIO()
    figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    png = io.BytesIO()
    figure.savefig(png, format="png", dpi=200, metadata={"Software": None})
    # Presentation attributes instead of CSS: works under the site's CSP and in WeasyPrint's SVG.
    text = svg_without_css(svg.getvalue())
    text = text[text.index("<svg") :]  # no XML prologue or doctype: it is inlined in HTML
    # Several drawings share one HTML document: their element ids must not collide.
    text = re.sub(r'id="([^"]+)"', rf'id="{prefix}-\1"', text)
    text = re.sub(r"#([A-Za-z_][\w.-]*)\)", rf"#{prefix}-\1)", text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{prefix}-\1"', text)
    return Drawing(svg=text, png=png.getvalue(), width_cm=width_cm)


def bar_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[int]],
    *,
    x_label: str,
    fmt: Callable[[int], str] = str,
    prefix: str = "bars",
) -> Drawing:
    """Horizontal bars, one group per label, one bar per series (in the order given); `fmt` writes the
    value at the end of each bar (in the report's language)."""
    height = 0.45 + 0.42 * len(labels) * max(1, len(series)) / 2
    figure = Figure(figsize=(6.3, max(1.8, height)))
    axes = figure.add_subplot()
    count = max(1, len(series))
    bar = 0.8 / count
    positions = list(range(len(labels)))
    for index, (name, values) in enumerate(series.items()):
        offsets = [p - 0.4 + bar * (index + 0.5) for p in positions]
        bars = axes.barh(offsets, list(values), height=bar, label=name, color=BAR_COLOURS[index % len(BAR_COLOURS)])
        axes.bar_label(bars, labels=[fmt(v) for v in values], padding=2, fontsize=7)
    axes.set_yticks(positions, list(labels), fontsize=8)
    axes.invert_yaxis()
    axes.set_xlabel(x_label, fontsize=8)
    axes.tick_params(axis="x", labelsize=7)
    axes.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(fontsize=7, frameon=False, loc="lower right")
    figure.tight_layout()
    return _export(figure, 15.5, prefix)


def world_map(categories: Mapping[str, str], legend: Sequence[tuple[str, str]], *, prefix: str = "map") -> Drawing:
    """States (ISO numeric codes) filled by category ('party', 'signatory', 'none'; others: no data)."""
    figure = Figure(figsize=(6.3, 3.1))
    axes = figure.add_axes((0, 0.08, 1, 0.92))
    polygons, colours = [], []
    for shape in load_shapes():
        colour = DEFAULT_COLOURS.get(categories.get(shape.id, "nodata"), DEFAULT_COLOURS["nodata"])
        for ring in shape.rings:
            points = [natural_earth(lon, max(lat, SOUTH_CUT)) for lon, lat in ring]
            if all(lat <= SOUTH_CUT for _lon, lat in ring):
                continue
            polygons.append(points)
            colours.append(colour)
    axes.add_collection(PolyCollection(polygons, facecolors=colours, edgecolors="#ffffff", linewidths=0.2))
    axes.autoscale_view()
    axes.set_aspect("equal")
    axes.axis("off")
    handles = [Patch(facecolor=DEFAULT_COLOURS[key], label=label) for key, label in legend]
    figure.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=6.5, frameon=False)
    return _export(figure, 15.5, prefix)
