"""The shipped lexicon: coverage, group tables with sources, lookup and search."""

from __future__ import annotations

from importlib import resources

import pytest

from zonula.foods import GROUPS, LEXICON_VERSION, Level, load_lexicon
from zonula.foods.groups import max_level, parse_level


def test_the_shipped_file_matches_the_version_constant() -> None:
    assert load_lexicon().version == LEXICON_VERSION


def test_it_has_1500_bilingual_foods_and_600_chinese_dishes() -> None:
    lex = load_lexicon()
    foods = [lex.get(i) for i in lex.ids()]
    assert sum(1 for f in foods if f.name_en and f.name_zh) >= 1500
    assert sum(1 for f in foods if f.origin == "chinese_dish") >= 600


def test_every_food_has_every_group_with_a_listed_source() -> None:
    lex = load_lexicon()
    for food_id in lex.ids()[:: max(1, len(lex) // 400)]:
        food = lex.get(food_id)
        assert set(food.groups) == set(GROUPS)
        assert all(gl.source in lex.sources for gl in food.groups.values())


def test_composite_dishes_take_groups_from_their_parts() -> None:
    lex = load_lexicon()
    latte = lex.lookup("latte")
    assert latte is not None
    assert latte.groups["lactose"].level is Level.HIGH
    assert latte.groups["lactose"].via is not None
    soy_milk = lex.lookup("豆浆")
    assert soy_milk is not None and soy_milk.groups["soy"].level.contained
    baozi = lex.lookup("包子")
    assert baozi is not None and baozi.groups["gluten"].level.contained


def test_lookup_accepts_traditional_characters_and_plurals() -> None:
    lex = load_lexicon()
    assert lex.lookup("豆漿") == lex.lookup("豆浆")
    assert lex.lookup("Tomatoes") == lex.lookup("tomato")
    assert lex.lookup("no such food at all") is None


def test_search_puts_exact_names_first() -> None:
    lex = load_lexicon()
    found = lex.search("pizza")
    assert found and found[0].name_en == "pizza"
    assert lex.search("") == []
    assert lex.search("!!!") == []


def test_get_raises_for_an_unknown_id() -> None:
    with pytest.raises(KeyError):
        load_lexicon().get("no-such-id")


def test_the_package_ships_odbl_attribution() -> None:
    assert "Open Database License" in load_lexicon().attribution
    text = resources.files("zonula.foods").joinpath("data", "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "Open Food Facts" in text and "ODbL" in text


def test_levels_combine_by_strength_with_unknown_below_low() -> None:
    assert max_level([Level.NONE, Level.UNKNOWN]) is Level.UNKNOWN
    assert max_level([Level.UNKNOWN, Level.LOW]) is Level.LOW
    assert max_level([Level.HIGH, Level.MODERATE]) is Level.HIGH
    assert max_level([]) is Level.NONE
    assert parse_level("mod") is Level.MODERATE
    with pytest.raises(ValueError, match="enormous"):
        parse_level("enormous")


def test_the_version_covers_the_parsers_word_lists() -> None:
    import hashlib
    import json

    from zonula.foods.lexicon import LEXICON_FILE, read_lexicon_data
    from zonula.foods.vocab import EN_NOT_FOOD, ZH_NOT_FOOD

    raw = resources.files("zonula.foods").joinpath("data", LEXICON_FILE).read_bytes()
    shipped = read_lexicon_data(raw)["vocab"]
    current = hashlib.sha256(json.dumps([sorted(EN_NOT_FOOD), sorted(ZH_NOT_FOOD)]).encode()).hexdigest()[:12]
    assert shipped == current, "vocab.py changed: run python tools/build_lexicon.py"
