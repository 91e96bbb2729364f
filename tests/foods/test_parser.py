"""The meal-text parser: English, Chinese and mixed text to food items."""

from __future__ import annotations

import pytest

from zonula.errors import ValidationError
from zonula.foods import LEXICON_VERSION, Level, Portion, UserFood, load_lexicon, parse_meal, parse_meals
from zonula.foods.numbers import parse_number, zh_number
from zonula.foods.parser import MAX_TEXT_LENGTH


def names(text: str) -> list[str | None]:
    return [item.name_en for item in parse_meal(text).items]


def test_it_reads_slices_of_pizza_and_a_latte() -> None:
    pizza, latte = parse_meal("2 slices of pizza and a latte").items
    assert (pizza.name_en, pizza.quantity, pizza.unit, pizza.text) == ("pizza", 2, "slice", "2 slices of pizza")
    assert (latte.name_en, latte.quantity) == ("latte", 1)
    assert latte.groups["lactose"].contained and latte.groups["caffeine"].contained


def test_it_splits_a_chinese_breakfast_list_and_skips_the_meal_word() -> None:
    meal = parse_meal("早餐:牛奶、包子、豆浆")
    assert [i.text for i in meal.items] == ["牛奶", "包子", "豆浆"]
    assert meal.context == ((0, 2),)
    assert {"dairy", "gluten", "soy"} <= meal.contained()


def test_it_reads_chinese_numerals_and_measure_words() -> None:
    baozi, soy = parse_meal("早餐吃了两个包子和一杯豆浆").items
    assert (baozi.text, baozi.quantity, baozi.unit) == ("两个包子", 2, "个")
    assert (soy.text, soy.quantity, soy.unit) == ("一杯豆浆", 1, "杯")


def test_it_reads_half_bowls_and_portion_sizes() -> None:
    rice, noodles, fries = parse_meal("半碗米饭，一大碗面条，小份薯条").items
    assert (rice.quantity, rice.unit, rice.portion) == (0.5, "碗", Portion.USUAL)
    assert (noodles.quantity, noodles.unit, noodles.portion) == (1, "碗", Portion.LARGE)
    assert (fries.unit, fries.portion) == ("份", Portion.SMALL)


def test_it_attaches_a_quantity_written_after_the_food() -> None:
    (chips,) = parse_meal("薯片一包").items
    assert (chips.name_en, chips.quantity, chips.unit) == ("potato chips", 1, "包")


def test_it_understands_english_portion_words() -> None:
    (latte,) = parse_meal("a large latte").items
    assert latte.portion is Portion.LARGE


def test_it_reads_mixed_language_text() -> None:
    oatmeal, oat_milk = parse_meal("oatmeal with 燕麦奶").items
    assert oat_milk.name_en == "oat milk"
    assert "dairy" not in parse_meal("oatmeal with 燕麦奶").contained()
    assert oatmeal.food_id is not None


def test_it_normalises_traditional_characters_and_full_width_letters() -> None:
    assert names("兩個包子、一杯豆漿") == names("两个包子、一杯豆浆")
    (pizza,) = parse_meal("２ slices of ｐｉｚｚａ").items
    assert (pizza.name_en, pizza.quantity) == ("pizza", 2)


def test_it_keeps_unknown_words_as_unknown_items_with_their_quantity() -> None:
    pizza, drink = parse_meal("dinner: pizza and a glass of flimmerade").items
    assert pizza.known
    assert (drink.food_id, drink.text, drink.quantity, drink.unit) == (None, "a glass of flimmerade", 1, "glass")


def test_meal_context_words_are_not_foods() -> None:
    meal = parse_meal("breakfast with 早餐 和 lunch")
    assert meal.items == ()
    assert len(meal.context) == 5


def test_a_negated_food_does_not_count_towards_the_meal() -> None:
    meal = parse_meal("coffee, no sugar")
    sugar = meal.items[-1]
    assert sugar.negated and sugar.name_en == "sugar"
    assert "added_sugar" not in meal.contained()
    assert "added_sugar" not in parse_meal("咖啡不加糖").contained()


def test_plural_forms_match_their_food() -> None:
    assert names("3 beers") == ["beer"]
    assert names("tomatoes") == names("tomato") == ["tomato"]


def test_food_emoji_are_foods() -> None:
    assert names("🍕 and ☕️") == ["pizza", "coffee"]


def test_empty_and_symbol_only_text_gives_no_items() -> None:
    assert parse_meal("").items == ()
    assert parse_meal("🙂" * 2500).items == ()
    assert parse_meal("\x00\x07\n\t").items == ()


def test_overlong_or_non_text_input_is_a_validation_error() -> None:
    with pytest.raises(ValidationError):
        parse_meal("a" * (MAX_TEXT_LENGTH + 1))
    with pytest.raises(ValidationError):
        parse_meal(b"pizza")  # type: ignore[arg-type]


def test_results_carry_the_lexicon_version() -> None:
    assert parse_meal("pizza").lexicon_version == LEXICON_VERSION


