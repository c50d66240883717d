"""An offline world map as SVG: country shapes from the shipped TopoJSON, coloured by a category.

Pure module (no Django), so pages and PDF reports draw the same map. The shapes are Natural
Earth's 1:110m Admin 0 countries as TopoJSON from the `world-atlas` npm package (see
`data/world/README.md`), keyed by ISO 3166-1 numeric codes (= M49 codes of countries). Arcs are
decoded with the topology's quantisation transform and projected with the Natural Earth I
projection (Šavrič, Jenny, Patterson and Jenny 2011, polynomial form). Nothing is downloaded.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

WORLD_TOPOJSON = Path(__file__).resolve().parent / "data" / "world" / "countries-110m.json"

# Natural Earth I spans x in [-2.7354, 2.7354] and y in [-1.4224, 1.4224] for the whole sphere.
_X_MAX = 0.8707 * math.pi
_Y_MAX = 1.4224
SOUTH_CUT = -58.0  # Antarctica is left out: it is no State and it takes a fifth of the height.

DEFAULT_COLOURS = {
    "party": "#1f5f99",
    "signatory": "#8fc1e3",
    "none": "#c9c9c9",
    "nodata": "#ededed",
}


@dataclass(frozen=True)
class Shape:
    id: str  # ISO 3166-1 numeric, zero-padded ("004"); "" for shapes without a code
    name: str  # English name in the source data
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) rings


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth I projection of degrees to unit coordinates (y up)."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


def decode_arcs(topology: Mapping) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute (lon, lat) positions (delta decoding + transform)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def _ring(indices: Sequence[int], arcs: list[list[tuple[float, float]]]) -> tuple[tuple[float, float], ...]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return _unwrap_antimeridian(points)


def _unwrap_antimeridian(points: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """A ring crossing ±180° (Russia's Chukotka, Fiji) is kept on the side of most of its points.

    Points on the other side are put on the edge of the map: at this scale the slivers beyond
    the antimeridian are a few pixels, and a flat map has no other place for them.
    """
    if not any(abs(a[0] - b[0]) > 180 for a, b in zip(points, points[1:], strict=False)):
        return tuple(points)
    east = sum(1 for lon, _lat in points if lon > 0) >= len(points) / 2
    edge = 180.0 if east else -180.0
    return tuple(((edge if (lon < 0) == east else lon), lat) for lon, lat in points)


def shapes(topology: Mapping, object_name: str = "countries") -> list[Shape]:
    """Polygon and MultiPolygon geometries of a topology object as rings of (lon, lat)."""
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"][object_name]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = tuple(_ring(ring, arcs) for polygon in polygons for ring in polygon)
        out.append(Shape(str(geometry.get("id", "")), geometry.get("properties", {}).get("name", ""), rings))
    return out


@lru_cache(maxsize=4)
def load_shapes(path: str = str(WORLD_TOPOJSON)) -> tuple[Shape, ...]:
    with open(path, encoding="utf-8") as handle:
        return tuple(shapes(json.load(handle)))


def _path_data(shape: Shape, width: float, height: float, top: float) -> str:
    scale = width / (2 * _X_MAX)
    parts = []
    for ring in shape.rings:
        if all(lat < SOUTH_CUT for _lon, lat in ring):
            continue
        commands = []
        previous = None
        for lon, lat in ring:
            x, y = natural_earth(lon, lat)
            point = (round((x + _X_MAX) * scale, 1), round((top - y) * scale, 1))
            if point != previous:
                commands.append(f"{point[0]:g},{point[1]:g}")
                previous = point
        if len(commands) >= 3:
            parts.append("M" + "L".join(commands) + "Z")
    return "".join(parts)


@lru_cache(maxsize=8)
def projected_paths(width: int = 960, path: str = str(WORLD_TOPOJSON)) -> tuple[tuple[str, str, str], ...]:
    """(id, source name, SVG path data) per shape, for a map `width` wide (cached)."""
    top = _Y_MAX
    height = map_height(width)
    return tuple((s.id, s.name, d) for s in load_shapes(path) if (d := _path_data(s, width, height, top)))


def map_height(width: int) -> int:
    _x, south = natural_earth(0, SOUTH_CUT)
    return math.ceil((_Y_MAX - south) * width / (2 * _X_MAX))


def render_map_svg(
    categories: Mapping[str, str],
    *,
    title: str,
    description: str,
    legend: Sequence[tuple[str, str]],
    names: Mapping[str, str] | None = None,
    category_labels: Mapping[str, str] | None = None,
    colours: Mapping[str, str] = DEFAULT_COLOURS,
    width: int = 960,
    element_id: str = "world-map",
) -> str:
    """An accessible SVG map: each shape filled by its category (ISO numeric -> category key).

    Shapes with no category are "nodata". `legend` lists (category, label) pairs; `names` and
    `category_labels` give each shape a tooltip like "Mali: party". Colours are presentation
    attributes (no CSS), so the SVG works under a strict Content-Security-Policy and in PDFs.
    """
    names = names or {}
    category_labels = category_labels or dict(legend)
    height = map_height(width)
    legend_height = 28
    total = height + legend_height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total}" width="100%" '
        f'role="img" aria-labelledby="{element_id}-title {element_id}-desc" id="{element_id}" class="world-map">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f7fafc"/>',
        '<g stroke="#ffffff" stroke-width="0.5" stroke-linejoin="round">',
    ]
    for shape_id, source_name, data in projected_paths(width):
        category = categories.get(shape_id, "nodata")
        fill = colours.get(category, colours["nodata"])
        label = names.get(shape_id, source_name)
        state = category_labels.get(category, "")
        tooltip = f"{label}: {state}" if state else label
        out.append(
            f'<path d="{data}" fill="{fill}" data-id="{escape(shape_id)}" data-status="{escape(category)}">'
            f"<title>{escape(tooltip)}</title></path>"
        )
    out.append("</g>")
    x = 8
    out.append(f'<g font-family="sans-serif" font-size="13" transform="translate(0,{height + 8})">')
    for category, label in legend:
        fill = colours.get(category, colours["nodata"])
        out.append(f'<rect x="{x}" y="0" width="14" height="14" fill="{fill}" stroke="#666666" stroke-width="0.5"/>')
        out.append(f'<text x="{x + 20}" y="12" fill="#222222">{escape(label)}</text>')
        x += 30 + int(7.2 * len(label))
    out.append("</g></svg>")
    return "\n".join(out)
