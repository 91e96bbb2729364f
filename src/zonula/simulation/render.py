"""Meal texts in English, Chinese or a mix, as a diarist would type them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from zonula.simulation.menu import MenuItem

LANGUAGES = ("en", "zh", "mixed")


def item_name(item: MenuItem, lang: str, rng: np.random.Generator) -> str:
    """The item's name in `en`, `zh`, or either at random for `mixed`."""
    if lang == "zh" or (lang == "mixed" and rng.random() < 0.5):
        return item.zh
    return item.en


def meal_text(items: Sequence[MenuItem], lang: str, rng: np.random.Generator) -> str:
    """Join dish names: "toast, milk and apple", "吐司、牛奶和苹果", or a mix of the two."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (one of {', '.join(LANGUAGES)})")
    names = [item_name(it, lang, rng) for it in items]
    if len(names) == 1:
        return names[0]
    if lang == "zh":
        return "、".join(names[:-1]) + "和" + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]
