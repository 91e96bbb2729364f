"""Food groups (allergens, FODMAPs, other sensitivities) and their levels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _

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
_ALIASES = {
    "n": Level.NONE, "l": Level.LOW, "m": Level.MODERATE, "mod": Level.MODERATE, "h": Level.HIGH, "u": Level.UNKNOWN,
}  # fmt: skip


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


GROUP_LABELS: dict[str, tuple[str, str]] = {
    "gluten": ("gluten", "麸质"),
    "wheat": ("wheat", "小麦"),
    "dairy": ("dairy", "乳制品"),
    "egg": ("egg", "蛋类"),
    "soy": ("soy", "大豆"),
    "peanut": ("peanut", "花生"),
    "tree_nut": ("tree nuts", "坚果"),
    "fish": ("fish", "鱼类"),
    "shellfish": ("shellfish", "甲壳类和贝类"),
    "sesame": ("sesame", "芝麻"),
    "corn": ("corn", "玉米"),
    "nightshade": ("nightshades", "茄科蔬菜"),
    "alcohol": ("alcohol", "酒精"),
    "caffeine": ("caffeine", "咖啡因"),
    "added_sugar": ("added sugar", "添加糖"),
    "high_fat": ("high fat", "高脂肪"),
    "spicy": ("spicy", "辛辣"),
    "fructans": ("fructans (FODMAP)", "果聚糖（FODMAP）"),
    "gos": ("GOS (FODMAP)", "低聚半乳糖（FODMAP）"),
    "lactose": ("lactose (FODMAP)", "乳糖（FODMAP）"),
    "excess_fructose": ("excess fructose (FODMAP)", "过量果糖（FODMAP）"),
    "sorbitol": ("sorbitol (FODMAP)", "山梨醇（FODMAP）"),
    "mannitol": ("mannitol (FODMAP)", "甘露醇（FODMAP）"),
}


def parse_group_levels(text: str) -> dict[str, Level]:
    """Group levels from "gluten:high,lactose:moderate" (a bare group means high).

    Raises:
        ValidationError: naming every unknown group or level.
    """
    levels: dict[str, Level] = {}
    problems: list[FieldProblem] = []
    for raw in text.replace("，", ",").split(","):
        part = raw.strip()
        if not part:
            continue
        group, _sep, level_text = part.partition(":")
        group = group.strip().lower().replace("-", "_").replace(" ", "_")
        if group not in GROUPS:
            message = _("unknown group {name!r} (one of {groups})").format(name=group, groups=", ".join(GROUPS))
            problems.append(FieldProblem("groups", message))
            continue
        try:
            levels[group] = parse_level(level_text) if level_text.strip() else Level.HIGH
        except ValueError:
            message = _("unknown level {level!r} for {group}").format(level=level_text.strip(), group=group)
            problems.append(FieldProblem("groups", message))
    if problems:
        raise ValidationError(problems)
    return levels
