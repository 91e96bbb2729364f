"""What the screen sees of a simulated diary: the logged entries as engine inputs.

Meals are mapped through the menu (the foods each logged text names, hidden ingredients only
when written down) rather than through the text parser, so a benchmark measures the statistics,
not the parser.
"""

from __future__ import annotations

from zonula.analysis.dose import occasion_dose, portion_weight
from zonula.analysis.inputs import MealOccasion, Measurement, Rating, ScreeningInput
from zonula.analysis.periods import diary_date
from zonula.analysis.windows import mechanism_group
from zonula.domain.drugs import DrugClass, classify_drug
from zonula.domain.entries import EntryKind
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
    ratings, stress, sleep = [], [], []
    menses, nsaid = set(), set()
    for e in diary.entries:
        if e.kind is EntryKind.SYMPTOM and e.value is not None:
            ratings.append(Rating(e.at, e.name, e.value))
        elif e.kind is EntryKind.STRESS and e.value is not None:
            stress.append(Measurement(e.at, e.value))
        elif e.kind is EntryKind.SLEEP and e.value is not None:
            sleep.append(Measurement(e.at, e.value))
        elif e.kind is EntryKind.MENSTRUATION:
            menses.add(diary_date(e.at))
        elif e.kind is EntryKind.MEDICATION and classify_drug(e.name) is DrugClass.NSAID:
            nsaid.add(diary_date(e.at))
    windows = {it.id: g for it in MENU if (g := mechanism_group(it.groups)) is not None}
    names = {it.id: it.en for it in MENU}
    return ScreeningInput(tuple(meals), tuple(ratings), tuple(stress), tuple(sleep), frozenset(menses),
                          frozenset(nsaid), windows, names)
