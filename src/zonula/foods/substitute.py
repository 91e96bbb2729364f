"""Milk swaps: "latte with oat milk", "拿铁换燕麦奶" — the dish's milk-borne groups come from the swap."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from zonula.foods.groups import GROUPS, Level, max_level
from zonula.foods.lexicon import Lexicon

MILK_PARTS = frozenset({"milk", "goat_milk", "niunai"})
SWAP_WORDS = frozenset({"with", "w", "加", "配", "换", "换成", "用"})


def is_milk_swap(lex: Lexicon, food_id: str) -> bool:
    """True for a milk that can stand in for cow's milk (plant milks, lactose-free milk)."""
    food = lex.get(food_id)
    if not food.name_en.lower().endswith("milk") or food.id in MILK_PARTS:
        return False
    return food.groups["dairy"].level is Level.NONE or food.groups["lactose"].level is Level.NONE


def swapped_levels(lex: Lexicon, dish_id: str, swap_id: str) -> Mapping[str, Level] | None:
    """The dish's levels with its milk replaced by `swap_id`; None when the dish has no milk part."""
    dish = lex.get(dish_id)
    milk_groups = {g for g, gl in dish.groups.items() if gl.via in MILK_PARTS}
    if not milk_groups:
        return None
    others = [lex.get(p) for p in dish.parts if p not in MILK_PARTS and p in lex]
    swap = lex.get(swap_id)
    levels = dict(dish.levels())
    for group in GROUPS:
        if group in milk_groups:
            levels[group] = max_level([swap.groups[group].level, *(o.groups[group].level for o in others)])
    return MappingProxyType(levels)
