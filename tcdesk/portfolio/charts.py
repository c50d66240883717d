"""Charts of a project's results and trainings as SVG (matplotlib), inlined in pages. Pure module (no Django).

Uses the treaties app's SVG clean-up (no CSS, accessible title and description) so that the chart
passes the strict Content-Security-Policy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure

from tcdesk.treaties.charts import figure_svg

BASELINE, TARGET, ACTUAL = "#9e9e9e", "#1f5f99", "#b35806"


@dataclass(frozen=True)
class Progress:
    """An indicator's baseline, latest target and latest actual (None when not given)."""

    label: str
    baseline: float
    target: float | None
    actual: float | None

    @property
    def share(self) -> float | None:
        """Progress from baseline to target, in % (None without both)."""
        if self.target is None or self.actual is None or self.target == self.baseline:
            return None
        return round(100 * (self.actual - self.baseline) / (self.target - self.baseline), 1)


def progress_svg(rows: Sequence[Progress], *, title: str, description: str, labels: tuple[str, str, str]) -> str:
    """Horizontal bars per indicator: baseline, target and actual side by side."""
    height = 1.2 + 0.7 * max(1, len(rows))
    figure = Figure(figsize=(8, height), dpi=96)
    axes = figure.add_subplot(1, 1, 1)
    positions = list(range(len(rows)))
    for offset, colour, values, label in (
        (-0.25, BASELINE, [r.baseline for r in rows], labels[0]),
        (0.0, TARGET, [r.target or 0 for r in rows], labels[1]),
        (0.25, ACTUAL, [r.actual or 0 for r in rows], labels[2]),
    ):
        axes.barh([p + offset for p in positions], values, height=0.25, color=colour, label=label)
    axes.set_yticks(positions, [r.label[:50] for r in rows])
    axes.invert_yaxis()
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    figure.tight_layout()
    return figure_svg(figure, title=title, description=description)
