"""Words that are not foods: quantities, measure words, portion sizes, meal context and negation."""

from __future__ import annotations

from enum import StrEnum


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a block of text."""
    return frozenset(text.split())


class Portion(StrEnum):
    """A portion relative to a usual serving."""

    SMALL = "small"
    USUAL = "usual"
    LARGE = "large"


EN_NUMBERS: dict[str, float | None] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "half": 0.5, "couple": 2, "dozen": 12, "both": 2, "few": None, "several": None, "some": None,
    "single": 1, "pair": 2,
}  # fmt: skip

_EN_UNIT_FORMS = {
    "slice": ["slices"], "piece": ["pieces", "pc", "pcs"], "cup": ["cups"], "mug": ["mugs"],
    "glass": ["glasses"], "bowl": ["bowls", "bowlful"], "plate": ["plates", "plateful"],
    "can": ["cans", "tin", "tins"], "bottle": ["bottles"], "pint": ["pints"], "shot": ["shots"],
    "spoon": ["spoons", "spoonful", "spoonfuls"], "tbsp": ["tablespoon", "tablespoons", "tbs"],
    "tsp": ["teaspoon", "teaspoons"], "g": ["gram", "grams", "gr"], "kg": ["kilo", "kilos", "kilogram"],
    "ml": ["millilitre", "milliliter", "millilitres", "milliliters"], "l": ["litre", "liter", "litres", "liters"],
    "oz": ["ounce", "ounces"], "lb": ["lbs", "pound", "pounds"], "handful": ["handfuls"],
    "serving": ["servings", "serve", "serves"], "portion": ["portions"], "scoop": ["scoops"],
    "bar": ["bars"], "square": ["squares"], "stick": ["sticks"], "packet": ["packets", "pack", "packs"],
    "bag": ["bags"], "box": ["boxes"], "carton": ["cartons"], "jar": ["jars"], "pot": ["pots"],
    "tub": ["tubs"], "wedge": ["wedges"], "scoopful": [], "dash": ["splash", "drizzle"],
    "cube": ["cubes"], "strip": ["strips"], "rasher": [], "fillet": ["fillets"], "leaf": ["leaves"],
    "kcal": ["kcals", "cal", "cals", "calorie", "calories", "kj"],
}  # fmt: skip
EN_UNITS: dict[str, str] = {form: unit for unit, forms in _EN_UNIT_FORMS.items() for form in [unit, *forms]}

EN_PORTIONS: dict[str, Portion] = {
    "small": Portion.SMALL, "little": Portion.SMALL, "tiny": Portion.SMALL, "mini": Portion.SMALL,
    "light": Portion.SMALL, "tall": Portion.SMALL, "medium": Portion.USUAL, "regular": Portion.USUAL,
    "normal": Portion.USUAL, "grande": Portion.USUAL, "large": Portion.LARGE, "big": Portion.LARGE,
    "huge": Portion.LARGE, "giant": Portion.LARGE, "massive": Portion.LARGE, "xl": Portion.LARGE,
    "venti": Portion.LARGE, "double": Portion.LARGE, "generous": Portion.LARGE, "extra": Portion.LARGE,
}  # fmt: skip

# Two-word names of apps and record types that importers put into meal text ("Apple Health").
EN_CONTEXT_PHRASES: frozenset[str] = frozenset(
    {"apple health", "apple watch", "food record", "google fit", "samsung health", "health connect"}
)

EN_NEGATORS: frozenset[str] = frozenset({"no", "without", "hold", "minus", "skip", "skipped", "not"})

# Fillers that may sit inside a quantity phrase ("2 slices of pizza", "2 x coffee").
EN_FILLERS: frozenset[str] = frozenset({"of", "x"})

EN_CONTEXT: frozenset[str] = _words(
    """
    long short wide via cooked uncooked raw white whole plain unsweetened sweetened
    stir deep pan creamy crispy crunchy roast smoked sauteed sautéed poached braised stewed toasted chopped
    sliced diced marinated glazed stuffed spiced seasoned dressed shredded minced
    mcdonald's mcdonalds starbucks costa pret nando's combo set
    breakfast brunch lunch dinner supper snack snacks dessert desserts meal meals starter starters main
    morning afternoon evening night midnight today tonight yesterday later early late pre post workout i
    i'm i've i'd we my me our you had have has having ate eat eaten eating drank drink drinks drinking
    got get grabbed made make cooked ordered tried took takeaway takeout delivery home homemade and or
    plus then also the on in at to from for with w by as than that this these those it its is was were
    be been some any more less lot lots bit bits side sides topped served fresh leftover leftovers quick
    just only about around approx approximately like too very much many really kind sort of bunch cooked
    boiled steamed fried grilled baked roasted raw hot cold warm iced plain mixed organic style
    mild sweet salty sour bitter yummy delicious good nice before after during while when again second
    first another other
    """
)

ZH_NUMERALS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "仨": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
ZH_NUMERAL_CHARS: frozenset[str] = frozenset(ZH_NUMERALS) | frozenset("十百千半几数")

ZH_UNITS: frozenset[str] = _words(
    """
    个 杯 碗 块 片 份 瓶 罐 盘 根 条 勺 只 颗 粒 包 袋 串 张 盒 听 碟 口 把 盆
    锅 笼 屉 斤 克 升 支 枚 段 节 瓣 球 桶 壶 盏 筐 捧 撮 小把 毫升 公斤 千克 人份
    大勺 小勺 汤匙 茶匙 调羹 份儿 个儿 小杯子 杯子 碗儿
    """
)

ZH_PORTIONS: dict[str, tuple[Portion, str | None]] = {
    "小份": (Portion.SMALL, "份"), "中份": (Portion.USUAL, "份"), "大份": (Portion.LARGE, "份"),
    "小杯": (Portion.SMALL, "杯"), "中杯": (Portion.USUAL, "杯"), "大杯": (Portion.LARGE, "杯"),
    "超大杯": (Portion.LARGE, "杯"), "小碗": (Portion.SMALL, "碗"), "大碗": (Portion.LARGE, "碗"),
    "小盘": (Portion.SMALL, "盘"), "大盘": (Portion.LARGE, "盘"), "双份": (Portion.LARGE, "份"),
    "少量": (Portion.SMALL, None), "少许": (Portion.SMALL, None), "一点": (Portion.SMALL, None),
    "一点点": (Portion.SMALL, None), "一点儿": (Portion.SMALL, None), "很多": (Portion.LARGE, None),
    "好多": (Portion.LARGE, None), "一大堆": (Portion.LARGE, None), "一小口": (Portion.SMALL, "口"),
    "几口": (Portion.SMALL, "口"), "加大": (Portion.LARGE, None),
}  # fmt: skip

ZH_NEGATORS: frozenset[str] = frozenset(
    {"不加", "不要", "去", "免", "没有", "没加", "无", "不放", "走", "没", "没吃", "没喝", "不吃", "不喝"}
)

ZH_CONTEXT: frozenset[str] = _words(
    """
    蒸 煮 炒 清炒 爆炒 小炒 烤 炖 拌 凉拌 焖 卤 白灼 清蒸 红烧 水煮 干煸 炝炒 酱爆 熘 焯 汆 涮 腌 熏
    套餐 麦当劳 星巴克 瑞幸 喜茶 奈雪 蜜雪冰城 必胜客 汉堡王 赛百味 食堂里 便利店
    换 换成 用
    早餐 早饭 早点 早上 早晨 上午 午餐 午饭 中午 中饭 晚餐 晚饭 晚上 夜宵 宵夜 下午
    下午茶 加餐 零食 早午餐 今天 今早 今晚 昨天 昨晚 刚才 刚刚 早 午 晚 餐 一餐 正餐
    饭后 饭前 睡前 之后 然后 接着 最后 吃 吃了 吃的 吃过 喝 喝了 喝的 喝过 了 的 和 跟
    与 及 以及 还有 还 有 加 配 搭配 外加 另外 再 又 也 都 一起 我 我们 些 一些 点
    顿 一顿 外卖 堂食 自己做 自制 做 煮 买 是 就 只 大概 约 左右 差不多 在 家 公司
    食堂 饭店 餐厅 啥 什么 好 很 太 挺 点了 来了 来 个人 主食 饮品 饮料 甜品 甜点 点心
    早茶 水果类 配菜 一份儿 热 冰 凉 温 常温 少冰 去冰 半糖 全糖 少糖 多 少 正常 标准
    加热
    """
)

# Words that are never food names (the lexicon build drops food names equal to one of them).
EN_NOT_FOOD: frozenset[str] = (
    EN_CONTEXT | EN_FILLERS | EN_NEGATORS | frozenset(EN_NUMBERS) | frozenset(EN_PORTIONS) | frozenset(EN_UNITS)
)
ZH_NOT_FOOD: frozenset[str] = ZH_CONTEXT | ZH_NEGATORS | frozenset(ZH_PORTIONS) | ZH_UNITS
