"""The offline world map and the charts (pure modules)."""

import datetime as dt
import re

from tcdesk.treaties import charts, worldmap


def test_topology_arcs_decode_to_degrees_and_shapes_carry_iso_numeric_ids():
    shapes = {s.id: s for s in worldmap.load_shapes()}
    assert {"466", "250", "643", "076"} <= set(shapes)  # Mali, France, Russia, Brazil
    lons = [lon for ring in shapes["466"].rings for lon, _lat in ring]
    lats = [lat for ring in shapes["466"].rings for _lon, lat in ring]
    assert -13 < min(lons) < -11 and 4 < max(lons) < 5 and 10 < min(lats) < 11 and 24 < max(lats) < 26


def test_antimeridian_rings_do_not_jump_across_the_map():
    for shape in worldmap.load_shapes():
        for ring in shape.rings:
            assert all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False)), shape.name


def test_natural_earth_projection_is_symmetric():
    x, y = worldmap.natural_earth(180, 0)
    assert round(x, 4) == round(0.8707 * 3.141592653589793, 4) and y == 0
    assert worldmap.natural_earth(-30, -40) == tuple(-v for v in worldmap.natural_earth(30, 40))


def test_map_is_accessible_and_coloured_by_category_without_css():
    svg = worldmap.render_map_svg(
        {"466": "party", "250": "signatory"},
        title="Map & title",
        description="What it shows",
        legend=[("party", "Party"), ("signatory", "Signatory"), ("none", "Not party")],
        names={"466": "Mali"},
    )
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title id=" in svg and "Map &amp; title" in svg
    assert re.search(r'fill="#1f5f99" data-id="466" data-status="party"><title>Mali: Party</title>', svg)
    assert "style=" not in svg
    assert 'data-id="010"' not in svg  # Antarctica is cut


def test_chart_svg_has_no_css_and_a_title():
    svg = charts.parties_over_time_svg(
        [(dt.date(2003, 9, 29), 40), (dt.date(2010, 1, 1), 150)],
        title="Parties",
        description="Growth",
        y_label="States",
        entry_into_force=dt.date(2003, 9, 29),
        entry_into_force_label="EIF",
    )
    assert svg.startswith("<svg") and "<title>Parties</title>" in svg
    assert " style=" not in svg and "<style" not in svg and "<?xml" not in svg
