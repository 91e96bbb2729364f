"""Food groups (allergens, FODMAPs, other sensitivities) and their levels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

GROUPS: tuple[str, ...] = (
    "gluten",
    "wheat",
    "dairy",
    "egg",
    "soy",
    "peanut",
    "tree_nut",
    "fish",
    "shellfish",
    "sesame",
    "corn",
    "nightshade",
    "alcohol",
    "caffeine",
    "added_sugar",
    "high_fat",
    "spicy",
    "fructans",
    "gos",
    "lactose",
    "excess_fructose",
    "sorbitol",
    "mannitol",
)
FODMAP_GROUPS: tuple[str, ...] = ("fructans", "gos", "lactose", "excess_fructose", "sorbitol", "mannitol")


class Level(StrEnum):
    """How much of a group a usual portion of a food carries."""

    NONE = "none"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        """Order used when combining parts: none < unknown < low < moderate < high."""
        return _RANK[self]

    @property
    def contained(self) -> bool:
        """True when a meal counts as containing the group (moderate or high, FOOD-GROUPS.md)."""
        return self in (Level.MODERATE, Level.HIGH)

    @property
    def code(self) -> str:
        """One-letter code used in the compiled lexicon file."""
        return "u" if self is Level.UNKNOWN else self.value[0]


_RANK = {Level.NONE: 0, Level.UNKNOWN: 1, Level.LOW: 2, Level.MODERATE: 3, Level.HIGH: 4}
_BY_CODE = {level.code: level for level in Level}
_ALIASES = {"n": Level.NONE, "l": Level.LOW, "m": Level.MODERATE, "mod": Level.MODERATE, "h": Level.HIGH, "u": Level.UNKNOWN}


def level_from_code(code: str) -> Level:
    """The level for a one-letter code (n, l, m, h, u)."""
    return _BY_CODE[code]


def parse_level(text: str) -> Level:
    """A level from its name or short form (`high`, `h`, `moderate`, `mod`, `m`...).

    Raises:
        ValueError: when the text names no level.
    """
    low = text.strip().lower()
    if low in _ALIASES:
        return _ALIASES[low]
    return Level(low)


def max_level(levels: Iterable[Level]) -> Level:
    """The strongest of several levels (NONE for none at all)."""
    best = Level.NONE
    for level in levels:
        if _RANK[level] > _RANK[best]:
            best = level
    return best


@dataclass(frozen=True, slots=True)
class GroupLevel:
    """A food's level for one group, with the key of its source and the part it came through."""

    level: Level
    source: str
    via: str | None = None


def contained_groups(levels: Mapping[str, Level]) -> frozenset[str]:
    """The groups a set of levels counts as containing (moderate or high)."""
    return frozenset(group for group, level in levels.items() if level.contained)
