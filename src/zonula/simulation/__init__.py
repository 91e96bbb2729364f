"""Diary simulator (pure numpy): people, habits, triggers, symptoms and what gets logged (§3)."""

from zonula.simulation.drivers import DietContext, DietDriver, HabitualDiet, Occasion
from zonula.simulation.observe import LoggedMeal
from zonula.simulation.params import SCENARIOS, ScenarioParams, scenario
from zonula.simulation.person import Person, Trigger, sample_person
from zonula.simulation.simulate import SimulatedDiary, simulate

__all__ = [
    "SCENARIOS",
    "DietContext",
    "DietDriver",
    "HabitualDiet",
    "LoggedMeal",
    "Occasion",
    "Person",
    "ScenarioParams",
    "SimulatedDiary",
    "Trigger",
    "sample_person",
    "scenario",
    "simulate",
]
