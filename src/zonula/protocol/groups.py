"""Challenge groups: FODMAP subgroups and common suspects, with bilingual escalating portions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from zonula.i18n import pick


class PortionLevel(StrEnum):
    """The three escalating portions of a reintroduction challenge."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


PORTION_ORDER: tuple[PortionLevel, ...] = (PortionLevel.LOW, PortionLevel.MODERATE, PortionLevel.HIGH)


@dataclass(frozen=True, slots=True)
class Portion:
    """One concrete portion suggestion in English and Simplified Chinese."""

    en: str
    zh: str

    def text(self) -> str:
        """The suggestion in the current language."""
        return pick(self.en, self.zh)


@dataclass(frozen=True, slots=True)
class BlindedSachet:
    """A powder that can stand in for a group in blinded challenges, and its matched control.

    The amounts are typical research-challenge doses (per day), to be checked with a dietitian.
    """

    active_en: str
    active_zh: str
    grams: float
    control_en: str = "glucose"
    control_zh: str = "葡萄糖"


@dataclass(frozen=True, slots=True)
class ChallengeGroup:
    """A group or food that can be eliminated and reintroduced.

    Attributes:
        id: stable key; FODMAP subgroup ids match the food lexicon's groups where they exist.
        name_en: English name. name_zh: Chinese name.
        portions: low, moderate and high portion suggestions.
        follow_up_days: days watched after the last challenge day (2 for slow, fermented FODMAPs).
        food_groups: lexicon group ids this challenge belongs to (for IgE and coeliac checks).
        sachet: a blinded powder, when one exists.
    """

    id: str
    name_en: str
    name_zh: str
    portions: tuple[Portion, Portion, Portion]
    follow_up_days: int = 1
    food_groups: frozenset[str] = frozenset()
    sachet: BlindedSachet | None = None

    def name(self) -> str:
        """The group's name in the current language."""
        return pick(self.name_en, self.name_zh)

    def portion(self, level: PortionLevel) -> Portion:
        """The portion suggestion for one escalation level."""
        return self.portions[PORTION_ORDER.index(level)]


def _p(en: str, zh: str) -> Portion:
    return Portion(en, zh)


LOW_FODMAP_GROUPS: tuple[ChallengeGroup, ...] = (
    ChallengeGroup(
        "fructans_wheat",
        "Fructans (wheat)",
        "果聚糖（小麦）",
        (
            _p("½ slice of wheat bread", "半片小麦面包"),
            _p("1 slice of wheat bread", "1 片小麦面包"),
            _p("2 slices of wheat bread", "2 片小麦面包"),
        ),
        follow_up_days=2,
        food_groups=frozenset({"fructans", "wheat", "gluten"}),
        sachet=BlindedSachet("fructan (inulin) powder", "果聚糖（菊粉）粉", 5.0),
    ),
    ChallengeGroup(
        "fructans_onion",
        "Fructans (onion)",
        "果聚糖（洋葱）",
        (
            _p("1 tablespoon of cooked onion", "1 汤匙熟洋葱"),
            _p("¼ of a medium onion", "¼ 个中等大小洋葱"),
            _p("½ of a medium onion", "½ 个中等大小洋葱"),
        ),
        follow_up_days=2,
        food_groups=frozenset({"fructans"}),
        sachet=BlindedSachet("fructan (inulin) powder", "果聚糖（菊粉）粉", 5.0),
    ),
    ChallengeGroup(
        "fructans_garlic",
        "Fructans (garlic)",
        "果聚糖（大蒜）",
        (
            _p("¼ clove of garlic", "¼ 瓣大蒜"),
            _p("½ clove of garlic", "½ 瓣大蒜"),
            _p("1 clove of garlic", "1 瓣大蒜"),
        ),
        follow_up_days=2,
        food_groups=frozenset({"fructans"}),
        sachet=BlindedSachet("fructan (inulin) powder", "果聚糖（菊粉）粉", 5.0),
    ),
    ChallengeGroup(
        "gos",
        "GOS (legumes)",
        "低聚半乳糖（豆类）",
        (
            _p("¼ cup of canned chickpeas, rinsed", "¼ 杯罐装鹰嘴豆（冲洗）"),
            _p("½ cup of canned chickpeas, rinsed", "½ 杯罐装鹰嘴豆（冲洗）"),
            _p("1 cup of canned chickpeas, rinsed", "1 杯罐装鹰嘴豆（冲洗）"),
        ),
        follow_up_days=2,
        food_groups=frozenset({"gos"}),
        sachet=BlindedSachet("GOS powder", "低聚半乳糖粉", 5.0),
    ),
    ChallengeGroup(
        "lactose",
        "Lactose",
        "乳糖",
        (_p("½ cup of milk", "半杯牛奶"), _p("1 cup of milk", "1 杯牛奶"), _p("2 cups of milk", "2 杯牛奶")),
        food_groups=frozenset({"lactose", "dairy"}),
        sachet=BlindedSachet("lactose powder", "乳糖粉", 20.0),
    ),
    ChallengeGroup(
        "excess_fructose",
        "Excess fructose",
        "过量果糖",
        (
            _p("1 teaspoon of honey", "1 茶匙蜂蜜"),
            _p("2 teaspoons of honey", "2 茶匙蜂蜜"),
            _p("1 tablespoon of honey", "1 汤匙蜂蜜"),
        ),
        food_groups=frozenset({"excess_fructose"}),
        sachet=BlindedSachet("fructose powder", "果糖粉", 15.0),
    ),
    ChallengeGroup(
        "sorbitol",
        "Sorbitol",
        "山梨醇",
        (
            _p("⅛ of an avocado", "⅛ 个牛油果"),
            _p("¼ of an avocado", "¼ 个牛油果"),
            _p("½ of an avocado", "½ 个牛油果"),
        ),
        food_groups=frozenset({"sorbitol"}),
        sachet=BlindedSachet("sorbitol powder", "山梨醇粉", 5.0),
    ),
    ChallengeGroup(
        "mannitol",
        "Mannitol",
        "甘露醇",
        (
            _p("¼ cup of button mushrooms", "¼ 杯白蘑菇"),
            _p("½ cup of button mushrooms", "½ 杯白蘑菇"),
            _p("1 cup of button mushrooms", "1 杯白蘑菇"),
        ),
        food_groups=frozenset({"mannitol"}),
        sachet=BlindedSachet("mannitol powder", "甘露醇粉", 5.0),
    ),
)

