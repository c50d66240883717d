"""Charts of the funds pages as SVG (matplotlib, Agg backend): pledged versus paid by donor and year.

Pure module (no Django); the SVG is cleaned the way the treaty charts are, so it can be inlined under the
site's Content-Security-Policy.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from tcdesk.treaties.charts import svg_without_css  # noqa: E402


def pledged_paid_svg(
    labels: Sequence[str],
    pledged: Sequence[float],
    paid: Sequence[float],
    *,
    title: str,
    pledged_label: str,
    paid_label: str,
) -> str:
    """Grouped bars (pledged, paid) per label ("NOR 2026"), in millions of USD."""
    figure = Figure(figsize=(7, 3.2), dpi=100)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    axes.bar([p - 0.2 for p in positions], [v / 1e6 for v in pledged], width=0.4, label=pledged_label, color="#9bb7d4")
    axes.bar([p + 0.2 for p in positions], [v / 1e6 for v in paid], width=0.4, label=paid_label, color="#1f5f99")
    axes.set_xticks(positions, labels, rotation=30, ha="right", fontsize=8)
    axes.set_ylabel("USD (millions)")
    axes.set_title(title, fontsize=10)
    axes.legend(fontsize=8)
    figure.tight_layout()
    out = io.StringIO()
    figure.savefig(out, format="svg")
    return svg_without_css(out.getvalue())
