"""The simulator's menu: common foods with English and Chinese names and their food groups.

Group membership and levels are those of the foods lexicon for each name (FOOD-GROUPS.md rules; a
group counts as contained at moderate or high, `low` is a trace); a test checks that every name
still parses to exactly these levels. `hidden` lists ingredients of a mixed dish that a diarist may leave
out of the text (§3 under-reporting), themselves menu items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final


class Slot(StrEnum):
    """When a food is typically eaten."""

    BREAKFAST = "breakfast"
    MEAL = "meal"
    SNACK = "snack"
    DRINK = "drink"


@dataclass(frozen=True, slots=True)
class MenuItem:
    """One food of the menu."""

    id: str
    en: str
    zh: str
    slots: frozenset[Slot]
    groups: dict[str, str] = field(default_factory=dict)
    hidden: tuple[str, ...] = ()
    bland: bool = False


B, M, S, D = Slot.BREAKFAST, Slot.MEAL, Slot.SNACK, Slot.DRINK
H, MO, LO = "high", "moderate", "low"


def _item(
    id_: str,
    en: str,
    zh: str,
    slots: set[Slot],
    groups: dict[str, str] | None = None,
    hidden: tuple[str, ...] = (),
    *,
    bland: bool = False,
) -> MenuItem:
    return MenuItem(id_, en, zh, frozenset(slots), dict(groups or {}), hidden, bland)


MENU: Final[tuple[MenuItem, ...]] = (
    _item("toast", "toast", "吐司", {B, S}, {"fructans": H, "gluten": H, "wheat": H}, bland=True),
    _item("oatmeal", "oatmeal", "燕麦粥", {B}, {"fructans": LO, "gluten": LO, "gos": LO}, bland=True),
    _item("boiled_egg", "boiled egg", "煮鸡蛋", {B, S}, {"egg": H}, bland=True),
    _item("milk", "milk", "牛奶", {B, D}, {"dairy": H, "lactose": H}),
    _item("yogurt", "plain yogurt", "无糖酸奶", {B, S}, {"added_sugar": LO, "dairy": H, "lactose": MO}),
    _item("coffee", "coffee", "咖啡", {B, D}, {"caffeine": H}),
    _item("latte", "latte", "拿铁", {B, D}, {"caffeine": H, "dairy": H, "lactose": H}),
    _item("soy_milk", "soy milk", "豆浆", {B, D}, {"fructans": LO, "gos": H, "soy": H}),
    _item("youtiao", "fried dough stick", "油条", {B}, {"fructans": H, "gluten": H, "high_fat": H, "wheat": H}),
    _item("mantou", "steamed bun", "馒头", {B, M}, {"fructans": H, "gluten": H, "wheat": H}, bland=True),
    _item("congee", "congee", "白粥", {B}, {}, bland=True),
    _item("banana", "banana", "香蕉", {B, S}, {"fructans": LO}, bland=True),
    _item("apple", "apple", "苹果", {S}, {"excess_fructose": H, "sorbitol": H}),
    _item("pear", "pear", "梨", {S}, {"excess_fructose": H, "sorbitol": H}),
    _item("orange", "orange", "橙子", {S}, {}),
    _item("green_tea", "green tea", "绿茶", {D}, {"caffeine": MO}),
    _item("black_tea", "black tea", "红茶", {D}, {"caffeine": MO}),
    _item("cheddar", "cheese", "奶酪", {B, S}, {"dairy": H, "high_fat": H, "lactose": LO}),
    _item(
        "croissant",
        "croissant",
        "可颂",
        {B},
        {"dairy": H, "fructans": H, "gluten": H, "high_fat": H, "lactose": LO, "wheat": H},
    ),
    _item("rice", "rice", "米饭", {M}, {}, bland=True),
    _item("pasta", "pasta", "意大利面", {M}, {"fructans": H, "gluten": H, "wheat": H}, ("garlic",)),
    _item("noodles", "noodles", "面条", {M}, {"fructans": H, "gluten": MO, "wheat": MO}),
    _item("rice_noodles", "rice noodles", "米粉", {M}, {}),
    _item("dumplings", "dumplings", "饺子", {M}, {"fructans": H, "gluten": H, "wheat": H}, ("garlic",)),
    _item("fried_rice", "egg fried rice", "蛋炒饭", {M}, {"egg": H, "fructans": LO}, ("onion",)),
    _item("chicken", "chicken", "鸡肉", {M}, {}, ("garlic", "onion")),
    _item(
        "tomato_egg",
        "tomato scrambled eggs",
        "番茄炒蛋",
        {M},
        {"added_sugar": LO, "egg": H, "excess_fructose": LO, "fructans": LO, "nightshade": H},
        ("onion",),
    ),
    _item(
        "mapo_tofu",
        "mapo tofu",
        "麻婆豆腐",
        {M},
        {"fructans": H, "gluten": LO, "gos": LO, "high_fat": LO, "nightshade": H, "soy": H, "spicy": H, "wheat": LO},
    ),
    _item(
        "kung_pao",
        "kung pao chicken",
        "宫保鸡丁",
        {M},
        {"fructans": H, "gluten": LO, "high_fat": LO, "nightshade": H, "peanut": H, "soy": MO, "spicy": H, "wheat": LO},
    ),
    _item(
        "hot_pot",
        "spicy hot pot",
        "麻辣火锅",
        {M},
        {"gluten": LO, "gos": LO, "high_fat": H, "nightshade": H, "soy": LO, "spicy": H, "wheat": LO},
    ),
    _item("fried_chicken", "fried chicken", "炸鸡", {M, S}, {"fructans": LO, "gluten": H, "high_fat": H, "wheat": H}),
    _item("fries", "french fries", "薯条", {M, S}, {"high_fat": H, "nightshade": H}),
    _item("salad", "salad", "沙拉", {M}, {"excess_fructose": LO, "nightshade": H}),
    _item(
        "grilled_fish",
        "grilled fish",
        "烤鱼",
        {M},
        {"fish": H, "fructans": H, "high_fat": H, "nightshade": H, "spicy": H},
    ),
    _item(
        "steamed_fish", "steamed fish", "清蒸鱼", {M}, {"fish": H, "fructans": LO, "gluten": LO, "soy": MO, "wheat": LO}
    ),
    _item("shrimp", "shrimp", "虾", {M}, {"shellfish": H}),
    _item("steak", "steak", "牛排", {M}, {"high_fat": LO}),
    _item("pork_belly", "pork belly", "五花肉", {M}, {"high_fat": H}),
    _item("tofu", "tofu", "豆腐", {M}, {"gos": LO, "soy": H}),
    _item("lentil_soup", "lentil soup", "扁豆汤", {M}, {"fructans": H, "gos": H}),
    _item("chickpeas", "chickpeas", "鹰嘴豆", {M}, {"fructans": MO, "gos": H}),
    _item("onion", "onion", "洋葱", {M}, {"fructans": H}),
    _item("garlic", "garlic", "大蒜", {M}, {"fructans": H}),
    _item("mushrooms", "mushrooms", "蘑菇", {M}, {"mannitol": H}),
    _item("cauliflower", "cauliflower", "花椰菜", {M}, {"mannitol": H}),
    _item("sweet_potato", "sweet potato", "红薯", {M, S}, {"mannitol": MO}),
    _item("celery", "celery", "芹菜", {M}, {"mannitol": MO}),
    _item("broccoli", "broccoli", "西兰花", {M}, {"excess_fructose": LO, "fructans": LO}),
    _item("spinach", "spinach", "菠菜", {M}, {}),
    _item("carrot", "carrot", "胡萝卜", {M}, {}),
    _item("cucumber", "cucumber", "黄瓜", {M, S}, {}),
    _item("bok_choy", "bok choy", "小白菜", {M}, {}),
    _item("potato", "potato", "土豆", {M}, {"nightshade": H}, bland=True),
    _item(
        "pizza",
        "pizza",
        "披萨",
        {M},
        {
            "dairy": H,
            "excess_fructose": LO,
            "fructans": H,
            "gluten": H,
            "high_fat": H,
            "lactose": LO,
            "nightshade": H,
            "wheat": H,
        },
    ),
    _item(
        "ice_cream", "ice cream", "冰淇淋", {S}, {"added_sugar": H, "dairy": H, "egg": LO, "high_fat": MO, "lactose": H}
    ),
    _item(
        "dark_chocolate",
        "dark chocolate",
        "黑巧克力",
        {S},
        {"added_sugar": MO, "caffeine": MO, "dairy": LO, "high_fat": H, "lactose": LO, "soy": LO},
    ),
    _item("watermelon", "watermelon", "西瓜", {S}, {"excess_fructose": H, "fructans": MO, "mannitol": MO}),
    _item("mango", "mango", "芒果", {S}, {"excess_fructose": H}),
    _item("peach", "peach", "桃子", {S}, {"fructans": LO, "sorbitol": H}),
    _item("cola", "cola", "可乐", {D}, {"added_sugar": H, "caffeine": MO, "excess_fructose": MO}),
    _item("beer", "beer", "啤酒", {D}, {"alcohol": H, "fructans": LO, "gluten": MO}),
    _item("red_wine", "red wine", "红酒", {D}, {"alcohol": H, "excess_fructose": LO}),
    _item("almonds", "almonds", "杏仁", {S}, {"gos": LO, "high_fat": MO, "tree_nut": H}),
    _item("cashews", "cashews", "腰果", {S}, {"fructans": H, "gos": H, "high_fat": MO, "tree_nut": H}),
    _item("peanuts", "peanuts", "花生", {S}, {"high_fat": MO, "peanut": H}),
    _item("milk_tea", "milk tea", "奶茶", {D}, {"added_sugar": H, "caffeine": MO, "dairy": H, "lactose": H}),
    _item("sugar_free_gum", "sugar-free gum", "无糖口香糖", {S}, {"mannitol": MO, "sorbitol": H}),
    _item("avocado", "avocado", "牛油果", {B, S}, {"high_fat": MO, "sorbitol": MO}),
    _item("cake", "cake", "蛋糕", {S}, {"added_sugar": H, "egg": H, "fructans": H, "gluten": H, "wheat": H}),
    _item("kimchi", "kimchi", "泡菜", {M}, {"fish": H, "fructans": H, "nightshade": H, "spicy": MO}),
    _item("edamame", "edamame", "毛豆", {M, S}, {"fructans": LO, "gos": LO, "soy": H}),
    _item("bacon", "bacon", "培根", {B}, {"added_sugar": LO, "high_fat": H}),
    _item(
        "sausage",
        "sausage",
        "香肠",
        {B, M},
        {"corn": LO, "fructans": LO, "gluten": LO, "high_fat": H, "nightshade": LO, "wheat": LO},
        ("garlic",),
    ),
    _item("corn", "corn", "玉米", {M, S}, {"corn": H, "sorbitol": LO}),
    _item("sesame_seeds", "sesame seeds", "芝麻", {M, S}, {"high_fat": MO, "sesame": H}),
    _item("water", "water", "水", {D}, {}, bland=True),
)

BY_ID: Final[dict[str, MenuItem]] = {item.id: item for item in MENU}


def item(item_id: str) -> MenuItem:
    """The menu item with this id (KeyError when unknown)."""
    return BY_ID[item_id]


def items_with_group(group: str, *, levels: tuple[str, ...] = (MO, H)) -> tuple[MenuItem, ...]:
    """Menu items containing a group at one of the given levels."""
    return tuple(i for i in MENU if i.groups.get(group) in levels)


def true_groups(items: tuple[MenuItem, ...]) -> dict[str, list[str]]:
    """Group -> levels over a dish list, hidden ingredients included (what was really eaten)."""
    found: dict[str, list[str]] = {}
    for it in items:
        for part in (it, *(BY_ID[h] for h in it.hidden)):
            for group, level in part.groups.items():
                found.setdefault(group, []).append(level)
    return found


ALL_GROUPS: Final[tuple[str, ...]] = tuple(sorted({g for i in MENU for g in i.groups}))
