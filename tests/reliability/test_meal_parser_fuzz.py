"""Hypothesis against the meal parser: any text (food words, numbers, units, noise, both languages) parses
without an exception into items that lie inside the text, in order, without overlapping."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zonula.errors import ValidationError
from zonula.foods.lexicon import load_lexicon
from zonula.foods.parser import MAX_TEXT_LENGTH, parse_meal

LEXICON = load_lexicon()
NAMES = sorted({n for i in LEXICON.ids()[:400] for n in (LEXICON.get(i).name_en, LEXICON.get(i).name_zh) if n})
PIECES = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(["2", "½", "1.5", "三", "两", "半", "十二", "0", "-1", "1e308", "nan", "∞", "x", "of", "no",
                     "without", "不要", "少", "slices", "cups", "g", "ml", "碗", "杯", "个", "大份", "a", "and", "和",
                     "、", "，", ",", ";", ":", "+", "&", "(", ")", "/", "\n", "\t", " ", "早餐:", "lunch -"]),
    st.text(max_size=8),
)


@st.composite
def meal_text(draw: st.DrawFn) -> str:
    """Meal-like text: food names, numbers, units, negations and noise, joined by random separators."""
    parts = draw(st.lists(PIECES, max_size=25))
    glue = st.sampled_from(["", " ", ",", "、", " and ", "和"])
    seps = draw(st.lists(glue, min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(text=meal_text())
def test_any_meal_text_parses_into_items_inside_the_text(text: str) -> None:
    parsed = parse_meal(text, LEXICON)
    assert parsed.text == text
    end = 0
    for item in parsed.items:
        start, stop = item.span
        assert end <= start <= stop <= len(text), (text, item.span)
        assert item.text == text[start:stop]
        assert item.quantity is None or (math.isfinite(item.quantity) and item.quantity >= 0), (text, item)
        end = stop
    assert parse_meal(text, LEXICON) == parsed  # deterministic
    parsed.levels()
    parsed.contained()


def test_too_long_text_is_a_validation_error() -> None:
    with pytest.raises(ValidationError):
        parse_meal("rice " * (MAX_TEXT_LENGTH // 5 + 1), LEXICON)
