"""What the screen sees of a simulated diary: the logged entries as engine inputs.

Meals are mapped through the menu (the foods each logged text names, hidden ingredients only
when written down) rather than through the text parser, so a benchmark measures the statistics,
not the parser.
"""

from __future__ import annotations

from zonula.analysis.diary_input import covariates_from_entries
from zonula.analysis.dose import occasion_dose, portion_weight
from zonula.analysis.inputs import MealOccasion, ScreeningInput
from zonula.analysis.windows import mechanism_group
from zonula.simulation.menu import BY_ID, MENU
from zonula.simulation.simulate import SimulatedDiary


def screening_input(diary: SimulatedDiary) -> ScreeningInput:
    """The engine input built from what the simulated person logged."""
    meals = []
    for meal in diary.logged_meals:
        items = [BY_ID[i] for i in meal.items]
        levels: dict[str, list[str]] = {}
        for it in items:
            for group, level in it.groups.items():
                levels.setdefault(group, []).append(level)
        groups = {g: occasion_dose(meal.portion, lv) for g, lv in levels.items()}
        foods = {it.id: portion_weight(meal.portion) for it in items}
        meals.append(MealOccasion(meal.at, {g: d for g, d in groups.items() if d > 0}, foods))
    cov = covariates_from_entries(diary.entries)
    windows = {it.id: g for it in MENU if (g := mechanism_group(it.groups)) is not None}
    names = {it.id: it.en for it in MENU}
    return ScreeningInput(tuple(meals), cov.ratings, cov.stress, cov.sleep, cov.menstruation_days,
                          cov.nsaid_days, windows, names)
