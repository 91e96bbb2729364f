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
_STYLE_ATTRIBUTE = re.compile(r'style="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"\s*<defs>\s*<style[^>]*>(.*?)</style>\s*</defs>", re.DOTALL)
#: CSS properties matplotlib writes that SVG also accepts as presentation attributes.
PRESENTATION_ATTRIBUTES = frozenset({
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity",
    "font-size", "font-family", "font-weight", "font-style", "font-stretch", "text-anchor",
    "dominant-baseline", "clip-path", "mix-blend-mode", "visibility",
})


class ChartStyleError(ValueError):
    """matplotlib wrote a CSS property that has no SVG presentation attribute."""


def _declarations(css: str) -> list[tuple[str, str]]:
    """`a: b; c: d` as [(a, b), (c, d)], each property checked against the presentation attributes."""
    pairs = []
    for declaration in css.split(";"):
        if not declaration.strip():
            continue
        name, _colon, value = declaration.partition(":")
        name = name.strip()
        if name not in PRESENTATION_ATTRIBUTES:
            raise ChartStyleError(f"no SVG presentation attribute for CSS property {name!r}")
        pairs.append((name, value.strip()))
    return pairs


def _as_attributes(css: str) -> str:
    """CSS declarations as presentation attributes (`fill="#fff" stroke="#000"`)."""
    return " ".join(f'{name}="{value}"' for name, value in _declarations(css))


def without_inline_css(svg: str) -> str:
    """The SVG with `style` attributes and `<style>` elements turned into presentation attributes.

    The web app's Content-Security-Policy (`style-src 'self'`) blocks inline CSS, so inline SVG
    styled with it would lose every fill and stroke (shapes turn black). Presentation attributes
    are markup, not CSS, and render the same everywhere (browsers, WeasyPrint).
    """
    root_css = ""
    found = _STYLE_ELEMENT.search(svg)
    if found:
        rule = re.fullmatch(r"\s*\*\s*\{(.*)\}\s*", found.group(1), re.DOTALL)
        if rule is None:
            raise ChartStyleError("unexpected <style> element in matplotlib's SVG")
        root_css = rule.group(1)
        svg = svg[: found.start()] + svg[found.end():]
    svg = _STYLE_ATTRIBUTE.sub(lambda m: _as_attributes(m.group(1)), svg)
    if root_css:
        # `* {...}` set these on every element; on the root they are inherited by every element
        # that does not set its own, which is the same for the properties matplotlib puts there.
        svg = svg.replace("<svg ", f"<svg {_as_attributes(root_css)} ", 1)
    return svg


def to_svg(fig: Figure, *, label: str) -> str:
    """The figure as an inline-ready SVG string (no XML prologue, no inline CSS), labelled for screen readers."""
    with rc_context(_rc()):
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "zonula"})
    svg = without_inline_css(_PROLOGUE.sub("", buf.getvalue(), count=1))
    safe = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{safe}" class="zonula-chart" ', 1)


def render(draw: Callable[[Figure, Axes], str], *, height: float = HEIGHT_IN) -> str:
    """Draw on a fresh figure (`draw` returns the chart's title) and return the SVG."""
    with figure(height) as (fig, ax):
        title = draw(fig, ax)
        return to_svg(fig, label=title)
