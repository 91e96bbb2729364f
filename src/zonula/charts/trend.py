"""Symptom trend: daily means, a 7-day rolling mean, and protocol phases shaded."""

from __future__ import annotations

from datetime import date

from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure

from zonula.charts.data import TrendData, rolling_mean
from zonula.charts.style import ACCENT, ACCENT_LIGHT, MUTED, PHASE_COLOURS, render, say_empty
from zonula.i18n import _, current_language

# Chinese axis dates: years, months, days, hours, minutes, seconds (matplotlib's order).
ZH_DATE_FORMATS = ["%Y年", "%-m月", "%-d日", "%H:%M", "%H:%M", "%S.%f"]
ZH_OFFSET_FORMATS = ["", "%Y年", "%Y年%-m月", "%Y年%-m月%-d日", "%Y年%-m月%-d日", "%Y年%-m月%-d日 %H:%M"]


def _x(day: date) -> float:
    """A date as matplotlib's axis number."""
    return float(date2num(day))  # type: ignore[no-untyped-call]  # untyped upstream


def symptom_trend_chart(data: TrendData) -> str:
    """SVG of a symptom's daily mean severity (points) and its 7-day rolling mean (line).

    Groups carry ids for tests and styling: `daily-mean` (one marker per rated day),
    `rolling-mean`, and `phase-<n>` per shaded phase.
    """
    title = _("{symptom}: daily mean severity and 7-day average").format(symptom=data.symptom)

    def draw(fig: Figure, ax: Axes) -> str:
        ax.set_title(title)
        ax.set_ylim(-0.3, 10.3)
        ax.set_yticks(range(0, 11, 2))
        ax.set_ylabel(_("severity (0-10)"))
        for n, phase in enumerate(data.phases):
            start, end = _x(phase.start), _x(phase.end)
            band = ax.axvspan(start, end, color=PHASE_COLOURS[n % len(PHASE_COLOURS)], lw=0,
                              zorder=0)
            band.set_gid(f"phase-{n}")
            ax.text(start, 10.1, phase.label, fontsize=7, color=MUTED, va="top", ha="left", clip_on=True)
        if data.start is not None and data.end is not None:
            ax.set_xlim(_x(data.start) - 0.5, _x(data.end) + 0.5)
        if not data.days:
            say_empty(ax, _("No ratings in this period"), axis="x")
            return title
        xs = [_x(d) for d in data.days]
        (points,) = ax.plot(xs, list(data.values), linestyle="none", marker="o", markersize=2.6,
                            color=ACCENT_LIGHT, label=_("daily mean"))
        points.set_gid("daily-mean")
        smooth = rolling_mean(data.days, data.values)
        (line,) = ax.plot(xs, [float("nan") if v is None else v for v in smooth], color=ACCENT,
                          linewidth=1.6, label=_("7-day average"))
        line.set_gid("rolling-mean")
        locator = AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]  # untyped upstream
        ax.xaxis.set_major_locator(locator)
        zh = current_language() == "zh"
        ax.xaxis.set_major_formatter(ConciseDateFormatter(  # type: ignore[no-untyped-call]
            locator, formats=ZH_DATE_FORMATS if zh else None,
            offset_formats=ZH_OFFSET_FORMATS if zh else None))
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, borderaxespad=0.2)
        return title

    return render(draw)
