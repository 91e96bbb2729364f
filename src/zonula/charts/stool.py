"""Bristol stool form distribution: one bar per type 1-7."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from zonula.charts.data import BRISTOL_TYPES, StoolCounts
from zonula.charts.style import ACCENT, ACCENT_LIGHT, MUTED, render
from zonula.i18n import _


def stool_chart(data: StoolCounts) -> str:
    """SVG bar chart of stools per Bristol type (bars `bar-1` ... `bar-7`; types 3-4 darker).

    Types 3 and 4 are the forms usually described as normal; the chart marks them but states no
    judgement on the person.
    """
    title = _("Bristol stool form: {n} stools").format(n=data.total)

    def draw(fig: Figure, ax: Axes) -> str:
        ax.set_title(title)
        heights = [data.counts.get(t, 0) for t in BRISTOL_TYPES]
        colours = [ACCENT if t in (3, 4) else ACCENT_LIGHT for t in BRISTOL_TYPES]
        bars = ax.bar(BRISTOL_TYPES, heights, color=colours, width=0.7)
        for t, bar in zip(BRISTOL_TYPES, bars, strict=True):
            bar.set_gid(f"bar-{t}")
        ax.bar_label(bars, fontsize=7, color=MUTED, padding=2)
        ax.set_xticks(BRISTOL_TYPES)
        ax.set_xticklabels([str(t) for t in BRISTOL_TYPES])
        ax.set_xlabel(_("Bristol type (1 hard lumps ... 7 watery; 3-4 usually called normal)"))
        ax.set_ylabel(_("stools"))
        ax.grid(axis="x", visible=False)
        ax.set_ylim(0, max(max(heights), 1) * 1.18)
        return title

    return render(draw, height=2.5)