OTHER_GROUPS: tuple[ChallengeGroup, ...] = (
    ChallengeGroup(
        "wheat",
        "Wheat",
        "小麦",
        (
            _p("½ slice of wheat bread", "半片小麦面包"),
            _p("1 slice of wheat bread", "1 片小麦面包"),
            _p("2 slices of wheat bread", "2 片小麦面包"),
        ),
        follow_up_days=2,
        food_groups=frozenset({"wheat", "gluten", "fructans"}),
    ),
    ChallengeGroup(
        "gluten",
        "Gluten",
        "麸质",
        (
            _p("½ slice of wheat bread", "半片小麦面包"),
            _p("1 slice of wheat bread", "1 片小麦面包"),
            _p("2 slices of wheat bread", "2 片小麦面包"),
        ),
        follow_up_days=2,
        food_groups=frozenset({"gluten", "wheat", "fructans"}),
        sachet=BlindedSachet("gluten powder", "谷朊粉", 8.0, "rice flour", "米粉"),
    ),
    ChallengeGroup(
        "dairy",
        "Dairy",
        "乳制品",
        (
            _p("½ cup of milk or yoghurt", "半杯牛奶或酸奶"),
            _p("1 cup of milk or yoghurt", "1 杯牛奶或酸奶"),
            _p("2 cups of milk or yoghurt", "2 杯牛奶或酸奶"),
        ),
        food_groups=frozenset({"dairy", "lactose"}),
    ),
    ChallengeGroup(
        "caffeine",
        "Caffeine",
        "咖啡因",
        (
            _p("½ cup of coffee", "半杯咖啡"),
            _p("1 cup of coffee", "1 杯咖啡"),
            _p("2 cups of coffee", "2 杯咖啡"),
        ),
        food_groups=frozenset({"caffeine"}),
    ),
    ChallengeGroup(
        "spicy",
        "Spicy food",
        "辛辣食物",
        (
            _p("a mildly spicy dish", "微辣的一道菜"),
            _p("a medium-spicy dish", "中辣的一道菜"),
            _p("a hot dish", "重辣的一道菜"),
        ),
        food_groups=frozenset({"spicy"}),
    ),
    ChallengeGroup(
        "high_fat",
        "High-fat meal",
        "高脂餐",
        (
            _p("a small fried snack", "一小份油炸小吃"),
            _p("a usual fried meal", "一份普通油炸餐"),
            _p("a large fatty meal", "一大份高脂餐"),
        ),
        food_groups=frozenset({"high_fat"}),
    ),
    ChallengeGroup(
        "alcohol",
        "Alcohol",
        "酒精",
        (
            _p("½ glass of wine", "半杯葡萄酒"),
            _p("1 glass of wine", "1 杯葡萄酒"),
            _p("2 glasses of wine", "2 杯葡萄酒"),
        ),
        food_groups=frozenset({"alcohol"}),
    ),
    ChallengeGroup(
        "egg",
        "Egg",
        "鸡蛋",
        (_p("½ egg", "半个鸡蛋"), _p("1 egg", "1 个鸡蛋"), _p("2 eggs", "2 个鸡蛋")),
        food_groups=frozenset({"egg"}),
    ),
    ChallengeGroup(
        "soy",
        "Soy",
        "大豆",
        (
            _p("¼ cup of soy milk", "¼ 杯豆浆"),
            _p("½ cup of soy milk", "½ 杯豆浆"),
            _p("1 cup of soy milk", "1 杯豆浆"),
        ),
        food_groups=frozenset({"soy", "gos"}),
    ),
)

GROUPS: dict[str, ChallengeGroup] = {g.id: g for g in (*LOW_FODMAP_GROUPS, *OTHER_GROUPS)}
GROUPS["fructans"] = GROUPS["fructans_wheat"]

COELIAC_RELEVANT: frozenset[str] = frozenset({"gluten", "wheat", "fructans"})


def slug(text: str) -> str:
    """A stable key for a free-text suspect name (lower case, underscores)."""
    return "_".join(text.strip().lower().replace("-", " ").split())


def group_for(key: str) -> ChallengeGroup:
    """The challenge group for a key; free-text foods get generic small/usual/large portions."""
    found = GROUPS.get(slug(key))
    if found is not None:
        return found
    name = key.strip()
    return ChallengeGroup(
        slug(key),
        name,
        name,
        (
            _p(f"a small portion of {name}", f"一小份{name}"),
            _p(f"a usual portion of {name}", f"一份正常量的{name}"),
            _p(f"a large portion of {name}", f"一大份{name}"),
        ),
        food_groups=frozenset({slug(key)}),
    )


def touches(group: ChallengeGroup, ids: frozenset[str]) -> bool:
    """True when the group, or any lexicon group it belongs to, is among `ids` (slugged)."""
    keys = {slug(i) for i in ids}
    return group.id in keys or bool(group.food_groups & keys)
