"""The charts' look: fonts with a CJK fallback chain, colours, sizes, and SVG output."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

# Preferred families, best first. Noto Sans CJK SC (Debian's fonts-noto-cjk) covers Latin and
# Simplified Chinese; the others are fallbacks found on common systems. Fonts are never downloaded.
FONT_PREFERENCE: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "Noto Sans CJK JP",
    "DejaVu Sans",  # ships with matplotlib: always present, Latin only
)

INK = "#1f2933"
MUTED = "#616e7c"
GRID = "#d9dee3"
ACCENT = "#2f6f9f"
ACCENT_LIGHT = "#9cc3df"
WARM = "#c8553d"
PHASE_COLOURS = ("#e8f1f8", "#fbeee0", "#e9f5ea", "#f3e8f6", "#f6f3df")

WIDTH_IN = 7.0
HEIGHT_IN = 2.9


@cache
def cjk_font_chain() -> tuple[str, ...]:
    """The installed families of FONT_PREFERENCE, in order (DejaVu Sans always last)."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    chain = tuple(name for name in FONT_PREFERENCE if name in installed)
    return chain if chain and chain[-1] == "DejaVu Sans" else (*chain, "DejaVu Sans")


def _rc() -> Any:  # matplotlib types rcParams keys as Literals; a plain dict is what it takes
    return {
        "font.family": list(cjk_font_chain()),
        "font.size": 9,
        "axes.titlesize": 10,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.edgecolor": MUTED,
        "axes.labelcolor": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.axisbelow": True,
        "grid.color": GRID,
        "grid.linewidth": 0.6,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "text.color": INK,
        "legend.frameon": False,
        "legend.fontsize": 8,
        "svg.fonttype": "none",  # real <text>: selectable, searchable, and small
        "svg.hashsalt": "zonula",  # stable ids: the same data gives the same SVG
        "axes.unicode_minus": False,
    }


@contextmanager
def figure(height: float = HEIGHT_IN) -> Iterator[tuple[Figure, Axes]]:
    """A fresh figure and axes under zonula's style (no pyplot: nothing global is touched)."""
    with rc_context(_rc()):
        fig = Figure(figsize=(WIDTH_IN, height), layout="constrained")
        FigureCanvasSVG(fig)
        yield fig, fig.add_subplot()


def say_empty(ax: Axes, message: str, *, axis: str = "y") -> None:
    """Write `message` in the middle of an empty chart and drop the meaningless ticks of `axis`."""
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color=MUTED)
    if axis == "x":
        ax.set_xticks([])
    else:
        ax.set_yticks([])


_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)


def to_svg(fig: Figure, *, label: str) -> str:
    """The figure as an inline-ready SVG string (no XML prologue), labelled for screen readers."""
    with rc_context(_rc()):
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "zonula"})
    svg = _PROLOGUE.sub("", buf.getvalue(), count=1)
    safe = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{safe}" class="zonula-chart" ', 1)


def render(draw: Callable[[Figure, Axes], str], *, height: float = HEIGHT_IN) -> str:
    """Draw on a fresh figure (`draw` returns the chart's title) and return the SVG."""
    with figure(height) as (fig, ax):
        title = draw(fig, ax)
        return to_svg(fig, label=title)