def test_user_foods_extend_and_override_the_lexicon() -> None:
    base = load_lexicon()
    mine = base.with_user_foods(
        [
            UserFood("grandma-dumplings", "grandma's dumplings", "外婆饺子", parts=("wheat_flour", "pork")),
            UserFood("pizza", "pizza", groups={"gluten": Level.NONE, "dairy": Level.NONE}),
        ]
    )
    dumplings = parse_meal("两个外婆饺子", mine).items[0]
    assert dumplings.food_id == "user:grandma-dumplings"
    assert dumplings.groups["gluten"].contained
    pizza = parse_meal("pizza", mine).items[0]
    assert pizza.food_id == "user:pizza"
    assert pizza.groups["gluten"] is Level.NONE
    assert parse_meal("pizza", mine).lexicon_version != base.version
    assert parse_meal("pizza").items[0].food_id != "user:pizza"


def test_a_user_recipe_naming_an_unknown_part_is_rejected() -> None:
    with pytest.raises(ValidationError, match="unknown ingredient"):
        load_lexicon().with_user_foods([UserFood("x", "mystery stew", parts=("unobtainium",))])


@pytest.mark.parametrize(
    ("text", "value"),
    [("2", 2), ("1.5", 1.5), ("1,5", 1.5), ("1/2", 0.5), ("½", 0.5), ("1/0", None), ("两", 2), ("十二", 12)],
)
def test_parse_number_reads_digits_fractions_and_chinese_numerals(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "value"), [("二十五", 25), ("一百", 100), ("半", 0.5), ("几", None), ("两三", None)])
def test_zh_number_reads_tens_hundreds_and_refuses_ranges(text: str, value: float | None) -> None:
    assert zh_number(text) == value


def test_quantities_written_after_each_food_in_a_list_stay_with_their_food() -> None:
    baozi, soy = parse_meal("包子两个豆浆一杯").items
    assert (baozi.text, baozi.quantity, soy.text, soy.quantity) == ("包子两个", 2, "豆浆一杯", 1)


def test_a_measure_word_without_a_numeral_means_one() -> None:
    noodles, egg = parse_meal("一碗牛肉面加个蛋").items
    assert (egg.name_en, egg.quantity, egg.unit) == ("egg", 1, "个")
    assert noodles.quantity == 1


def test_extra_chili_counts_as_spicy_and_a_refused_herb_does_not_count() -> None:
    meal = parse_meal("麻辣烫加辣，不要香菜")
    assert "spicy" in meal.contained()
    assert meal.items[-1].negated


@pytest.mark.parametrize(
    ("text", "quantity", "unit"),
    [
        ("coffee x2", 2, None),
        ("2x coffee", 2, None),
        ("toast ×2", 2, None),
        ("pizza (2 slices)", 2, "slice"),
        ("chicken nuggets, 6 pieces", 6, "piece"),
        ("a couple of beers", 2, None),
        ("half a sandwich", 0.5, None),
        ("3-4 cookies", 3.5, None),
        ("100g chicken breast", 100, "g"),
    ],
)
def test_english_quantity_forms(text: str, quantity: float, unit: str | None) -> None:
    (item,) = parse_meal(text).items
    assert item.known
    assert (item.quantity, item.unit) == (quantity, unit)


@pytest.mark.parametrize("text", ["latte with oat milk", "拿铁换燕麦奶", "flat white w oat milk"])
def test_a_milk_swap_takes_the_dairy_out_of_the_drink(text: str) -> None:
    meal = parse_meal(text)
    assert "caffeine" in meal.contained()
    assert not {"dairy", "lactose"} & meal.contained()


def test_without_a_swap_word_the_drink_keeps_its_milk() -> None:
    assert {"dairy", "lactose"} <= parse_meal("latte, oat milk").contained()
    assert {"dairy", "lactose"} <= parse_meal("latte with sugar").contained()


def test_skipped_meals_and_restaurant_names_are_not_foods() -> None:
    assert parse_meal("今天没吃早饭").items == ()
    assert [i.name_en for i in parse_meal("Big Mac combo at McDonald's").items] == ["burger"]
    coffee, tea = parse_meal("没喝咖啡，喝了茶").items
    assert coffee.negated and not tea.negated


def test_cooking_words_are_not_unknown_and_deep_frying_counts_as_fat() -> None:
    assert [i.text for i in parse_meal("蒸鱼、米饭、炒白菜").items] == ["鱼", "米饭", "白菜"]
    assert all(i.known for i in parse_meal("rice with stir-fried broccoli").items)
    assert "high_fat" in parse_meal("炸带鱼").contained()


def test_bracketed_descriptions_from_food_apps_are_read_as_descriptions() -> None:
    meal = parse_meal("Oatmeal (Cooked With Water) 1 cup, Milk (2%) 250 ml, Banana 1 medium")
    oatmeal, _water, milk, banana = meal.items
    assert (oatmeal.quantity, oatmeal.unit) == (1, "cup")
    assert (milk.quantity, milk.unit) == (250, "ml")
    assert banana.quantity == 1
    assert parse_meal("Breakfast (MyFitnessPal: 320 kcal)").items == ()
    assert parse_meal("Food record (Lifesum via Apple Health: 300 kcal)").items == ()
    assert not {"dairy", "lactose"} & parse_meal("latte (oat milk)").contained()


def test_parse_meals_keeps_the_order_and_parses_a_repeated_text_once() -> None:
    texts = ["oatmeal with milk", "牛肉面", "oatmeal with milk"]
    parsed = list(parse_meals(texts))
    assert [p.items for p in parsed] == [parse_meal(t).items for t in texts]
    assert parsed[0] is parsed[2] and parsed[0] is not parsed[1]
