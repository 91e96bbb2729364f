"""Repair plan before/after: each measure's mean with its 95 % interval in both windows."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from zonula.charts.data import BeforeAfter
from zonula.charts.style import ACCENT, MUTED, WARM, render, say_empty
from zonula.i18n import _


def _or(value: float | None, default: float) -> float:
    return default if value is None else value


def before_after_chart(items: Sequence[BeforeAfter], *, title: str | None = None) -> str:
    """SVG of before (grey-blue) and after (warm) means with intervals, one pair per measure.

    Points are in groups `before` and `after`, one marker per measure each; a missing interval
    draws the mean alone.
    """
    heading = title or _("Before and after: mean with 95% interval")
    height = 1.2 + 0.42 * max(len(items), 1)

    def draw(fig: Figure, ax: Axes) -> str:
        ax.set_title(heading)
        ax.set_xlabel(_("mean severity (0-10)"))
        ax.set_xlim(-0.3, 10.3)
        if not items:
            say_empty(ax, _("Nothing to compare yet"))
            return heading
        rows = list(range(len(items)))[::-1]
        for offset, key, colour, label in ((0.13, "before", ACCENT, _("before")),
                                           (-0.13, "after", WARM, _("after"))):
            ys = [r + offset for r in rows]
            means = [getattr(i, key) for i in items]
            lows = [m - _or(getattr(i, f"{key}_low"), m) for m, i in zip(means, items, strict=True)]
            highs = [_or(getattr(i, f"{key}_high"), m) - m for m, i in zip(means, items, strict=True)]
            bars = ax.errorbar(means, ys, xerr=[lows, highs], fmt="o", color=colour, markersize=4,
                               capsize=2, linewidth=1.3, label=label)
            bars.lines[0].set_gid(key)
        for row, item in zip(rows, items, strict=True):
            if item.note:
                ax.annotate(item.note, (1.0, row), xycoords=("axes fraction", "data"), xytext=(4, 0),
                            textcoords="offset points", va="center", fontsize=7, color=MUTED)
        ax.set_yticks(rows)
        ax.set_yticklabels([i.label for i in items])
        ax.grid(axis="y", visible=False)
        ax.set_ylim(-0.7, len(items) - 0.3)
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, borderaxespad=0.2)
        return heading

    return render(draw, height=height)
