"""Property tests: the parser never raises, spans index the input, and no letter or digit is dropped."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from zonula.foods import parse_meal

WORDS = [
    "pizza", "latte", "2", "slices", "of", "and", "with", "a", "large", "bowl", "breakfast", "no", "rice",
    "包子", "两个", "一杯", "豆浆", "早餐", "和", "加", "半碗", "米饭", "小份", "麵包", "不加", "糖", "x2",
    "flimmer", "🍕", "☕️", "、", "，", ",", " ", "\n", "ラーメン", "½", "1/2", "十二", "个",
]  # fmt: skip
meal_like = st.lists(st.sampled_from(WORDS), max_size=25).map("".join)
any_text = st.one_of(st.text(max_size=300), meal_like, st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))


def must_cover(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_the_parser_never_raises_and_spans_index_the_input(text: str) -> None:
    meal = parse_meal(text)
    for item in meal.items:
        start, end = item.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == item.text
    for start, end in meal.context:
        assert 0 <= start < end <= len(text)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_every_letter_and_digit_is_in_an_item_or_a_context_span(text: str) -> None:
    meal = parse_meal(text)
    covered = [False] * len(text)
    for start, end in [item.span for item in meal.items] + list(meal.context):
        for i in range(start, end):
            covered[i] = True
    dropped = [c for i, c in enumerate(text) if must_cover(c) and not covered[i]]
    assert dropped == []
