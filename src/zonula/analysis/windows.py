"""Exposure windows: how long after eating each mechanism can change symptoms (evidence §2.3)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Window:
    """Hours after an eating occasion during which it may act: [start, end]."""

    start: float
    end: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.start < self.end:
            raise ValueError(f"bad window {self.start}-{self.end} h")


FAST: Final = Window(0.0, 3.0)
LACTOSE: Final = Window(0.5, 8.0)
OSMOTIC: Final = Window(0.5, 12.0)
FERMENTED: Final = Window(4.0, 36.0)
DEFAULT_WINDOW: Final = Window(0.0, 24.0)

#: Mechanism windows from §2.3: gastrocolic reflex / fat / caffeine / spice 0-3 h, lactose
#: 0.5-8 h, polyols and excess fructose 0.5-12 h, fructans and GOS 4-36 h; anything else 0-24 h.
GROUP_WINDOWS: Final[dict[str, Window]] = {
    "high_fat": FAST,
    "caffeine": FAST,
    "spicy": FAST,
    "lactose": LACTOSE,
    "sorbitol": OSMOTIC,
    "mannitol": OSMOTIC,
    "excess_fructose": OSMOTIC,
    "fructans": FERMENTED,
    "gos": FERMENTED,
}


def window_for(group: str | None) -> Window:
    """The window of a food group, the default 0-24 h for any other group or a plain food."""
    if group is None:
        return DEFAULT_WINDOW
    return GROUP_WINDOWS.get(group, DEFAULT_WINDOW)


#: Which group's window a single food uses: FODMAP mechanisms first, then the fast ones.
_MECHANISM_ORDER = ("lactose", "fructans", "gos", "excess_fructose", "sorbitol", "mannitol",
                    "high_fat", "spicy", "caffeine")
_LEVEL_RANK = {"high": 3, "moderate": 2, "unknown": 1}


def mechanism_group(groups: dict[str, str]) -> str | None:
    """The group whose window a food uses: its highest-level mechanism group, else None (0-24 h).

    Ties go to the FODMAP mechanisms before fat, spice and caffeine.
    """
    best: tuple[int, int] | None = None
    chosen: str | None = None
    for rank, group in enumerate(_MECHANISM_ORDER):
        level = _LEVEL_RANK.get(groups.get(group, "none"), 0)
        if level >= 2 and (best is None or (level, -rank) > best):
            best, chosen = (level, -rank), group
    return chosen
