"""Suspects forest plot: each exposure's estimated effect with its 95 % interval."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from zonula.charts.data import SuspectEffect
from zonula.charts.style import ACCENT, INK, MUTED, WARM, render, say_empty
from zonula.i18n import _


def suspects_forest_chart(items: Sequence[SuspectEffect], *, symptom: str) -> str:
    """SVG forest plot, one row per exposure (points in group `effects`, one per item).

    Highlighted rows (by default: an interval entirely above zero) are drawn in the warm colour,
    the rest in blue. Zero (no difference) is the dashed line.
    """
    title = _("Suspects for {symptom}: estimated effect with 95% interval").format(symptom=symptom)
    height = 1.1 + 0.32 * max(len(items), 1)

    def draw(fig: Figure, ax: Axes) -> str:
        ax.set_title(title)
        ax.axvline(0, color=MUTED, linestyle="--", linewidth=0.8)
        ax.set_xlabel(_("change in severity when exposed (0-10 points)"))
        if not items:
            say_empty(ax, _("No suspects to show"))
            return title
        rows = list(range(len(items)))[::-1]
        colours = [WARM if (i.low > 0 if i.highlight is None else i.highlight) else ACCENT for i in items]
        for row, item, colour in zip(rows, items, colours, strict=True):
            ax.plot([item.low, item.high], [row, row], color=colour, linewidth=1.6, solid_capstyle="butt")
        points = ax.scatter([i.effect for i in items], rows, color=colours, s=22, zorder=3, edgecolor=INK,
                            linewidth=0.4)
        points.set_gid("effects")
        ax.set_yticks(rows)
        ax.set_yticklabels([i.label for i in items])
        ax.grid(axis="y", visible=False)
        ax.set_ylim(-0.7, len(items) - 0.3)
        return title

    return render(draw, height=height)
