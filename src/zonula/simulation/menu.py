"""The simulator's menu: common foods with English and Chinese names and their food groups.

Group membership and levels follow FOOD-GROUPS.md (a group counts as contained at moderate or
high; `low` is a trace). `hidden` lists ingredients of a mixed dish that a diarist may leave
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
WHEAT: Final = {"gluten": H, "wheat": H, "fructans": H}


def _item(id_: str, en: str, zh: str, slots: set[Slot], groups: dict[str, str] | None = None,
          hidden: tuple[str, ...] = (), *, bland: bool = False) -> MenuItem:
    return MenuItem(id_, en, zh, frozenset(slots), dict(groups or {}), hidden, bland)


MENU: Final[tuple[MenuItem, ...]] = (
    _item("toast", "toast", "吐司", {B, S}, WHEAT, bland=True),
    _item("oatmeal", "oatmeal", "燕麦粥", {B}, {"gluten": LO, "fructans": LO}, bland=True),
    _item("boiled_egg", "boiled egg", "煮鸡蛋", {B, S}, {"egg": H}, bland=True),
    _item("milk", "milk", "牛奶", {B, D}, {"dairy": H, "lactose": H}),
    _item("yogurt", "yogurt", "酸奶", {B, S}, {"dairy": H, "lactose": MO}),
    _item("coffee", "coffee", "咖啡", {B, D}, {"caffeine": H}),
    _item("latte", "latte", "拿铁", {B, D}, {"caffeine": H, "dairy": H, "lactose": MO}),
    _item("soy_milk", "soy milk", "豆浆", {B, D}, {"soy": H, "gos": H}),
    _item("youtiao", "fried dough stick", "油条", {B}, {**WHEAT, "high_fat": H}),
    _item("mantou", "steamed bun", "馒头", {B, M}, WHEAT, bland=True),
    _item("congee", "congee", "白粥", {B}, {}, bland=True),
    _item("banana", "banana", "香蕉", {B, S}, {}, bland=True),
    _item("apple", "apple", "苹果", {S}, {"excess_fructose": H, "sorbitol": H}),
    _item("pear", "pear", "梨", {S}, {"excess_fructose": H, "sorbitol": H}),
    _item("orange", "orange", "橙子", {S}, {}),
    _item("green_tea", "green tea", "绿茶", {D}, {"caffeine": MO}),
    _item("black_tea", "black tea", "红茶", {D}, {"caffeine": MO}),
    _item("cheddar", "cheddar cheese", "切达奶酪", {B, S}, {"dairy": H, "lactose": LO, "high_fat": MO}),
    _item("croissant", "croissant", "羊角面包", {B}, {**WHEAT, "high_fat": H, "dairy": MO}),
    _item("rice", "rice", "米饭", {M}, {}, bland=True),
    _item("pasta", "pasta", "意大利面", {M}, WHEAT, ("garlic",)),
    _item("noodles", "noodles", "面条", {M}, WHEAT),
    _item("rice_noodles", "rice noodles", "米粉", {M}, {}),
    _item("dumplings", "dumplings", "饺子", {M}, WHEAT, ("garlic",)),
    _item("fried_rice", "fried rice", "炒饭", {M}, {"egg": MO, "high_fat": MO}, ("onion",)),
    _item("chicken_stir_fry", "chicken stir-fry", "炒鸡肉", {M}, {}, ("garlic", "onion")),
    _item("tomato_egg", "tomato egg stir-fry", "番茄炒蛋", {M}, {"egg": H, "nightshade": H}, ("onion",)),
    _item("mapo_tofu", "mapo tofu", "麻婆豆腐", {M}, {"soy": H, "spicy": H, "high_fat": MO}, ("garlic",)),
    _item("kung_pao", "kung pao chicken", "宫保鸡丁", {M}, {"peanut": H, "spicy": MO}, ("garlic",)),
    _item("hot_pot", "hot pot", "火锅", {M}, {"high_fat": H, "spicy": H}),
    _item("fried_chicken", "fried chicken", "炸鸡", {M, S}, {"high_fat": H, "gluten": MO, "wheat": MO}),
    _item("fries", "french fries", "薯条", {M, S}, {"high_fat": H, "nightshade": H}),
    _item("salad", "salad", "沙拉", {M}, {}),
    _item("grilled_fish", "grilled fish", "烤鱼", {M}, {"fish": H}),
    _item("steamed_fish", "steamed fish", "清蒸鱼", {M}, {"fish": H}),
    _item("shrimp", "shrimp", "虾", {M}, {"shellfish": H}),
    _item("steak", "steak", "牛排", {M}, {"high_fat": MO}),
    _item("pork_belly", "pork belly", "五花肉", {M}, {"high_fat": H}),
    _item("tofu", "tofu", "豆腐", {M}, {"soy": H}),
    _item("lentil_soup", "lentil soup", "扁豆汤", {M}, {"gos": H, "fructans": MO}),
    _item("chickpeas", "chickpeas", "鹰嘴豆", {M}, {"gos": H, "fructans": MO}),
    _item("onion", "onion", "洋葱", {M}, {"fructans": H}),
    _item("garlic", "garlic", "大蒜", {M}, {"fructans": H}),
    _item("mushrooms", "mushrooms", "蘑菇", {M}, {"mannitol": H}),
    _item("cauliflower", "cauliflower", "花椰菜", {M}, {"mannitol": H}),
    _item("sweet_potato", "sweet potato", "红薯", {M, S}, {"mannitol": MO}),
    _item("celery", "celery", "芹菜", {M}, {"mannitol": MO}),
    _item("broccoli", "broccoli", "西兰花", {M}, {}),
    _item("spinach", "spinach", "菠菜", {M}, {}),
    _item("carrot", "carrot", "胡萝卜", {M}, {}),
    _item("cucumber", "cucumber", "黄瓜", {M, S}, {}),
    _item("bok_choy", "bok choy", "小白菜", {M}, {}),
    _item("potato", "potato", "土豆", {M}, {"nightshade": H}, bland=True),
    _item("pizza", "pizza", "披萨", {M}, {**WHEAT, "dairy": H, "lactose": LO, "high_fat": H,
                                         "nightshade": MO}),
    _item("ice_cream", "ice cream", "冰淇淋", {S}, {"dairy": H, "lactose": H, "added_sugar": H,
                                                    "high_fat": MO}),
    _item("dark_chocolate", "dark chocolate", "黑巧克力", {S}, {"caffeine": MO, "added_sugar": MO,
                                                           "high_fat": MO}),
    _item("watermelon", "watermelon", "西瓜", {S}, {"fructans": MO, "excess_fructose": H, "mannitol": H}),
    _item("mango", "mango", "芒果", {S}, {"excess_fructose": H}),
    _item("peach", "peach", "桃子", {S}, {"sorbitol": H}),
    _item("cola", "cola", "可乐", {D}, {"caffeine": MO, "added_sugar": H, "excess_fructose": MO}),
    _item("beer", "beer", "啤酒", {D}, {"alcohol": H, "gluten": MO}),
    _item("red_wine", "red wine", "红酒", {D}, {"alcohol": H}),
    _item("almonds", "almonds", "杏仁", {S}, {"tree_nut": H, "high_fat": MO}),
    _item("cashews", "cashews", "腰果", {S}, {"tree_nut": H, "fructans": MO, "gos": H, "high_fat": MO}),
    _item("peanuts", "peanuts", "花生", {S}, {"peanut": H, "high_fat": MO}),
    _item("milk_tea", "milk tea", "奶茶", {D}, {"dairy": H, "lactose": MO, "caffeine": MO, "added_sugar": H}),
    _item("sugar_free_gum", "sugar-free gum", "无糖口香糖", {S}, {"sorbitol": H}),
    _item("avocado", "avocado", "牛油果", {B, S}, {"high_fat": MO, "sorbitol": MO}),
    _item("cake", "cake", "蛋糕", {S}, {"gluten": H, "wheat": H, "fructans": MO, "egg": MO,
                                      "added_sugar": H, "dairy": MO}),
    _item("kimchi", "kimchi", "泡菜", {M}, {"spicy": MO}, ("garlic",)),
    _item("edamame", "edamame", "毛豆", {M, S}, {"soy": H, "gos": MO}),
    _item("bacon", "bacon", "培根", {B}, {"high_fat": H}),
    _item("sausage", "sausage", "香肠", {B, M}, {"high_fat": H}, ("garlic",)),
    _item("corn", "corn", "玉米", {M, S}, {"corn": H}),
    _item("sesame_seeds", "sesame seeds", "芝麻", {M, S}, {"sesame": H}),
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
