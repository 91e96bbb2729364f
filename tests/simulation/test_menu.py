"""Every menu food's English and Chinese name parses to exactly the menu's food groups."""

from __future__ import annotations

import numpy as np
import pytest

from zonula.foods import parse_meal
from zonula.simulation.menu import MENU, MenuItem
from zonula.simulation.render import meal_text


def _levels(text: str) -> dict[str, str]:
    parsed = parse_meal(text)
    assert len(parsed.items) == 1 and parsed.items[0].known, text
    return {g: lvl.value for g, lvl in parsed.items[0].groups.items() if lvl.value in ("low", "moderate", "high")}


@pytest.mark.parametrize("item", MENU, ids=lambda it: it.id)
def test_each_menu_name_parses_to_its_groups(item: MenuItem) -> None:
    assert _levels(item.en) == item.groups
    assert _levels(item.zh) == item.groups


@pytest.mark.parametrize("lang", ["en", "zh", "mixed"])
def test_rendered_meals_parse_to_the_union_of_their_foods(lang: str) -> None:
    rng = np.random.default_rng(7)
    for _ in range(40):
        picks = [MENU[i] for i in rng.choice(len(MENU), size=int(rng.integers(1, 5)), replace=False)]
        parsed = parse_meal(meal_text(picks, lang, rng))
        assert len(parsed.items) == len(picks)
        want = {g for it in picks for g, lvl in it.groups.items() if lvl in ("moderate", "high")}
        assert set(parsed.contained()) == want


def test_menu_ids_are_unique_and_hidden_parts_exist() -> None:
    ids = [it.id for it in MENU]
    assert len(ids) == len(set(ids)) >= 60
    assert all(h in ids for it in MENU for h in it.hidden)
